"""The note area: free text on a question or an action, following the cursor-blink setting."""

from __future__ import annotations

from textual.widgets import TextArea

from .text_field import blink_setting


class NotesArea(TextArea):
    """The free-text note on a question; Tab leaves it, so Tab never types into it."""

    def on_mount(self) -> None:
        self.cursor_blink = blink_setting(self)
