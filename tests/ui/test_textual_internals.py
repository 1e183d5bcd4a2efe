"""Each private piece of Textual the app relies on still exists and behaves as relied on.

A Textual upgrade that removes or changes one fails the test named after it; the fix goes into
`ui/textual_internals.py` (and the override it names), nowhere else.
"""

from __future__ import annotations

import gc
import inspect
import re
from pathlib import Path

import pytest
from rich.segment import Segment
from textual.cache import LRUCache
from textual.reactive import Reactive
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import DataTable, Footer, OptionList, RadioSet
from textual.widgets.option_list import Option

import cocreate_tui.ui
from cocreate_tui.ui import textual_internals
from cocreate_tui.ui.textual_internals import (
    DATA_TABLE_ROW_CACHES,
    OVERRIDDEN_HOOKS,
    FooterKey,
    breakpoint_names,
    footer_bindings_ready,
    footer_key_enabled,
    option_heights,
    option_line_span,
    option_render_cache,
    rewrap_options,
    set_footer_key_enabled,
    set_option_prompt,
    unlink_option_cache,
    unlink_row_caches,
)

from ..private_overrides import hook_signature, our_classes, private_overrides, unlisted

UI = Path(cocreate_tui.ui.__file__).parent


@pytest.mark.parametrize("hook", sorted(OVERRIDDEN_HOOKS))
def test_overridden_hook(hook: str) -> None:
    assert hook_signature(hook) == OVERRIDDEN_HOOKS[hook]


def test_every_private_textual_override_in_ui_is_listed() -> None:
    overrides = private_overrides(our_classes(UI, "cocreate_tui.ui"), "textual")
    assert overrides  # the check saw the overrides there are
    assert unlisted(overrides, OVERRIDDEN_HOOKS) == []


_PRIVATE_USES = re.compile(
    r"from textual[\w.]*\._|\.(_get_breakpoint_classes|_selected|_cache|_bindings_ready"
    r"|_disabled|_set_prompt|_option_render_cache|_line_cache|_scroll_update)\b"
    r"|(?<!super\(\))\._clear_caches\b"
)


def test_no_private_textual_name_is_used_outside_textual_internals() -> None:
    found = [
        f"{path.relative_to(UI)}:{number}"
        for path in UI.rglob("*.py")
        if path.name != "textual_internals.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _PRIVATE_USES.search(line)
    ]
    assert found == []


def test_textual_widgets__footer() -> None:
    key = FooterKey("s", "s", "Lagre", "save")
    assert key._disabled is False
    assert footer_key_enabled(key)
    set_footer_key_enabled(key, False)
    assert key._disabled is True and not footer_key_enabled(key)
    assert key.styles.text_style.dim
    # What Footer's `-disabled` class does, and all it does: dim the key.
    rules = [rule for rule in FooterKey.DEFAULT_CSS.split("&.") if rule.startswith("-disabled")]
    assert len(rules) == 1 and rules[0].split("}")[0].split("{")[1].split() == [
        "text-style:",
        "dim;",
    ]
    set_footer_key_enabled(key, True)
    assert key._disabled is False
    assert not key.styles.text_style.dim
    assert {"FooterLabel", "KeyGroup"} <= set(vars(textual_internals))


def test_footer__bindings_ready() -> None:
    assert isinstance(vars(Footer)["_bindings_ready"], Reactive)
    assert footer_bindings_ready(Footer()) is False


def test_screen__get_breakpoint_classes() -> None:
    breakpoints = [(0, "-narrow"), (100, "-wide"), (120, "-very-wide")]
    assert breakpoint_names(Screen(), 110, breakpoints) == {"-wide"}
    assert breakpoint_names(Screen(), 99, breakpoints) == {"-narrow"}


def test_radio_set__selected() -> None:
    selected = vars(RadioSet)["_selected"]
    assert isinstance(selected, Reactive)
    # Setting it is what moves the highlight: RadioSet watches it.
    assert "watch__selected" in vars(RadioSet)


def test_lru_cache__cache_and_data_table_row_caches() -> None:
    table: DataTable[str] = DataTable()
    links = []
    for name in DATA_TABLE_ROW_CACHES:
        cache = getattr(table, name)
        assert isinstance(cache, LRUCache), name
        cache["key"] = "value"
        links.append(cache._cache["key"])
    assert all(link != [] for link in links)
    unlink_row_caches(table)
    assert all(link == [] for link in links)


def test_data_table__clear_caches_clears_the_row_caches() -> None:
    table: DataTable[str] = DataTable()
    for name in DATA_TABLE_ROW_CACHES:
        getattr(table, name)["key"] = "value"
    table._clear_caches()
    assert [name for name in DATA_TABLE_ROW_CACHES if len(getattr(table, name))] == []


def test_option__set_prompt() -> None:
    option = Option("før")
    set_option_prompt(option, "etter")
    assert option.prompt == "etter"


def test_option_list__option_render_cache_and__line_cache() -> None:
    option_list = OptionList("a", "b")
    assert isinstance(option_render_cache(option_list), LRUCache)
    option_list._line_cache.index_to_line[1] = 3
    option_list._line_cache.heights[1] = 2
    assert option_line_span(option_list, 1) == (3, 2)
    assert option_heights(option_list) == {1: 2}


def test_option_list__option_render_cache_is_unlinked() -> None:
    option_list = OptionList("a")
    cache = option_render_cache(option_list)
    cache["key"] = "value"
    link = cache._cache["key"]
    unlink_option_cache(option_list)
    assert link == [] and len(cache) == 0


def test_option_list__clear_caches_drops_the_wrapped_rows() -> None:
    option_list = OptionList("a", "b")
    option_list._line_cache.lines.append((0, 0))
    option_render_cache(option_list)["key"] = "value"
    rewrap_options(option_list)
    assert option_list._line_cache.lines == [] and len(option_render_cache(option_list)) == 0


def test_widget__scroll_update() -> None:
    assert str(inspect.signature(Widget._scroll_update)) == "(self, virtual_size: 'Size') -> 'None'"


def test_strip_divide_keeps_no_cycle_for_a_whole_strip() -> None:
    # Textual's `divide` cached `[self]` in the strip's own cache: a cycle per line drawn.
    gc.collect()
    gc.disable()
    try:
        strip = Strip([Segment("abc")], 3)
        assert strip.divide([3]) == [strip]
        assert [part.text for part in strip.divide([1, 3])] == ["a", "bc"]
        del strip
        assert gc.collect() == 0  # freed as soon as dropped
    finally:
        gc.enable()
