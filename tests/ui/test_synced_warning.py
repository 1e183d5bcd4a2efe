"""The start screen warns, in the app's language, when the data folder is synced to a cloud."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from cocreate_tui.domain.bank_models import Bank, Lang
from cocreate_tui.domain.sessions import SessionMeta, new_session
from cocreate_tui.domain.storage import SessionStore
from cocreate_tui.i18n import t
from cocreate_tui.ui.app import CocreateApp
from cocreate_tui.ui.screens.start import StartScreen

from .conftest import START, AppFactory, wait_for_screen, wait_until


def _app(bank: Bank, folder: Path) -> CocreateApp:
    return CocreateApp(bank, SessionStore(folder), folder, cursor_blink=False)


async def test_a_data_folder_in_onedrive_is_named_on_the_start_screen(
    demo_bank: Bank, tmp_path: Path
) -> None:
    folder = tmp_path / "OneDrive - Kommune" / "cocreate"
    app = _app(demo_bank, folder)
    async with app.run_test(size=(100, 30)) as pilot:
        start = await wait_for_screen(pilot, StartScreen)
        text = str(start.query_one("#start-synced-warning", Static).render())
        assert start.query_one("#start-synced-warning").display
        assert not start.query_one("#start-synced-short").display  # room for the whole text
        assert "OneDrive synkroniserer" in text
        assert "taushetsbelagte" in text
        assert "OneDrive - Kommune" in text
        await pilot.press("l")  # nynorsk, then English: the warning follows the language
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        text = str(app.screen.query_one("#start-synced-warning", Static).render())
        assert "OneDrive synchronises" in text


async def test_a_local_data_folder_gets_no_warning(demo_bank: Bank, tmp_path: Path) -> None:
    app = _app(demo_bank, tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        start = await wait_for_screen(pilot, StartScreen)
        assert not start.query("#start-synced-warning")


# --- a short screen: one line, and the sessions to continue still in view ---------------------


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "OneDrive - Kommune" / "cocreate"


def _seed_unfinished(bank: Bank, data_dir: Path, lang: Lang) -> None:
    meta = SessionMeta(team="Flyktningtjenesten Larvik", organisation="Larvik kommune")
    session = new_session(meta, bank, now=START, language=lang)
    question = bank.questions[0]
    answered = session.with_answer(question.id, question.options[1].value, now=START)
    SessionStore(data_dir).save(answered)


async def _unfinished_shown(pilot: Pilot[Any]) -> None:
    start = await wait_for_screen(pilot, StartScreen)
    await wait_until(pilot, lambda: start.query_one("#continue-list").display)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
async def test_at_80x24_the_warning_is_one_line_and_the_unfinished_stay_in_view(
    make_app: AppFactory, demo_bank: Bank, data_dir: Path, lang: Lang
) -> None:
    _seed_unfinished(demo_bank, data_dir, lang)
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await _unfinished_shown(pilot)
        start = app.screen
        assert not start.query_one("#start-synced-warning").display
        short = start.query_one("#start-synced-short", Static)
        assert short.display and short.size.height == 1
        assert str(short.render()) == t("synced_folder_warning_short", lang).format(
            service="OneDrive"
        )
        # The whole text, folder and advice included, is a mouse-over away.
        whole = t("synced_folder_warning", lang).format(folder=data_dir, service="OneDrive")
        assert short.tooltip == whole
        # «Fortsett der dere slapp» is on the first screenful: the page does not scroll.
        assert start.query_one("#start-page").max_scroll_y == 0
        unfinished = start.query_one("#continue-list")
        assert unfinished.region.bottom <= app.size.height - 1  # above the footer


def test_snapshot_of_the_short_warning_at_80x24(
    snap_compare: Any, make_app: AppFactory, demo_bank: Bank, data_dir: Path
) -> None:
    _seed_unfinished(demo_bank, data_dir, "nb")
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_unfinished_shown)
