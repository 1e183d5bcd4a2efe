"""`cocreate serve` on a shared machine: 50 tabs against the cap, and another account's view."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .serve_helpers import descendants, first_screen, let_in, rss_kib, serving

aiohttp = pytest.importorskip(
    "aiohttp", reason="the web extra is not installed: pip install -e '.[dev,web]'"
)
pytest.importorskip(
    "textual_serve", reason="the web extra is not installed: pip install -e '.[dev,web]'"
)

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="follows the app processes through Linux's /proc"
)

CAP = 8
TABS = 50
MARGIN = 1.5
"""How far the apps' memory may grow past the first app's while they all draw their screens."""


async def wait_until_gone(served: Any) -> None:
    deadline = asyncio.get_running_loop().time() + 30
    while served.app_processes():
        assert asyncio.get_running_loop().time() < deadline, "apps outlived their tabs"
        await asyncio.sleep(0.05)


async def test_fifty_tabs_against_a_cap_of_eight_take_eight_apps_of_memory(
    tmp_path: Path,
) -> None:
    async with (
        serving(tmp_path, "--max-sessions", str(CAP)) as served,
        aiohttp.ClientSession() as http,
    ):
        headers = await let_in(http, served)
        url = f"{served.origin}/ws?width=100&height=30"
        sockets = []
        try:
            # One tab alone: what one app costs, with everything below it.
            sockets.append(await http.ws_connect(url, headers=headers))
            await first_screen(sockets[0])
            [app] = served.app_processes()
            per_app = sum(rss_kib(pid) for pid in [app, *descendants(app)])

            # The other 49 at once, as a page reloaded in a loop or 50 tabs would.
            tries = await asyncio.gather(
                *(http.ws_connect(url, headers=headers) for _ in range(TABS - 1)),
                return_exceptions=True,
            )
            sockets += [t for t in tries if isinstance(t, aiohttp.ClientWebSocketResponse)]
            refused = [t for t in tries if isinstance(t, aiohttp.WSServerHandshakeError)]
            assert len(sockets) == CAP, tries
            assert len(refused) == TABS - CAP
            assert {error.status for error in refused} == {503}
            await asyncio.gather(*(first_screen(ws) for ws in sockets[1:]))

            assert len(served.app_processes()) == CAP
            total = sum(rss_kib(pid) for pid in descendants(served.pid))
            server = rss_kib(served.pid)
            print(
                f"\none app {per_app / 1024:.0f} MiB; {TABS} tabs, cap {CAP}: "
                f"{len(served.app_processes())} apps, {total / 1024:.0f} MiB below the server "
                f"(server itself {server / 1024:.0f} MiB)"
            )
            # Without the cap, 50 apps would take some 50 times one app.
            assert total <= CAP * per_app * MARGIN
            # A full server says so on the page too.
            async with http.get(served.origin + "/", headers=headers) as page:
                assert page.status == 503
                assert "Alle plassene er i bruk" in await page.text()
        finally:
            await asyncio.gather(*(ws.close() for ws in sockets))
        # Closing the tabs ends their apps.
        await wait_until_gone(served)


AS_NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
"""Run as nobody: an account with no claim on the facilitator's files or processes."""
PROBE = r"""
import json, sys, urllib.error, urllib.request
origin, token, pids = sys.argv[1], sys.stdin.read(), sys.argv[2:]
seen = {}
for path in ("/", "/static/js/textual.js", "/static/"):
    try:
        with urllib.request.urlopen(origin + path, timeout=10) as response:
            seen[path] = response.status
    except urllib.error.HTTPError as error:
        seen[path] = error.code
# The WebSocket handshake, as a page of this origin would send it (without the cookie).
request = urllib.request.Request(origin + "/ws", headers={
    "Origin": origin, "Connection": "Upgrade", "Upgrade": "websocket",
    "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
})
try:
    with urllib.request.urlopen(request, timeout=10) as response:
        seen["/ws"] = response.status
except urllib.error.HTTPError as error:
    seen["/ws"] = error.code
# Where else the token might be found: the processes' command lines and environments.
found = []
for pid in pids:
    for part in ("cmdline", "environ"):
        try:
            with open(f"/proc/{pid}/{part}", "rb") as file:
                if token.encode() in file.read():
                    found.append(f"{pid}/{part}")
        except OSError:
            pass
print(json.dumps({"seen": seen, "found": found}))
"""


@pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="becoming another account takes root and setpriv (util-linux)",
)
async def test_another_account_on_this_machine_gets_nothing(tmp_path: Path) -> None:
    async with serving(tmp_path) as served, aiohttp.ClientSession() as http:
        # With a tab open, so that an app process is there to look at too.
        async with http.ws_connect(
            f"{served.origin}/ws?width=100&height=30", headers=await let_in(http, served)
        ) as ws:
            await first_screen(ws)
            pids = [served.pid, *descendants(served.pid)]
            assert len(pids) >= 2
            probe = await asyncio.to_thread(
                subprocess.run,
                [*AS_NOBODY, "/usr/bin/python3", "-I", "-c", PROBE, served.origin]
                + [str(pid) for pid in pids],
                input=served.token,
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
        assert probe.returncode == 0, probe.stderr
        result = json.loads(probe.stdout)
        assert result["seen"] == {
            "/": 403,
            "/static/js/textual.js": 403,
            "/static/": 403,
            "/ws": 403,
        }
        assert result["found"] == []
