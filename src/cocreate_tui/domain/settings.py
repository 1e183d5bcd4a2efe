"""The user's settings beside the data (`settings.json`, 0600): for now the chosen language."""

from __future__ import annotations

import json
import os

from .fileio import FileReadError, read_capped_if_present

SETTINGS_FILE = "settings.json"
MAX_SETTINGS_BYTES = 64 * 1024
"""More than any settings file this app writes (a few dozen bytes): a larger one is not ours."""


def settings_path(data_dir: str | os.PathLike[str]) -> str:
    """Where the settings of the data folder `data_dir` live."""
    return os.path.join(data_dir, SETTINGS_FILE)


def read_settings(data_dir: str | os.PathLike[str]) -> dict[str, object]:
    """The saved settings; empty when there are none or the file cannot be read.

    A broken settings file (not JSON, too large, a link, a folder) must never stop the app or a
    command: it only loses a preference, and the next saved choice replaces it.
    """
    try:
        data = read_capped_if_present(settings_path(data_dir), MAX_SETTINGS_BYTES)
        found = json.loads(data) if data is not None else {}
    except (FileReadError, ValueError, RecursionError):
        return {}
    return found if isinstance(found, dict) else {}


def saved_language(data_dir: str | os.PathLike[str]) -> str | None:
    """The language chosen last time, if one was saved."""
    found = read_settings(data_dir).get("language")
    return found if isinstance(found, str) else None


def save_language(data_dir: str | os.PathLike[str], code: str) -> None:
    """Remember `code` as the language; written atomically, readable by the owner only."""
    from pathlib import Path

    from .fileio import write_atomic
    from .paths import ensure_private_dir

    folder = ensure_private_dir(Path(data_dir))
    settings = {**read_settings(folder), "language": code}
    text = json.dumps(settings, ensure_ascii=False, indent=2) + "\n"
    write_atomic(folder / SETTINGS_FILE, text.encode())
