"""Shared by tests that run a real `cocreate serve`: start it, read its address, end it."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LOOPBACK = "127.0.0.1"
START_TIMEOUT = 30.0
"""Seconds `cocreate serve` may take to listen, on a machine others are loading too."""
ADDRESS = re.compile(r"http://127\.0\.0\.1:(?P<port>\d+)/\?token=(?P<token>[A-Za-z0-9_-]{40,})")
"""The address the server prints, with its token."""
JOIN_ADDRESS = re.compile(r"http://127\.0\.0\.1:\d+/join\?key=(?P<key>[A-Z2-9]{12})")
"""The participants' address the server prints, with their key."""


def free_port() -> int:
    """A TCP port on the loopback address that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


def stop(process: subprocess.Popen[bytes]) -> int:
    """End a process group this test started: politely, then firmly. Returns the exit code."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            return process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
    return process.wait(timeout=10)


def children(pid: int) -> list[int]:
    """The processes `pid` started (Linux's /proc)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(p) for p in (task / "children").read_text().split()]
    return found


def descendants(pid: int) -> list[int]:
    """Every process below `pid`: its children, theirs, and so on."""
    below = children(pid)
    return below + [grandchild for child in below for grandchild in descendants(child)]


def command_line(pid: int) -> str:
    """A process's command line, spaces between its words; "" once it has ended."""
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    return ""


def rss_kib(pid: int) -> int:
    """Resident memory of one process in KiB; 0 once it has ended."""
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


@dataclass
class Served:
    """A running `cocreate serve`, and the address it printed."""

    url: str
    """The printed address, token included."""
    token: str
    port: int
    data: Path
    process: subprocess.Popen[bytes]
    log: Path
    key: str = ""
    """The participants' key, from the printed join address."""

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def origin(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def join_url(self) -> str:
        """The participants' entrance, with their key (never the token)."""
        return f"{self.origin}/join?key={self.key}"

    def app_processes(self) -> list[int]:
        """The app processes textual-serve started for browser tabs."""
        return children(self.pid)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextlib.asynccontextmanager
async def serving(tmp_path: Path, *options: str) -> AsyncIterator[Served]:
    """`cocreate serve` on a free loopback port with an empty data dir, ended on the way out.

    On the way out it must have ended cleanly (as on Ctrl+C), without a traceback.
    """
    data, port, log_path = tmp_path / "data", free_port(), tmp_path / "serve.log"
    script = Path(sys.executable).with_name("cocreate")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "cocreate_tui"]
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [*command, "serve", "--port", str(port), "--data-dir", str(data), *options],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            output = log_path.read_text(encoding="utf-8", errors="replace")
            assert server.poll() is None, output
            # The banner comes once the port is open, so a facilitator can open the page at once.
            found = ADDRESS.search(output)
            joining = JOIN_ADDRESS.search(output)
            if found and found["port"] == str(port) and joining:
                break
            assert time.monotonic() < deadline, f"no address printed: {output}"
            await asyncio.sleep(0.05)
        yield Served(found[0], found["token"], port, data, server, log_path, joining["key"])
    finally:
        code = stop(server)
    output = log_path.read_text(encoding="utf-8", errors="replace")
    # SIGTERM is how a facilitator's Ctrl+C ends it too: a clean exit, no traceback.
    assert code == 0, output
    assert "Traceback" not in output, output


async def let_in(http: Any, served: Served) -> dict[str, str]:
    """Open the printed address with aiohttp's `http` session, as a browser would; the headers
    a WebSocket from the page then carries (its Origin and the cookie the token became)."""
    async with http.get(served.url, allow_redirects=False) as response:
        assert response.status == 303, await response.text()
        (name, cookie), *_ = response.cookies.items()
    return {"Origin": served.origin, "Cookie": f"{name}={cookie.value}"}


async def first_screen(ws: Any, timeout: float = 60.0) -> int:
    """Read a tab's WebSocket until its app has drawn its first screen; the bytes it took."""
    import aiohttp

    drawn = 0
    while drawn < 2000:
        message = await ws.receive(timeout=timeout)
        assert message.type == aiohttp.WSMsgType.BINARY, message
        drawn += len(message.data)
    return drawn
