"""Make the README's screenshot of the wizard in a browser (workshop mode), with the shipped bank.

Starts `cocreate serve` on a free port with an empty data folder, opens its address in headless
Chromium (Debian's `chromium`), answers three questions with the keyboard as a team would, and
saves the page as docs/screenshots/workshop-browser.png. Needs the web extra (textual-serve,
which brings aiohttp: the script speaks to Chromium's DevTools protocol with it). Run it from
the repository: `.venv/bin/python scripts/browser_screenshot.py`.
"""

from __future__ import annotations

import asyncio
import base64
import json
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots" / "workshop-browser.png"
SIZE = (1280, 800)
ANSWERS = "432"
"""Digits for the first questions: the screenshot shows the fourth, about the team's role."""
STARTUP_SECONDS = 30.0


def free_port() -> int:
    """A port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_line(process: subprocess.Popen[str], pattern: str) -> re.Match[str]:
    """The first line `process` prints that matches `pattern`."""
    assert process.stdout is not None
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if found := re.search(pattern, line):
            return found
    raise SystemExit(f"no line matching {pattern!r} within {STARTUP_SECONDS:g} s")


class Page:
    """One Chromium tab, driven over the DevTools protocol."""

    def __init__(self, socket_: aiohttp.ClientWebSocketResponse) -> None:
        self._socket = socket_
        self._sent = 0

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        self._sent += 1
        number = self._sent
        await self._socket.send_json({"id": number, "method": method, "params": params})
        while True:
            message = await self._socket.receive_json()
            if message.get("id") == number:
                return dict(message.get("result", {}))

    async def key(self, key: str, code: str, key_code: int, text: str = "") -> None:
        common = {"key": key, "code": code, "windowsVirtualKeyCode": key_code}
        await self.send("Input.dispatchKeyEvent", type="keyDown", text=text, **common)
        await self.send("Input.dispatchKeyEvent", type="keyUp", **common)
        await asyncio.sleep(0.5)  # the app answers over a WebSocket; no frame event to wait for

    async def type(self, text: str) -> None:
        for character in text:
            await self.send("Input.insertText", text=character)
        await asyncio.sleep(0.5)


async def drive(devtools_port: int, address: str) -> bytes:
    """Open `address`, start an assessment, answer ANSWERS; the page as PNG bytes."""
    async with aiohttp.ClientSession() as http:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                tabs = await (await http.get(f"http://127.0.0.1:{devtools_port}/json")).json()
                break
            except aiohttp.ClientError:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.2)
        async with http.ws_connect(tabs[0]["webSocketDebuggerUrl"], max_msg_size=0) as socket_:
            page = Page(socket_)
            width, height = SIZE
            await page.send(
                "Emulation.setDeviceMetricsOverride",
                width=width,
                height=height,
                deviceScaleFactor=1,
                mobile=False,
            )
            await page.send("Page.navigate", url=address)
            await asyncio.sleep(6)  # the terminal page loads, then the app starts behind it
            for kind in ("mousePressed", "mouseReleased"):  # focus the terminal
                await page.send(
                    "Input.dispatchMouseEvent",
                    type=kind,
                    x=width // 2,
                    y=height - 100,
                    button="left",
                    clickCount=1,
                )
            await page.key("n", "KeyN", 78, "n")
            await asyncio.sleep(1)
            await page.type("Bolig for alle")
            for _ in range(2):  # the form, then the introduction
                await page.key("Enter", "Enter", 13, "\r")
                await asyncio.sleep(1)
            for digit in ANSWERS:
                await page.key(digit, f"Digit{digit}", 48 + int(digit), digit)
            await asyncio.sleep(1.5)
            shot = await page.send("Page.captureScreenshot", format="png")
            return base64.b64decode(shot["data"])


def main() -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("browser_screenshot: Chromium not found (Debian: apt install chromium)")
        return 1
    with tempfile.TemporaryDirectory(prefix="cocreate-shot-") as folder:
        data, port, devtools = Path(folder) / "data", free_port(), free_port()
        serve_command = [sys.executable, "-m", "cocreate_tui", "serve", "--port", str(port)]
        serve = subprocess.Popen(
            [*serve_command, "--data-dir", str(data), "--lang", "nb"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        devtools_options = [
            f"--remote-debugging-port={devtools}",
            f"--user-data-dir={folder}/chromium",
        ]
        browser = subprocess.Popen(
            [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", *devtools_options],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            address = wait_for_line(serve, r"(http://127\.0\.0\.1:\d+/\?token=\S+)").group(1)
            png = asyncio.run(drive(devtools, address))
        finally:
            browser.terminate()
            serve.terminate()
            browser.wait(10)
            serve.wait(10)
    OUT.write_bytes(png)
    print(json.dumps({"wrote": str(OUT), "bytes": len(png)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
