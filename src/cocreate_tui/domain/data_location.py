"""The data folder's path as a string, found without pathlib: the one module that asks platformdirs.

`cocreate --help` reads the saved language from beside the data, so finding the folder must
cost next to nothing: on Linux the XDG rule platformdirs follows is two lines (a test holds it
equal to platformdirs); elsewhere platformdirs is asked (~5 ms).
"""

from __future__ import annotations

import os

APP_NAME = "cocreate-tui"
DATA_DIR_ENV = "COCREATE_DATA_DIR"


def _linux_default() -> str | None:
    """platformdirs' user data folder on Linux, or None where its rules need it to decide."""
    home = os.environ.get("HOME", "")
    from .platform_support import LINUX, SYSTEM

    if SYSTEM != LINUX or not os.path.isabs(home):
        return None
    xdg = os.environ.get("XDG_DATA_HOME", "")
    base = xdg if os.path.isabs(xdg) else os.path.join(home, ".local", "share")
    return os.path.join(base, APP_NAME)


def data_dir_name(override: str | os.PathLike[str] | None = None) -> str:
    """The data folder: `override` (`--data-dir`), else `$COCREATE_DATA_DIR`, else the default.

    The default is the platform's user data folder, e.g. `~/.local/share/cocreate-tui` on Linux.
    """
    for candidate in (override, os.environ.get(DATA_DIR_ENV)):
        # Empty means "not given", so `COCREATE_DATA_DIR=` does not silently mean the cwd.
        if candidate is not None and str(candidate) != "":
            return os.path.expanduser(os.fspath(candidate))
    found = _linux_default()
    if found is not None:
        return found
    import platformdirs  # only here: ~5 ms to import, and a given folder does not need it

    return str(platformdirs.user_data_dir(APP_NAME, appauthor=False))
