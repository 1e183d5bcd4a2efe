"""A list row drawn cheaply: a fixed-width mark, text wrapping under itself, a tail on the right.

Option lists redraw their rows on every question. With a Rich `Table.grid` per row, measuring
and drawing the grids took about a third of the CPU time from an answer to the next question
(37 → 23 ms median when replaced by this). It lays out the row as `Table.grid(padding=(0, 1))`
did: the columns one space apart, the text column taking the rest of the width. Texts are
plain (no Rich markup), as everywhere else in the wizard.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.text import Text
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

GAP = 1
"""Spaces between columns."""


class RowVisual(Visual):
    """`mark` in a column `mark_width` wide, then `text` wrapped under itself, then `tail`."""

    def __init__(self, mark: str, mark_width: int, text: str, tail: str = "") -> None:
        self.mark = mark
        self.mark_width = mark_width
        self.text = Content(text)
        self.tail = tail
        # Tabs, and characters that take no cell (combining marks, say), change how Content
        # lays a line out (a tab is expanded, the padding after a mark is left off): such
        # rows are drawn by Content itself.
        self._drawn_by_content = "\t" in text or _has_zero_width(text)
        self._layout: tuple[int, Content, list[Content]] | None = None
        """The last layout: width, the lines as one Content, and each line."""

    def _columns(self) -> int:
        """Cells taken by the mark and the tail, with their gaps."""
        tail = cell_len(self.tail) + GAP if self.tail else 0
        return self.mark_width + GAP + tail

    def _lines(self, width: int) -> tuple[Content, int]:
        _, joined, lines = self._laid_out(width)
        return joined, len(lines)

    def _laid_out(self, width: int) -> tuple[int, Content, list[Content]]:
        if self._layout is None or self._layout[0] != width:
            text_width = max(1, width - self._columns())
            wrapped = self.text.wrap(text_width) or [Content("")]
            lead = " " * (self.mark_width + GAP)
            tail = f"{' ' * GAP}{self.tail}" if self.tail else ""
            blank_tail = " " * cell_len(tail)
            lines = []
            for number, line in enumerate(wrapped):
                start = self.mark.ljust(self.mark_width)[: self.mark_width] + " " * GAP
                end = tail if number == 0 else blank_tail
                padded = line.pad_right(max(0, text_width - line.cell_length))
                lines.append(Content(start if number == 0 else lead) + padded + end)
            self._layout = (width, Content("\n").join(lines), lines)
        return self._layout

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        _, joined, lines = self._laid_out(width)
        if (
            not _plain(options)
            or self._drawn_by_content
            or any(line.cell_length != width for line in lines)
        ):
            return joined.render_strips(width, height, style, options)
        # The lines are wrapped and padded to the width already: drawn as Content would draw
        # them (each segment's style carries its place, for text selection), without wrapping
        # them a second time – half the cost of drawing an option, drawn on every question.
        get_style = options.get_style
        strips = []
        for y, line in enumerate(lines if height is None else lines[:height]):
            x = 0
            segments = []
            for text, text_style in line.render(style, end="", parse_style=get_style):
                segments.append(Segment(text, (style + text_style).rich_style_with_offset(x, y)))
                x += len(text)
            strips.append(Strip(segments, width))
        return strips

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self._columns() + self.text.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self._lines(width)[1]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The row as plain text, so Rich (a log, a test) can print it too."""
        content, _ = self._lines(options.max_width)
        yield Text(content.plain)


_TAKE_CELLS: set[str] = set()
"""Characters already measured to take at least one cell: an option's text is checked for
the few characters it has that no earlier row had (measuring every character was ~1,000 calls
an answer)."""


def _has_zero_width(text: str) -> bool:
    """Whether `text` has a character that takes no cell."""
    unseen = set(text) - _TAKE_CELLS
    if any(not cell_len(character) for character in unseen):
        return True
    _TAKE_CELLS.update(unseen)
    return False


def _plain(options: RenderOptions) -> bool:
    """Whether Content would draw ready lines as they are: no selection, left-aligned, no pad."""
    get_rule = options.rules.get
    return (
        options.selection is None
        and options.post_style is None
        and get_rule("text_align", "left") in ("left", "start")
        and get_rule("line_pad", 0) == 0
    )
