"""The user's settings beside the data (`settings.json`, 0600): for now the chosen language."""

from __future__ import annotations

import json
import os

SETTINGS_FILE = "settings.json"
PRIVATE_FILE_MODE = 0o600


def settings_path(data_dir: str | os.PathLike[str]) -> str:
    """Where the settings of the data folder `data_dir` live."""
    return os.path.join(data_dir, SETTINGS_FILE)


def read_settings(data_dir: str | os.PathLike[str]) -> dict[str, object]:
    """The saved settings; empty when there are none or the file cannot be read.

    A broken settings file must never stop the app or a command: it only loses a preference.
    """
    try:
        with open(settings_path(data_dir), encoding="utf-8") as file:
            found = json.load(file)
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def saved_language(data_dir: str | os.PathLike[str]) -> str | None:
    """The language chosen last time, if one was saved."""
    found = read_settings(data_dir).get("language")
    return found if isinstance(found, str) else None


def save_language(data_dir: str | os.PathLike[str], code: str) -> None:
    """Remember `code` as the language; written atomically, readable by the owner only."""
    from pathlib import Path

    from .paths import ensure_private_dir
    from .platform_support import make_private_path, replace

    folder = ensure_private_dir(Path(data_dir))
    settings = {**read_settings(folder), "language": code}
    temporary = folder / f".{SETTINGS_FILE}.tmp"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump(settings, file, ensure_ascii=False, indent=2)
        file.write("\n")
        file.flush()
        os.fsync(file.fileno())
    make_private_path(temporary, PRIVATE_FILE_MODE)
    replace(temporary, settings_path(folder))
