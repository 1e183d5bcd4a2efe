"""What every HTML export is put together with: parts are `Markup`, and text put in is escaped.

A part is made from a `Markup` template by `format`, or from parts by `join`; both escape what is
not `Markup` already, so text is escaped unless it is marked safe. Never `str` + `str`, never an
f-string: that would make the safety depend on every caller remembering to escape.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from ..text_safety import Markup

NOTHING: Final = Markup()
"""An empty part: left out where parts are put on lines."""
_LINE: Final = Markup("\n")
_ITEM: Final = Markup("<li>{}</li>")
LIST: Final = Markup("<ul>{}</ul>")


def html_lines(parts: Iterable[Markup | str]) -> Markup:
    """The parts that are not empty, one after another on lines; text among them is escaped."""
    return _LINE.join(part for part in parts if part)


def html_items(texts: Iterable[str | Markup]) -> Markup:
    """An `<li>` item for each of `texts`."""
    return Markup().join(_ITEM.format(text) for text in texts)


def html_list(texts: Iterable[str | Markup], template: Markup = LIST) -> Markup:
    """`texts` as a list (`template`, `<ul>` by default); nothing when there are none."""
    items = html_items(texts)
    return template.format(items) if items else NOTHING
