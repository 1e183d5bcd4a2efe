"""Before the questions: what samskaping is and is not, and what thin and thick mean."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Header, Static

from ..base import BaseScreen

SECTIONS = (
    ("intro_what_heading", "intro_what_body"),
    ("intro_not_heading", "intro_not_body"),
    ("intro_thin_thick_heading", "intro_thin_thick_body"),
    ("intro_how_heading", "intro_how_body"),
)
"""Headings and texts, as i18n keys; each names the report's sections it rests on."""


class IntroScreen(BaseScreen[None]):
    """Read before starting (`starting=True`), or again at any time from the palette."""

    AUTO_FOCUS = "#intro"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "continue", "key_continue"),
        Binding("escape", "continue", "key_continue", show=False),
    ]

    def __init__(self, *, starting: bool) -> None:
        super().__init__()
        self._starting = starting

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="intro", classes="prose", can_focus=True):
            yield Static(self.tr("intro_title"), classes="screen-title", markup=False)
            for heading, body in SECTIONS:
                yield Static(self.tr(heading), classes="heading", markup=False)
                yield Static(self.tr(body), classes="section-body", markup=False)
        with Horizontal(classes="button-row"):
            key = "intro_start" if self._starting else "close"
            yield Button(self.tr(key), variant="primary", id="intro-continue", compact=True)
        yield Footer(compact=True)

    def on_button_pressed(self) -> None:
        self.action_continue()

    def action_continue(self) -> None:
        """On to the questions (or back, when read again)."""
        self.dismiss(None)
