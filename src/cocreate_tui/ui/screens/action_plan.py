"""The action plan: every action of a session, sortable by due date or status, overdue in words."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, DataTable, Footer, Header, Static

from ...domain.action_plan import (
    ActionProgress,
    SortKey,
    is_overdue,
    progress_by_action,
    sort_actions,
)
from ...domain.bank_models import Bank
from ...domain.errors import CocreateError
from ...domain.exports.plan_export import (
    due_words,
    lesson_words,
    owner_words,
    status_words,
    summary_words,
)
from ...domain.sessions import ACTIONS_MAX, Action, ActionStatus, Session
from ..base import BaseScreen
from ..commands import PaletteCommand
from ..dialogs.action_form import ActionFormDialog, Focus
from ..dialogs.confirm import ConfirmDialog
from ..session_keeper import SessionKeeper

OWNER_WIDTH = 16
"""Longer owners are shortened in the table (more at 80 columns); the detail shows them whole."""
NARROW = 100
MIN_TEXT_WIDTH = 16
CELL_PADDING = 2
"""DataTable pads each cell by one on either side."""
PAGE_MARGIN = 6
"""The page's padding on both sides, and room for a scroll bar."""


NEEDS_AN_ACTION = frozenset({"edit", "done", "drop", "delete"})
"""The plan's keys that work on the highlighted action."""


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


class ActionPlanScreen(BaseScreen[None]):
    """Lists the actions of the session in `keeper`; every change is saved at once.

    `previous` holds the sessions that carried actions came from, so each carried action can
    show whether the answers it was meant to improve have improved in this round.
    """

    AUTO_FOCUS = "#plan-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "key_edit_action"),
        Binding("g", "done", "key_done"),
        Binding("x", "drop", "key_drop"),
        Binding("a", "new", "key_new_action"),
        Binding("f", "sort('due')", "key_sort_due", show=False),
        Binding("s", "sort('status')", "key_sort_status", show=False),
        Binding("delete", "delete", "key_delete", show=False),
        Binding("r", "app.next_round", "key_next_round"),
        Binding("escape", "close", "key_back"),
    ]
    PALETTE = (PaletteCommand("cmd_next_round", "cmd_next_round_help", "app.next_round"),)

    def __init__(
        self,
        bank: Bank,
        keeper: SessionKeeper,
        clock: Callable[[], datetime],
        previous: Sequence[Session] = (),
    ) -> None:
        super().__init__()
        self._bank = bank
        self._keeper = keeper
        self._clock = clock
        self._previous = list(previous)
        self._sort: SortKey = "due"
        self._shown: list[Action] = []
        self._had_actions: bool | None = None

    # --- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        team = self._keeper.session.meta.team
        yield Header()
        with Vertical(id="plan-page"):
            yield Static(
                self.tr("plan_screen_title", team=team), classes="screen-title", markup=False
            )
            yield Static(self.tr("plan_lead"), classes="lead", markup=False)
            yield Static(id="plan-summary", markup=False)
            yield Static(id="plan-sort", classes="hint", markup=False)
            with Vertical(id="plan-table-box"):
                table: DataTable[Text] = DataTable(
                    id="plan-table", cursor_type="row", zebra_stripes=True
                )
                yield table
                yield Static(id="plan-empty", classes="hint", markup=False)
            yield Static(id="plan-detail")
            with Horizontal(id="plan-buttons", classes="button-row"):
                yield Button(self.tr("plan_edit"), variant="primary", id="edit", compact=True)
                yield Button(self.tr("plan_done"), id="done", compact=True)
                yield Button(self.tr("plan_drop"), id="drop", compact=True)
                yield Button(self.tr("plan_new"), id="new", compact=True)
                yield Button(self.tr("plan_next_round"), id="next-round", compact=True)
                yield Button(self.tr("plan_back"), id="close", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = self._keeper.session.meta.team
        self._show()

    def on_screen_resume(self) -> None:
        self._show()

    def on_resize(self, event: events.Resize) -> None:
        self._show()

    async def apply_language(self) -> None:
        await super().apply_language()
        self._show()

    @property
    def session(self) -> Session:
        """The session as it is now."""
        return self._keeper.session

    def _show(self) -> None:
        """Fill the table in the chosen order, keeping the highlighted action highlighted."""
        today = self._clock().date()
        session = self.session
        table = self.query_one("#plan-table", DataTable)
        current = self._highlighted()
        self._shown = sort_actions(session.actions, self._sort, today)
        lang = self.lang

        def width(header: str, cells: list[str], most: int = 1000) -> int:
            return min(most, max([len(self.tr(header))] + [len(cell) for cell in cells]))

        due_width = width("action_due", [due_words(a, lang) for a in self._shown])
        status_width = width("action_status", [status_words(a, lang, today) for a in self._shown])
        owners = [a.owner or "–" for a in self._shown]
        most = OWNER_WIDTH if self.size.width >= NARROW else OWNER_WIDTH * 2 // 3
        owner_width = width("action_owner", owners, most)
        columns = due_width + status_width + owner_width + 4 * CELL_PADDING
        text_width = max(MIN_TEXT_WIDTH, self.size.width - PAGE_MARGIN - columns)
        table.clear(columns=True)
        table.add_column(self.tr("action_due"), key="due", width=due_width)
        table.add_column(self.tr("action_status"), key="status", width=status_width)
        table.add_column(self.tr("action_text"), key="text", width=text_width)
        table.add_column(self.tr("action_owner"), key="owner", width=owner_width)
        error = self.app.current_theme.error or "red"
        for action in self._shown:
            overdue = is_overdue(action, today)
            table.add_row(
                Text(due_words(action, self.lang), style=f"bold {error}" if overdue else ""),
                Text(
                    status_words(action, self.lang, today),
                    style=f"bold {error}" if overdue else "",
                ),
                Text(_clip(action.text, text_width)),
                Text(_clip(action.owner or "–", owner_width)),
                key=action.id,
            )
        has_actions = bool(self._shown)
        table.display = has_actions
        summary = self.query_one("#plan-summary", Static)
        summary.update(summary_words(session, self.lang, today))
        # «0 tiltak: 0 gjenstår, …» says nothing; the empty plan says what to do instead.
        summary.display = has_actions
        self.query_one("#plan-sort", Static).update(self.tr(f"plan_sorted_{self._sort}"))
        self.query_one("#plan-sort").display = has_actions
        empty = self.query_one("#plan-empty", Static)
        empty.update(self.tr("plan_empty"))
        empty.display = not has_actions
        for button_id in ("#edit", "#done", "#drop"):
            self.query_one(button_id).display = has_actions
        if has_actions != self._had_actions:
            self._had_actions = has_actions
            self.refresh_bindings()  # the keys that need an action come and go with them
        if current is not None and current in {action.id for action in self._shown}:
            table.move_cursor(row=table.get_row_index(current), animate=False)
        self._show_detail()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # With no action in the plan, keys that change one are not offered at all.
        if action in NEEDS_AN_ACTION:
            return bool(self._shown)
        return True

    def _highlighted(self) -> str | None:
        table = self.query_one("#plan-table", DataTable)
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value

    def _chosen(self) -> Action | None:
        action_id = self._highlighted()
        return self.session.action(action_id) if action_id is not None else None

    @on(DataTable.RowHighlighted, "#plan-table")
    def _row_highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        detail = self.query_one("#plan-detail", Static)
        action = self._chosen()
        detail.display = action is not None
        if action is None:
            return
        lang = self.lang
        today = self._clock().date()
        lesson = lesson_words(self._bank, action, lang)
        if action.carried_from:
            lesson += f" · {self.tr('action_carried')}"
        parts: list[str | tuple[str, str]] = [
            (action.text, "bold"),
            "\n",
            (f"{self.tr('action_lesson')}: {lesson}", "dim"),
            "\n",
            f"{self.tr('action_owner')}: {owner_words(action, lang)} · "
            f"{self.tr('action_due')}: {due_words(action, lang)} · "
            f"{self.tr('action_status')}: ",
            (status_words(action, lang, today), "bold" if is_overdue(action, today) else ""),
        ]
        if action.status == "dropped":
            parts += ["\n", f"{self.tr('action_dropped_reason')}: {action.dropped_reason}"]
        progress = self._progress().get(action.id)
        if progress is not None and progress.questions:
            parts += [
                "\n",
                f"{self.tr('plan_col_progress')}: ",
                (self.tr(f"action_outcome_{progress.outcome}"), "bold"),
            ]
        detail.update(Content.assemble(*parts))

    def _progress(self) -> dict[str, ActionProgress]:
        return progress_by_action(self._previous, self.session, self._bank)

    # --- actions -----------------------------------------------------------------------------

    def action_sort(self, by: str) -> None:
        """Sort the plan by due date (`due`) or by status (`status`)."""
        if by in ("due", "status"):
            self._sort = "due" if by == "due" else "status"
            self._show()

    @on(DataTable.HeaderSelected, "#plan-table")
    def _header_chosen(self, event: DataTable.HeaderSelected) -> None:
        self.action_sort(str(event.column_key.value))

    @on(DataTable.RowSelected, "#plan-table")
    def _row_chosen(self) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        """Change the highlighted action."""
        self._open_form(self._chosen(), focus="owner")

    def action_drop(self) -> None:
        """Drop the highlighted action; the form asks why."""
        self._open_form(self._chosen(), status="dropped", focus="reason")

    def action_new(self) -> None:
        """Write an action of the team's own, not tied to a piece of advice."""
        if self.session.plan_full:
            # Said before the form opens, so nothing typed is turned away.
            self.notify(self.tr("plan_full", most=ACTIONS_MAX), severity="warning", timeout=15)
            return
        self.app.push_screen(ActionFormDialog(self._clock, focus="text"), self._save)

    def _open_form(
        self, action: Action | None, status: ActionStatus | None = None, focus: Focus = "owner"
    ) -> None:
        if action is None:
            self.notify(self.tr("plan_choose_first"))
            return
        dialog = ActionFormDialog(
            self._clock,
            action,
            lesson_line=self._lesson_line(action),
            status=status,
            focus=focus,
        )
        self.app.push_screen(dialog, self._save)

    def _lesson_line(self, action: Action) -> str:
        lesson = next((item for item in self._bank.lessons if item.id == action.lesson_id), None)
        if lesson is None:
            return ""
        return self.tr(
            "action_form_lesson", title=lesson.title.get(self.lang), section=lesson.section
        )

    def action_done(self) -> None:
        """Mark the highlighted action done, at once."""
        action = self._chosen()
        if action is None:
            self.notify(self.tr("plan_choose_first"))
            return
        if action.status != "done":
            self._save(action.updated(now=self._clock(), status="done"))

    def action_delete(self) -> None:
        """Delete the highlighted action, after asking."""
        action = self._chosen()
        if action is None:
            return
        dialog = ConfirmDialog(
            self.tr("plan_delete_title"),
            self.tr("plan_delete_body", text=_clip(action.text, 80)),
            yes=self.tr("plan_delete_yes"),
            no=self.tr("plan_delete_no"),
        )

        def chosen(yes: bool | None) -> None:
            if yes:
                self._apply(lambda: self._keeper.remove_action(action.id))

        self.app.push_screen(dialog, chosen)

    def _save(self, action: Action | None) -> None:
        if action is None:
            return
        if self._apply(lambda: self._keeper.save_action(action)):
            table = self.query_one("#plan-table", DataTable)
            if action.id in {shown.id for shown in self._shown}:
                table.move_cursor(row=table.get_row_index(action.id), animate=False)

    def _apply(self, change: Callable[[], None]) -> bool:
        try:
            change()
        except CocreateError as error:
            self.notify(
                error.words(self.lang), title=self.tr("save_failed"), severity="error", timeout=30
            )
            return False
        self._show()
        return True

    @on(Button.Pressed)
    async def _button(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "next-round":
            await self.run_action("app.next_round")
        elif event.button.id is not None:
            await self.run_action(event.button.id)

    def action_close(self) -> None:
        """Back to where the plan was opened from."""
        self.dismiss(None)
