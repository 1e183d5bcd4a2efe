"""A short form for the team round (join code and name, team or code, why); returns the values."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from ..base import BaseDialog
from ..widgets.text_field import TextField


class RoundFieldsDialog(BaseDialog[tuple[str, ...] | None]):
    """Asks for one or more short texts; Enter goes on, Escape cancels (None).

    `fields` holds (id, i18n key of the label, prefilled value); with `required`, every field
    must be filled before the dialog closes.
    """

    AUTO_FOCUS = "Input"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "key_cancel"),
    ]

    def __init__(
        self,
        title_key: str,
        body_key: str,
        fields: list[tuple[str, str, str]],
        *,
        required: bool = True,
        missing_key: str = "round_missing",
    ) -> None:
        super().__init__()
        self._title_key = title_key
        self._body_key = body_key
        self._fields = fields
        self._required = required
        self._missing_key = missing_key

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = self.tr(self._title_key)
            yield Static(self.tr(self._body_key), markup=False)
            for field_id, label, value in self._fields:
                yield Label(self.tr(label))
                yield TextField(value, id=field_id, compact=True)
            with Horizontal(classes="button-row"):
                yield Button(self.tr("round_go"), variant="primary", id="go", compact=True)
                yield Button(self.tr("key_cancel"), id="cancel", compact=True)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        ids = [field_id for field_id, _, _ in self._fields]
        position = ids.index(event.input.id or ids[-1])
        if position + 1 < len(ids) and not self._values()[position + 1]:
            self.query_one(f"#{ids[position + 1]}", Input).focus()
            return
        self._go()

    @on(Button.Pressed, "#go")
    def _go(self) -> None:
        values = self._values()
        if self._required and not all(values):
            self.notify(self.tr(self._missing_key), severity="warning")
            return
        self.dismiss(values)

    def _values(self) -> tuple[str, ...]:
        return tuple(self.query_one(f"#{i}", Input).value.strip() for i, _, _ in self._fields)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)
