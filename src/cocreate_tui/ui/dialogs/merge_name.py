"""Asks the team name a merge is made under; returns the name, or None to cancel."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from ..base import BaseDialog
from ..widgets.text_field import TextField


class MergeNameDialog(BaseDialog[str | None]):
    """The merged team's name, prefilled with the members' team; Enter merges."""

    AUTO_FOCUS = "#merge-name"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "key_cancel"),
    ]

    def __init__(self, team: str, members: int) -> None:
        super().__init__()
        self._team = team
        self._members = members

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = self.tr("fac_merge_name_title")
            yield Static(self.tr("fac_merge_name_body", count=self._members), markup=False)
            yield TextField(self._team, id="merge-name", compact=True)
            with Horizontal(classes="button-row"):
                yield Button(self.tr("fac_merge_go"), variant="primary", id="merge", compact=True)
                yield Button(self.tr("key_cancel"), id="cancel", compact=True)

    @on(Input.Submitted)
    @on(Button.Pressed, "#merge")
    def _merge(self) -> None:
        name = self.query_one("#merge-name", Input).value.strip()
        if name:
            self.dismiss(name)
        else:
            self.notify(self.tr("fac_merge_name_missing"), severity="warning")

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        """Do not merge."""
        self.dismiss(None)
