"""A one-line text field that follows the app's cursor-blink setting, which tests switch off.

Apart from the note area (`fields.py`): screens with only one-line fields then never import
Textual's TextArea (~18 ms).
"""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Input


def blink_setting(widget: Widget) -> bool:
    """Whether the app wants blinking cursors (`cursor_blink=False` makes screenshots stable)."""
    return bool(getattr(widget.app, "cursor_blink", True))


class TextField(Input):
    """A one-line input for the session form, the filter and names."""

    def on_mount(self) -> None:
        self.cursor_blink = blink_setting(self)
