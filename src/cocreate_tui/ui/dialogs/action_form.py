"""The form for one action («tiltak»): what, who, by when, and how it stands; checked in place."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import ClassVar, Literal, get_args

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, Input, Label, RadioSet, Static, TextArea

from ...domain.action_plan import parse_due
from ...domain.human_format import day
from ...domain.problem_words import validation_problem
from ...domain.sessions import (
    ACTION_OWNER_MAX,
    ACTION_REASON_MAX,
    ACTION_TEXT_MAX,
    Action,
    ActionStatus,
    new_action,
)
from ..base import BaseDialog
from ..widgets.choice import Choice
from ..widgets.fields import NotesArea
from ..widgets.text_field import TextField
from .next_round import highlight_pressed

STATUSES: tuple[ActionStatus, ...] = get_args(ActionStatus)
Focus = Literal["text", "owner", "reason"]
"""The field the form starts in."""


class ActionFormDialog(BaseDialog[Action | None]):
    """Makes a new action, or changes `action`; returns the validated action, or None.

    A new action starts from `text` (the lesson's advice), for `lesson_id` and `question_ids`.
    `status` presets the status, e.g. `dropped` when the team chose to drop the action.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "key_save"),
        Binding("escape", "cancel", "key_cancel"),
    ]

    def __init__(
        self,
        clock: Callable[[], datetime],
        action: Action | None = None,
        *,
        text: str = "",
        lesson_id: str | None = None,
        question_ids: Sequence[str] = (),
        lesson_line: str = "",
        status: ActionStatus | None = None,
        focus: Focus = "text",
    ) -> None:
        super().__init__()
        self._clock = clock
        self._action = action
        self._text = action.text if action else text
        self._lesson_id = action.lesson_id if action else lesson_id
        self._question_ids = list(action.question_ids if action else question_ids)
        self._lesson_line = lesson_line
        self._status: ActionStatus = status or (action.status if action else "not_started")
        self._focus: Focus = focus
        self._owner = action.owner if action else ""
        self._due = action.due if action else None
        self._due_as_typed: str | None = None
        """The due date as typed, kept when the form is composed anew in another language."""
        self._reason = action.dropped_reason if action else ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="action-form") as dialog:
            dialog.border_title = self.tr("action_form_edit" if self._action else "action_form_new")
            if self._lesson_line:
                yield Static(self._lesson_line, id="action-lesson", classes="hint", markup=False)
            yield Label(self.tr("action_form_text"), classes="form-label-top")
            area = NotesArea(
                self._text,
                max_length=ACTION_TEXT_MAX,
                id="action-text",
                soft_wrap=True,
                compact=True,
            )
            yield area
            yield Static(id="text-error", classes="form-error", markup=False)
            with Grid(id="action-grid"):
                yield Label(self.tr("action_form_owner"), classes="form-label")
                yield TextField(
                    self._owner,
                    placeholder=self.tr("action_form_owner_placeholder"),
                    max_length=ACTION_OWNER_MAX,
                    compact=True,
                    id="action-owner",
                )
                yield Label(self.tr("action_form_due"), classes="form-label")
                with Vertical(classes="form-field"):
                    yield TextField(
                        self._due_text(),
                        placeholder=self.tr("action_form_due_placeholder"),
                        max_length=10,
                        compact=True,
                        id="action-due",
                    )
                    yield Static(id="due-error", classes="form-error", markup=False)
                yield Label(self.tr("action_form_status"), classes="form-label")
                with RadioSet(id="action-status", compact=True):
                    for status in STATUSES:
                        yield Choice(
                            self.tr(f"action_status_{status}"),
                            value=status == self._status,
                            name=status,
                        )
                yield Label(self.tr("action_form_reason"), classes="form-label", id="reason-label")
                with Vertical(classes="form-field", id="reason-field"):
                    yield TextField(
                        self._reason,
                        placeholder=self.tr("action_form_reason_placeholder"),
                        max_length=ACTION_REASON_MAX,
                        compact=True,
                        id="action-reason",
                    )
                    yield Static(id="reason-error", classes="form-error", markup=False)
            yield Static(self.tr("action_form_privacy"), classes="hint", markup=False)
            with Horizontal(classes="button-row"):
                yield Button(
                    self.tr("action_form_save"), variant="primary", id="save", compact=True
                )
                yield Button(self.tr("action_form_cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        self._set_up()

    def _set_up(self) -> None:
        for error in self.query(".form-error"):
            error.display = False
        self._show_reason()
        self.call_after_refresh(highlight_pressed, self.query_one("#action-status", RadioSet))
        target = {"text": "#action-text", "owner": "#action-owner", "reason": "#action-reason"}
        self.query_one(target[self._focus]).focus()

    async def apply_language(self) -> None:
        # Composed anew in the new language; what the team typed is put back.
        self._text = self.query_one("#action-text", TextArea).text
        self._owner = self.query_one("#action-owner", Input).value
        self._due_as_typed = self.query_one("#action-due", Input).value
        self._reason = self.query_one("#action-reason", Input).value
        self._status = self._chosen_status()
        await super().apply_language()
        self._set_up()

    # --- reading and checking the fields -----------------------------------------------------

    def _due_text(self) -> str:
        """What the due field shows: what was typed, or the saved day as the language writes it."""
        if self._due_as_typed is not None:
            return self._due_as_typed
        return day(self._due, self.lang) if self._due is not None else ""

    def _chosen_status(self) -> ActionStatus:
        pressed = self.query_one("#action-status", RadioSet).pressed_button
        name = pressed.name if pressed is not None else None
        return next((status for status in STATUSES if status == name), "not_started")

    def _show_reason(self) -> None:
        dropped = self._chosen_status() == "dropped"
        self.query_one("#reason-label").display = dropped
        self.query_one("#reason-field").display = dropped

    def _show_error(self, error_id: str, field_id: str, message: str) -> None:
        error = self.query_one(f"#{error_id}", Static)
        error.update(message)
        error.display = bool(message)
        self.query_one(f"#{field_id}").set_class(bool(message), "-invalid")

    def _check_due(self) -> tuple[bool, date | None]:
        text = self.query_one("#action-due", Input).value
        try:
            due = parse_due(text)
        except ValueError:
            example = day(self._clock().date(), self.lang)
            message = self.tr("action_form_due_invalid", example=example)
            self._show_error("due-error", "action-due", message)
            return False, None
        self._show_error("due-error", "action-due", "")
        return True, due

    @on(Input.Changed, "#action-due")
    def _due_typed(self, event: Input.Changed) -> None:
        # Checked as the team types, but a date half typed is not yet called wrong: it is
        # complete at ten characters, or once a year follows the last dot («1.3.2027»).
        typed = event.value.strip()
        if not typed or len(typed) >= len("DD.MM.YYYY") or re.search(r"\.\d{4}$", typed):
            self._check_due()

    @on(Input.Changed, "#action-reason")
    def _reason_typed(self, event: Input.Changed) -> None:
        if event.value.strip():
            self._show_error("reason-error", "action-reason", "")

    @on(TextArea.Changed, "#action-text")
    def _text_typed(self, event: TextArea.Changed) -> None:
        if event.text_area.text.strip():
            self._show_error("text-error", "action-text", "")

    @on(RadioSet.Changed, "#action-status")
    def _status_chosen(self) -> None:
        self._show_reason()
        if self._chosen_status() == "dropped":
            self.query_one("#action-reason").focus()

    # --- saving ------------------------------------------------------------------------------

    @on(Input.Submitted)
    def _field_submitted(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        """Check every field; return the action if all is well, else say what to fix where."""
        text = self.query_one("#action-text", TextArea).text.strip()
        owner = self.query_one("#action-owner", Input).value
        reason = self.query_one("#action-reason", Input).value.strip()
        status = self._chosen_status()
        problems: list[str] = []
        if not text:
            self._show_error("text-error", "action-text", self.tr("action_form_text_required"))
            problems.append("action-text")
        elif len(text) > ACTION_TEXT_MAX:
            message = self.tr("action_form_text_too_long", max=ACTION_TEXT_MAX)
            self._show_error("text-error", "action-text", message)
            problems.append("action-text")
        due_ok, due = self._check_due()
        if not due_ok:
            problems.append("action-due")
        if status == "dropped" and not reason:
            message = self.tr("action_form_reason_required")
            self._show_error("reason-error", "action-reason", message)
            problems.append("action-reason")
        if problems:
            self.query_one(f"#{problems[0]}").focus()
            return
        fields = {
            "text": text,
            "owner": owner,
            "due": due,
            "status": status,
            "dropped_reason": reason if status == "dropped" else "",
        }
        try:
            if self._action is None:
                action = new_action(
                    text,
                    lesson_id=self._lesson_id,
                    question_ids=self._question_ids,
                    owner=owner,
                    due=due,
                    status=status,
                    dropped_reason=reason if status == "dropped" else "",
                    now=self._clock(),
                )
            else:
                action = self._action.updated(now=self._clock(), **fields)
        except ValidationError as error:
            # The fields above are checked one by one; this is a last guard, shown plainly.
            problem = validation_problem(error.errors(include_url=False)[0])
            self._show_error("text-error", "action-text", problem.text(self.lang))
            return
        self.dismiss(action)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
