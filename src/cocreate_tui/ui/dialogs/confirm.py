"""A yes/no question in a dialog; returns True for yes."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from ..base import BaseDialog


class ConfirmDialog(BaseDialog[bool]):
    """Asks `title` with `body`; Enter or the yes button confirms, Escape or no declines."""

    AUTO_FOCUS = "#yes"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "decline", "key_cancel"),
    ]

    def __init__(self, title: str, body: str, *, yes: str, no: str) -> None:
        super().__init__()
        self._title = title
        self._body = body
        self._yes = yes
        self._no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = self._title
            yield Static(self._body, markup=False)
            with Horizontal(classes="button-row"):
                yield Button(self._yes, variant="primary", id="yes", compact=True)
                yield Button(self._no, id="no", compact=True)

    @on(Button.Pressed, "#yes")
    def _yes_pressed(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no_pressed(self) -> None:
        self.dismiss(False)

    def action_decline(self) -> None:
        """Answer no."""
        self.dismiss(False)
