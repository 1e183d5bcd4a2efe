"""The options of one question, «Vet ikke» (and «Gjelder ikke oss» where offered) last;
choosing one posts `AnswerOptions.Chosen`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Self

from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...domain.bank_models import Lang, Question
from ...domain.sessions import Answer
from ..textual_internals import rewrap_options, unlink_option_cache, update_scrollbars
from .row_visual import RowVisual

UNKNOWN_ID = "unknown"
NOT_APPLICABLE_ID = "not_applicable"
CHOSEN_MARK = "●"
OPEN_MARK = "○"


def option_row(mark: str, text: str) -> RowVisual:
    """One option: a fixed-width mark and key, and the text wrapping under itself."""
    return RowVisual(mark, 4, text)


class AnswerOptions(OptionList):
    """The answer options; the chosen one is marked ● (not by colour alone)."""

    @dataclass
    class Chosen(Message):
        """The team chose an option (`value`), «Vet ikke» (`unknown`) or «Gjelder ikke oss»
        (`not_applicable`)."""

        value: int | None
        unknown: bool
        not_applicable: bool = False

    _rows_width: int | None = None
    """The content width the rendered rows were last measured at."""
    _size_is_stale = False
    """New options are set and the list still has the last question's size."""
    _layout_held = False
    """New options are being set: asking for a layout or a whole repaint is left to `show`."""

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        if self._layout_held:
            layout = False
            if not regions and not recompose:
                # The whole list, asked for while new options are set: `show` repaints the
                # rows that change instead (rows blank before and after stay as they are).
                return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def _on_resize(self, event: events.Resize | None = None) -> None:  # a Textual hook
        # (see textual_internals; OptionList's takes no event, Textual passes it to ours)
        # OptionList drops every rendered row on any resize, so a question whose options
        # are taller than the last one's was drawn twice. Rows depend on the width only.
        width = self.scrollable_content_region.width
        if event is not None and width == self._rows_width:
            event.prevent_default()
        self._rows_width = width

    def show(
        self,
        question: Question,
        answer: Answer,
        lang: Lang,
        unknown_label: str,
        not_applicable_label: str = "",
    ) -> None:
        """Show `question`'s options, marking and highlighting the current answer."""
        options: list[Option | None] = []
        highlighted = 0
        for number, option in enumerate(question.options, start=1):
            chosen = answer.value == option.value
            if chosen:
                highlighted = number - 1
            mark = f"{CHOSEN_MARK if chosen else OPEN_MARK} {number}"
            options.append(Option(option_row(mark, option.label.get(lang)), id=f"v{option.value}"))
        options.append(None)
        mark = f"{CHOSEN_MARK if answer.unknown else OPEN_MARK} 0"
        options.append(Option(option_row(mark, unknown_label), id=UNKNOWN_ID))
        if answer.unknown:
            highlighted = len(question.options)
        if question.not_applicable:
            mark = f"{CHOSEN_MARK if answer.not_applicable else OPEN_MARK} g"
            options.append(Option(option_row(mark, not_applicable_label), id=NOT_APPLICABLE_ID))
            if answer.not_applicable:
                highlighted = len(question.options) + 1
        self._size_is_stale = True
        unlink_option_cache(self)  # the last question's options are freed at once
        # New options that leave the list's size as it was take the same place: no layout of
        # the screen then, only a repaint. A list whose height is set (the question screen's
        # fills the room left) keeps its size whatever its options; one sized by its content
        # keeps it when the new options are as tall as the last ones (a widget's place
        # depends on its content only through its content's height at its width; the list's
        # width does not depend on its options).
        width = self.content_region.width
        laid_out = bool(width) and self.is_mounted
        sized_by_content = self.styles.height is None or self.styles.height.is_auto
        before = self._content_height(width) if laid_out and sized_by_content else None
        rows_shown = self.virtual_size.height - self.scroll_offset.y
        self._layout_held = laid_out
        try:
            self.set_options(options)
            self.highlighted = highlighted
        finally:
            self._layout_held = False
        if not laid_out:
            return
        # Repaint the rows that held the last question's options or hold this one's.
        changed = max(rows_shown, self.virtual_size.height)
        super().refresh(Region(0, 0, max(width, self.virtual_size.width), changed))
        if sized_by_content and self._content_height(width) != before:
            self.refresh(layout=True)
            return
        self._size_is_stale = False
        if not sized_by_content:
            # Only the scrollbar can change: shown or hidden now (which asks for its own
            # layout), and told the new height of the options.
            update_scrollbars(self)

    def _content_height(self, width: int) -> int:
        return self.get_content_height(self.container_size, self.app.size, width)

    # Scrollbars are decided at the next layout, when the list has its new size. Decided at
    # once, against the last question's height, a taller list got a scrollbar for a moment:
    # its rows were wrapped narrower, and the screen was laid out and drawn twice.
    # (Textual hooks: see textual_internals.)

    def _refresh_scrollbars(self) -> None:
        if not self._size_is_stale:
            super()._refresh_scrollbars()

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        stale, self._size_is_stale = self._size_is_stale, False
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        if stale:
            self._refresh_scrollbars()
        width = self.scrollable_content_region.width
        if self._rows_width is not None and width != self._rows_width:
            # A scrollbar came or went: the rows are narrower or wider than they were wrapped
            # at. Textual sends no Resize for it (the list's own size is the same), so the
            # rows are wrapped again here, as a Resize would have them.
            self._rows_width = width
            rewrap_options(self)
        return resized

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # Nothing above listens for it; stopped here, it is not passed up through the screen's
        # containers on every question.
        event.stop()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id == UNKNOWN_ID:
            self.post_message(self.Chosen(None, unknown=True))
        elif option_id == NOT_APPLICABLE_ID:
            self.post_message(self.Chosen(None, unknown=False, not_applicable=True))
        else:
            self.post_message(self.Chosen(int(option_id.removeprefix("v")), unknown=False))
