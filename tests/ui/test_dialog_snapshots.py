"""Snapshots of the dialogs that guard the team's answers: open in another window, save failed.

Update them only after looking at the report:
`pytest tests/ui/test_dialog_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

from cocreate_tui.domain.errors import StorageError
from cocreate_tui.domain.phrases import Phrase
from cocreate_tui.domain.problem_words import os_reason
from cocreate_tui.domain.session_lock import LockHolder
from cocreate_tui.ui.dialogs.open_elsewhere import OpenElsewhereDialog
from cocreate_tui.ui.dialogs.save_failed import SaveFailedDialog
from cocreate_tui.ui.screens.start import StartScreen

from .conftest import AppFactory, wait_for_screen

HOLDER = LockHolder(pid=4242, host="kontor-pc-17", since=datetime(2024, 3, 1, 8, 30, tzinfo=UTC))


def save_failure(code: int) -> str:
    """What the app says when a save fails with the OS error `code` (as `SessionStore.save`
    words it), in bokmål."""
    reason = os_reason(OSError(code, os.strerror(code)))
    phrase = Phrase("storage_save_failed", path="/home/kari/cocreate/team.json", reason=reason)
    return StorageError(phrase).words("nb")


def not_saved(folder: Path) -> Path:
    raise AssertionError("a snapshot never saves a copy")


DIALOGS: dict[str, Callable[[], Screen[Any]]] = {
    "open-elsewhere": lambda: OpenElsewhereDialog("Team Larvik", HOLDER),
    "save-failed-full": lambda: SaveFailedDialog(
        "full", save_failure(errno.ENOSPC), not_saved, Path("/home/kari")
    ),
    "save-failed-read-only": lambda: SaveFailedDialog(
        "read_only", save_failure(errno.EROFS), not_saved, Path("/home/kari")
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
