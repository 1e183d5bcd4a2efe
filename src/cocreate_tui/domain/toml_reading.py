"""Read a TOML file from outside (a bank, an overlay, answers) or say in plain words why not."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from .fileio import FileReadError, read_capped
from .phrases import Phrase
from .problem_words import toml_reason


def read_toml(path: Path, limit: int, *, what: str) -> dict[str, Any]:
    """The tables of the TOML file at `path` (at most `limit` bytes; `what` as `read_capped`).

    Raises `FileReadError` whose reason says what is wrong: unreadable, not UTF-8, not TOML
    (with line and column), or nested too deeply.
    """
    raw = read_capped(path, limit, what=what)
    try:
        # utf-8-sig: a byte-order mark added by an editor is harmless.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileReadError(path, Phrase("problem_not_utf8", position=error.start)) from None
    return parse_toml(text, path)


def parse_toml(text: str, path: Path) -> dict[str, Any]:
    """The tables of TOML `text` read from `path`; raises `FileReadError` as `read_toml`."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FileReadError(path, toml_reason(error)) from None
    except RecursionError:
        raise FileReadError(path, Phrase("problem_too_deep")) from None
