"""Project exceptions, each carrying a message fit to show the user, in any language."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from .phrases import Phrase, Words, worded


class CocreateError(Exception):
    """An expected failure whose message tells the user what is wrong, without a traceback.

    The message is a `Phrase` (worded in the reader's language by `words`), or plain text
    where there is nothing to translate; `message` is its English, for logs and tests.
    """

    def __init__(self, message: Words) -> None:
        super().__init__(str(message))
        self.said = message
        """The message as raised."""
        self.message = str(message)
        """The message in English."""

    def words(self, lang: str) -> str:
        """The message in `lang`."""
        return worded(self.said, lang)


class SessionFileError(CocreateError):
    """A session file, or session text, that cannot be read as a session."""

    def __init__(self, source: str | Path, reason: Words) -> None:
        super().__init__(Phrase("file_problem", source=str(source), reason=reason))
        self.source = str(source)
        """The file (or other named source) that was read."""
        self.reason = reason
        """What is wrong with it."""


class StorageError(CocreateError):
    """A session could not be written, or the sessions folder could not be read."""


class SessionTooLargeError(StorageError):
    """A session was not written because its file would be larger than a session file may be
    (`session_files.MAX_FILE_BYTES`): saved, it could never be read again."""


class PlanFullError(CocreateError):
    """An action was not added: the session's plan already holds the most it may
    (`sessions.ACTIONS_MAX`)."""


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
