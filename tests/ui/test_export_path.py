"""After an export from the results, the file's path is readable at once: no toast over it."""

from __future__ import annotations

from pathlib import Path

import pytest

from cocreate_tui.domain.bank_models import Bank, Lang
from cocreate_tui.domain.sessions import SessionMeta, new_session
from cocreate_tui.domain.storage import SessionStore
from cocreate_tui.i18n import t
from cocreate_tui.ui.messages import OpenSession
from cocreate_tui.ui.screens.results import ResultsScreen
from cocreate_tui.ui.screens.start import StartScreen

from .conftest import START, AppFactory, wait_for_screen, wait_until
from .screen_text import BOX, screen_lines


@pytest.mark.parametrize("lang", ["nb", "en"])
async def test_the_exported_files_path_is_on_screen_whole_and_uncovered(
    make_app: AppFactory, data_dir: Path, demo_bank: Bank, lang: Lang
) -> None:
    session = new_session(SessionMeta(team="Horten"), demo_bank, START, language=lang)
    for question in demo_bank.questions:
        session = session.with_answer(question.id, 2, now=START)
    session = session.with_status("complete", now=START)
    SessionStore(data_dir).save(session)
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_screen(pilot, StartScreen)
        app.post_message(OpenSession(session.id))
        results = await wait_for_screen(pilot, ResultsScreen)
        await pilot.press("e")
        line = results.query_one("#export-path")
        await wait_until(pilot, lambda: line.display, "exported")
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        [exported] = (data_dir / "exports").glob("*.md")
        region = line.region
        assert region.bottom <= 24 - 2, "above the buttons and the footer"
        rows = screen_lines(app)[region.y : region.bottom]
        shown = "".join(
            BOX.sub("", row[region.x : region.right]).replace("\xa0", " ").strip() for row in rows
        )
        said = t("results_exported", lang).format(path=exported)
        assert shown.replace(" ", "") == said.replace(" ", ""), shown
