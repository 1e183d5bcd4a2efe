"""Text fields that follow the app's cursor-blink setting, which tests switch off."""

from __future__ import annotations

from textual.widgets import Input, TextArea


def _blink_setting(widget: Input | TextArea) -> bool:
    return bool(getattr(widget.app, "cursor_blink", True))


class TextField(Input):
    """A one-line input for the session form."""

    def on_mount(self) -> None:
        self.cursor_blink = _blink_setting(self)


class NotesArea(TextArea):
    """The free-text note on a question; Tab leaves it, so Tab never types into it."""

    def on_mount(self) -> None:
        self.cursor_blink = _blink_setting(self)
