"""Find the shipped question bank: inside the installed wheel, or the repository's own copy."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def shipped_bank_dir() -> Path:
    """The folder of the bank that ships with the app.

    A wheel carries it as `cocreate_tui/questions`; an editable install has no such folder, so
    the repository's top-level `questions/` (the one canonical copy) is used instead.
    """
    packaged = Path(str(resources.files("cocreate_tui"))) / "questions"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "questions"
