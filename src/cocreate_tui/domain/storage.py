"""Session files on disk: atomic, private saves, kept in step with the index that lists them."""

from __future__ import annotations

import builtins
import errno
import os
import re
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cocreate_tui.domain.errors import (
    AmbiguousSessionError,
    SessionNotFoundError,
    SessionOpenElsewhereError,
    SessionTooLargeError,
    StorageError,
)
from cocreate_tui.domain.fileio import TEMP_PREFIX, write_atomic, write_new
from cocreate_tui.domain.paths import ensure_private_dir, sessions_dir
from cocreate_tui.domain.phrases import Phrase
from cocreate_tui.domain.problem_words import os_reason
from cocreate_tui.domain.session_files import MAX_FILE_BYTES, SESSION_SUFFIX, read_session_file
from cocreate_tui.domain.session_ids import SESSION_ID_PATTERN
from cocreate_tui.domain.session_lock import held_elsewhere, where_open

# The session models (pydantic) are imported where a session is read or written, not here:
# the app's start screen lists sessions from the index and draws its first frame without them.
if TYPE_CHECKING:
    from collections.abc import Callable

    from cocreate_tui.domain.bank_models import Bank
    from cocreate_tui.domain.bank_source import BankSource
    from cocreate_tui.domain.session_index import IndexRow, SessionIndex, UnreadableFile
    from cocreate_tui.domain.sessions import Mode, Phase, Session, Status

SUFFIX = SESSION_SUFFIX
MAX_IDS_SHOWN = 5


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """What a list of sessions shows about one session, and where its file is."""

    id: str
    """The session id."""
    team: str
    """The team's name."""
    organisation: str
    """The organisation, or empty."""
    service_area: str
    """The service area, or empty."""
    phase: Phase
    """When in the work the check was taken."""
    mode: Mode
    """Whether the team answered together or one member alone."""
    respondent: str
    """Who answered, in individual mode."""
    status: Status
    """In progress or complete."""
    answered: int
    """How many questions have a value or «Vet ikke»."""
    updated_at: datetime
    """When the session last changed (UTC)."""
    path: Path
    """The session's file."""
    total: int | None = None
    """How many questions the current bank has, when the index knows (scored with it)."""

    @classmethod
    def of(cls, session: Session, path: Path) -> SessionSummary:
        """The summary of `session`, saved at `path`."""
        meta = session.meta
        return cls(
            id=session.id,
            team=meta.team,
            organisation=meta.organisation,
            service_area=meta.service_area,
            phase=meta.phase,
            mode=meta.mode,
            respondent=meta.respondent,
            status=session.status,
            answered=len(session.answer_values()),
            updated_at=session.updated_at,
            path=path,
        )

    @classmethod
    def of_row(cls, row: IndexRow, directory: Path) -> SessionSummary:
        """The summary of an index row for a file in `directory`."""
        return cls(
            id=row.id,
            team=row.team,
            organisation=row.organisation,
            service_area=row.service_area,
            phase=row.phase,
            mode=row.mode,
            respondent=row.respondent,
            status=row.status,
            answered=row.answered,
            updated_at=row.updated_at,
            path=directory / row.file,
            total=row.total,
        )


@dataclass(frozen=True, slots=True)
class ListResult:
    """The saved sessions, newest first, and the files that could not be read."""

    sessions: list[SessionSummary]
    """Readable sessions, most recently updated first."""
    unreadable: list[UnreadableFile]
    """Files that look like sessions but cannot be read, by name."""


class SessionStore:
    """The sessions folder under a data folder: one private JSON file per session.

    Every save also updates the folder's index (`self.index`), which lists, sorts and filters
    the sessions without reading every file. With `bank`, the index scores each session (level
    and overall); without, those stay empty until an index with a bank refreshes.
    """

    def __init__(self, data_dir: Path, bank: Bank | BankSource | None = None) -> None:
        self.directory = sessions_dir(data_dir)
        """The folder that holds the session files."""
        self.data_dir = data_dir
        """The data folder the sessions folder is in (rounds, exports and trash are too)."""
        self._bank = bank
        self._index: SessionIndex | None = None
        self._index_lock = threading.Lock()

    @property
    def index(self) -> SessionIndex:
        """The index of the folder: kept in step by `save`, brought up to date by `list`."""
        # Made when first used, with SQLite: the app's first frame comes before either.
        # Locked: the start screen's thread and the app's may both ask first.
        if self._index is None:
            with self._index_lock:
                if self._index is None:
                    from cocreate_tui.domain.session_index import SessionIndex

                    self._index = SessionIndex(self.data_dir, self._bank)
        return self._index

    def path_for(self, session_id: str) -> Path:
        """The file of the session with `session_id`."""
        # Checked because the id becomes a file name: no other paths may be reached through it.
        if not re.fullmatch(SESSION_ID_PATTERN, session_id):
            raise ValueError(f"not a session id: {session_id!r}")
        return self.directory / f"{session_id}{SUFFIX}"

    def save(self, session: Session) -> Path:
        """Write `session` atomically to its file (0600, folder 0700); returns the path.

        Raises `StorageError` if it cannot (`SessionTooLargeError` for a session too large to
        be read again); the previous save is then left intact.
        """
        path = self.path_for(session.id)
        self.refuse_if_open_elsewhere(session.id, "saved")
        data = _session_json(session, path)
        try:
            ensure_private_dir(self.directory)
            write_atomic(path, data)
        except OSError as error:
            raise StorageError(_describe_write_failure(path, error)) from error
        # After the file, which is the truth; never raises, and never waits for a busy index.
        self.index.upsert(session, path)
        return path

    def save_new(self, session: Session) -> Path:
        """Write `session` under an id no file has yet (an import); returns the path.

        The id is claimed with an exclusive create, so of two imports of the same id at once
        exactly one succeeds. Raises `FileExistsError` when the id is taken, `StorageError`
        when the file cannot be written.
        """
        path = self.path_for(session.id)
        data = _session_json(session, path)
        try:
            ensure_private_dir(self.directory)
            write_new(path, data)
        except FileExistsError:
            raise
        except OSError as error:
            raise StorageError(_describe_write_failure(path, error)) from error
        self.index.upsert(session, path)
        return path

    def refuse_if_open_elsewhere(self, session_id: str, change: str) -> None:
        """Raise `SessionOpenElsewhereError` if another window holds `session_id` open.

        `change` says what was refused: `saved` or `trashed` (`lock_change_<change>`).
        """
        holder = held_elsewhere(self.directory, session_id)
        if holder is not None:
            raise SessionOpenElsewhereError(
                Phrase(
                    "storage_open_elsewhere",
                    id=session_id,
                    where=where_open(holder),
                    change=Phrase(f"lock_change_{change}"),
                ),
                holder.host,
                holder.since,
            )

    def load(self, session_id: str) -> Session:
        """The session with `session_id`.

        Raises `SessionNotFoundError` if there is no such file, `SessionFileError` if it is broken.
        """
        path = self.path_for(session_id)
        if not path.is_file():
            raise SessionNotFoundError(Phrase("msg_no_session", session_id))
        return read_session_file(path)

    def list(self) -> ListResult:
        """Every session in the folder, most recently updated first, and the unreadable files.

        Reads only files the index has not seen as they are now. Raises `StorageError`.
        """
        self.index.refresh()
        rows = self.index.query()
        sessions = [SessionSummary.of_row(row, self.directory) for row in rows]
        return ListResult(sessions, self.index.unreadable())

    def unfinished(
        self,
        limit: int | None = None,
        *,
        refresh: bool = True,
        stop: Callable[[], bool] | None = None,
    ) -> builtins.list[SessionSummary]:
        """Sessions still in progress, most recently updated first; at most `limit` of them.

        `refresh=False` answers from the index as it is, without comparing it with the folder
        first (a stat per file): quick to show, to be followed by a refreshed answer. `stop()`
        ends that comparison early once true (the answer is then the index's as it is).
        """
        if refresh:
            self.index.refresh(stop or (lambda: False))
        rows = self.index.query(status="in_progress", limit=limit)
        return [SessionSummary.of_row(row, self.directory) for row in rows]

    def find(self, prefix: str) -> Session:
        """The one session whose id starts with `prefix`, as typed on the command line.

        Raises `SessionNotFoundError`, `AmbiguousSessionError` or `SessionFileError`.
        """
        wanted = prefix.strip().lower()
        if not wanted:
            raise SessionNotFoundError(Phrase("msg_give_id"))
        files = _session_files(self.directory)
        matches = [path for path in files if path.stem.startswith(wanted)]
        if not matches:
            raise SessionNotFoundError(Phrase("msg_no_session_prefix", repr(wanted)))
        if len(matches) > 1:
            ids = ", ".join(sorted(path.stem for path in matches)[:MAX_IDS_SHOWN])
            ids += ", …" if len(matches) > MAX_IDS_SHOWN else ""
            raise AmbiguousSessionError(
                Phrase("storage_ambiguous", wanted=repr(wanted), count=len(matches), ids=ids)
            )
        return read_session_file(matches[0])


def _session_files(directory: Path) -> list[Path]:
    try:
        with os.scandir(directory) as scan:
            entries = list(scan)
    except FileNotFoundError:
        return []
    except OSError as error:
        unreadable = Phrase("storage_folder_unreadable", folder=str(directory))
        raise StorageError(Phrase("storage_with_reason", unreadable, os_reason(error))) from error
    return sorted(
        Path(entry.path)
        for entry in entries
        if entry.name.endswith(SUFFIX)
        and not entry.name.startswith(TEMP_PREFIX)
        and _is_regular_file(entry)
    )


def _is_regular_file(entry: os.DirEntry[str]) -> bool:
    # A FIFO or device named *.json would block or misbehave when opened.
    try:
        return entry.is_file()
    except OSError:
        return False


def _describe_write_failure(path: Path, error: OSError) -> Phrase:
    return Phrase("storage_save_failed", path=str(path), reason=os_reason(error))


def save_copy(session: Session, folder: Path) -> Path:
    """Write `session` as `<id>.json` into `folder` (0600, atomic), e.g. when the data folder fails.

    A missing `folder` is created private (0700); an existing one is the user's and left as it
    is. Raises `StorageError` in plain words if the copy cannot be written.
    """
    path = folder / f"{session.id}{SUFFIX}"
    data = _session_json(session, path)
    try:
        if not folder.exists():
            ensure_private_dir(folder)
        write_atomic(path, data)
    except OSError as error:
        failed = Phrase("storage_copy_failed", path=str(path), reason=os_reason(error))
        raise StorageError(failed) from error
    return path


def write_failure_kind(error: BaseException) -> str:
    """`full`, `read_only`, `too_large` or `other`: what kind of failure lies behind a
    `StorageError`."""
    if isinstance(error, SessionTooLargeError):
        return "too_large"
    cause = error.__cause__ if isinstance(error.__cause__, OSError) else error
    number = cause.errno if isinstance(cause, OSError) else None
    if number in (errno.ENOSPC, errno.EDQUOT):
        return "full"
    if number in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "read_only"
    return "other"


def _session_json(session: Session, path: Path) -> bytes:
    """The file content for `session`: its versioned JSON, UTF-8.

    Raises `SessionTooLargeError` when it is larger than a session file may be: the readers
    refuse such a file, so writing it would keep nothing (the last guard; the limits on each
    field and on the number of actions keep a session far below it).
    """
    from cocreate_tui.domain.sessions import session_to_json

    data = session_to_json(session).encode("utf-8")
    if len(data) > MAX_FILE_BYTES:
        most = f"{MAX_FILE_BYTES // (1024 * 1024)} MB"
        reason = Phrase("storage_too_large", most=most)
        raise SessionTooLargeError(Phrase("storage_save_failed", path=str(path), reason=reason))
    return data
