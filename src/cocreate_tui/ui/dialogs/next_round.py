"""Asks when the next round is taken, before a new session starts from this one's open actions."""

from __future__ import annotations

from typing import ClassVar, get_args

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, RadioSet, Static

from ...domain.sessions import Phase
from ..base import BaseDialog
from ..textual_internals import highlight_radio
from ..widgets.choice import Choice

PHASES: tuple[Phase, ...] = get_args(Phase)


def highlight_pressed(radio_set: RadioSet) -> None:
    """Put the keyboard highlight on the chosen button (Textual starts it on the first)."""
    if radio_set.pressed_index >= 0:
        highlight_radio(radio_set, radio_set.pressed_index)  # Textual has no public way.


class NextRoundDialog(BaseDialog[Phase | None]):
    """Returns the phase the team chose for the next round, or None to cancel."""

    AUTO_FOCUS = "#next-round-phase"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", "key_begin"),
        Binding("escape", "cancel", "key_cancel"),
    ]

    def __init__(self, team: str, open_actions: int, phase: Phase) -> None:
        super().__init__()
        self._team = team
        self._open = open_actions
        self._phase: Phase = phase

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = self.tr("next_round_title")
            yield Static(self.tr("next_round_body", team=self._team, open=self._open), markup=False)
            yield Static(self.tr("next_round_phase"), classes="heading", markup=False)
            with RadioSet(id="next-round-phase", compact=True):
                for phase in PHASES:
                    yield Choice(self.tr(f"phase_{phase}"), value=phase == self._phase, name=phase)
            with Horizontal(classes="button-row"):
                yield Button(
                    self.tr("next_round_start"), variant="primary", id="start", compact=True
                )
                yield Button(self.tr("next_round_cancel"), id="cancel", compact=True)

    def on_mount(self) -> None:
        radio_set = self.query_one("#next-round-phase", RadioSet)
        self.call_after_refresh(highlight_pressed, radio_set)

    def _chosen(self) -> Phase:
        pressed = self.query_one("#next-round-phase", RadioSet).pressed_button
        name = pressed.name if pressed is not None else None
        return next((phase for phase in PHASES if phase == name), self._phase)

    async def apply_language(self) -> None:
        self._phase = self._chosen()
        await super().apply_language()
        self.on_mount()

    @on(Button.Pressed, "#start")
    def _start_pressed(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_start(self) -> None:
        """Start the next round at the chosen phase."""
        self.dismiss(self._chosen())

    def action_cancel(self) -> None:
        """Do not start a new round."""
        self.dismiss(None)
