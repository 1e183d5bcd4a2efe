"""Reading every module of the package, for the tests that check what the source may contain."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import cocreate_tui

PACKAGE = Path(cocreate_tui.__file__).parent


def package_offences(offences: Callable[[str, str], list[str]]) -> dict[str, list[str]]:
    """What `offences(source, where)` finds in each module, by its path in the package (as
    `domain/fileio.py`); modules where it finds nothing are left out."""
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 100  # the whole package was read
    return {
        where: found
        for path in modules
        if (where := path.relative_to(PACKAGE).as_posix())
        if (found := offences(path.read_text(encoding="utf-8"), where))
    }
