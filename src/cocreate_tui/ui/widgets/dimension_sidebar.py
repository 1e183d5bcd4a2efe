"""The dimensions with answered/total; choosing one posts `DimensionSidebar.Jump`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from textual.css.styles import RulesMap
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..textual_internals import (
    option_heights,
    option_line_span,
    option_render_cache,
    set_option_prompt,
    unlink_option_cache,
)
from .row_visual import RowVisual

DONE_MARK = "✓"
CURRENT_MARK = "▶"


@dataclass(frozen=True)
class SidebarEntry:
    """One dimension as the sidebar shows it."""

    dimension_id: str
    name: str
    answered: int
    total: int


class DimensionSidebar(OptionList):
    """A list of dimensions: ▶ marks the current one, ✓ the ones fully answered."""

    @dataclass
    class Jump(Message):
        """The team wants to go to the dimension `dimension_id`."""

        dimension_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[tuple[str, SidebarEntry, RowVisual]] = []
        """What each row shows now: its mark, its entry and its drawing."""

    def show(self, entries: list[SidebarEntry], current: str) -> None:
        """Show `entries`, marking the `current` dimension; keeps the highlight in place."""
        highlighted = self.highlighted
        marks = [_mark(entry, current) for entry in entries]
        if not self._replace_changed_rows(entries, marks):
            self._rows = [(m, e, _row(m, e)) for m, e in zip(marks, entries, strict=True)]
            unlink_option_cache(self)
            self.set_options(Option(row, id=e.dimension_id) for _, e, row in self._rows)
        ids = [entry.dimension_id for entry in entries]
        if highlighted is None or not self.has_focus:
            highlighted = ids.index(current) if current in ids else 0
        if highlighted != self.highlighted:
            self._move_highlight(highlighted)

    def _move_highlight(self, index: int) -> None:
        """Highlight option `index`, redrawing only the two rows whose highlight changes.

        Setting `highlighted` redraws every row of the list (its whole height), on each answer
        that moves to another area; no message is posted, as nothing listens for it here.
        """
        before = self.highlighted
        if before is None or not self.is_mounted or not self.region:
            self.highlighted = index
            return
        self.set_reactive(DimensionSidebar.highlighted, index)
        for row in (before, index):
            self.refresh_lines(*option_line_span(self, row))
        self.scroll_to_highlight()

    def _replace_changed_rows(self, entries: list[SidebarEntry], marks: list[str]) -> bool:
        """Redraw only the rows that changed, if none changes height; False if it cannot.

        An answer changes one or two rows. `set_options` (and `replace_option_prompt`, which
        clears every cached row) redraws them all, which cost about 4 ms of each answer.
        Uses OptionList internals (see textual_internals): its lines' heights and first lines.
        """
        if [e.dimension_id for _, e, _ in self._rows] != [e.dimension_id for e in entries]:
            return False
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width - padding.width
        heights = option_heights(self)
        changed: list[tuple[int, RowVisual]] = []
        for index, (mark, entry) in enumerate(zip(marks, entries, strict=True)):
            if (mark, entry) == self._rows[index][:2]:
                continue
            row = _row(mark, entry)
            if heights.get(index) != row.get_height(cast(RulesMap, self.styles), width):
                return False
            changed.append((index, row))
            self._rows[index] = (mark, entry, row)
        for index, row in changed:
            self._replace_row(index, row)
        return True

    def _replace_row(self, index: int, row: RowVisual) -> None:
        """Give option `index` the drawing `row` (as tall as the last) and redraw it alone."""
        option = self.get_option_at_index(index)
        set_option_prompt(option, row)
        # The option's drawn lines are cached by option, style and padding.
        cache = option_render_cache(self)
        for key in [key for key in cache.keys() if key[0] is option]:  # noqa: SIM118 (no __iter__)
            cache.discard(key)
        self.refresh_lines(*option_line_span(self, index))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # Nothing above listens for it; stopped here, it is not passed up through the screen's
        # containers on every question.
        event.stop()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Jump(event.option.id))


def _mark(entry: SidebarEntry, current: str) -> str:
    mark = CURRENT_MARK if entry.dimension_id == current else ""
    return f"{mark}{DONE_MARK}" if entry.answered == entry.total else mark


def _row(mark: str, entry: SidebarEntry) -> RowVisual:
    return RowVisual(mark, 2, entry.name, f"{entry.answered}/{entry.total}")
