"""The saved assessments' first frame comes from the index as it is: the folder is walked (a
stat of every file) only after it, and what that finds is updated in the table in place.

Counted, never timed: calls to the folder scan, and when the table is first drawn."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.strip import Strip

from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.session_index import refresh as refresh_module
from cocreate_tui.domain.sessions import session_to_json
from cocreate_tui.domain.storage import SessionStore
from cocreate_tui.ui.app import CocreateApp
from cocreate_tui.ui.screens.saved import SavedScreen, SavedTable
from cocreate_tui.ui.screens.start import StartScreen

from ..facilitator_helpers import build
from .conftest import TickingClock, wait_for_screen, wait_until


class Watch:
    """Folder scans, and how many had begun when the saved table was first drawn."""

    def __init__(self) -> None:
        self.scans: list[bool] = []
        """One per scan of the sessions folder: whether the saved screen was showing then."""
        self.at_first_draw: int | None = None
        """Scans begun with the saved screen on top, counted when its table was first drawn."""
        self.first_teams: set[str] = set()
        """The team cells of the first frame."""
        self.clears = 0
        self.clears_at_first_draw = 0
        self.actions_pending_at_first_draw = False
        self.app: CocreateApp | None = None


@pytest.fixture
def watch(monkeypatch: pytest.MonkeyPatch) -> Watch:
    seen = Watch()
    scan = refresh_module.scan_chunks

    def counted(directory: Path) -> Iterator[list[Any]]:
        # Asked from the scanning thread: whether the saved screen was on top as it began.
        seen.scans.append(seen.app is not None and isinstance(seen.app.screen, SavedScreen))
        return scan(directory)

    monkeypatch.setattr(refresh_module, "scan_chunks", counted)
    render_lines = SavedTable.render_lines

    def drawn(self: SavedTable, crop: Any) -> list[Strip]:
        if seen.at_first_draw is None:
            seen.at_first_draw = sum(seen.scans)  # scans since the saved screen opened
            seen.first_teams = team_cells(self)
            seen.clears_at_first_draw = seen.clears
            # Counting the window's actions reads its files with pydantic: not before this.
            screen = self.screen
            seen.actions_pending_at_first_draw = getattr(screen, "_actions_timer", None) is not None
        return render_lines(self, crop)

    monkeypatch.setattr(SavedTable, "render_lines", drawn)
    clear = SavedTable.clear

    def cleared(self: SavedTable, columns: bool = False) -> SavedTable:
        seen.clears += 1
        return clear(self, columns)

    monkeypatch.setattr(SavedTable, "clear", cleared)
    return seen


def app_on(data_dir: Path, bank: Bank, watch: Watch) -> CocreateApp:
    store = SessionStore(data_dir, bank)
    watch.app = CocreateApp(bank, store, data_dir, clock=TickingClock(), cursor_blink=False)
    return watch.app


def team_cells(table: SavedTable) -> set[str]:
    return {str(table.get_row_at(index)[0]) for index in range(table.row_count)}


async def test_the_folder_is_walked_after_the_first_frame_and_changes_update_in_place(
    data_dir: Path, demo_bank: Bank, watch: Watch
) -> None:
    store = SessionStore(data_dir, demo_bank)
    sessions = [build(demo_bank, {}, team=f"Lag {n}", days=n) for n in range(3)]
    for session in sessions:
        store.save(session)
    app = app_on(data_dir, demo_bank, watch)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, StartScreen)
        await app.workers.wait_for_complete()  # the start list, its folder walk done
        # Renamed behind the app's back (another process, a synced folder): only the file knows.
        renamed = sessions[1].model_copy(
            update={"meta": sessions[1].meta.model_copy(update={"team": "Omdøpt"})}
        )
        store.path_for(renamed.id).write_text(session_to_json(renamed), encoding="utf-8")
        scans_before = len(watch.scans)
        await pilot.press("s")
        saved: SavedScreen = await wait_for_screen(pilot, SavedScreen)
        table = saved.query_one(SavedTable)
        await wait_until(pilot, lambda: watch.at_first_draw is not None, "the first frame")
        await wait_until(pilot, lambda: "Omdøpt" in team_cells(table), "the renamed team")
        await app.workers.wait_for_complete()
        # Drawn from the index as it was: no scan of the folder before the first frame.
        assert watch.at_first_draw == 0
        assert watch.first_teams == {"Lag 0", "Lag 1", "Lag 2"}  # the index as it was
        assert not watch.actions_pending_at_first_draw
        assert len(watch.scans) > scans_before  # the walk came after it, and found the change
        # Updated in place: the same table, its rows never cleared and refilled for it.
        assert saved.query_one(SavedTable) is table
        assert watch.clears == watch.clears_at_first_draw
        assert team_cells(table) == {"Lag 0", "Omdøpt", "Lag 2"}


async def test_opening_the_saved_screen_at_once_leaves_the_folder_walk_to_it(
    data_dir: Path, demo_bank: Bank, watch: Watch
) -> None:
    store = SessionStore(data_dir, demo_bank)
    for n in range(3):
        store.save(build(demo_bank, {}, team=f"Lag {n}", days=n))
    store.index.close()  # a past run, ended
    app = app_on(data_dir, demo_bank, watch)
    async with app.run_test(size=(120, 40)) as pilot:
        # «s» at once: the start screen's own list is still on its way.
        await app.run_action("saved")
        saved: SavedScreen = await wait_for_screen(pilot, SavedScreen)
        await wait_until(pilot, lambda: watch.at_first_draw is not None, "the first frame")
        await app.workers.wait_for_complete()
        assert watch.at_first_draw == 0
        # One walk after the first frame, the saved screen's; none by the start screen under it.
        assert watch.scans.count(True) == 1
        assert saved.query_one(SavedTable).row_count == 3
