"""Project exceptions, each carrying a message fit to show the user as it is."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path


class CocreateError(Exception):
    """An expected failure whose message tells the user what is wrong, without a traceback."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        """The user-facing message."""


class SessionFileError(CocreateError):
    """A session file, or session text, that cannot be read as a session."""

    def __init__(self, source: str | Path, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = str(source)
        """The file (or other named source) that was read."""
        self.reason = reason
        """What is wrong with it, in plain English."""


class StorageError(CocreateError):
    """A session could not be written, or the sessions folder could not be read."""


class SessionNotFoundError(CocreateError):
    """No saved session has the id (or id prefix) asked for."""


class AmbiguousSessionError(CocreateError):
    """An id prefix matches more than one saved session."""


class SessionOpenElsewhereError(CocreateError):
    """Another window holds the session open (its lock); it was not changed, moved or replaced.

    `host` and `since` say where and since when, for a message in the user's language.
    """

    def __init__(self, message: str, host: str = "", since: datetime | None = None) -> None:
        super().__init__(message)
        self.host = host
        self.since = since
