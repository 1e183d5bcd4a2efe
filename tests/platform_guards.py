"""What tests may expect on each system: private files, and guards for what Windows lacks.

On Windows file modes are not the means of privacy (`platform_support.modes_protect`): there
`st_mode` reports 0o666 or 0o444 for a file and 0o777 for a folder whatever the app does, and
the user profile's access lists keep the data folder private. A test of privacy asserts what
each system promises (`assert_private`) instead of skipping the whole test there; only a test
of the modes themselves is skipped (`modes_only`). The other guards name a thing Windows does
not have. Markers that follow the app's own behaviour ask `platform_support.SYSTEM`, so a run
with `COCREATE_TEST_SYSTEM=windows` (tests/conftest.py) takes the Windows side of them.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest

from cocreate_tui.domain import platform_support

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700

modes_only = pytest.mark.skipif(
    not platform_support.modes_protect(),
    reason="file modes do not keep files private on Windows (the user profile's access lists do)",
)
"""For a test of the modes themselves (tightening 0755, the umask, a file made unreadable)."""

folders_fsynced = pytest.mark.skipif(
    platform_support.SYSTEM == platform_support.WINDOWS,
    reason="Windows cannot open a folder to fsync it (NTFS journals the rename itself)",
)

fifos = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="Windows has no FIFOs")

devices = pytest.mark.skipif(
    not Path("/dev/zero").exists(), reason="no /dev/zero (Windows has no device files)"
)


def _can_symlink() -> bool:
    # Windows lets only administrators, or anyone in developer mode, make symbolic links.
    with tempfile.TemporaryDirectory() as folder:
        try:
            (Path(folder) / "link").symlink_to(Path(folder) / "target")
        except (OSError, NotImplementedError):
            return False
    return True


CAN_SYMLINK = _can_symlink()
symlinks = pytest.mark.skipif(
    not CAN_SYMLINK, reason="making symbolic links needs admin rights or developer mode on Windows"
)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def assert_private(*paths: Path) -> None:
    """Each of `paths` is 0600 (a file) or 0700 (a folder) where modes protect; else readable."""
    for path in paths:
        if platform_support.modes_protect():
            expected = PRIVATE_FOLDER if path.is_dir() else PRIVATE_FILE
            assert mode_of(path) == expected, f"{path}: {oct(mode_of(path))}"
        elif path.is_dir():
            list(path.iterdir())  # there, and the owner can list it
        else:
            assert path.is_file(), f"{path} is missing"
            path.read_bytes()  # there, and the owner can read it


def bare_environment(values: dict[str, str]) -> dict[str, str]:
    """A child process's environment of only `values`, and what Python needs to start on Windows.

    Without SYSTEMROOT a Windows Python cannot seed its random numbers or open a socket; on
    other systems nothing is added.
    """
    needed = {key: os.environ[key] for key in ("SYSTEMROOT",) if key in os.environ}
    return needed | values
