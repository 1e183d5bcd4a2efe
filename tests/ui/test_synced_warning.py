"""The start screen warns, in the app's language, when the data folder is synced to a cloud."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.storage import SessionStore
from cocreate_tui.ui.app import CocreateApp
from cocreate_tui.ui.screens.start import StartScreen

from .conftest import wait_for_screen


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
