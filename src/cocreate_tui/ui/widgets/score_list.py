"""Dimension scores as text bars with numbers; choosing one posts `ScoreList.Explain`."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...console_views import score_bar

BAR_WIDTH = 20
GAP = "   "


@dataclass(frozen=True)
class ScoreRow:
    """One dimension's result as the list shows it."""

    dimension_id: str
    name: str
    score: float | None
    counts_label: str
    """E.g. `3 av 4 besvart`."""
    no_score_label: str
    """Shown instead of a number when nothing is known."""
    lang: str
    """The language the score is written in (70,0 in Norwegian, 70.0 in English)."""

    def figures(self) -> str:
        """The bar, the score (or why there is none) and how much was answered."""
        bar = score_bar(self.score, BAR_WIDTH, lang=self.lang)
        if self.score is None:
            return f"{bar}{GAP}{self.no_score_label}{GAP}{self.counts_label}"
        return f"{bar}{GAP}{self.counts_label}"


class ScoreList(OptionList):
    """One row per dimension: its name, a bar, the score and how much was answered.

    Name and figures share a line when the list is wide enough, and take two lines otherwise.
    """

    @dataclass
    class Explain(Message):
        """The team asked why the dimension `dimension_id` got its score."""

        dimension_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[ScoreRow] = []
        self._one_line: bool | None = None

    def show(self, rows: list[ScoreRow]) -> None:
        """Show `rows` in order."""
        self._rows = rows
        self._one_line = None
        self._lay_out(self.scrollable_content_region.width)

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out(self.scrollable_content_region.width)

    def _lay_out(self, width: int) -> None:
        name_width = max((len(row.name) for row in self._rows), default=0)
        figures_width = max((len(row.figures()) for row in self._rows), default=0)
        one_line = width >= name_width + len(GAP) + figures_width
        if one_line == self._one_line:
            return
        self._one_line = one_line
        highlighted = self.highlighted
        options = []
        for row in self._rows:
            prompt = Text(row.name.ljust(name_width) if one_line else row.name, style="bold")
            prompt.append(GAP if one_line else "\n")
            prompt.append(row.figures())
            options.append(Option(prompt, id=row.dimension_id))
        self.set_options(options)
        self.highlighted = highlighted

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Explain(event.option.id))
