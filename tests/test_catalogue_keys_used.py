"""Every catalogue entry is said somewhere: no text left behind for translators to keep up."""

from __future__ import annotations

import re
from pathlib import Path

from cocreate_tui import po

SRC = Path(__file__).resolve().parents[1] / "src" / "cocreate_tui"
FAMILY = re.compile(r"""f["']([a-z][a-z_]*_)\{""")
"""A key made from a part at run time, `f"action_status_{status}"`: its family's prefix."""


def _code() -> str:
    files = [*SRC.rglob("*.py"), *SRC.rglob("*.html"), *SRC.rglob("*.js")]
    return "\n".join(path.read_text(encoding="utf-8") for path in files)


def unused_keys(keys: list[str], code: str) -> list[str]:
    """The keys `code` neither names as a string nor builds from a family's prefix."""
    families = tuple(set(FAMILY.findall(code)))
    return [
        key
        for key in keys
        if f'"{key}"' not in code and f"'{key}'" not in code and not key.startswith(families)
    ]


def test_every_catalogue_key_is_used_by_the_code() -> None:
    keys = [entry.key for entry in po.read(SRC / "locales" / "nb.po").entries]
    assert unused_keys(keys, _code()) == []


def test_a_key_nothing_names_is_found() -> None:
    code = 't("used", lang)\nt(f"status_{status}", lang)'
    assert unused_keys(["used", "status_done", "forgotten"], code) == ["forgotten"]
