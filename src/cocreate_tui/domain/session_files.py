"""Session files in the sessions folder: their names, and reading one safely."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Final

from cocreate_tui.domain.errors import SessionFileError

# The session models (pydantic) are imported where a session is read, not here: the index and
# the store import this module, and a listing over a fresh index never reads a session.
if TYPE_CHECKING:
    from cocreate_tui.domain.sessions import Session

SESSION_SUFFIX: Final = ".json"
TEMP_PREFIX: Final = ".tmp-"
"""Temp files of saves in progress (or interrupted) start with this; they are never listed."""
MAX_FILE_BYTES: Final = 5 * 1024 * 1024
SYMLINK_REASON: Final = "a symbolic link (links are not followed; use the file itself)"


def read_session_file(path: Path) -> Session:
    """The session in the file at `path`, which must be named after the session's id.

    Raises `SessionFileError` for any problem; the file is only ever read.
    """
    from cocreate_tui.domain.sessions import session_from_json

    session = session_from_json(read_capped_text(path), source=str(path))
    if path.name != f"{session.id}{SESSION_SUFFIX}":
        raise SessionFileError(
            path, f"the file name does not match the session id inside it ({session.id})"
        )
    return session


def read_capped_text(path: Path) -> str:
    """The text of a session file, read safely; raises `SessionFileError` naming the problem.

    Used for files in the sessions folder and for files given to import alike.
    """
    try:
        # O_NOFOLLOW: a link must not make the app read a file elsewhere. O_NONBLOCK: opening a
        # FIFO named *.json must not hang.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
        descriptor = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise SessionFileError(path, SYMLINK_REASON) from None
        raise SessionFileError(path, f"cannot be read ({error.strerror or error})") from None
    try:
        # Checked on the open descriptor, and the read capped, so what is read is what was
        # checked and a huge file is never read whole.
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise SessionFileError(path, "not a regular file")
        if status.st_size > MAX_FILE_BYTES:
            raise SessionFileError(path, _too_large())
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            raw = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise SessionFileError(path, f"cannot be read ({error.strerror or error})") from None
    finally:
        os.close(descriptor)
    if len(raw) > MAX_FILE_BYTES:
        raise SessionFileError(path, _too_large())
    try:
        # utf-8-sig: a byte-order mark added by an editor is harmless.
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SessionFileError(
            path, f"not UTF-8 text (invalid byte at position {error.start})"
        ) from None


def _too_large() -> str:
    return f"too large (a session file is at most {MAX_FILE_BYTES // (1024 * 1024)} MB)"
