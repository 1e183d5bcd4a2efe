"""A team round in the workshop: three members join from their own browsers by the round's code,
answer alone, and the facilitator's round sees their counts; nothing else is within reach."""

# Three headless Chromiums (three profiles: three people's own browsers) against one
# `cocreate serve`; skipped, with the reason, without Chromium or the web extra.
# COCREATE_UPDATE_SCREENSHOTS=1 also writes the README's docs/screenshots/round-participant.png.

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from contextlib import AsyncExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.round_store import RoundStore

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
SCREENSHOT = REPO / "docs" / "screenshots" / "round-participant.png"
WIDTH, HEIGHT = 900, 700
TEAM, OTHER_TEAM = "Bolig for alle", "Helsestasjonen"
STATUS = [sys.executable, "-m", "cocreate_tui", "round", "status"]
ANSWERS = {"Kari": "123", "Ola": "44", "Siri": "2"}
"""Option numbers each member presses, one per question, from the first."""


async def open_page(devtools: DevTools) -> None:
    await devtools.send("Network.enable")
    await devtools.send("Page.enable")
    await devtools.send("Page.addScriptToEvaluateOnNewDocument", source=SCREEN_TAP)
    await devtools.send(
        "Emulation.setDeviceMetricsOverride",
        width=WIDTH,
        height=HEIGHT,
        deviceScaleFactor=1,
        mobile=False,
    )


async def body_text(devtools: DevTools) -> str:
    return str(await devtools.evaluate("document.body ? document.body.innerText : ''"))


async def join_by_code(devtools: DevTools, served: Served, code: str) -> None:
    """Open the participants' address, type the code in its form, and send it."""
    await devtools.send("Page.navigate", url=served.join_url)
    await poll(lambda: devtools.evaluate("!!document.querySelector('#code')"), "the join form")
    await devtools.evaluate("document.querySelector('#code').focus()")
    await devtools.type_text(code.lower())  # as typed on a phone; the code is not case-bound
    await devtools.press("Enter")


async def fetch_status(devtools: DevTools, path: str) -> int:
    """The status the page's own browser gets for `path` on the server, cookies and all."""
    expression = f"fetch({path!r}, {{redirect: 'manual'}}).then(r => r.status)"
    result = await devtools.send(
        "Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True
    )
    return int(result["result"]["value"])


def round_status(data: Path, code: str) -> dict[str, Any]:
    """`cocreate round status CODE --json`: what the facilitator's side reads."""
    done = subprocess.run(
        [*STATUS, code, "--json", "--data-dir", str(data)],
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(done.stdout))


async def test_three_members_join_by_code_answer_and_reach_nothing_else(
    shipped_bank: Bank, tmp_path: Path
) -> None:
    async with serving(tmp_path) as served, AsyncExitStack() as stack:
        rounds = RoundStore(served.data)
        now = datetime.now(UTC)
        code = rounds.create(TEAM, shipped_bank, now).code
        # Another team's round in the same folder, with a member who has answered.
        other = rounds.create(OTHER_TEAM, shipped_bank, now).code
        _, theirs = rounds.join(other, "Nina", shipped_bank, now)
        first = shipped_bank.questions[0]
        rounds.sessions.save(theirs.with_answer(first.id, value=first.options[0].value, now=now))

        browsers = {}
        for name in ANSWERS:
            page = chromium_page(tmp_path / name.lower(), WIDTH, HEIGHT)
            browsers[name] = await stack.enter_async_context(page)
            await open_page(browsers[name])

        # A wrong code is refused with a page that says so, and gives the form again.
        kari = browsers["Kari"]
        await join_by_code(kari, served, "ZZZZZZ")

        async def refused() -> str | None:
            text = await body_text(kari)
            return text if "ZZZZZZ" in text else None

        refusal = await poll(refused, "the refusal page")
        assert "Ingen teamrunde her har koden «ZZZZZZ»" in refusal
        assert "No team round here has the code «ZZZZZZ»" in refusal
        assert await kari.evaluate("!!document.querySelector('#code')")
        async with aiohttp.ClientSession() as http:
            # The participants' key alone, without a code, opens no page of the app.
            async with http.get(f"{served.origin}/r/") as response:
                assert response.status == 403
            wrong_key = f"{served.origin}/join/{code}?key=ABCDEFGHJKMN"
            async with http.get(wrong_key, allow_redirects=False) as response:
                assert response.status == 403
                assert "Ingen tilgang" in await response.text()
            async with http.get(
                f"{served.join_url}&code=ZZZZZZ", allow_redirects=False
            ) as response:
                assert response.status == 403

        total = len(shipped_bank.questions)

        async def answer(name: str, devtools: DevTools, typed: str | None = None) -> None:
            await join_by_code(devtools, served, code)
            await poll(
                lambda: devtools.evaluate("location.pathname === '/r/'"), f"{name}'s round page"
            )
            await devtools.wait_for_screen("Skriv navnet ditt")
            await poll(
                lambda: devtools.evaluate("document.body.classList.contains('-first-byte')"),
                "the terminal to be shown",
            )
            await devtools.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
            if typed is not None:
                # Someone else's name: refused, and their answers stay closed.
                mark = len(await devtools.screen_text())
                await devtools.type_keys(typed)
                await devtools.press("Enter")
                await devtools.wait_for_screen(f"allerede med i runden som «{typed}»", mark)
            mark = len(await devtools.screen_text())
            await devtools.type_keys(name)
            await devtools.press("Enter")
            await devtools.wait_for_screen(f"Besvart 0 av {total}", mark)
            for answered, key in enumerate(ANSWERS[name], start=1):
                mark = len(await devtools.screen_text())
                await devtools.press(key)
                await devtools.wait_for_screen(f"Besvart {answered} av {total}", mark)

        await answer("Kari", kari)
        await answer("Ola", browsers["Ola"])
        await answer("Siri", browsers["Siri"], typed="Kari")

        # The facilitator's side sees each member's count, and only counts.
        expected = {name: len(keys) for name, keys in ANSWERS.items()}

        async def counts() -> dict[str, int] | None:
            status = round_status(served.data, code)
            found = {m["name"]: m["answered"] for m in status["members"]}
            return found if found == expected else None

        try:
            await poll(counts, "the round's status to show the three members' counts")
        except pytest.fail.Exception:
            pytest.fail(f"the round's status: {round_status(served.data, code)}")
        status = round_status(served.data, code)
        assert status["state"] == "answering"
        assert {m["total"] for m in status["members"]} == {total}

        # Before the reveal no member's page has shown another member's name or answers (Siri
        # typed «Kari» herself); and none showed anything of the other round.
        for name, devtools in browsers.items():
            seen = await devtools.screen_text()
            typed_here = {name, "Kari"} if name == "Siri" else {name}
            others = [n for n in ANSWERS if n not in typed_here] + ["Nina", OTHER_TEAM]
            assert not [n for n in others if n in seen], f"{name}'s page showed {others}"
            assert TEAM in seen and code in seen

        shot = await browsers["Ola"].send("Page.captureScreenshot", format="png")
        png = base64.b64decode(shot["data"])
        assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
        (tmp_path / "round-participant.png").write_bytes(png)
        if os.environ.get("COCREATE_UPDATE_SCREENSHOTS") == "1":
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            SCREENSHOT.write_bytes(png)

        # A member's browser reaches neither the wizard (start screen, saved list), nor its
        # downloads: only the round's own page under /r/.
        ola = browsers["Ola"]
        for path in ("/", "/ws", "/static/js/textual.js", "/download/anything"):
            assert await fetch_status(ola, path) == 403, path
        assert await fetch_status(ola, "/r/") == 200
        assert await ola.evaluate("document.cookie") == ""
        # Their cookie names this round, signed: changed to name the other round, it opens
        # nothing at all.
        cookies = (await ola.send("Network.getCookies", urls=[f"{served.origin}/r/"]))["cookies"]
        [cookie] = [c for c in cookies if c["name"].startswith("cocreate-p-")]
        assert cookie["httpOnly"] and cookie["path"] == "/r/"
        assert cookie["value"].startswith(f"{code}.")
        forged = other + cookie["value"][len(code) :]
        await ola.send(
            "Network.setCookie",
            name=cookie["name"],
            value=forged,
            url=f"{served.origin}/r/",
            path="/r/",
            httpOnly=True,
        )
        assert await fetch_status(ola, "/r/") == 403
        # Every request the members' pages made stayed on this server, and none carried the
        # facilitator's token.
        for devtools in browsers.values():
            urls = devtools.request_urls()
            assert [u for u in urls if served.token in u] == []
            assert [u for u in urls if urlsplit(u).hostname != LOOPBACK] == []

        # Leaving ends the member's app; their answers are saved.
        running = len(served.app_processes())
        await browsers["Siri"].press("Escape")
        await browsers["Siri"].wait_for_screen("Besvart 1 av")
        await browsers["Siri"].press("ctrl+q")

        async def one_fewer() -> bool:
            return len(served.app_processes()) == running - 1

        await poll(one_fewer, "Siri's app to end")
        assert round_status(served.data, code)["members"][2]["answered"] == 1
