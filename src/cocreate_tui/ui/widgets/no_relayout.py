"""Text that does not ask for a second layout pass when its size changes, or for any when
new content takes the room the old one took.

When a layout pass gives a widget a new size, Textual (8.2.8) sets its virtual size, which asks
for one more pass over the whole screen. For the question's text (no scrolling) that pass
changes nothing: its new size is already laid out. A question whose text takes another number
of lines than the last one's was laid out and drawn twice; now once.

`update_in_place` goes further for a Static whose new content takes the same room as the old
(the next question's position, text and progress, most of the time): it asks for no layout at
all, so the next frame repaints what changed without laying out the screen's ~40 widgets.
"""

from __future__ import annotations

from textual.css.styles import RenderStyles
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


def update_in_place(static: Static, content: VisualType) -> None:
    """`static.update(content)`, asking for a layout only if the content's size changes.

    A widget's place in the layout depends on its content only through its content's width
    (when its width is not set, it fills its container whatever the content) and its height at
    the width it has, within its min-height and max-height: Textual's box model asks for
    nothing else. When both are unchanged, so is the layout.
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
    styles = static.styles
    filled = styles.width is None
    height = static.get_content_height(container, viewport, width)
    return (
        0 if filled else static.get_content_width(container, viewport),
        _clamped(height, styles, container, viewport),
    )


def _clamped(height: int, styles: RenderStyles, container: Size, viewport: Size) -> int:
    """The height of the box around content `height` high, within its min-height and
    max-height: a question's text of one line and one of two, in a box of at least two
    lines, take the same room."""
    if styles.box_sizing == "border-box":
        height += styles.gutter.height
    if styles.min_height is not None:
        height = max(height, int(styles.min_height.resolve(container, viewport)))
    if styles.max_height is not None:
        height = min(height, int(styles.max_height.resolve(container, viewport)))
    return height
