"""The note as the question screen shows it until it is opened: a box, not yet a TextArea.

A TextArea is ~2.6 MB with its document and the import (~0.6 MB); most questions never get
a note, so the screen mounts one only when the team opens the note (Tab or a click).
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static


class NoteBox(Static, can_focus=True):
    """Shows the note (or the placeholder); focusing it opens the real note area."""

    def __init__(self, open_note: Callable[[], Widget], *, id: str, classes: str) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self._open_note = open_note
        self._area: Widget | None = None
        self.placeholder = ""
        self._shown: str | None = None
        """What the box shows now (the note or the placeholder)."""

    def show_note(self, text: str) -> None:
        """Show `text`, or the dimmed placeholder when there is none."""
        self.set_class(not text, "-placeholder")
        shown = text or self.placeholder
        # Most questions have no note: the box would be redrawn and laid out for nothing.
        if shown != self._shown:
            self._shown = shown
            self.update(Content(shown))

    def on_focus(self, event: events.Focus) -> None:
        # The area is focused at once (not after a refresh, as Widget.focus does): keys typed
        # right after the Tab then go to it, not to the screen's bindings.
        # A focus already passed on (the screen hid the box's column) opens nothing.
        if self._area is None and self.screen.focused is self:
            self._area = self._open_note()

    def on_key(self, event: events.Key) -> None:
        # Keys that reached the box before the area took the focus belong to the note.
        if self._area is None:
            return
        event.stop()
        event.prevent_default()
        self._area.post_message(events.Key(event.key, event.character))
