"""Find the shipped question bank: inside the installed wheel, or the repository's own copy."""

from __future__ import annotations

from pathlib import Path


def shipped_bank_dir() -> Path:
    """The folder of the bank that ships with the app.

    A wheel carries it as `cocreate_tui/questions`; an editable install has no such folder, so
    the repository's top-level `questions/` (the one canonical copy) is used instead.
    """
    # Next to the package's own modules, where importlib.resources.files("cocreate_tui") would
    # point for an installed wheel; found without importing importlib.resources (~3 ms).
    packaged = Path(__file__).resolve().parents[1] / "questions"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "questions"
