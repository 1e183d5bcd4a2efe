"""Tells the team a session is open in another window, and offers to look or to copy it."""

from __future__ import annotations

from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Button, Static

from ...domain.session_lock import LockHolder
from ..base import BaseDialog
from ..timefmt import local_time

OpenElsewhereChoice = Literal["read_only", "copy"]
"""`read_only`: look at the session without changing it; `copy`: continue in a copy."""


class OpenElsewhereDialog(BaseDialog[OpenElsewhereChoice | None]):
    """Returns the team's choice, or None to cancel; the original is never written."""

    AUTO_FOCUS = "#read-only"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "key_cancel"),
    ]

    def __init__(self, team: str, holder: LockHolder) -> None:
        super().__init__()
        self._team = team
        self._holder = holder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="open-elsewhere") as dialog:
            dialog.border_title = self.tr("open_elsewhere_title")
            body = self.tr(
                "open_elsewhere_body",
                team=self._team,
                host=self._holder.host,
                since=local_time(self._holder.since, self.lang),
            )
            yield Static(body, id="open-elsewhere-body", markup=False)
            yield Button(
                self.tr("open_elsewhere_read_only"), variant="primary", id="read-only", compact=True
            )
            yield Button(self.tr("open_elsewhere_copy"), id="copy", compact=True)
            yield Button(self.tr("open_elsewhere_cancel"), id="cancel", compact=True)

    @on(Button.Pressed, "#read-only")
    def _read_only(self) -> None:
        self.dismiss("read_only")

    @on(Button.Pressed, "#copy")
    def _copy(self) -> None:
        self.dismiss("copy")

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        """Leave the session alone."""
        self.dismiss(None)
