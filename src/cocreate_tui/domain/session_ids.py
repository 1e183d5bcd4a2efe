"""What a session id looks like: known without importing the session models."""

from __future__ import annotations

SESSION_ID_PATTERN = r"^[0-9a-f]{32}$"
"""32 lower-case hex digits (a UUID4 without dashes); ids become file names, so nothing else."""
