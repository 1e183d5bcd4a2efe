"""The note area: free text on a question or an action, following the cursor-blink setting."""

from __future__ import annotations

from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult

from ...domain.human_format import number
from ..base import app_lang, translate
from .text_field import blink_setting

COUNT_FROM = 0.8
"""The length is shown once the text reaches this share of its limit, not before: a counter
under every short note would be noise."""


class NotesArea(TextArea):
    """Free text with a length limit; Tab leaves it, so Tab never types into it.

    The limit is the saved file's: text past it could not be saved, so typing or pasting
    stops at it, with a bell, and the length is shown as it nears the limit.
    """

    def __init__(self, text: str = "", *, max_length: int, **kwargs: object) -> None:
        super().__init__(text, **kwargs)  # type: ignore[arg-type]
        self.max_length = max_length

    def on_mount(self) -> None:
        self.cursor_blink = blink_setting(self)
        self._show_length()

    def on_resize(self) -> None:
        # The area grows as the text does (up to its max-height): on a small screen its new
        # lines, the cursor and the length under it would end below the page's edge.
        if self.has_focus:
            self.call_after_refresh(self.scroll_visible, animate=False)

    def edit(self, edit: Edit) -> EditResult:
        replaced = len(self.get_text_range(edit.from_location, edit.to_location))
        room = self.max_length - (len(self.text) - replaced)
        if len(edit.text) > room:
            # Kept to what fits, rather than refused: a paste keeps its start.
            edit.text = edit.text[: max(room, 0)]
            self.app.bell()
        result = super().edit(edit)
        self._show_length()
        return result

    def _show_length(self) -> None:
        length = len(self.text)
        if length < self.max_length * COUNT_FROM:
            self.border_subtitle = ""
            return
        lang = app_lang(self)
        key = "note_length_full" if length >= self.max_length else "note_length"
        self.border_subtitle = translate(
            self, key, count=number(length, lang), max=number(self.max_length, lang)
        )
