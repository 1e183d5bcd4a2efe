"""Headless Chromium for the workshop tests: a small DevTools client, and a page to drive."""

# Chromium (Debian's `chromium`) is driven over the DevTools protocol with aiohttp's WebSocket
# client, which the web extra brings.

from __future__ import annotations

import asyncio
import contextlib
import json
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from .build_helpers import CHROMIUM, HEADLESS_FLAGS
from .serve_helpers import LOOPBACK, stop

WEB_EXTRA_MISSING = "the web extra is not installed: pip install -e '.[dev,web]'"
BROWSER_MARKS = [
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="headless Chromium is not installed (Debian: apt-get install -y chromium)",
    ),
    pytest.mark.skipif(
        sys.platform != "linux", reason="follows the app processes through Linux's /proc"
    ),
]
"""A module of browser tests is skipped, with the reason, where it cannot run."""
STEP_TIMEOUT = 20.0
"""Seconds any one step may take; a whole test takes a few seconds when all is well."""

CHROMIUM_FLAGS = [
    *HEADLESS_FLAGS,
    "--mute-audio",
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
    "Escape": {"key": "Escape", "code": "Escape", "windowsVirtualKeyCode": 27},
    "ctrl+q": {"key": "q", "code": "KeyQ", "windowsVirtualKeyCode": 81, "modifiers": 2},
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

    async def type_keys(self, text: str) -> None:
        """Type `text` key by key, each a key press with its character (as a keyboard does)."""
        for char in text:
            await self.send("Input.dispatchKeyEvent", type="keyDown", key=char, text=char)
            await self.send("Input.dispatchKeyEvent", type="keyUp", key=char)

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


@contextlib.asynccontextmanager
async def chromium_page(tmp_path: Path, width: int, height: int) -> AsyncIterator[DevTools]:
    """Headless Chromium with a fresh profile in `tmp_path`, and a DevTools connection to its
    page; its window `width` × `height`."""
    import aiohttp

    tmp_path.mkdir(parents=True, exist_ok=True)
    profile = tmp_path / "profile"
    log = (tmp_path / "chromium.log").open("wb")
    chromium = subprocess.Popen(
        [
            str(CHROMIUM),
            *CHROMIUM_FLAGS,
            f"--window-size={width},{height}",
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
