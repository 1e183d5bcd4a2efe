"""Textual's private API that the app relies on, in one place, each use pinned by a test.

Textual (pinned in pyproject) offers no public way to do these, and each was measured to matter
(frames drawn once rather than twice, memory freed at once). A Textual upgrade may remove or
change any of them without notice; tests/ui/test_textual_internals.py then fails naming the one
that changed. Code elsewhere calls the functions here, never a private name itself, except
for the hooks in `OVERRIDDEN_HOOKS`, which our classes override (a test finds every private
override in `ui/` and requires it to be listed).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, cast

from textual._compositor import ChopsUpdate, Compositor
from textual.cache import LRUCache
from textual.geometry import Region
from textual.strip import Strip

# A private module: Footer's parts, which the steady footer shows and hides in place.
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.visual import VisualType
    from textual.widget import Widget
    from textual.widgets import DataTable, Footer, OptionList, RadioSet
    from textual.widgets.option_list import Option

__all__ = [
    "DATA_TABLE_ROW_CACHES",
    "OVERRIDDEN_HOOKS",
    "TEXTUAL_PARTIAL_UPDATE",
    "FooterKey",
    "FooterLabel",
    "KeyGroup",
    "breakpoint_names",
    "footer_bindings_ready",
    "footer_key_enabled",
    "free_whole_strips",
    "highlight_radio",
    "option_heights",
    "option_line_span",
    "option_render_cache",
    "paint_only_changed_lines",
    "rewrap_options",
    "set_footer_key_enabled",
    "set_option_prompt",
    "unlink_cache",
    "unlink_option_cache",
    "unlink_row_caches",
    "update_scrollbars",
]

OVERRIDDEN_HOOKS: Final[Mapping[str, str]] = {
    # Where Textual defines the hook: its signature there, as our overrides expect it.
    "textual.app.App._handle_exception": "(self, error: 'Exception') -> 'None'",
    "textual.widgets._data_table.DataTable._clear_caches": "(self) -> 'None'",
    "textual.widgets._data_table.DataTable._on_resize": "(self, _: 'events.Resize') -> 'None'",
    "textual.widgets._option_list.OptionList._on_resize": "(self)",
    "textual.widget.Widget._refresh_scrollbars": "(self) -> 'None'",
    "textual.widget.Widget._size_updated": (
        "(self, size: 'Size', virtual_size: 'Size', container_size: 'Size', "
        "layout: 'bool' = True) -> 'bool'"
    ),
    "textual.scroll_view.ScrollView._size_updated": (
        "(self, size: 'Size', virtual_size: 'Size', container_size: 'Size', "
        "layout: 'bool' = True) -> 'bool'"
    ),
    "textual.widget.Widget._on_mouse_scroll_down": (
        "(self, event: 'events.MouseScrollDown') -> 'None'"
    ),
    "textual.widget.Widget._on_mouse_scroll_up": "(self, event: 'events.MouseScrollUp') -> 'None'",
    "textual.screen.Screen._on_screen_resume": "(self, event: 'events.ScreenResume') -> 'None'",
}
"""Private methods of Textual that our widgets override, by where Textual defines them."""

DATA_TABLE_ROW_CACHES: Final = (
    "_row_render_cache", "_cell_render_cache", "_row_renderable_cache", "_line_cache",
    "_offset_cache", "_ordered_row_cache",
)  # fmt: skip
"""The LRU caches that `DataTable._clear_caches` empties, of rendered rows."""


def breakpoint_names(
    screen: Screen[Any], dimension: int, breakpoints: list[tuple[int, str]]
) -> set[str]:
    """The breakpoint classes Textual gives `screen` for a width or height of `dimension`."""
    return screen._get_breakpoint_classes(dimension, breakpoints)


def highlight_radio(radio_set: RadioSet, index: int) -> None:
    """Put the keyboard highlight of `radio_set` on button `index`."""
    radio_set._selected = index


def unlink_row_caches(table: DataTable[Any]) -> None:
    """Unlink the entries of `table`'s row caches, so they are freed as soon as dropped."""
    for name in DATA_TABLE_ROW_CACHES:
        cache = getattr(table, name, None)
        if isinstance(cache, LRUCache):
            unlink_cache(cache)


def unlink_option_cache(option_list: OptionList) -> None:
    """Unlink the entries of `option_list`'s cache of drawn options, before it drops them
    (`set_options`), so that the old options and their lines are freed at once."""
    unlink_cache(option_render_cache(option_list))


def unlink_cache(cache: LRUCache[Any, Any]) -> None:
    """Unlink the entries of `cache`, so they are freed as soon as it drops them.

    Textual's LRUCache keeps its entries in a circular list that `clear()` drops whole, so
    every entry became cyclic garbage, left to a full collection (rare: the wizard grew by
    about 1 MB of such garbage over a session's answers). Empties the cache.
    """
    for link in cache._cache.values():
        link.clear()
    cache.clear()


_divide: Final = Strip.divide


def _divide_uncached_if_whole(self: Strip, cuts: Iterable[int]) -> Sequence[Strip]:
    cuts = list(cuts)
    if cuts == [self.cell_length]:
        return [self]  # as Textual's, without keeping it in the strip's own cache
    return _divide(self, cuts)


def free_whole_strips() -> None:
    """Make `Strip.divide` stop caching a strip divided into one piece: itself.

    The compositor divides every line of every widget at each frame; Textual's `divide`
    cached `[self]` in the strip's own cache, so nearly every line drawn became cyclic
    garbage (with its seven caches), left to a full collection, which comes rarely: the
    wizard grew by about 2 MB over a session's answers. The strips divided are the same.
    """
    Strip.divide = _divide_uncached_if_whole  # type: ignore[method-assign]


free_whole_strips()  # every app of ours imports this module before it draws

TEXTUAL_PARTIAL_UPDATE: Final = Compositor.render_partial_update
"""Textual's own partial update, kept for the test that ours draws what it draws."""


def _changed_lines(
    compositor: Compositor, changed: Collection[Region], crop: Region
) -> Iterator[tuple[Region, list[Strip]]]:
    """Each visible widget that a change overlaps, front first, with its lines from the first
    changed row to the last (only those are drawn)."""
    overlaps_crop = crop.overlaps
    for widget, (region, clip) in compositor.visible_widgets.items():
        shown = region.intersection(clip)
        if not overlaps_crop(shown):
            continue
        top = bottom = -1
        for change in changed:
            part = shown.intersection(change)
            if part:
                top = part.y if top < 0 else min(top, part.y)
                bottom = max(bottom, part.bottom)
        if top < 0:
            continue  # none of its cells is drawn
        band = Region(shown.x, top, shown.width, bottom - top)
        crop_in_widget = Region(band.x - region.x, band.y - region.y, band.width, band.height)
        yield band, widget.render_lines(crop_in_widget)


def _render_changed_lines(self: Compositor) -> ChopsUpdate | None:
    # Textual's `render_partial_update` with one difference: each widget is asked only for
    # its rows from its first changed row to its last, not for all its rows.
    changed = self._dirty_regions.copy()
    self._dirty_regions.clear()
    if not changed:
        return None
    crop = Region.from_union(list(changed)).intersection(self.size.region)
    spans = list(self._regions_to_spans(changed))
    is_drawn_line = {y for y, _, _ in spans}.__contains__
    cuts = self.cuts
    chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
    for band, strips in _changed_lines(self, changed, crop):
        first_cut, last_cut = band.column_span
        for y, strip in zip(band.line_range, strips, strict=False):
            if not is_drawn_line(y):
                continue
            line = chops[y]
            final_cuts = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
            pieces = strip.divide([cut - band.x for cut in final_cuts[1:]])
            for cut, piece in zip(final_cuts, pieces, strict=False):
                if line.get(cut) is None:  # front to back: the first piece for a cut wins
                    line[cut] = piece
    chop_ends = [cut_set[1:] for cut_set in cuts]
    return ChopsUpdate(cast("list[dict[int, Strip]]", chops), spans, chop_ends)


def paint_only_changed_lines() -> None:
    """Make a partial update ask each widget only for the lines that changed in it.

    Textual's partial update asks every widget that overlaps the changes' bounding box for
    all its lines, then keeps the changed ones: on the question screen, where the progress
    line at the bottom and the options at the top change with each answer, that was every
    widget's every line (cached, but each one looked up, cropped and divided): about 2,000 of
    an answer's 22,500 function calls. The cells written to the terminal are the same (a
    test compares both updates over random changes, a dialog on top included).
    """
    Compositor.render_partial_update = _render_changed_lines  # type: ignore[method-assign]


paint_only_changed_lines()


def footer_bindings_ready(footer: Footer) -> bool:
    """Whether Textual's Footer has the screen's bindings to show yet."""
    return footer._bindings_ready


def footer_key_enabled(key: FooterKey) -> bool:
    """Whether `key` is shown enabled (a click on it runs its action)."""
    return not key._disabled


def set_footer_key_enabled(key: FooterKey, enabled: bool) -> None:
    """Show `key` enabled or disabled, as Footer does when it composes its keys: dimmed, and
    a click rings the bell.

    Footer dims a key with its `-disabled` class. Changing a class restyles the widget through
    the whole stylesheet (about 4 ms here, on one answer in four); the same dim as an inline
    style only redraws the key. The inline style overrides the class either way.
    """
    key._disabled = not enabled
    key.styles.text_style = "none" if enabled else "dim"


def set_option_prompt(option: Option, prompt: VisualType) -> None:
    """Give `option` a new prompt without rebuilding the list's options."""
    option._set_prompt(prompt)


def rewrap_options(option_list: OptionList) -> None:
    """Drop `option_list`'s wrapped rows, so that they are wrapped again at its width now (what
    its Resize handler does; a scrollbar coming or going sends no Resize)."""
    option_list._clear_caches()


def update_scrollbars(widget: Widget) -> None:
    """Show or hide `widget`'s scrollbars for its virtual size now, and give them its size."""
    widget._scroll_update(widget.virtual_size)


def option_render_cache(option_list: OptionList) -> LRUCache[Any, Any]:
    """The cache of `option_list`'s drawn lines, keyed by option, style and padding first."""
    return option_list._option_render_cache


def option_heights(option_list: OptionList) -> dict[int, int]:
    """How many lines each option of `option_list` was last drawn on, by index."""
    return option_list._line_cache.heights


def option_line_span(option_list: OptionList, index: int) -> tuple[int, int]:
    """The first line option `index` is drawn on, and how many lines it takes."""
    lines = option_list._line_cache
    return lines.index_to_line[index], lines.heights[index]
