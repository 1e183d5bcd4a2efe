"""Every Norwegian snapshot holds no English: read back from the stored SVGs, which the
snapshot tests hold equal to what the app draws."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ..language_check import assert_norwegian
from .screen_text import svg_lines

SNAPSHOTS = Path(__file__).parent / "__snapshots__"
LANG_IN_NAME = re.compile(r"-(nb|nn|en)\]\.svg$")
"""A snapshot's language, as its test id ends; one named without a language is bokmål."""

KNOWN: dict[str, str] = {
    # snapshot: why its English is known and who is fixing it. Marked xfail(strict), so each
    # fails the moment it is fixed and the entry must go. Empty since the lang branch merged.
}


def _language(path: Path) -> str:
    found = LANG_IN_NAME.search(path.name)
    return found.group(1) if found else "nb"


NORWEGIAN = sorted(
    path.relative_to(SNAPSHOTS).as_posix()
    for path in SNAPSHOTS.glob("*/*.svg")
    if _language(path) in ("nb", "nn")
)


def test_the_scan_sees_every_screen_of_the_walk_in_both_norwegian_forms() -> None:
    for lang in ("nb", "nn"):
        for state in ("start", "metadata", "intro", "question", "why", "review", "results"):
            assert f"test_snapshots/test_screen[{state}-80x24-{lang}].svg" in NORWEGIAN
        assert f"test_plan_snapshots/test_action_plan[80x24-{lang}].svg" in NORWEGIAN
    assert "test_snapshots/test_screen[start-80x24-en].svg" not in NORWEGIAN
    assert set(KNOWN) <= set(NORWEGIAN)


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=KNOWN[name]))
        if name in KNOWN
        else name
        for name in NORWEGIAN
    ],
)
def test_no_english_in_a_norwegian_snapshot(name: str) -> None:
    path = SNAPSHOTS / name
    text = "\n".join(svg_lines(path.read_text(encoding="utf-8")))
    assert_norwegian(text, _language(path), name)
