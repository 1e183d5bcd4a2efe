"""The dimensions with answered/total; choosing one posts `DimensionSidebar.Jump`."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

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

    def show(self, entries: list[SidebarEntry], current: str) -> None:
        """Show `entries`, marking the `current` dimension; keeps the highlight in place."""
        highlighted = self.highlighted
        options = []
        for entry in entries:
            mark = CURRENT_MARK if entry.dimension_id == current else ""
            if entry.answered == entry.total:
                mark = f"{mark}{DONE_MARK}"
            options.append(Option(_row(mark, entry), id=entry.dimension_id))
        self.set_options(options)
        ids = [entry.dimension_id for entry in entries]
        if highlighted is None or not self.has_focus:
            highlighted = ids.index(current) if current in ids else 0
        self.highlighted = highlighted

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Jump(event.option.id))


def _row(mark: str, entry: SidebarEntry) -> RowVisual:
    return RowVisual(mark, 2, entry.name, f"{entry.answered}/{entry.total}")
