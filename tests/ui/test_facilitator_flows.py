"""Pilot tests of facilitator review: browse, filter, sort, open, compare, merge, delete/restore."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import DataTable, Static

from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.storage import SessionStore
from cocreate_tui.domain.trash import list_trash
from cocreate_tui.ui.screens.compare import CompareScreen
from cocreate_tui.ui.screens.merge import MergeScreen
from cocreate_tui.ui.screens.questions import QuestionsScreen
from cocreate_tui.ui.screens.saved import PAGE, SavedScreen
from cocreate_tui.ui.screens.session_review import SessionReviewScreen
from cocreate_tui.ui.screens.trash import TrashScreen

from ..facilitator_helpers import build
from .conftest import (
    AppFactory,
    saved_sessions,
    type_text,
    wait_for_screen,
    wait_until,
)
from .saved_helpers import open_saved, scoring_app

ALL_HIGH = {
    "und_difference": 4,
    "und_open_outcome": 4,
    "anchor_leadership": 4,
    "anchor_across": 4,
    "lead_control": 4,
    "time_calendar": 4,
    "ambition_duration": 2,
}


@pytest.fixture
def make_app(demo_bank: Bank, data_dir: Path) -> AppFactory:
    """The app as `cocreate` builds it: its index scores sessions with the bank."""
    return scoring_app(demo_bank, data_dir)


def seed(bank: Bank, data_dir: Path) -> dict[str, str]:
    """Four sessions: Horten twice over time, two Larvik members; returns ids by name."""
    store = SessionStore(data_dir)
    low = {key: 0 for key in ALL_HIGH}
    sessions = {
        "horten_before": build(bank, low, team="Horten", days=0),
        "horten_after": build(bank, ALL_HIGH, team="Horten", days=30),
        "larvik_kari": build(
            bank, {**ALL_HIGH, "lead_control": 0}, team="Larvik", respondent="Kari", days=1
        ),
        "larvik_ola": build(bank, ALL_HIGH, team="Larvik", respondent="Ola", days=2),
    }
    for name, session in sessions.items():
        finished = session.with_status("complete", now=session.updated_at)
        store.save(session if name == "larvik_ola" else finished)
    return {name: session.id for name, session in sessions.items()}


def teams(table: DataTable[Any]) -> list[str]:
    return [str(table.get_row_at(index)[0]) for index in range(table.row_count)]


def text_of(widget: Static) -> str:
    return str(widget.render())


async def choose(pilot: Any, saved: SavedScreen, ids: list[str]) -> None:
    table = saved.query_one("#saved-table", DataTable)
    for session_id in ids:
        table.move_cursor(row=[row.id for row in saved.rows].index(session_id))
        await pilot.pause()
        await pilot.press("space")
    await wait_until(pilot, lambda: set(saved.selected) == set(ids), "chosen")


async def test_browse_filter_sort_and_open(
    make_app: AppFactory, data_dir: Path, demo_bank: Bank
) -> None:
    ids = seed(demo_bank, data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        saved = await open_saved(pilot)
        table = saved.query_one("#saved-table", DataTable)
        assert table.row_count == 4
        assert "Viser 1–4 av 4" in text_of(saved.query_one("#saved-window", Static))
        # Newest first: Horten's second round was 30 days after the others.
        assert saved.rows[0].id == ids["horten_after"]

        # Filter as you type: the team's name, then a status word.
        await pilot.press("slash")
        await type_text(pilot, "larvik")
        await wait_until(pilot, lambda: table.row_count == 2, "filtered to Larvik")
        assert {row.team for row in saved.rows} == {"Larvik"}
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "ikke ferdig")
        await wait_until(pilot, lambda: [r.id for r in saved.rows] == [ids["larvik_ola"]])
        await pilot.press("ctrl+a", "ctrl+k")
        await wait_until(pilot, lambda: table.row_count == 4, "filter cleared")
        await pilot.press("enter")  # back to the table

        # Sort: s moves to the team column (A–Å), S turns it round, a header click too.
        await pilot.press("s")
        await wait_until(pilot, lambda: saved.sort_key == "team")
        assert [row.team for row in saved.rows] == ["Horten", "Horten", "Larvik", "Larvik"]
        assert "▲" in str(table.columns[table.ordered_columns[0].key].label)  # type: ignore[index]
        await pilot.press("S")
        await wait_until(pilot, lambda: saved.descending)
        assert saved.rows[0].team == "Larvik"
        await pilot.click("#saved-table", offset=(3, 0))
        await wait_until(pilot, lambda: not saved.descending, "header click toggles")

        # Enter on a finished session opens the read-only review; on an open one, the questions.
        table.move_cursor(row=[r.id for r in saved.rows].index(ids["horten_after"]))
        await pilot.press("enter")
        review = await wait_for_screen(pilot, SessionReviewScreen)
        markdown = review.markdown("nb", True)
        assert "Alle svar, med notater og merking" in markdown
        await pilot.press("escape")
        await wait_for_screen(pilot, SavedScreen)
        table.move_cursor(row=[r.id for r in saved.rows].index(ids["larvik_ola"]))
        await pilot.press("enter")
        await wait_for_screen(pilot, QuestionsScreen)


async def test_compare_two_rounds_of_a_team(
    make_app: AppFactory, data_dir: Path, demo_bank: Bank
) -> None:
    ids = seed(demo_bank, data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        saved = await open_saved(pilot)
        await pilot.press("c")  # nothing chosen: a warning, no screen
        await pilot.pause()
        assert isinstance(app.screen, SavedScreen)
        await choose(pilot, saved, [ids["horten_after"], ids["horten_before"]])
        assert "✓ Horten" in teams(saved.query_one("#saved-table", DataTable))
        await pilot.press("c")
        compare: CompareScreen = await wait_for_screen(pilot, CompareScreen)
        order = [c.session.id for c in compare.comparison.sessions]
        assert order == [ids["horten_before"], ids["horten_after"]]  # time order
        await pilot.press("e")
        await wait_until(pilot, lambda: len(compare.exported) == 4, "four exports")
        assert {path.suffix for path in compare.exported} == {".md", ".html", ".csv", ".json"}
        assert all(path.parent == data_dir / "exports" for path in compare.exported)


async def test_merge_members_and_save_the_result(
    make_app: AppFactory, data_dir: Path, demo_bank: Bank
) -> None:
    ids = seed(demo_bank, data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        saved = await open_saved(pilot)
        await choose(pilot, saved, [ids["larvik_kari"], ids["larvik_ola"]])
        await pilot.press("m")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "MergeNameDialog")
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "Larvik samlet")
        await pilot.press("enter")
        merge: MergeScreen = await wait_for_screen(pilot, MergeScreen)
        assert merge.merge.name == "Larvik samlet"
        flagged = [q.question_id for q in merge.merge.disagreements]
        assert flagged == ["lead_control"]  # Kari 0, Ola 4: two or more steps apart
        assert "snakk sammen" in merge.markdown("nb", True).lower()
        await pilot.press("s")
        await wait_until(pilot, lambda: merge.saved_id is not None, "merged session saved")
        stored = {session.id: session for session in saved_sessions(data_dir)}
        assert stored[merge.saved_id or ""].meta.team == "Larvik samlet"
        await pilot.press("escape")
        await wait_for_screen(pilot, SavedScreen)
        await wait_until(pilot, lambda: saved.total == 5, "the merged session is listed")


async def test_delete_to_trash_and_restore(
    make_app: AppFactory, data_dir: Path, demo_bank: Bank
) -> None:
    ids = seed(demo_bank, data_dir)
    (data_dir / "sessions" / "broken.json").write_text("{not json", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        saved = await open_saved(pilot)
        await wait_until(pilot, lambda: bool(saved._unreadable), "unreadable listed")
        assert "broken.json" in text_of(saved.query_one("#saved-unreadable", Static))
        await choose(pilot, saved, [ids["horten_before"], ids["larvik_kari"]])
        await pilot.press("d")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog")
        await pilot.press("escape")  # declined: nothing moves
        await wait_for_screen(pilot, SavedScreen)
        assert saved.total == 4
        await pilot.press("delete")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog")
        await pilot.click("#yes")
        await wait_for_screen(pilot, SavedScreen)
        await wait_until(pilot, lambda: saved.total == 2, "two left")
        assert len(list_trash(data_dir)) == 2
        assert (data_dir / "sessions" / "broken.json").read_text() == "{not json"  # untouched

        await pilot.press("t")
        trash: TrashScreen = await wait_for_screen(pilot, TrashScreen)
        assert len(trash.items) == 2
        await pilot.press("r")
        await wait_until(pilot, lambda: len(trash.items) == 1, "one restored")
        await pilot.press("escape")
        await wait_for_screen(pilot, SavedScreen)
        await wait_until(pilot, lambda: saved.total == 3, "restored one listed")


async def test_a_long_list_is_shown_a_window_at_a_time(
    make_app: AppFactory, data_dir: Path, demo_bank: Bank
) -> None:
    store = SessionStore(data_dir)
    count = PAGE + 150
    for number in range(count):
        store.save(build(demo_bank, {}, team=f"Team {number:04d}", days=number))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        saved = await open_saved(pilot)
        table = saved.query_one("#saved-table", DataTable)
        assert table.row_count == PAGE
        window = saved.query_one("#saved-window", Static)
        assert f"Viser 1–{PAGE} av {count}" in text_of(window)
        for _ in range(20):
            await pilot.press("pagedown")
        await wait_until(pilot, lambda: saved.window_start > 0, "window moved on")
        assert table.row_count == PAGE
        # The cursor stays on the same session while the window moves under it.
        absolute = saved.window_start + table.cursor_row
        assert 0 < absolute < count
        assert f"Viser {saved.window_start + 1}–" in text_of(window)
        await pilot.press("ctrl+end")
        await wait_until(pilot, lambda: saved.window_start == count - PAGE, "window at the end")
        assert saved.rows[table.cursor_row].team == "Team 0000"  # the oldest comes last
        assert f"Viser {count - PAGE + 1}–{count} av {count}" in text_of(window)
        await pilot.press("ctrl+home")
        await wait_until(pilot, lambda: saved.window_start == 0, "back at the start")


def wheel(table: DataTable[Any], down: bool) -> None:
    """One turn of the mouse wheel over `table`, as the terminal reports it."""
    kind = events.MouseScrollDown if down else events.MouseScrollUp
    table.post_message(kind(table, 5, 5, 0, 1 if down else -1, 0, False, False, False))


async def test_the_mouse_wheel_scrolls_on_past_the_window(
    make_app: AppFactory, data_dir: Path, demo_bank: Bank
) -> None:
    store = SessionStore(data_dir)
    count = PAGE * 2 + 20
    for number in range(count):
        store.save(build(demo_bank, {}, team=f"Team {number:04d}", days=number))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        saved = await open_saved(pilot)
        table = saved.query_one("#saved-table", DataTable)
        for _ in range(PAGE):  # one row per turn: well past the first window's end
            wheel(table, down=True)
            await pilot.pause()
        assert saved.window_start > 0
        # The rows on screen run on without a jump: the top row is the next after the last one
        # seen before the window moved, and the cursor is not at an end of the window.
        top = saved.window_start + round(table.scroll_y)
        assert saved.rows[round(table.scroll_y)].team == f"Team {count - 1 - top:04d}"
        assert 0 < table.cursor_row < len(saved.rows) - 1
        for _ in range(PAGE * 2):
            wheel(table, down=False)
            await pilot.pause()
        assert saved.window_start == 0 and table.scroll_y == 0
