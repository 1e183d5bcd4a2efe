"""Where the app keeps its data: the data, sessions and private folders (see data_location)."""

from __future__ import annotations

import errno
import os
import stat
from itertools import takewhile
from pathlib import Path

from .data_location import APP_NAME, DATA_DIR_ENV, data_dir_name
from .phrases import Phrase
from .platform_support import make_private_path, modes_protect

__all__ = [
    "APP_NAME",
    "DATA_DIR_ENV",
    "data_dir",
    "ensure_private_dir",
    "has_round_files",
    "rounds_dir",
    "sessions_dir",
]
PRIVATE_DIR_MODE = 0o700


def data_dir(override: str | Path | None = None) -> Path:
    """The data folder: `override` (`--data-dir`), else `$COCREATE_DATA_DIR`, else the default.

    The default is the platform's user data folder, e.g. `~/.local/share/cocreate-tui` on Linux.
    """
    return Path(data_dir_name(override))


def sessions_dir(data_dir: Path) -> Path:
    """The folder that holds one JSON file per session."""
    return data_dir / "sessions"


def rounds_dir(data_dir: Path) -> Path:
    """The folder that holds one file per team round."""
    return data_dir / "rounds"


def has_round_files(data_dir: Path) -> bool:
    """Whether `data_dir` holds any team round: a cheap look before the round models (and
    pydantic) are imported to read them."""
    try:
        with os.scandir(rounds_dir(data_dir)) as scan:
            return any(entry.name.endswith(".json") for entry in scan)
    except OSError:
        return False


def open_to_others(folder: Path) -> Phrase | None:
    """Why others could change or swap files in `folder` (writable by group or everyone), or None.

    Such a data folder lets another account replace a session or plant a link in it; the app
    does not change the user's own folder, but says so.
    """
    if not modes_protect():
        return None  # Windows: modes say nothing there; the profile's access lists decide
    try:
        mode = stat.S_IMODE(os.stat(folder).st_mode)
    except OSError:
        return None
    if not mode & 0o022:
        return None
    return Phrase("warning_folder_open", folder=str(folder), mode=f"{mode:04o}")


def ensure_private_dir(path: Path) -> Path:
    """Make sure folder `path` exists and only its owner can enter it; returns `path`.

    Missing parents are created private too. Parents that already exist are left alone, since
    they may be the user's own folders; `path` itself is the app's, so it is tightened to 0700.
    Raises `OSError` when that is not possible.
    """
    missing = list(takewhile(lambda p: not p.exists(), (path, *path.parents)))
    for folder in reversed(missing):
        folder.mkdir(mode=PRIVATE_DIR_MODE, exist_ok=True)
    if not path.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path))
    for folder in {path, *missing}:
        # mkdir's mode is filtered by the umask, so set it explicitly (where modes count).
        make_private_path(folder, PRIVATE_DIR_MODE)
    return path
