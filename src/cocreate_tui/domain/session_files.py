"""Session files in the sessions folder: their names, and reading one safely."""

from __future__ import annotations

from typing import Final

SESSION_SUFFIX: Final = ".json"
TEMP_PREFIX: Final = ".tmp-"
"""Temp files of saves in progress (or interrupted) start with this; they are never listed."""
