"""Snapshots of the facilitator screens: the saved table, a review, a comparison and a merge.

Update them only after looking at the report:
`pytest tests/ui/test_facilitator_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from cocreate_tui.domain.bank_models import Bank, Lang
from cocreate_tui.domain.storage import SessionStore
from cocreate_tui.ui.app import CocreateApp
from cocreate_tui.ui.screens.compare import CompareScreen
from cocreate_tui.ui.screens.merge import MergeScreen
from cocreate_tui.ui.screens.saved import SavedScreen
from cocreate_tui.ui.screens.session_review import SessionReviewScreen
from cocreate_tui.ui.screens.start import StartScreen
from cocreate_tui.ui.screens.trash import TrashScreen

from ..facilitator_helpers import build
from .conftest import TickingClock, wait_for_screen, wait_until
from .test_facilitator_flows import ALL_HIGH

RunBefore = Callable[[Pilot[Any]], Awaitable[None]]
LOW = dict.fromkeys(ALL_HIGH, 0)
MIDDLE = {**ALL_HIGH, "anchor_leadership": 2, "lead_control": 2, "time_calendar": "unknown"}


def _seed(bank: Bank, data_dir: Path) -> None:
    """Five sessions with fixed ids, and one broken file."""
    store = SessionStore(data_dir)
    specs: list[tuple[str, dict[str, int | str], dict[str, Any], bool]] = [
        ("01", LOW, {"team": "Horten", "days": 0}, True),
        ("02", MIDDLE, {"team": "Horten", "days": 40}, True),
        ("03", {**ALL_HIGH, "lead_control": 0}, {"team": "Larvik", "respondent": "Kari"}, True),
        ("04", ALL_HIGH, {"team": "Larvik", "respondent": "Ola", "days": 1}, True),
        ("05", {"und_difference": 2}, {"team": "Holmestrand", "days": 3}, False),
    ]
    for number, answers, options, complete in specs:
        notes = {"lead_control": "Lederen vil vente til etter sommeren"} if number == "03" else {}
        session = build(bank, answers, notes, **options)
        session = session.model_copy(update={"id": number * 16})
        if complete:
            session = session.with_status("complete", now=session.updated_at)
        store.save(session)
    (data_dir / "sessions" / "broken.json").write_text("{not json", encoding="utf-8")


async def _saved(pilot: Pilot[Any]) -> None:
    await wait_for_screen(pilot, StartScreen)
    await pilot.press("s")
    saved: SavedScreen = await wait_for_screen(pilot, SavedScreen)
    await pilot.app.workers.wait_for_complete()
    await wait_until(pilot, lambda: bool(saved._unreadable), "broken file listed")
    await pilot.pause()


async def _choose(pilot: Pilot[Any], ids: list[str]) -> None:
    saved = pilot.app.screen
    assert isinstance(saved, SavedScreen)
    table = saved.query_one("#saved-table", DataTable)
    for session_id in ids:
        table.move_cursor(row=[row.id for row in saved.rows].index(session_id))
        await pilot.pause()
        await pilot.press("space")
    await pilot.pause()


async def _table(pilot: Pilot[Any]) -> None:
    await _saved(pilot)
    await _choose(pilot, ["03" * 16, "04" * 16])
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _review(pilot: Pilot[Any]) -> None:
    await _saved(pilot)
    saved = pilot.app.screen
    assert isinstance(saved, SavedScreen)
    table = saved.query_one("#saved-table", DataTable)
    table.move_cursor(row=[row.id for row in saved.rows].index("03" * 16))
    await pilot.press("enter")
    await wait_for_screen(pilot, SessionReviewScreen)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _compare(pilot: Pilot[Any]) -> None:
    await _saved(pilot)
    await _choose(pilot, ["02" * 16, "01" * 16])
    await pilot.press("c")
    await wait_for_screen(pilot, CompareScreen)
    await pilot.pause()


async def _merge(pilot: Pilot[Any]) -> None:
    await _saved(pilot)
    await _choose(pilot, ["03" * 16, "04" * 16])
    await pilot.press("m")
    await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == "MergeNameDialog")
    await pilot.press("enter")
    await wait_for_screen(pilot, MergeScreen)
    await pilot.pause()


async def _trash(pilot: Pilot[Any]) -> None:
    await _saved(pilot)
    await _choose(pilot, ["01" * 16])
    await pilot.press("d")
    await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == "ConfirmDialog")
    await pilot.click("#yes")
    await wait_for_screen(pilot, SavedScreen)
    await pilot.press("t")
    await wait_for_screen(pilot, TrashScreen)
    pilot.app.clear_notifications()
    await pilot.pause()


def scored_app(demo_bank: Bank, data_dir: Path, lang: Lang) -> CocreateApp:
    """The app as `cocreate` builds it: its index scores sessions with the bank."""
    store = SessionStore(data_dir, demo_bank)
    return CocreateApp(
        demo_bank, store, data_dir, lang=lang, clock=TickingClock(), cursor_blink=False
    )


STATES: dict[str, tuple[RunBefore, tuple[int, int], Lang]] = {
    "table-120x40": (_table, (120, 40), "nb"),
    "table-80x24": (_table, (80, 24), "nb"),
    "table-80x24-nn": (_table, (80, 24), "nn"),
    "table-80x24-en": (_table, (80, 24), "en"),
    "review-120x40": (_review, (120, 40), "nb"),
    "compare-120x40": (_compare, (120, 40), "nb"),
    "merge-120x40": (_merge, (120, 40), "nb"),
    "trash-80x24": (_trash, (80, 24), "nb"),
}
"""The saved list, the walk's last screen, in every shipped language at 80×24; the
facilitator's own screens in bokmål (a state named without a language is bokmål)."""


@pytest.mark.parametrize("state", list(STATES))
def test_facilitator_screen(snap_compare: Any, demo_bank: Bank, data_dir: Path, state: str) -> None:
    steps, size, lang = STATES[state]
    _seed(demo_bank, data_dir)
    app = scored_app(demo_bank, data_dir, lang)
    assert snap_compare(app, terminal_size=size, run_before=steps)
