"""Shown instead of a broken layout when the terminal is smaller than the app needs."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.widgets import Static

from ..base import BaseScreen

MIN_WIDTH = 60
MIN_HEIGHT = 20


class TooSmallScreen(BaseScreen[None]):
    """Covers the app until the terminal is at least MIN_WIDTH × MIN_HEIGHT; Ctrl+Q still quits."""

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(id="too-small-message")

    def on_mount(self) -> None:
        self._show(self.app.size.width, self.app.size.height)

    def on_resize(self, event: events.Resize) -> None:
        self._show(event.size.width, event.size.height)

    def _show(self, width: int, height: int) -> None:
        self.query_one("#too-small-message", Static).update(
            self.tr(
                "too_small",
                width=width,
                height=height,
                min_width=MIN_WIDTH,
                min_height=MIN_HEIGHT,
            )
        )

    async def apply_language(self) -> None:
        self._show(self.app.size.width, self.app.size.height)
