"""Finds English words, and English number and date formats, in rendered Norwegian text.

An English word here is one that the project's English texts use (the English catalogue, the
bank's English, the English glossary) or that the standard library prints in English (argparse's
messages, the operating system's error texts), and that no Norwegian text of the project uses
(the bokmål and nynorsk catalogues, the bank's bokmål, its nynorsk overlay and the report's
quotes, the Norwegian glossaries). Words both languages share («plan», «team», «status») are thus
never flagged, and a word of neither (a team's name) is not either.
"""

from __future__ import annotations

import argparse
import errno
import functools
import inspect
import os
import re
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from cocreate_tui import i18n, po
from cocreate_tui.domain.bank_location import shipped_bank_dir

NORWEGIAN = ("nb", "nn")

WORD = re.compile(r"(?<![^\W_])[^\W\d_]+(?:['’][^\W\d_]+)?(?![^\W_])")
"""A word: letters, with an English-style apostrophe inside («don't») kept as one word; not
letters inside a run with digits (a session id such as «5add8a59…» holds no word «add»)."""

ALLOWED: dict[str, str] = {
    # word (lower case): why it may stand in Norwegian output. Names the Norwegian texts also
    # use (Markdown, USN, SESAM, Samson, Tab, Esc …) need no entry: they are in both vocabularies.
    "in": "«In English»: the start screen offers each language in its own words.",
    "english": "«In English», as above.",
    "space": "The name of a key, as Textual's footer writes it («space Velg»).",
}
"""Words the English texts use that may stand in Norwegian output: names and key names."""

LITERAL = re.compile(
    r"\S*[/\\]\S*"  # a file path or address: its folder names are the machine's, not ours
    r"|[\w-]+\.(?:json|toml|md|html|csv|po|txt)\b"  # a file's name («broken.json»)
    r"|(?<![\w-])--?[a-z][\w-]*"  # a command-line option, typed as it stands
    r"|\$\w+"  # an environment variable
    r"|\{[^{}\n]*\}"  # a catalogue's placeholder («{file}»)
    r"|\b\w+_\w+\b"  # a field or key as written in a file («not_applicable»)
    r'|"[^"\n]*"'  # a value to type as it stands («"unknown"»)
    r"|`[^`\n]*`"  # a command quoted as code
)
"""Text that is typed or found literally, not read as prose: it is not checked for English."""

NUMBER_FORMATS = {
    # The report's sections are numbered «3.7»: one digit on each side of the point is a
    # section, not a decimal. Anything else with a decimal point is an English number.
    "decimal point": re.compile(r"(?<![\d.])(?:\d{2,}\.\d+|\d+\.\d{2,}|0\.\d)(?![\d.])"),
    "ISO date": re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])"),
}
"""English (or ISO) ways of writing numbers and dates; Norwegian has 70,0 and 06.12.2026."""


def prose(text: str) -> str:
    """`text` without what is typed or found literally (paths, options, fields, placeholders)."""
    return LITERAL.sub(" ", text)


def words(text: str) -> Iterator[str]:
    """The words of `text`'s prose, in lower case."""
    for match in WORD.finditer(prose(text)):
        yield match.group().lower().replace("’", "'")


def _bank_texts(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """(language, text) for every text of a bank file: `{nb, en}` tables and report quotes."""
    if isinstance(value, dict):
        for inner_key, inner in value.items():
            yield from _bank_texts(inner, inner_key)
    elif isinstance(value, list):
        for item in value:
            yield from _bank_texts(item, key)
    elif isinstance(value, str) and key in ("nb", "en"):
        yield key, value
    elif isinstance(value, str) and key in ("quote", "quotes", "stop_quote"):
        yield "nb", value  # the report's own bokmål


def _overlay_texts(value: Any) -> Iterator[str]:
    """Every text of a language overlay (`questions/lang/<code>.toml`)."""
    if isinstance(value, dict):
        for inner in value.values():
            yield from _overlay_texts(inner)
    elif isinstance(value, list):
        for item in value:
            yield from _overlay_texts(item)
    elif isinstance(value, str):
        yield value


def _glossary_terms(lang: str) -> Iterator[str]:
    """The chosen terms of a glossary (not its forbidden ones, which may be English)."""
    path = Path(i18n.LOCALES_DIR) / "glossary" / f"{lang}.toml"
    for term in tomllib.loads(path.read_text(encoding="utf-8")).get("term", []):
        yield from term.get("use", [])


def _stdlib_english() -> Iterator[str]:
    """What Python prints in English whatever the language: argparse's messages, OS errors."""
    yield from re.findall(r"_\('([^']*)'\)", inspect.getsource(argparse))
    for code in errno.errorcode:
        yield os.strerror(code)


@functools.cache
def vocabularies(bank_dir: Path | None = None) -> tuple[frozenset[str], frozenset[str]]:
    """(English words, Norwegian words) of the catalogues, the bank and the glossaries."""
    english: set[str] = set()
    norwegian: set[str] = set()
    locales = Path(i18n.LOCALES_DIR)
    for code, found in (("en", english), ("nb", norwegian), ("nn", norwegian)):
        for entry in po.read(locales / f"{code}.po").entries:
            found.update(words(entry.text))
        found.update(w for term in _glossary_terms(code) for w in words(term))
    bank = bank_dir or shipped_bank_dir()
    for path in sorted(bank.glob("*.toml")):
        for lang, text in _bank_texts(tomllib.loads(path.read_text(encoding="utf-8"))):
            (english if lang == "en" else norwegian).update(words(text))
    for path in sorted((bank / "lang").glob("n*.toml")):
        overlay = tomllib.loads(path.read_text(encoding="utf-8"))
        norwegian.update(w for text in _overlay_texts(overlay) for w in words(text))
    english.update(w for text in _stdlib_english() for w in words(text))
    return frozenset(english), frozenset(norwegian)


def english_only() -> frozenset[str]:
    """Words that only the English texts use, less the allowed names."""
    english, norwegian = vocabularies()
    return english - norwegian - set(ALLOWED)


def english_words(text: str, literal: Iterable[str] = ()) -> list[str]:
    """The English words in `text`, in order, each once; `literal` are words that stand as
    typed here (a command's own names)."""
    flagged = english_only() - set(literal)
    return list(dict.fromkeys(word for word in words(text) if word in flagged))


def english_formats(text: str) -> list[str]:
    """Numbers with a decimal point and ISO dates in `text`, each named with what it is."""
    return [
        f"{name}: {match.group()}"
        for name, pattern in NUMBER_FORMATS.items()
        for match in pattern.finditer(text)
    ]


def not_norwegian(text: str, literal: Iterable[str] = ()) -> list[str]:
    """Everything in `text` that is not Norwegian: English words, then English formats."""
    return [*english_words(text, literal), *english_formats(text)]


def assert_norwegian(text: str, lang: str, where: str, literal: Iterable[str] = ()) -> None:
    """Fail, quoting the lines, if `text` (in `lang`, nb or nn) holds anything English."""
    if lang not in NORWEGIAN:
        return
    literal = list(literal)
    found = not_norwegian(text, literal)
    lines = [line for line in text.splitlines() if not_norwegian(line, literal)]
    assert not found, f"{where} ({lang}): English in Norwegian text: {found}\n" + "\n".join(lines)


def check_all(texts: Iterable[tuple[str, str]], lang: str) -> None:
    """`assert_norwegian` for each (where, text)."""
    for where, text in texts:
        assert_norwegian(text, lang, where)
