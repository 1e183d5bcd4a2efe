"""Text and a scroll area that do not ask for a second layout pass when their size changes.

When a layout pass gives a widget a new size, Textual (8.2.8) sets its virtual size, which asks
for one more pass over the whole screen. For the question's text (no scrolling) and the area
that scrolls the options and the note, that pass changes nothing: their new size is already
laid out, and a scroll area's scrollbars are updated with its size (showing or hiding one asks
for its own pass). A question whose text takes another number of lines than the last one's
was laid out and drawn twice; now once.
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.widgets import Static

# `_size_updated` is a Textual hook, pinned in textual_internals.


class SizedText(Static):
    """A Static whose change of size needs no second layout pass."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)


class SizedScroll(VerticalScroll):
    """A VerticalScroll whose change of size needs no second layout pass."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)
