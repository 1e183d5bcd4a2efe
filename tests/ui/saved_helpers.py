"""The app as `cocreate` builds it for the saved assessments (its index scores sessions with the
bank), and the way to its saved list, for the tests of that list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.storage import SessionStore
from cocreate_tui.ui.app import CocreateApp
from cocreate_tui.ui.screens.saved import SavedScreen
from cocreate_tui.ui.screens.start import StartScreen

from .conftest import AppFactory, TickingClock, wait_for_screen


def scoring_app(bank: Bank, data_dir: Path) -> AppFactory:
    """Builds apps on `data_dir` whose index scores sessions with `bank`."""

    def factory(**options: Any) -> CocreateApp:
        store = SessionStore(data_dir, bank)
        clock = options.pop("clock", TickingClock())
        return CocreateApp(bank, store, data_dir, clock=clock, cursor_blink=False, **options)

    return factory


async def open_saved(pilot: Any) -> SavedScreen:
    """From the start screen, the saved assessments, with the index read."""
    await wait_for_screen(pilot, StartScreen)
    await pilot.press("s")
    saved: SavedScreen = await wait_for_screen(pilot, SavedScreen)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return saved
