"""Workshop mode end to end: `cocreate serve`, and headless Chromium typing a short assessment."""

# Chromium (Debian's `chromium`) is driven over the DevTools protocol with aiohttp's WebSocket
# client, which the web extra brings; skipped, with the reason, without Chromium or the extra.
# COCREATE_UPDATE_SCREENSHOTS=1 also writes the README's docs/screenshots/workshop-browser.png.

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from cocreate_tui.domain.bank_models import Bank

from .build_helpers import CHROMIUM, HEADLESS_FLAGS
from .serve_helpers import LOOPBACK, Served, serving, stop

aiohttp = pytest.importorskip(
    "aiohttp", reason="the web extra is not installed: pip install -e '.[dev,web]'"
)
pytest.importorskip(
    "textual_serve", reason="the web extra is not installed: pip install -e '.[dev,web]'"
)

pytestmark = [
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="headless Chromium is not installed (Debian: apt-get install -y chromium)",
    ),
    pytest.mark.skipif(
        sys.platform != "linux", reason="follows the app processes through Linux's /proc"
    ),
]

REPO = Path(__file__).resolve().parents[1]
SCREENSHOT = REPO / "docs" / "screenshots" / "workshop-browser.png"
WIDTH, HEIGHT = 1280, 800
STEP_TIMEOUT = 20.0
"""Seconds any one step may take; the whole test takes a few seconds when all is well."""
TEAM = "Flyktningtjenesten Larvik"

CHROMIUM_FLAGS = [
    *HEADLESS_FLAGS,
    "--mute-audio",
    f"--window-size={WIDTH},{HEIGHT}",
    # A request to any other host fails at once instead of leaving the machine; the Network
    # events below still record that the page tried.
    f"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {LOOPBACK}",
]

SCREEN_TAP = r"""
(() => {
  // Keep what the app writes to the terminal as plain text, so the test can wait for what
  // is on screen: xterm.js draws on a canvas, and its text is not in the DOM.
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  const escapes = /\x1b\[[0-?]*[ -\/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
  window.__screenText = "";
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (typeof event.data !== "string") {
          const text = decoder.decode(new Uint8Array(event.data), { stream: true });
          window.__screenText += text.replace(escapes, " ");
        }
      });
    }
  };
})();
"""

KEYS: dict[str, dict[str, Any]] = {
    "Enter": {"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "text": "\r"},
    "Tab": {"key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9},
    "n": {"key": "n", "code": "KeyN", "windowsVirtualKeyCode": 78, "text": "n"},
    **{
        digit: {"key": digit, "code": f"Digit{digit}", "windowsVirtualKeyCode": 48 + int(digit)}
        | {"text": digit}
        for digit in "0123456789"
    },
}
"""Key presses as Chromium's DevTools protocol describes them (what a real keyboard sends)."""


async def poll(
    condition: Callable[[], Awaitable[Any]], what: str, timeout: float = STEP_TIMEOUT
) -> Any:
    """Wait until `condition()` returns something truthy, and return it; fail after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        result = await condition()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")
        await asyncio.sleep(0.05)


@dataclass
class DevTools:
    """A minimal DevTools protocol client for one page, over aiohttp's WebSocket client."""

    socket: Any
    events: list[dict[str, Any]] = field(default_factory=list)
    _pending: dict[int, asyncio.Future[dict[str, Any]]] = field(default_factory=dict)
    _next_id: int = 0

    async def read(self) -> None:
        async for message in self.socket:
            data = json.loads(message.data)
            future = self._pending.pop(data.get("id", -1), None)
            if future is None:
                self.events.append(data)
            elif "error" in data:
                future.set_exception(AssertionError(f"DevTools: {data['error']}"))
            else:
                future.set_result(data.get("result", {}))

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._pending[self._next_id] = future
        await self.socket.send_json({"id": self._next_id, "method": method, "params": params})
        return await asyncio.wait_for(future, STEP_TIMEOUT)

    async def evaluate(self, expression: str) -> Any:
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    async def press(self, name: str) -> None:
        key = KEYS[name]
        await self.send("Input.dispatchKeyEvent", type="keyDown", **key)
        await self.send(
            "Input.dispatchKeyEvent", type="keyUp", **{k: key[k] for k in key if k != "text"}
        )

    async def type_text(self, text: str) -> None:
        await self.send("Input.insertText", text=text)

    async def screen_text(self) -> str:
        return str(await self.evaluate("window.__screenText || ''"))

    async def wait_for_screen(self, text: str, after: int = 0) -> None:
        """Wait until the app has written `text` to the terminal since offset `after`."""
        seen = ""
        # Colours and cursor moves became spaces: compare with runs of spaces squeezed.
        wanted = " ".join(text.split())

        async def shown() -> bool:
            nonlocal seen
            seen = " ".join((await self.screen_text())[after:].split())
            return wanted in seen

        try:
            await poll(shown, f"«{text}» on the page")
        except pytest.fail.Exception:
            # What the app did draw, without its escape codes, says where the keys went.
            pytest.fail(f"«{text}» never appeared; the page showed: …{seen[-1500:]}")

    def request_urls(self) -> list[str]:
        """Every URL the page asked for: documents, files, fetches and WebSockets."""
        urls = []
        for event in self.events:
            params = event.get("params", {})
            if event.get("method") == "Network.requestWillBeSent":
                urls.append(params["request"]["url"])
            elif event.get("method") == "Network.webSocketCreated":
                urls.append(params["url"])
        return urls


@pytest.fixture
async def served(tmp_path: Path) -> AsyncIterator[Served]:
    """`cocreate serve` on a free loopback port with an empty data dir."""
    async with serving(tmp_path) as server:
        assert f"cocreate serve: åpne {server.url} i en nettleser. Ctrl+C stopper." in (
            server.output()
        )
        yield server


@pytest.fixture
async def browser(tmp_path: Path) -> AsyncIterator[DevTools]:
    """Headless Chromium with a fresh profile, and a DevTools connection to its page."""
    profile = tmp_path / "profile"
    log = (tmp_path / "chromium.log").open("wb")
    chromium = subprocess.Popen(
        [
            str(CHROMIUM),
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",
            "about:blank",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:

        async def debugging_port() -> str | None:
            assert chromium.poll() is None, (tmp_path / "chromium.log").read_text()[-2000:]
            active = profile / "DevToolsActivePort"
            lines = active.read_text().split("\n") if active.exists() else []
            return lines[0] if len(lines) >= 2 and lines[0] else None

        port = await poll(debugging_port, "Chromium's DevTools port")
        async with aiohttp.ClientSession() as http:

            async def page_socket_url() -> str | None:
                async with http.get(f"http://{LOOPBACK}:{port}/json/list") as response:
                    targets = await response.json()
                pages = [t for t in targets if t.get("type") == "page"]
                return pages[0]["webSocketDebuggerUrl"] if pages else None

            url = await poll(page_socket_url, "Chromium's page")
            async with http.ws_connect(url, max_msg_size=0) as ws:
                devtools = DevTools(ws)
                reader = asyncio.create_task(devtools.read())
                try:
                    yield devtools
                finally:
                    reader.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await reader
    finally:
        stop(chromium)
        log.close()


async def test_a_team_answers_in_the_browser_and_the_session_is_saved(
    served: Served, browser: DevTools, shipped_bank: Bank, tmp_path: Path
) -> None:
    url, data = served.url, served.data
    await browser.send("Network.enable")
    await browser.send("Page.enable")
    await browser.send("Page.addScriptToEvaluateOnNewDocument", source=SCREEN_TAP)
    await browser.send(
        "Emulation.setDeviceMetricsOverride",
        width=WIDTH,
        height=HEIGHT,
        deviceScaleFactor=1,
        mobile=False,
    )

    started = time.monotonic()
    await browser.send("Page.navigate", url=url)
    # Usable: the start screen has arrived and the page has shown the terminal.
    await browser.wait_for_screen("Start en ny vurdering")
    await poll(
        lambda: browser.evaluate("document.body.classList.contains('-first-byte')"),
        "the terminal to be shown",
    )
    usable = time.monotonic() - started
    print(f"\nworkshop page usable after {usable:.2f} s")
    # The token came once: it is a cookie now that the page's script cannot read, and the
    # address bar (history, a projected screen) shows the address without it.
    assert await browser.evaluate("location.href") == f"{served.origin}/"
    assert await browser.evaluate("document.cookie") == ""

    # Keyboard only: xterm.js takes keys through its hidden text field.
    await browser.evaluate("document.querySelector('.xterm-helper-textarea').focus()")

    async def step(keys: list[str], expect: str) -> None:
        mark = len(await browser.screen_text())
        for key in keys:
            await browser.press(key)
        await browser.wait_for_screen(expect, mark)

    await step(["n"], "Ny vurdering")
    mark = len(await browser.screen_text())
    await browser.type_text(TEAM)
    await browser.wait_for_screen(TEAM, mark)
    await step(["Enter"], "Før dere begynner")
    total = len(shipped_bank.questions)
    await step(["Enter"], f"Besvart 0 av {total}")
    # Option 1 of the first question, 2 of the second, 3 of the third; each moves on by itself.
    chosen = ["1", "2", "3"]
    for answered, key in enumerate(chosen, start=1):
        await step([key], f"Besvart {answered} av {total}")

    questions = shipped_bank.questions[: len(chosen)]
    expected = {
        q.id: q.options[int(key) - 1].value for q, key in zip(questions, chosen, strict=True)
    }

    async def saved_session() -> dict[str, Any] | None:
        files = list((data / "sessions").glob("*.json"))
        if len(files) != 1:
            return None
        session = json.loads(files[0].read_text(encoding="utf-8"))
        answers = {
            k: a["value"]
            for k, a in session["answers"].items()
            if a["value"] is not None or a["unknown"]
        }
        return session if answers == expected else None

    session = await poll(saved_session, "the session file with the three answers")
    assert session["meta"]["team"] == TEAM
    assert session["status"] == "in_progress"
    assert session["language"] == "nb"

    shot = await browser.send("Page.captureScreenshot", format="png")
    png = base64.b64decode(shot["data"])
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 20_000
    (tmp_path / "workshop-browser.png").write_bytes(png)
    if os.environ.get("COCREATE_UPDATE_SCREENSHOTS") == "1":
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        SCREENSHOT.write_bytes(png)

    # The page's own font, served from here, is the one the terminal uses.
    assert await browser.evaluate(
        "[...document.fonts].some(f => f.family.includes('Roboto Mono') && f.status === 'loaded')"
    )
    requests = browser.request_urls()
    assert any(u.endswith("/static/js/textual.js") for u in requests)
    assert any(urlsplit(u).scheme == "ws" for u in requests)
    assert [u for u in requests if served.token in u] == [url]
    elsewhere = [u for u in requests if urlsplit(u).hostname != LOOPBACK]
    assert elsewhere == [], f"the page asked other hosts: {elsewhere}"

    # A note typed just before the tab is closed is saved all the same (notes are saved after
    # a pause in typing; closing the tab must not lose the last words).
    note = "Leder er med, men vi har ikke snakket om kontroll"
    # In the note the digits type text, so the footer stops offering them: the focus is there.
    await step(["Tab"], "f2 Hvorfor?")
    mark = len(await browser.screen_text())
    await browser.type_text(note)
    await browser.wait_for_screen(note, mark)
    assert served.app_processes(), "no app process while the page is open"
    await browser.send("Page.navigate", url="about:blank")

    # Leaving the page ends that tab's app process.
    async def app_ended() -> bool:
        return not served.app_processes()

    await poll(app_ended, "the tab's app process to end")
    session = await saved_session()
    assert session is not None
    assert session["answers"][shipped_bank.questions[len(chosen)].id]["note"] == note
