"""Saved assessments: a table to open one, and the files that could not be read, with why."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Footer, Header, Static

from ...domain.action_plan import ActionCounts, count_actions
from ...domain.bank_models import Bank
from ...domain.errors import CocreateError
from ...domain.storage import ListResult, SessionStore
from ..base import BaseScreen
from ..messages import OpenActionPlan, OpenSession
from ..timefmt import local_time

COLUMNS = ("saved_team", "saved_phase", "saved_status", "saved_updated", "saved_actions")
TEAM_WIDTH = 28
"""Longer team names are shortened in the table, so it fits 80 columns."""


class SavedScreen(BaseScreen[None]):
    """Every saved session, most recently changed first; Enter opens one."""

    AUTO_FOCUS = "#saved-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "plan", "key_plan"),
        Binding("escape", "close", "key_back"),
    ]

    def __init__(
        self, store: SessionStore, bank: Bank, clock: Callable[[], datetime] = datetime.now
    ) -> None:
        super().__init__()
        self._store = store
        self._bank = bank
        self._clock = clock
        self._listing: ListResult | None = None
        self._actions: dict[str, ActionCounts] = {}
        """The actions of each session that has some, read after the list is shown."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="saved-page"):
            yield Static(self.tr("saved_title"), classes="screen-title", markup=False)
            yield Static(self.tr("saved_lead"), classes="lead", markup=False)
            table: DataTable[str] = DataTable(
                id="saved-table", cursor_type="row", zebra_stripes=True
            )
            yield table
            yield Static(id="saved-empty", classes="hint", markup=False)
            yield Static(id="saved-unreadable", classes="unreadable", markup=False)
            with Horizontal(classes="button-row"):
                yield Button(self.tr("saved_open"), variant="primary", id="open", compact=True)
                yield Button(self.tr("saved_back"), id="close", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        self.load()

    async def apply_language(self) -> None:
        await super().apply_language()
        self._show()

    @work(exclusive=True, group="saved")
    async def load(self) -> None:
        """Read the sessions folder off the event loop."""
        try:
            self._listing = await asyncio.to_thread(self._store.list)
        except CocreateError as error:
            self._listing = ListResult([], [])
            self.notify(error.message, severity="error")
        self._show()
        ids = [summary.id for summary in self._listing.sessions]
        self._actions = await asyncio.to_thread(self._count_actions, ids)
        table = self.query_one("#saved-table", DataTable)
        for session_id in self._actions:
            if session_id in table.rows:
                words = self._action_words(session_id)
                table.update_cell(session_id, "saved_actions", words, update_width=True)

    def _count_actions(self, session_ids: list[str]) -> dict[str, ActionCounts]:
        # Read after the list is on screen: the index does not hold the actions.
        today = self._clock().date()
        found: dict[str, ActionCounts] = {}
        for session_id in session_ids:
            try:
                counts = count_actions(self._store.load(session_id).actions, today)
            except CocreateError:
                continue
            if counts.total:
                found[session_id] = counts
        return found

    def _action_words(self, session_id: str) -> str:
        counts = self._actions.get(session_id)
        if counts is None:
            return ""
        return self.tr("saved_actions_counts", open=counts.open, overdue=counts.overdue)

    def _show(self) -> None:
        if self._listing is None:
            return
        table = self.query_one("#saved-table", DataTable)
        table.clear(columns=True)
        for key in COLUMNS:
            table.add_column(self.tr(key), key=key)
        total = len(self._bank.questions)
        for summary in self._listing.sessions:
            team = summary.team
            if summary.mode == "individual" and summary.respondent:
                team = f"{team} ({summary.respondent})"
            if len(team) > TEAM_WIDTH:
                team = team[: TEAM_WIDTH - 1] + "…"
            if summary.status == "complete":
                status = self.tr("status_complete")
            else:
                status = self.tr("results_counts", answered=summary.answered, total=total)
            table.add_row(
                team,
                self.tr(f"saved_phase_{summary.phase}"),
                status,
                local_time(summary.updated_at, self.lang),
                self._action_words(summary.id),
                key=summary.id,
            )
        table.display = bool(self._listing.sessions)
        self.query_one("#open").display = bool(self._listing.sessions)
        empty = self.query_one("#saved-empty", Static)
        empty.update(self.tr("saved_empty"))
        empty.display = not self._listing.sessions
        unreadable = self.query_one("#saved-unreadable", Static)
        lines = [f"{item.path.name}: {item.reason}" for item in self._listing.unreadable]
        unreadable.update("\n".join([self.tr("saved_unreadable"), *lines]) if lines else "")
        unreadable.display = bool(lines)

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.post_message(OpenSession(event.row_key.value))

    def action_open(self) -> None:
        """Open the highlighted session: continue it, or show its results."""
        table = self.query_one("#saved-table", DataTable)
        if table.row_count:
            row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
            if row_key.value is not None:
                self.post_message(OpenSession(row_key.value))

    def action_plan(self) -> None:
        """Open the action plan of the highlighted session."""
        table = self.query_one("#saved-table", DataTable)
        if table.row_count:
            row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
            if row_key.value is not None:
                self.post_message(OpenActionPlan(row_key.value))

    @on(Button.Pressed, "#open")
    def _open_pressed(self) -> None:
        self.action_open()

    @on(Button.Pressed, "#close")
    def _close_pressed(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        """Back to the start."""
        self.dismiss(None)
