"""Text and a scroll area that do not ask for a second layout pass when their size changes.

When a layout pass gives a widget a new size, Textual (8.2.8) sets its virtual size, which asks
for one more pass over the whole screen. For the question's text (no scrolling) and the area
that scrolls the options and the note, that pass changes nothing: their new size is already
laid out, and a scroll area's scrollbars are updated with its size (showing or hiding one asks
for its own pass). A question whose text takes another number of lines than the last one's
was laid out and drawn twice; now once.

`update_in_place` goes further for a Static whose new content takes the same room as the old
(the next question's position, text and progress, most of the time): it asks for no layout at
all, so the next frame repaints what changed without laying out the screen's ~40 widgets.
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.visual import VisualType
from textual.widget import Widget
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


def update_in_place(static: Static, content: VisualType) -> None:
    """`static.update(content)`, asking for a layout only if the content's size changes.

    A widget's place in the layout depends on its content only through its content's width
    (when its width is not set, it fills its container whatever the content) and its height at
    the width it has: Textual's box model asks for nothing else. When both are unchanged, so
    is the layout.
    """
    width = static.content_region.width
    parent = static.parent
    if not width or not static.is_mounted or not isinstance(parent, Widget):
        static.update(content)
        return
    container, viewport = parent.content_region.size, static.app.size
    before = _content_size(static, container, viewport, width)
    static.update(content, layout=False)  # also clears the widget's cached dimensions
    if _content_size(static, container, viewport, width) != before:
        static.refresh(layout=True)


def _content_size(static: Static, container: Size, viewport: Size, width: int) -> tuple[int, int]:
    filled = static.styles.width is None
    return (
        0 if filled else static.get_content_width(container, viewport),
        static.get_content_height(container, viewport, width),
    )
