"""The question screen's progress line – «Besvart 12 av 54», a bar and a percentage – as one widget.

It draws what a Static label beside Textual's ProgressBar (a Bar and a PercentageStatus) drew,
cell for cell and in the same colours, but as one line of text: each answer updates one widget
instead of four, each with its own refresh, and no Rich renderable is drawn for the bar.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from textual.content import Content
from textual.style import Style
from textual.widget import Widget

BAR = "━"
HALF_BAR_LEFT = "╺"
HALF_BAR_RIGHT = "╸"
LABEL_GAP = 2
"""Cells between the label and the bar."""
PERCENT_WIDTH = 5
"""Cells for the percentage, right-aligned («100%» and a space before it)."""


def bar_cells(width: int, fraction: float) -> tuple[str, str]:
    """The bar `width` cells wide at `fraction` done: (its done part, the rest), as Textual's
    Bar draws them: to the nearest half cell, a half-cell end on either side of the boundary."""
    if width <= 0:
        return "", ""
    exact = min(max(fraction, 0.0), 1.0) * width
    if exact == 0:
        return "", BAR * width
    end = round(exact * 2) / 2
    whole = int(end)
    if end > whole:  # the done part ends in a half cell
        return BAR * whole + HALF_BAR_RIGHT, BAR * (width - whole - 1)
    if whole == width:
        return BAR * width, ""
    return BAR * whole, HALF_BAR_LEFT + BAR * (width - whole - 1)


class ProgressLine(Widget):
    """A label, then a bar filling the width, then the percentage done."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"progress-line--bar", "progress-line--complete"}
    DEFAULT_CSS = """
    ProgressLine {
        height: 1;
        & > .progress-line--bar {
            color: $primary;
            background: $surface;
        }
        & > .progress-line--complete {
            color: $success;
            background: $surface;
        }
    }
    """

    def __init__(self, total: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._label = ""
        self._done = 0
        self._total = total

    def show(self, label: str, done: int) -> None:
        """Show `label` and `done` of the total; only a change redraws the line."""
        if (label, done) != (self._label, self._done):
            self._label, self._done = label, done
            self.refresh()

    def render(self) -> Content:
        fraction = self._done / self._total if self._total else 0.0
        percent = f"{round(fraction * 100)}%".rjust(PERCENT_WIDTH)
        label = self._label
        width = self.content_region.width
        bar_width = max(0, width - cell_len(label) - LABEL_GAP - PERCENT_WIDTH)
        done, rest = bar_cells(bar_width, fraction)
        # Textual's Bar colours both parts with the foreground of its style (the rest in the
        # style's background colour), on the line's own background.
        name = "progress-line--complete" if done and not rest else "progress-line--bar"
        style = self.get_component_rich_style(name)
        done_style = Style.from_rich_style(style.from_color(style.color))
        rest_style = Style.from_rich_style(style.from_color(style.bgcolor))
        return Content.assemble(
            label, " " * LABEL_GAP, (done, done_style), (rest, rest_style), percent
        )
