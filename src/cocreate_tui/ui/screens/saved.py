"""Saved assessments: a paged, sortable, filterable table of every session, and what to do next."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.timer import Timer
from textual.widgets import Button, DataTable, Footer, Header, Input, Static
from textual.widgets.data_table import ColumnKey

from ...domain.errors import CocreateError, SessionOpenElsewhereError
from ...domain.human_format import number
from ...domain.paths import has_round_files
from ...domain.phrases import worded
from ...domain.problem_words import os_reason
from ...domain.session_index import IndexRow, UnreadableFile
from ...domain.storage import SessionStore
from ...domain.trash import move_to_trash
from ..base import BaseScreen
from ..commands import PaletteCommand
from ..dialogs.confirm import ConfirmDialog
from ..dialogs.export import ExportDialog
from ..messages import OpenActionPlan, OpenSession
from ..textual_internals import unlink_row_caches
from ..timefmt import local_time
from ..widgets.table_cell import cell_text
from ..widgets.text_field import TextField

# The session and bank models (pydantic) are imported where a session is opened, compared,
# merged or exported: the table itself is drawn from the index alone, without them.
if TYPE_CHECKING:
    from ...domain.action_plan import ActionCounts
    from ...domain.bank_models import Bank
    from ...domain.round_store import RoundStore
    from ...domain.sessions import Session
    from ...domain.team_round import TeamRound

PAGE = 100
"""Rows held in the table at a time; moving past either end loads the next window."""
FILTER_DELAY = 0.15
"""Seconds after the last key typed in the filter before the table is filtered."""
ACTIONS_DELAY = 0.2
"""Seconds the window must stay put before the actions of its sessions are counted."""
TEAM_WIDTH = 22
"""Longer team names are shortened in the table, so it fits 80 columns, dates included."""
LEVEL_WIDTH = 20
"""The verdict is shortened to this many characters in the table."""
UNREADABLE_SHOWN = 8
"""Unreadable files named on screen; the rest are counted (and `cocreate list` names them)."""


class Column(NamedTuple):
    """One column of the table: its key, its heading's i18n key, what it sorts by."""

    key: str
    label: str
    sort: str | None
    descending: bool = False
    """The direction a first sort on this column takes (newest, highest first)."""


COLUMNS = {
    column.key: column
    for column in (
        Column("team", "saved_team", "team"),
        Column("organisation", "organisation", "organisation"),
        Column("service_area", "service_area", "service_area"),
        Column("phase", "saved_phase", "phase"),
        Column("mode", "mode", "mode"),
        Column("respondent", "respondent", "respondent"),
        Column("status", "saved_status", "status"),
        Column("answered", "saved_answered", "answered", True),
        Column("level", "level", "level", True),
        Column("overall", "overall", "overall", True),
        Column("updated", "saved_updated", "updated_at", True),
        Column("actions", "saved_actions", None),
    )
}
WIDE = tuple(COLUMNS)
LAPTOP: tuple[str, ...] = ("team", "status", "answered", "level", "overall", "updated", "actions")
MEDIUM: tuple[str, ...] = ("team", "status", "level", "updated", "actions")
NARROW: tuple[str, ...] = ("team", "status", "level", "updated")
WIDE_FROM = 150
LAPTOP_FROM = 120
MEDIUM_FROM = 100


def columns_for(width: int) -> tuple[str, ...]:
    """The columns that fit a screen `width` cells wide."""
    if width >= WIDE_FROM:
        return WIDE
    if width >= LAPTOP_FROM:
        return LAPTOP
    if width >= MEDIUM_FROM:
        return MEDIUM
    return NARROW


class SavedTable(DataTable[Text]):
    """The saved table: its old rows are freed at once when it is cleared for a new window,
    and the mouse wheel past either end of the window asks for the next one."""

    class WheelPastEnd(Message):
        """The wheel turned on past the window's last (`down`) or first row."""

        def __init__(self, down: bool) -> None:
            super().__init__()
            self.down = down

    # Textual hooks (see textual_internals): the wheel past either end asks for more rows.
    def _on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        if not (event.ctrl or event.shift) and self.scroll_y >= self.max_scroll_y:
            event.prevent_default()
            event.stop()
            self.post_message(self.WheelPastEnd(down=True))

    def _on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        if not (event.ctrl or event.shift) and self.scroll_y <= 0:
            event.prevent_default()
            event.stop()
            self.post_message(self.WheelPastEnd(down=False))

    def _clear_caches(self) -> None:  # a Textual hook (see textual_internals)
        # Every cached line, segment and text of the old rows became cyclic garbage; the full
        # collection that freed it (~50 ms at 50,000 sessions) landed inside a sort. Unlinked
        # first, they are freed as soon as they are dropped.
        unlink_row_caches(self)
        super()._clear_caches()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._drawn_at_size = self.size
        return super().render_lines(crop)

    def _on_resize(self, event: events.Resize) -> None:  # a Textual hook (see textual_internals)
        # DataTable drops every rendered line on a resize. The first Resize arrives after the
        # first frame is already drawn at that very size, so the table was drawn twice (~17
        # ms); lines drawn at the size the event reports are still right, and are kept.
        # (Textual calls each class's handler in turn; prevent_default skips DataTable's, the
        # only other one.)
        if event.size == getattr(self, "_drawn_at_size", None):
            event.prevent_default()


class SavedScreen(BaseScreen[None]):
    """Every saved session, a window of rows at a time; open, compare, merge, delete, export."""

    AUTO_FOCUS = "#saved-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_filter", "key_filter", key_display="/"),
        Binding("s", "sort", "key_sort"),
        Binding("S", "reverse", "key_reverse", show=False),
        Binding("space", "toggle_select", "key_select"),
        Binding("c", "compare", "key_compare"),
        Binding("m", "merge", "key_merge"),
        Binding("d,delete", "delete", "key_delete", key_display="d"),
        Binding("t", "trash", "key_trash"),
        Binding("e", "export", "key_export"),
        Binding("p", "plan", "key_plan"),
        Binding("escape", "close", "key_back"),
        Binding("ctrl+home", "first", "key_first", show=False, priority=True),
        Binding("ctrl+end", "last", "key_last", show=False, priority=True),
    ]
    FOOTER_DROP_FIRST: ClassVar[tuple[str, ...]] = ("plan", "trash", "merge", "delete", "sort")
    PALETTE = (
        PaletteCommand("cmd_saved_compare", "cmd_saved_compare_help", "compare"),
        PaletteCommand("cmd_saved_merge", "cmd_saved_merge_help", "merge"),
        PaletteCommand("cmd_saved_delete", "cmd_saved_delete_help", "delete"),
        PaletteCommand("cmd_saved_trash", "cmd_saved_trash_help", "trash"),
        PaletteCommand("cmd_saved_export", "cmd_saved_export_help", "export"),
        PaletteCommand("cmd_saved_sort", "cmd_saved_sort_help", "sort"),
    )

    def __init__(
        self,
        store: SessionStore,
        bank: Callable[[], Bank],
        clock: Callable[[], datetime] = datetime.now,
        data_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self._store = store
        self._bank = bank
        """Gives the bank, loading it on first use; the table needs it only for its words for
        the levels, and then only when the index has not stored them."""
        self._level_labels: dict[str, dict[str, str]] | None = None
        self._clock = clock
        self._data_dir = data_dir or store.directory.parent
        self.sort_key = "updated_at"
        self.descending = True
        self.filter_text = ""
        self.window_start = 0
        """Where the window starts among the matching sessions."""
        self.rows: list[IndexRow] = []
        """The sessions in the window, as shown."""
        self.total = 0
        """How many sessions match the filter."""
        self.selected: dict[str, IndexRow] = {}
        """The sessions chosen with space, in the order chosen."""
        self._columns: tuple[str, ...] = ()
        self._actions: dict[str, ActionCounts] = {}
        """Open and overdue actions of sessions that have actions, counted from their files."""
        self._counted: set[str] = set()
        """Sessions whose actions were counted (with or without any)."""
        self._unreadable: list[UnreadableFile] = []
        self._filter_timer: Timer | None = None
        self._shown_once = False
        self._actions_timer: Timer | None = None
        self.exported: Path | None = None
        """The last file exported from this screen."""
        self._rounds: RoundStore | None = None
        self.sealed: dict[str, TeamRound] = {}
        """Members' sessions in rounds not revealed yet, by id: listed as the round's, without
        anything their answers give away, and opened by no one from here."""

    # --- building -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="saved-page"):
            yield Static(self.tr("saved_title"), classes="screen-title", markup=False)
            yield TextField(
                self.filter_text,
                placeholder=self.tr("saved_filter_placeholder"),
                id="saved-filter",
                compact=True,
            )
            yield Static(id="saved-window", classes="hint", markup=False)
            yield SavedTable(id="saved-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="saved-empty", classes="hint", markup=False)
            yield Static(id="saved-unreadable", classes="unreadable", markup=False)
            with Horizontal(classes="button-row"):
                yield Button(self.tr("saved_open"), variant="primary", id="open", compact=True)
                yield Button(self.tr("saved_back"), id="close", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # The index as it is (about a millisecond, never waiting for a refresh running in
        # another thread), then brought up to date in a thread once that is on screen: a
        # thread started earlier would share the interpreter with drawing it.
        self._unreadable = self._safe(self._store.index.unreadable) or []
        self.reload()
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        # Counting the window's actions reads its sessions' files with pydantic: on a slow
        # machine, a timer set before the first frame fired while it was still being drawn.
        self.refresh_index()
        self._count_actions_later()

    def on_screen_resume(self) -> None:
        if not self._shown_once:
            self._shown_once = True  # the first showing: on_mount has loaded the window
            return
        # An action plan may have been changed meanwhile: count the window's actions anew.
        self._actions.clear()
        self._counted.clear()
        self.reload(keep=self._current_id())
        self.refresh_index()

    async def apply_language(self) -> None:
        await super().apply_language()
        self._columns = ()
        self.reload(keep=self._current_id())

    def on_resize(self, event: events.Resize) -> None:
        if columns_for(event.size.width) != self._columns:
            self.reload(keep=self._current_id())
        self.refresh_bindings()  # the footer shows more keys the wider the screen

    # --- the window ---------------------------------------------------------------------------

    def _labels(self) -> dict[str, str]:
        """The words shown for phases and statuses, which the filter matches too."""
        return {
            "before_inviting": self.tr("saved_phase_before_inviting"),
            "after_first_meeting": self.tr("saved_phase_after_first_meeting"),
            "evaluation": self.tr("saved_phase_evaluation"),
            "complete": self.tr("status_complete"),
            "in_progress": self.tr("status_in_progress"),
        }

    def _safe(self, operation: Callable[[], object]) -> list[UnreadableFile] | None:
        try:
            result = operation()
        except CocreateError as error:
            self.notify(error.words(self.lang), severity="error")
            return None
        return result if isinstance(result, list) else None

    def reload(
        self,
        offset: int | None = None,
        keep: str | None = None,
        row: int = 0,
        in_place: bool = False,
    ) -> None:
        """Query the window at `offset` (the current one by default) and show it.

        The cursor goes to session `keep` if it is in the window, else to `row`. `in_place`
        (after a refresh): if the window holds the same sessions, only changed cells are redrawn.
        """
        index = self._store.index
        labels = self._labels()
        before = self.rows
        sealed_before = self.sealed
        self.sealed = self._sealed_now()
        if self.sealed.keys() != sealed_before.keys():
            in_place = False  # a round revealed meanwhile: its members' rows are drawn anew
        try:
            self.total = index.count(self.filter_text, labels=labels)
            start = self.window_start if offset is None else offset
            self.window_start = max(0, min(start, max(0, self.total - PAGE)))
            self.rows = index.query(
                self.filter_text,
                self.sort_key,
                self.descending,
                self.window_start,
                PAGE,
                labels=labels,
                matching=self.total,
                hidden=self.sealed.keys(),
            )
        except CocreateError as error:
            self.notify(error.words(self.lang), severity="error")
            self.rows, self.total = [], 0
        self._fill(keep, row, before if in_place else None)
        if self._shown_once:  # the first time, once the first frame is drawn
            self._count_actions_later()

    def _round_store(self) -> RoundStore:
        if self._rounds is None:
            from ...domain.round_store import RoundStore

            self._rounds = RoundStore(self._data_dir, self._store)
        return self._rounds

    def _sealed_now(self) -> dict[str, TeamRound]:
        if not has_round_files(self._data_dir):
            return {}  # no rounds: nothing to hide, and no round model to import
        return self._round_store().sealed_sessions()

    def _count_actions_later(self) -> None:
        if "actions" in self._columns:
            # Counted once the window stays put, so scrolling and typing never wait for files.
            if self._actions_timer is not None:
                self._actions_timer.stop()
            skipped = self._counted | self.sealed.keys()
            ids = [r.id for r in self.rows if r.id not in skipped]
            if ids:
                self._actions_timer = self.set_timer(
                    ACTIONS_DELAY, lambda: self.count_window_actions(ids)
                )

    def _fill(self, keep: str | None, row: int, before: list[IndexRow] | None) -> None:
        table: SavedTable = self.query_one("#saved-table", SavedTable)
        columns = columns_for(self.size.width or self.app.size.width)
        same = before is not None and [r.id for r in before] == [r.id for r in self.rows]
        if (
            before is not None
            and same
            and columns == self._columns
            and table.row_count == len(self.rows)
        ):
            # The same sessions in the same places (a refresh that found a few changed): only
            # the cells that changed are drawn anew, and the cursor and scroll stay put.
            self._update_in_place(table, before)
        else:
            self._refill(table, columns, keep, row)
        has_rows = bool(self.rows)
        table.display = has_rows
        self.query_one("#open").display = has_rows
        empty = self.query_one("#saved-empty", Static)
        empty.update(self.tr("saved_empty" if not self.filter_text else "saved_no_match"))
        empty.display = not has_rows
        self._show_window_line()
        self._show_unreadable()

    def _update_in_place(self, table: SavedTable, before: list[IndexRow]) -> None:
        for old, new in zip(before, self.rows, strict=True):
            if old == new:
                continue
            for key in self._columns:
                text = self._cell(key, new)
                if text != self._cell(key, old):
                    table.update_cell(new.id, key, cell_text(text), update_width=True)

    def _refill(
        self, table: SavedTable, columns: tuple[str, ...], keep: str | None, row: int
    ) -> None:
        if columns != self._columns:
            table.clear(columns=True)
            self._columns = columns
            for key in columns:
                # A Text, not a str: a str label is parsed as markup, which alone imports
                # rich's emoji table (~12 ms).
                table.add_column(Text(self._heading(key)), key=key)
        else:
            table.clear()
            self._update_headings(table)
        rows = self.rows
        # The first time, only the rows that fit on screen go in before the first frame; the
        # rest of the window follows right after it (a third of the table's start-up cost).
        shown = rows if self._shown_once else rows[: max(row, 0) + self.app.size.height]
        for r in shown:
            table.add_row(*self._cells(r), key=r.id)
        if len(shown) < len(rows):
            self.call_after_refresh(self._fill_rest, rows, len(shown))
        ids = [r.id for r in self.rows]
        target = ids.index(keep) if keep in ids else min(row, max(0, len(ids) - 1))
        if self.rows:
            table.move_cursor(row=target, animate=False)

    def _gone(self) -> bool:
        # Workers and timers call back after their thread or delay; by then the screen may have
        # been closed, and its table is no longer there to query (NoMatches). When the app
        # quits, the screen stays attached a moment after its widgets have been removed.
        return not self.is_attached or not self.query("#saved-table")

    def _fill_rest(self, rows: list[IndexRow], start: int) -> None:
        if rows is not self.rows or self._gone():
            return  # the window has moved on meanwhile, and was filled whole
        table: SavedTable = self.query_one("#saved-table", SavedTable)
        for r in rows[start:]:
            table.add_row(*self._cells(r), key=r.id)

    def _heading(self, key: str) -> str:
        column = COLUMNS[key]
        text = self.tr(column.label)
        if column.sort is not None and column.sort == self.sort_key:
            text += " ▼" if self.descending else " ▲"
        return text

    def _update_headings(self, table: SavedTable) -> None:
        for key in self._columns:
            column = table.columns.get(ColumnKey(key))
            if column is not None:
                column.label = column.label.__class__(self._heading(key))
        table.refresh()

    def _cells(self, row: IndexRow) -> list[Text]:
        return [cell_text(self._cell(key, row)) for key in self._columns]

    def _cell(self, key: str, row: IndexRow) -> str:
        if key == "team":
            team = row.team
            if row.mode == "individual" and row.respondent and "respondent" not in self._columns:
                team = f"{team} ({row.respondent})"
            if len(team) > TEAM_WIDTH:
                team = team[: TEAM_WIDTH - 1] + "…"
            return f"✓ {team}" if row.id in self.selected else team
        if key == "phase":
            return self.tr(f"saved_phase_{row.phase}")
        if key == "mode":
            return self.tr("saved_mode_team" if row.mode == "team" else "saved_mode_individual")
        if key == "status":
            return self.tr(f"status_{row.status}")
        if key == "answered":
            return f"{row.answered}/{row.total}" if row.total is not None else str(row.answered)
        sealed = self.sealed.get(row.id)
        if key == "level" and sealed is not None:
            # The verdict and the score would tell what the member answered: the round instead.
            return self.tr("round_sealed_level", code=sealed.code)
        if key == "level":
            return self._level(row.level)
        if key == "overall":
            return "–" if row.overall is None or sealed is not None else f"{row.overall:.0f}"
        if key == "updated":
            return local_time(row.updated_at, self.lang)
        if key == "actions":
            counts = self._actions.get(row.id)
            if counts is None:
                return ""
            return self.tr("saved_actions_counts", open=counts.open, overdue=counts.overdue)
        value = getattr(row, key, "")
        return str(value)

    def _level(self, level: str | None) -> str:
        if level not in ("not_ready", "strengthen", "thin", "thick", "undetermined"):
            return "–"
        # The bank's words, up to the dash: «Ikke klare ennå — forbered dere …» → «Ikke klare ennå».
        words = self._level_words(level)
        short = words.split(" — ")[0].split(" – ")[0]
        return short if len(short) <= LEVEL_WIDTH else short[: LEVEL_WIDTH - 1] + "…"

    def _level_words(self, level: str) -> str:
        if self._level_labels is None:
            index = self._store.index
            stored = index.level_labels()
            self._level_labels = stored or index.level_labels(self._bank()) or {}
        words = self._level_labels.get(level, {})
        return words.get(self.lang) or words.get("nb") or "–"

    def _number(self, value: int) -> str:
        return number(value, self.lang)

    def _show_window_line(self) -> None:
        line = self.query_one("#saved-window", Static)
        if self.rows:
            text = self.tr(
                "saved_window",
                first=self._number(self.window_start + 1),
                last=self._number(self.window_start + len(self.rows)),
                total=self._number(self.total),
            )
        else:
            text = self.tr("saved_window_none", total=self._number(self.total))
        if self.selected:
            text += " · " + self.tr("saved_selected", count=len(self.selected))
        if self._unreadable:
            text += " · " + self.tr("saved_unreadable_count", count=len(self._unreadable))
        line.update(text)

    def _show_unreadable(self) -> None:
        widget = self.query_one("#saved-unreadable", Static)
        items = self._unreadable
        lines = [
            f"{item.path.name}: {worded(item.reason, self.lang)}"
            for item in items[:UNREADABLE_SHOWN]
        ]
        if len(items) > UNREADABLE_SHOWN:
            lines.append(self.tr("saved_unreadable_more", count=len(items) - UNREADABLE_SHOWN))
        widget.update("\n".join([self.tr("saved_unreadable"), *lines]) if lines else "")
        widget.display = bool(lines)

    @work(thread=True, exclusive=True, group="saved-refresh")
    def refresh_index(self) -> None:
        """Bring the index up to date with the folder; show the table anew if that changed it."""
        try:
            report = self._store.index.refresh()
            unreadable = self._store.index.unreadable()
        except CocreateError as error:
            self.app.call_from_thread(self.notify, error.words(self.lang), severity="error")
            return
        changed = bool(report.read or report.removed or report.rescored or report.rebuilt)
        changed = changed or unreadable != self._unreadable
        if changed:
            self.app.call_from_thread(self._refreshed, unreadable)

    def _refreshed(self, unreadable: list[UnreadableFile]) -> None:
        if self._gone():
            return
        self._unreadable = unreadable
        self.reload(keep=self._current_id(), in_place=True)

    @work(thread=True, exclusive=True, group="saved-actions")
    def count_window_actions(self, ids: list[str]) -> None:
        """Count the open and overdue actions of the sessions in the window (their files only)."""
        from ...domain.action_plan import count_actions

        today = self._clock().date()
        found: dict[str, ActionCounts] = {}
        for session_id in ids:
            try:
                counts = count_actions(self._store.load(session_id).actions, today)
            except (CocreateError, ValueError):
                continue
            if counts.total:
                found[session_id] = counts
        self.app.call_from_thread(self._show_actions, found, ids)

    def _show_actions(self, found: dict[str, ActionCounts], ids: list[str]) -> None:
        if self._gone():
            return
        self._counted.update(ids)
        self._actions.update(found)
        table: SavedTable = self.query_one("#saved-table", SavedTable)
        if "actions" not in self._columns:
            return
        for session_id in found:
            if session_id in table.rows:
                row = next(r for r in self.rows if r.id == session_id)
                table.update_cell(session_id, "actions", cell_text(self._cell("actions", row)))

    @on(DataTable.RowHighlighted, "#saved-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        table = event.data_table
        if event.cursor_row != table.cursor_row or not self.rows:
            return  # a stale event from before the window moved
        last = len(self.rows) - 1
        at_end = event.cursor_row >= last and self.window_start + len(self.rows) < self.total
        at_start = event.cursor_row == 0 and self.window_start > 0
        if at_end or at_start:
            absolute = self.window_start + event.cursor_row
            keep = self.rows[event.cursor_row].id
            self.reload(offset=absolute - PAGE // 2, keep=keep)

    @on(SavedTable.WheelPastEnd)
    def _wheel_past_end(self, event: SavedTable.WheelPastEnd) -> None:
        # Half a window on, with the rows on screen kept where they are: the wheel scrolls on
        # through all the sessions, as through one long table.
        if event.down and self.window_start + len(self.rows) < self.total:
            offset = self.window_start + PAGE // 2
        elif not event.down and self.window_start > 0:
            offset = max(0, self.window_start - PAGE // 2)
        else:
            return
        table: SavedTable = self.query_one("#saved-table", SavedTable)
        top = self.window_start + round(table.scroll_y)
        # The cursor stays on its session if that is still in the window, else it goes to the
        # top row shown (never to an end of the window, where it would load another).
        self.reload(offset=offset, keep=self._current_id(), row=max(1, top - offset))
        table.scroll_to(y=top - self.window_start, animate=False, immediate=True)

    def action_first(self) -> None:
        """Go to the very first session (of all, not only of the window)."""
        self.reload(offset=0, row=0)

    def action_last(self) -> None:
        """Go to the very last session (of all, not only of the window)."""
        self.reload(offset=self.total, row=PAGE)

    def _current(self) -> IndexRow | None:
        table: SavedTable = self.query_one("#saved-table", SavedTable)
        if not self.rows or not table.row_count:
            return None
        return self.rows[min(table.cursor_row, len(self.rows) - 1)]

    def _current_id(self) -> str | None:
        current = self._current()
        return current.id if current is not None else None

    def _chosen(self) -> list[IndexRow]:
        """The selected sessions, or the highlighted one if none are selected."""
        if self.selected:
            return list(self.selected.values())
        current = self._current()
        return [current] if current is not None else []

    # --- filter and sort ----------------------------------------------------------------------

    def action_focus_filter(self) -> None:
        """Type to filter the table."""
        self.query_one("#saved-filter", Input).focus()

    @on(Input.Changed, "#saved-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        value = event.value
        self._filter_timer = self.set_timer(FILTER_DELAY, lambda: self.apply_filter(value))

    def apply_filter(self, text: str) -> None:
        """Show the sessions matching `text`, from the first."""
        self._filter_timer = None
        if text != self.filter_text:
            self.filter_text = text
            self.reload(offset=0)

    @on(Input.Submitted, "#saved-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        self.apply_filter(event.value)
        self.query_one("#saved-table").focus()

    def on_key(self, event: events.Key) -> None:
        if event.key == "down" and self.focused is self.query_one("#saved-filter"):
            self.query_one("#saved-table").focus()
            event.stop()

    def action_sort(self) -> None:
        """Sort by the next column (each column first in its natural direction)."""
        sortable = [key for key in self._columns if COLUMNS[key].sort is not None]
        current = next((k for k in sortable if COLUMNS[k].sort == self.sort_key), None)
        following = sortable[(sortable.index(current) + 1) % len(sortable)] if current else "team"
        self.sort_by(following)

    def action_reverse(self) -> None:
        """Turn the sort order around."""
        self.descending = not self.descending
        self.reload(offset=0)

    def sort_by(self, column_key: str, toggle: bool = False) -> None:
        """Sort by `column_key`; with `toggle`, a second sort on it turns the order around."""
        column = COLUMNS[column_key]
        if column.sort is None:
            return
        if toggle and column.sort == self.sort_key:
            self.descending = not self.descending
        else:
            self.sort_key = column.sort
            self.descending = column.descending
        self.reload(offset=0)

    @on(DataTable.HeaderSelected, "#saved-table")
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        if event.column_key.value is not None:
            self.sort_by(event.column_key.value, toggle=True)

    # --- select, open -------------------------------------------------------------------------

    def action_toggle_select(self) -> None:
        """Choose the highlighted session (for compare, merge, delete, export), or unchoose it."""
        current = self._current()
        if current is None:
            return
        if current.id in self.selected:
            del self.selected[current.id]
        else:
            self.selected[current.id] = current
        table: SavedTable = self.query_one("#saved-table", SavedTable)
        cell = cell_text(self._cell("team", current))
        table.update_cell(current.id, "team", cell, update_width=True)
        self._show_window_line()

    @on(DataTable.RowSelected, "#saved-table")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        """Open the highlighted session: continue it, or review a finished one."""
        current = self._current()
        if current is None:
            return
        if current.status != "complete":
            self.post_message(OpenSession(current.id))
            return
        session = self._load([current])
        if session:
            from .session_review import SessionReviewScreen  # imported when first needed

            screen = SessionReviewScreen(self._bank(), session[0], self._data_dir, self._clock)
            self.app.push_screen(screen)

    def _refused(self, rows: list[IndexRow]) -> bool:
        """Whether one of `rows` is a member's session in a round not revealed yet (said why)."""
        if not has_round_files(self._data_dir):
            return False
        from ..sealed import refused_before_reveal

        return refused_before_reveal(self, self._round_store(), [row.id for row in rows])

    def _load(self, rows: list[IndexRow]) -> list[Session]:
        # Every way from here to a session's answers (review, compare, merge, export) reads it
        # through this: a round not revealed yet keeps its members' answers to themselves.
        if self._refused(rows):
            return []
        sessions: list[Session] = []
        for row in rows:
            try:
                sessions.append(self._store.load(row.id))
            except CocreateError as error:
                self.notify(error.words(self.lang), title=self.tr("open_failed"), severity="error")
                return []
        return sessions

    def action_plan(self) -> None:
        """Open the action plan of the highlighted session."""
        current = self._current()
        if current is not None:
            self.post_message(OpenActionPlan(current.id))

    @on(Button.Pressed, "#open")
    def _open_pressed(self) -> None:
        self.action_open()

    @on(Button.Pressed, "#close")
    def _close_pressed(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        """Back to the start."""
        self.dismiss(None)

    # --- compare, merge -----------------------------------------------------------------------

    def _two_or_more(self) -> list[IndexRow] | None:
        if len(self.selected) < 2:
            self.notify(self.tr("saved_choose_two"), severity="warning")
            return None
        return list(self.selected.values())

    def action_compare(self) -> None:
        """Compare the chosen sessions, oldest first."""
        rows = self._two_or_more()
        if rows is not None:
            self.compare(rows)

    @work(exclusive=True, group="saved-open")
    async def compare(self, rows: list[IndexRow]) -> None:
        """Read the sessions and compare them off the event loop."""
        sessions = self._load(rows)
        if not sessions:
            return
        from ...domain.compare import compare_sessions
        from .compare import CompareScreen

        # The bank too is loaded off the event loop if nothing has needed it yet.
        comparison = await asyncio.to_thread(lambda: compare_sessions(self._bank(), sessions))
        self.app.push_screen(CompareScreen(self._bank(), comparison, self._data_dir, self._clock))

    def action_merge(self) -> None:
        """Merge the chosen members' sessions under a team name."""
        rows = self._two_or_more()
        if rows is None or self._refused(rows):
            return

        from ..dialogs.merge_name import MergeNameDialog

        def named(name: str | None) -> None:
            if name:
                self.merge(rows, name)

        self.app.push_screen(MergeNameDialog(rows[0].team, len(rows)), named)

    @work(exclusive=True, group="saved-open")
    async def merge(self, rows: list[IndexRow], name: str) -> None:
        """Read the sessions and merge them off the event loop."""
        sessions = self._load(rows)
        if not sessions:
            return
        from ...domain.merge import merge_sessions
        from .merge import MergeScreen

        merged = await asyncio.to_thread(lambda: merge_sessions(self._bank(), sessions, name))
        screen = MergeScreen(self._bank(), merged, self._store, self._data_dir, self._clock)
        self.app.push_screen(screen)

    # --- delete, trash, export ----------------------------------------------------------------

    def action_delete(self) -> None:
        """Move the chosen sessions to the trash, after asking."""
        rows = self._chosen()
        if not rows:
            return
        teams = ", ".join(dict.fromkeys(row.team for row in rows[:5]))
        teams += ", …" if len(rows) > 5 else ""
        dialog = ConfirmDialog(
            self.tr("saved_delete_title"),
            self.tr("saved_delete_body", count=len(rows), teams=teams),
            yes=self.tr("saved_delete_yes"),
            no=self.tr("key_cancel"),
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.delete(rows)

        self.app.push_screen(dialog, answered)

    def delete(self, rows: list[IndexRow]) -> None:
        """Move `rows`' files to the trash and show the table without them."""
        moved = 0
        for row in rows:
            try:
                move_to_trash(self._store, self._data_dir, row.id)
            except SessionOpenElsewhereError as error:
                since = local_time(error.since, self.lang) if error.since else "?"
                words = self.tr("saved_open_elsewhere", team=row.team, host=error.host, since=since)
                # Not markup: a team name or a path is text, whatever brackets it holds.
                self.notify(words, severity="error", timeout=30, markup=False)
                continue
            except CocreateError as error:
                self.notify(error.words(self.lang), severity="error", timeout=30, markup=False)
                continue
            moved += 1
            self.selected.pop(row.id, None)
        self.reload()
        if moved:
            self.notify(self.tr("saved_deleted", count=moved))

    def action_trash(self) -> None:
        """Show the trash, where deleted sessions can be restored."""
        from .trash import TrashScreen

        self.app.push_screen(TrashScreen(self._store, self._data_dir))

    def action_export(self) -> None:
        """Export the chosen sessions as one CSV file under the data folder."""
        rows = self._chosen()
        if rows and not self._refused(rows):
            self.app.push_screen(ExportDialog(), lambda notes: self._export_chosen(rows, notes))

    def _export_chosen(self, rows: list[IndexRow], include_notes: bool | None) -> None:
        if include_notes is not None:
            self.export(rows, include_notes)

    @work(exclusive=True, group="saved-export")
    async def export(self, rows: list[IndexRow], include_notes: bool) -> None:
        """Write the CSV off the event loop, then say where it is."""
        sessions = self._load(rows)
        if not sessions:
            return
        from ...domain.exports.csv_export import sessions_csv
        from ...domain.exports.report_markdown import write_export

        text = sessions_csv(self._bank(), sessions, self.lang, include_notes)
        name = f"sessions-{self._clock():%Y-%m-%d-%H%M}.csv"
        try:
            path = await asyncio.to_thread(write_export, self._data_dir, name, text)
        except OSError as error:
            reason = os_reason(error).text(self.lang)
            self.notify(self.tr("results_export_failed", reason=reason), severity="error")
            return
        self.exported = path
        self.notify(self.tr("export_written", path=str(path)), timeout=15)
