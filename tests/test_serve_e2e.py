"""Workshop mode end to end: `cocreate serve`, and headless Chromium typing a short assessment."""

# Chromium (Debian's `chromium`) is driven over the DevTools protocol with aiohttp's WebSocket
# client, which the web extra brings; skipped, with the reason, without Chromium or the extra.
# COCREATE_UPDATE_SCREENSHOTS=1 also writes the README's docs/screenshots/workshop-browser.png.

from __future__ import annotations

import base64
import json
import os
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from cocreate_tui.domain.bank_models import Bank

from .chromium_helpers import (
    BROWSER_MARKS,
    SCREEN_TAP,
    WEB_EXTRA_MISSING,
    DevTools,
    chromium_page,
    poll,
)
from .serve_helpers import LOOPBACK, Served, serving

aiohttp = pytest.importorskip("aiohttp", reason=WEB_EXTRA_MISSING)
pytest.importorskip("textual_serve", reason=WEB_EXTRA_MISSING)
pytestmark = BROWSER_MARKS

REPO = Path(__file__).resolve().parents[1]
SCREENSHOT = REPO / "docs" / "screenshots" / "workshop-browser.png"
WIDTH, HEIGHT = 1280, 800
TEAM = "Flyktningtjenesten Larvik"


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
    async with chromium_page(tmp_path, WIDTH, HEIGHT) as devtools:
        yield devtools


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
