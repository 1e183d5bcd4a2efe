"""Asks whether an export should include the notes, which may hold sensitive information."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from ..base import BaseDialog


class ExportDialog(BaseDialog[bool | None]):
    """Returns True to include the notes, False to leave them out, None to cancel."""

    AUTO_FOCUS = "#without-notes"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "key_cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = self.tr("export_title")
            yield Static(self.tr("export_body"), markup=False)
            with Horizontal(classes="button-row"):
                yield Button(
                    self.tr("export_without_notes"),
                    variant="primary",
                    id="without-notes",
                    compact=True,
                )
                yield Button(self.tr("export_with_notes"), id="with-notes", compact=True)
                yield Button(self.tr("export_cancel"), id="cancel", compact=True)

    @on(Button.Pressed, "#with-notes")
    def _with_notes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#without-notes")
    def _without_notes(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        """Do not export."""
        self.dismiss(None)
