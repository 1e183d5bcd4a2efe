"""Session files in the sessions folder: their names, and reading one safely."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Final

from cocreate_tui.domain.errors import SessionFileError
from cocreate_tui.domain.fileio import FileReadError, read_capped
from cocreate_tui.domain.phrases import Phrase

# The session models (pydantic) are imported where a session is read, not here: the index and
# the store import this module, and a listing over a fresh index never reads a session.
if TYPE_CHECKING:
    from cocreate_tui.domain.sessions import Session

SESSION_SUFFIX: Final = ".json"
MAX_FILE_BYTES: Final = 5 * 1024 * 1024


def read_session_file(path: Path) -> Session:
    """The session in the file at `path`, which must be named after the session's id.

    Raises `SessionFileError` for any problem; the file is only ever read.
    """
    from cocreate_tui.domain.sessions import session_from_json

    session = session_from_json(read_capped_text(path), source=str(path))
    if path.name != f"{session.id}{SESSION_SUFFIX}":
        raise SessionFileError(path, Phrase("file_reason_name_mismatch", session.id))
    return session


def read_capped_text(path: Path) -> str:
    """The text of a session file, read safely; raises `SessionFileError` naming the problem.

    Used for files in the sessions folder and for files given to import alike: only a regular
    file, never through a link, and never more than `MAX_FILE_BYTES` read (fileio.read_capped).
    """
    try:
        raw = read_capped(path, MAX_FILE_BYTES, what="session")
    except FileReadError as error:
        raise SessionFileError(path, error.reason) from None
    try:
        # utf-8-sig: a byte-order mark added by an editor is harmless.
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SessionFileError(path, Phrase("file_reason_not_utf8", error.start)) from None
