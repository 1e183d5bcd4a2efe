"""Snapshots of the dialogs that guard the team's answers: open in another window, save failed.

Update them only after looking at the report:
`pytest tests/ui/test_dialog_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

from cocreate_tui.domain.session_lock import LockHolder
from cocreate_tui.ui.dialogs.open_elsewhere import OpenElsewhereDialog
from cocreate_tui.ui.dialogs.save_failed import SaveFailedDialog
from cocreate_tui.ui.screens.start import StartScreen

from .conftest import AppFactory, wait_for_screen

HOLDER = LockHolder(pid=4242, host="kontor-pc-17", since=datetime(2024, 3, 1, 8, 30, tzinfo=UTC))


def not_saved(folder: Path) -> Path:
    raise AssertionError("a snapshot never saves a copy")


DIALOGS: dict[str, Callable[[], Screen[Any]]] = {
    "open-elsewhere": lambda: OpenElsewhereDialog("Team Larvik", HOLDER),
    "save-failed-full": lambda: SaveFailedDialog(
        "full", "[Errno 28] No space left on device", not_saved, Path("/home/kari")
    ),
    "save-failed-read-only": lambda: SaveFailedDialog(
        "read_only", "[Errno 30] Read-only file system", not_saved, Path("/home/kari")
    ),
}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("dialog", list(DIALOGS))
def test_dialog(
    snap_compare: Any, make_app: AppFactory, data_dir: Path, dialog: str, size: tuple[int, int]
) -> None:
    async def show(pilot: Pilot[Any]) -> None:
        await wait_for_screen(pilot, StartScreen)
        await pilot.app.workers.wait_for_complete()
        await pilot.app.push_screen(DIALOGS[dialog]())
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=show)
