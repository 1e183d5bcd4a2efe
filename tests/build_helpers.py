"""Shared by tests that need a built wheel or headless Chromium."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
"""Debian's chromium, if installed; tests that need it skip without it."""

HEADLESS_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these, Chromium makes background requests of its own at every start.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pings",
    "--disable-extensions",
    "--disable-default-apps",
    "--hide-scrollbars",
]
"""Flags for a quiet headless Chromium; each test adds its own window size and host rules."""


def build_wheel(out: Path) -> Path:
    """Build this project's wheel into `out` (offline, no dependencies) and return its path."""
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    subprocess.run(
        [*command, "-q", "-w", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    return next(out.glob("cocreate_tui-*.whl"))
