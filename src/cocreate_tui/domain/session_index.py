"""A SQLite index next to the session files, so that tens of thousands of sessions list at once."""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import os
import sqlite3
import stat
import threading
import time
import unicodedata
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from json.encoder import encode_basestring
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple, TypeVar

from cocreate_tui.domain.bank_hash import files_content_hash
from cocreate_tui.domain.errors import SessionFileError, StorageError
from cocreate_tui.domain.paths import sessions_dir

if TYPE_CHECKING:
    from cocreate_tui.domain.bank_models import Bank
    from cocreate_tui.domain.scoring import AnswerValue
    from cocreate_tui.domain.sessions import Mode, Phase, Session, Status

INDEX_NAME: Final = "index.sqlite3"
SCHEMA_VERSION: Final = 2
"""Stored as SQLite's user_version; an index of any other version is rebuilt."""
SESSION_SUFFIX: Final = ".json"
TEMP_PREFIX: Final = ".tmp-"
RACY_NS: Final = 2_000_000_000
"""A file read less than this long after it changed is read again on the next refresh: a second
edit of the same size within one tick of the file system's clock would leave its stamp unchanged
(the "racy git" problem). Two seconds covers the coarsest clocks in use (FAT)."""
BATCH: Final = 500
"""Files read per write transaction while refreshing, so other writers never wait long."""
CHUNK: Final = 500
"""Files listed, stat'ed and compared with the index at a time while refreshing (and names
looked up per query, under SQLite's oldest limit of 999 parameters)."""
BUSY_TIMEOUT_MS: Final = 10_000
SPARSE_PAGE: Final = 100
"""Rows a query without a limit is taken to want, when choosing how to read a rare match."""
CHECKPOINT_EVERY: Final = 1000
"""Saves after which the write-ahead log is copied into the index file in a background thread,
if no refresh did it meanwhile. Saves never checkpoint themselves: with SQLite's default (every
1,000 pages, about every 125 saves) one save in a hundred took 4–6 ms longer, and the disk work
of a checkpoint also slows the fsync of the save that follows it."""
INDEX_FILE_MODE: Final = 0o600

_SQLITE_CORRUPT: Final = 11
_SQLITE_NOTADB: Final = 26
_SQLITE_BUSY_CODES: Final = frozenset({5, 6})
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_NORDIC_LAST: Final = str.maketrans({"æ": "{", "ø": "|", "å": "}"})
"""Sort keys put æ, ø and å after z, in Norwegian order (the characters after z in ASCII)."""
_LEVEL_ORDER: Final = (
    "CASE s.level WHEN 'not_ready' THEN 1 WHEN 'thin' THEN 2 WHEN 'thick' THEN 3 ELSE 0 END"
)
_PHASE_ORDER: Final = (
    "CASE s.phase WHEN 'before_inviting' THEN 0 WHEN 'after_first_meeting' THEN 1 ELSE 2 END"
)
SORT_KEYS: Final[Mapping[str, str]] = {
    "updated_at": "s.updated_us",
    "created_at": "s.created_us",
    "team": "s.team_key",
    "organisation": "s.organisation_key",
    "service_area": "s.service_area_key",
    "respondent": "s.respondent_key",
    "role": "s.role COLLATE NOCASE",
    "phase": _PHASE_ORDER,
    "mode": "s.mode",
    "status": "s.status",
    "language": "s.language",
    "answered": "s.answered",
    "unknown": "s.unknown",
    "total": "s.total",
    "level": _LEVEL_ORDER,
    "overall": "s.overall",
    "id": "s.id",
    "file": "s.file",
    "size": "f.size",
    "mtime_ns": "f.mtime_ns",
}
"""What `query()` can sort by: a column name and the SQL it sorts on. Text sorts ignore case."""
_NULLABLE_SORTS: Final = frozenset({"total", "level", "overall"})
SEARCHED_FIELDS: Final = ("team", "organisation", "service_area", "respondent", "role")
"""Free-text fields that the filter searches, with the phase and status."""

_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS files (
    name TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    ctime_ns INTEGER NOT NULL,
    racy INTEGER NOT NULL,
    reason TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    file TEXT NOT NULL,
    team TEXT NOT NULL,
    organisation TEXT NOT NULL,
    service_area TEXT NOT NULL,
    phase TEXT NOT NULL,
    mode TEXT NOT NULL,
    respondent TEXT NOT NULL,
    role TEXT NOT NULL,
    status TEXT NOT NULL,
    language TEXT NOT NULL,
    answered INTEGER NOT NULL,
    unknown INTEGER NOT NULL,
    total INTEGER,
    level TEXT,
    overall REAL,
    scored_with TEXT,
    bank_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_us INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    updated_us INTEGER NOT NULL,
    team_key TEXT NOT NULL,
    organisation_key TEXT NOT NULL,
    service_area_key TEXT NOT NULL,
    respondent_key TEXT NOT NULL,
    search TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS listing (
    updated_us INTEGER NOT NULL,
    id TEXT NOT NULL,
    json_head TEXT NOT NULL,
    json_tail TEXT NOT NULL,
    PRIMARY KEY (updated_us, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS answers (
    id TEXT PRIMARY KEY,
    answer_values BLOB NOT NULL
) WITHOUT ROWID;
"""
"""`files`: every candidate file and its stamp, `reason` set when it cannot be read. `sessions`:
one row per readable file. `listing`: each session's `cocreate list --json` object, split where
the folder goes, rendered once because rows change rarely and are listed often, and stored in
list order, newest last, so that listing reads the table straight through.
`answers`: the answer values (zlib-compressed JSON), so a new bank rescores without re-reading
any file."""
_INDEXED_SORTS: Final = (
    "updated_at", "created_at", "team", "organisation", "service_area", "respondent", "phase",
    "status", "level", "overall", "answered",
)  # fmt: skip
"""Sort keys with an index of their own, so that the first page of a table sorted by any of
its columns is read in a millisecond rather than by sorting every row (~50 ms at 50,000)."""
_SORT_INDEXES: Final = tuple(
    # The same expression as the query's ORDER BY, so that SQLite uses the index for it.
    f"CREATE INDEX IF NOT EXISTS sessions_by_{key} ON sessions "
    f"(({SORT_KEYS[key].replace('s.', '')}), id)"
    for key in _INDEXED_SORTS
)
_SCHEMA_STATEMENTS: Final = (
    *(part.strip() for part in _SCHEMA.split(";") if part.strip()),
    *_SORT_INDEXES,
)
_TABLES: Final = frozenset({"meta", "files", "sessions", "listing", "answers"})
_SESSION_COLUMNS: Final = (
    "id", "file", "team", "organisation", "service_area", "phase", "mode", "respondent", "role",
    "status", "language", "answered", "unknown", "total", "level", "overall", "scored_with",
    "bank_hash", "created_at", "created_us", "updated_at", "updated_us", "team_key",
    "organisation_key", "service_area_key", "respondent_key", "search",
)  # fmt: skip
_ROW_SELECT: Final = (
    "s.id, s.team, s.organisation, s.service_area, s.phase, s.mode, s.respondent, s.role, "
    "s.status, s.language, s.answered, s.unknown, s.total, s.level, s.overall, s.bank_hash, "
    "s.created_at, s.updated_at, s.file, f.size, f.mtime_ns"
)

Entry = tuple[str, int, int, int]
"""A file in the sessions folder: name, size, mtime_ns, ctime_ns."""
T = TypeVar("T")


class IndexRow(NamedTuple):
    """One readable session as the index knows it; level and overall are from the current bank."""

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
    role: str
    """The respondent's role, or empty."""
    status: Status
    """In progress or complete."""
    language: str
    """The language the team works in."""
    answered: int
    """How many questions have a value or «Vet ikke» (answers to removed questions count)."""
    unknown: int
    """How many questions were answered «Vet ikke»."""
    total: int | None
    """How many questions the current bank has; None when indexed without a bank."""
    level: str | None
    """The verdict with the current bank (`not_ready`, `thin`, `thick`, `undetermined`)."""
    overall: float | None
    """The overall score with the current bank, 0–100 to one decimal; None if undetermined."""
    bank_hash: str
    """Content hash of the bank the session was made with."""
    created_at: datetime
    """When the session was started (UTC)."""
    updated_at: datetime
    """When the session last changed (UTC)."""
    file: str
    """The file's name in the sessions folder."""
    size: int
    """The file's size in bytes when it was indexed."""
    mtime_ns: int
    """The file's modification time when it was indexed."""


class UnreadableFile(NamedTuple):
    """A file in the sessions folder that could not be read as a session; it is left as it is."""

    path: Path
    """The file."""
    reason: str
    """What is wrong, in plain English."""
    size: int = 0
    """The file's size when it was last tried."""
    mtime_ns: int = 0
    """The file's modification time when it was last tried."""


class RefreshReport(NamedTuple):
    """What a refresh did: useful to tests and benchmarks, and to say why a refresh was slow."""

    read: int = 0
    """Files (re-)read because they were new, changed, or read too soon after a change."""
    removed: int = 0
    """Files gone from the folder, dropped from the index."""
    rescored: int = 0
    """Sessions scored again because the bank changed."""
    rebuilt: bool = False
    """Whether the index file was missing, corrupt or outdated and built anew."""


class BankSource:
    """A question bank folder, known by its content hash first and loaded only when needed.

    Listing over a fresh index needs only the hash; loading (pydantic) happens only when some
    session has to be scored.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        """The bank's folder."""
        self.content_hash = bank_content_hash(folder)
        """The hash `load_bank` would give it; None if the folder has no readable bank files."""
        self._bank: Bank | None = None
        # The app loads the bank in a worker thread while the index may ask for it in another:
        # one of them loads, the other waits for that bank instead of parsing it twice.
        self._loading = threading.Lock()

    def load(self) -> Bank:
        """The bank itself, loaded once; raises `BankError` naming every problem."""
        with self._loading:
            if self._bank is None:
                from cocreate_tui.domain.bank_loader import load_bank

                self._bank = load_bank(self.folder)
            return self._bank

    @property
    def loaded(self) -> Bank | None:
        """The bank if it has been loaded already, without loading it."""
        return self._bank


def level_labels_of(bank: Bank) -> dict[str, dict[str, str]]:
    """The bank's label of each verdict level, by level and language."""
    levels = bank.policy.levels
    return {
        level: {"nb": text.label.nb, "en": text.label.en}
        for level, text in (
            ("not_ready", levels.not_ready),
            ("thin", levels.thin),
            ("thick", levels.thick),
            ("undetermined", levels.undetermined),
        )
    }


def _store_level_labels(connection: sqlite3.Connection, bank: Bank) -> None:
    # Kept with the hash of the bank they are from: they stay right for that bank whether or
    # not every row is scored with it yet (rows not scored show no level at all).
    value = json.dumps({"bank": bank.content_hash, "labels": level_labels_of(bank)})
    _set_meta(connection, "level_labels", value)


def _labels_for(stored: str | None, content_hash: str) -> dict[str, dict[str, str]] | None:
    """The labels in a stored `level_labels` value if they are from the bank `content_hash`."""
    try:
        value = json.loads(stored or "")
    except ValueError:
        return None
    if not isinstance(value, dict) or value.get("bank") != content_hash:
        return None
    labels = value.get("labels")
    return labels if isinstance(labels, dict) else None


def bank_content_hash(folder: Path) -> str | None:
    """The content hash of the bank in `folder`, as `bank_loader.load_bank` computes it.

    Computed without parsing (no pydantic), so a fresh index can be trusted cheaply.
    """
    try:
        files = sorted(path for path in folder.glob("*.toml") if path.is_file())
    except OSError:
        return None
    if not files:
        return None
    return files_content_hash(files)


def scan_chunks(directory: Path) -> Iterator[list[Entry]]:
    """Name, size, mtime_ns and ctime_ns of every candidate session file, `CHUNK` at a time.

    In folder order, which is stable while the folder is unchanged. Candidates are `*.json`
    files and symbolic links (reported, never followed, when read); temp files of interrupted
    saves, folders, FIFOs and devices are left out. A missing folder has none; any other
    failure raises `StorageError`. One chunk at a time, so that memory stays flat however many
    files there are: a list of 50,000 names and stamps alone took ~16 MB.
    """
    try:
        with os.scandir(directory) as entries:
            chunk: list[Entry] = []
            for entry in entries:
                found = _candidate(entry)
                if found is not None:
                    chunk.append(found)
                    if len(chunk) == CHUNK:
                        yield chunk
                        chunk = []
            if chunk:
                yield chunk
    except FileNotFoundError:
        return
    except OSError as error:
        raise StorageError(
            f"Cannot read the sessions folder {directory}: {error.strerror or error}."
        ) from error


def _candidate(entry: os.DirEntry[str]) -> Entry | None:
    # The hot loop of every refresh (one lstat per file, which the interpreter lock is released
    # for): kept flat.
    name = entry.name
    if not name.endswith(SESSION_SUFFIX) or name.startswith(TEMP_PREFIX):
        return None
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError:
        return None  # gone since the listing: it no longer exists
    if stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode):
        return (name, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    return None


def _is_candidate(path: Path) -> bool:
    """Whether `path` is (still) a file that `scan_chunks` would list."""
    try:
        mode = os.stat(path, follow_symlinks=False).st_mode
    except FileNotFoundError:
        return False
    except OSError:
        return True  # cannot tell: kept, and reported as unreadable when next read
    return stat.S_ISREG(mode) or stat.S_ISLNK(mode)


def _digest(chunk: list[Entry]) -> str:
    return hashlib.blake2b(marshal.dumps(chunk, 4), digest_size=16).hexdigest()


def _known_digests(fingerprint: str | None) -> list[str]:
    return fingerprint.split(",") if fingerprint else []


class _Scoring:
    """The bank to score with: its hash at once, the bank itself only when something is scored."""

    def __init__(
        self, content_hash: str | None, load: Callable[[], Bank], bank: Bank | None = None
    ) -> None:
        self.content_hash = content_hash
        self.load = load
        self.bank = bank

    def get(self) -> Bank:
        if self.bank is None:
            self.bank = self.load()
        return self.bank


def _scoring_for(bank: Bank | BankSource | None) -> _Scoring | None:
    if bank is None:
        return None
    if isinstance(bank, BankSource):
        return _Scoring(bank.content_hash, bank.load)
    return _Scoring(bank.content_hash, lambda: bank, bank)


class _BrokenIndexError(Exception):
    """The index file is not an index of this version: it is replaced."""


_Read = tuple[Entry, tuple[Any, ...] | None, str]
"""A file read while refreshing: its stamp, its `sessions` row (None if unreadable), and its
answer values as JSON, or the reason it cannot be read."""


class SessionIndex:
    """The index of one data folder's sessions; safe to share between threads and processes.

    The session files stay the truth. The index (`<data dir>/index.sqlite3`, 0600) holds one
    row per session file — what a list shows, plus level and overall scored with the current
    bank — and one row per file that cannot be read, with the reason; each row carries the
    file's size, mtime and ctime. `refresh()` compares those with the folder and re-reads only
    what changed, so files edited, added or removed behind the app's back are noticed; a
    missing, corrupt or outdated index is rebuilt from the files. Saves and imports call
    `upsert()` so that the index stays in step. The module imports nothing heavy (no pydantic):
    `cocreate list --json` over a fresh index needs only the standard library.

    `bank` scores the sessions (level, overall); without one those columns stay empty (None)
    until an index with a bank refreshes. The index file is made only once the sessions
    folder exists; until then (or if it cannot be written at all) the index lives in memory.
    """

    def __init__(self, data_dir: Path, bank: Bank | BankSource | None = None) -> None:
        self.path = data_dir / INDEX_NAME
        """The index file."""
        self.directory = sessions_dir(data_dir)
        """The sessions folder it indexes."""
        self._scoring = _scoring_for(bank)
        # One connection, guarded by a lock: the UI thread saves while a worker refreshes.
        self._lock = threading.RLock()
        self._connection: sqlite3.Connection | None = None
        self._on_disk = False
        """Whether `_connection` is to the index file (not an index in memory)."""
        # Queries have a connection of their own, so that a page is read while a refresh
        # holds the lock above (WAL: readers never wait for the writer).
        self._reader_lock = threading.Lock()
        self._reader: sqlite3.Connection | None = None
        self._awaiting_folder = False
        """In memory only because the sessions folder does not exist yet."""
        self._rebuilt = False
        self._unchecked_saves = 0
        """Saves since the write-ahead log was last copied into the index file."""

    # --- the public operations ---------------------------------------------------------------

    def refresh(self) -> RefreshReport:
        """Bring the index up to date with the folder, re-reading only what changed.

        Rebuilds it when missing, corrupt or of another version; never modifies a session
        file. Raises `StorageError` when the folder cannot be read, and `BankError` when rows
        must be scored and the bank cannot be loaded.
        """
        return self._guarded(self._refresh, heal=False)

    def upsert(self, session: Session, path: Path) -> None:
        """Record `session`, just saved at `path`; called after every save and import.

        Never raises and never waits: if the index is busy or broken, the row is left for the
        next refresh, which reads the file since its stamp no longer matches the index.
        """
        try:
            info = os.stat(path, follow_symlinks=False)
            row, values = self._session_row(session, path.name, self._bank_if_loadable())
        except OSError:
            return
        entry = (path.name, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        # A save on the UI thread must not wait for a refresh running in a worker thread...
        if not self._lock.acquire(blocking=False):
            return
        try:
            connection = self._connect()
            # ...nor for another process writing to the index, nor for a checkpoint.
            connection.execute("PRAGMA busy_timeout = 0")
            connection.execute("PRAGMA wal_autocheckpoint = 0")
            try:
                with _transaction(connection):
                    _write_sessions(connection, [(entry, row, values)], 0)
                    _forget_fingerprint(connection, row[_SCORED_WITH])
            finally:
                connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                connection.execute("PRAGMA wal_autocheckpoint = 1000")
            self._count_save()
        except (sqlite3.Error, OSError, _BrokenIndexError):
            pass  # left for the next refresh, as above
        finally:
            self._lock.release()

    def remove(self, session_id: str) -> None:
        """Forget the session `session_id`, whose file was deleted."""

        def operation(connection: sqlite3.Connection) -> None:
            with _transaction(connection):
                _delete_files(connection, [f"{session_id}{SESSION_SUFFIX}"])
                _forget_fingerprint(connection, None)

        self._guarded(operation, heal=False)

    def query(
        self,
        filter_text: str = "",
        sort_key: str = "updated_at",
        descending: bool = True,
        offset: int = 0,
        limit: int | None = None,
        *,
        status: Status | None = None,
        labels: Mapping[str, str] | None = None,
        matching: int | None = None,
    ) -> list[IndexRow]:
        """Sessions matching `filter_text`, sorted by `sort_key`, `limit` rows from `offset`.

        Every word of `filter_text` must occur, ignoring case, in the team, organisation,
        service area, respondent, role, phase or status; `labels` maps phase and status codes
        to the words shown for them (e.g. `{"complete": "Fullført"}`), which match too. Ties
        are broken by id, so pages never overlap. `matching`, the `count()` already known for
        the filter, lets a filter that few sessions match be read the quicker way. Call
        `refresh()` first.
        """
        if sort_key not in SORT_KEYS:
            raise ValueError(f"cannot sort by {sort_key!r}; choose one of {', '.join(SORT_KEYS)}")
        where, parameters = _where(filter_text, status, labels)
        direction = "DESC" if descending else "ASC"
        nulls = " NULLS LAST" if sort_key in _NULLABLE_SORTS else ""
        # SQLite walks the sort column's index and stops after the page: quick when matches
        # are common, but for a rare match it visits most rows out of order (52 ms for 289
        # of 50,000). Then one pass over the table, keeping only the page's best (the unary
        # + keeps SQLite off the index), is quicker (17 ms).
        rows_wanted = max(0, offset) + (SPARSE_PAGE if limit is None else max(0, limit))
        sparse = bool(where) and matching is not None and matching < 4 * rows_wanted
        order = f"+{SORT_KEYS[sort_key]}" if sparse else SORT_KEYS[sort_key]
        sql = (
            f"SELECT {_ROW_SELECT} FROM sessions s JOIN files f ON f.name = s.file{where} "
            f"ORDER BY {order} {direction}{nulls}, s.id {direction} "
            "LIMIT ? OFFSET ?"
        )
        arguments = [*parameters, -1 if limit is None else max(0, limit), max(0, offset)]
        rows = self._read(lambda c: c.execute(sql, arguments).fetchall())
        return [_index_row(row) for row in rows]

    def count(
        self,
        filter_text: str = "",
        *,
        status: Status | None = None,
        labels: Mapping[str, str] | None = None,
    ) -> int:
        """How many sessions `query()` gives with the same filter."""
        where, parameters = _where(filter_text, status, labels)
        sql = f"SELECT count(*) FROM sessions s{where}"
        return int(self._read(lambda c: c.execute(sql, parameters).fetchone()[0]))

    def level_labels(self, bank: Bank | None = None) -> dict[str, dict[str, str]] | None:
        """The current bank's words for each verdict level, by level and language, as the index
        stored them the last time it had that bank loaded; None if it never had.

        Given the current `bank` (already loaded), stores its words when they are missing (an
        index from an older version, or one last used with another bank) and returns them.
        """
        scoring = self._scoring
        if scoring is None or scoring.content_hash is None:
            return None
        sql = "SELECT value FROM meta WHERE key = 'level_labels'"
        stored = self._read(lambda c: c.execute(sql).fetchone())
        labels = _labels_for(stored[0] if stored else None, scoring.content_hash)
        if labels is not None or bank is None or bank.content_hash != scoring.content_hash:
            return labels

        def store(connection: sqlite3.Connection) -> None:
            with _transaction(connection):
                _store_level_labels(connection, bank)

        with contextlib.suppress(StorageError):
            self._guarded(store, heal=False)  # a cache: if it cannot be written, next time
        return level_labels_of(bank)

    def unreadable(self) -> list[UnreadableFile]:
        """The files that could not be read, by name, with the reason."""
        sql = (
            "SELECT name, reason, size, mtime_ns FROM files WHERE reason IS NOT NULL ORDER BY name"
        )
        rows = self._read(lambda c: c.execute(sql).fetchall())
        return [UnreadableFile(self.directory / row[0], *row[1:]) for row in rows]

    def session_json(self, folder_text: str, separator: str) -> bytes:
        """Every session's `cocreate list --json` object, newest first, joined by `separator`.

        UTF-8 bytes, made in one query so that 50,000 sessions never become 50,000 Python
        objects. `folder_text` is how each `file` starts: the sessions folder, escaped for JSON
        (without quotes), ending with the path separator.
        """
        arguments = (folder_text, separator)
        found = self._read(lambda c: c.execute(_LISTING_SQL, arguments).fetchone()[0])
        return bytes(found or b"")

    def refreshed_session_json(self, folder_text: str, separator: str) -> bytes:
        """`refresh()`, then `session_json()`, with the listing read while the folder is checked.

        A refresh spends most of its time in one stat per file; reading the listing from the
        index meanwhile, on another connection, hides the read behind it. That early read is
        used only if the index did not change in between and the refresh found it up to date.
        """
        early: list[tuple[dict[str, Any], bytes]] = []
        reader = threading.Thread(
            target=self._read_early, args=(folder_text, separator, early), daemon=True
        )
        reader.start()
        try:
            self.refresh()
        finally:
            reader.join()
        if early:
            meta, listing = early[0]
            if meta.get("fingerprint") is not None and meta == self._guarded(_meta, heal=False):
                return listing
        return self.session_json(folder_text, separator)

    def _read_early(
        self, folder_text: str, separator: str, into: list[tuple[dict[str, Any], bytes]]
    ) -> None:
        # mode=rw: never creates a missing index (nor one with the wrong permissions).
        uri = f"{self.path.absolute().as_uri()}?mode=rw"
        try:
            # A timeout: opening may briefly wait while the other connection opens the WAL.
            connection = sqlite3.connect(uri, uri=True, timeout=2, isolation_level=None)
        except sqlite3.Error:
            return
        try:
            # One read transaction: the meta and the listing belong to the same moment.
            connection.execute("BEGIN")
            meta = _meta(connection)
            listing = connection.execute(_LISTING_SQL, (folder_text, separator)).fetchone()[0]
            connection.execute("COMMIT")
            into.append((meta, bytes(listing or b"")))
        except sqlite3.Error:
            pass  # the listing is then read after the refresh, as usual
        finally:
            connection.close()

    def close(self) -> None:
        """Close the database connections; the next operation opens them again."""
        with self._lock:
            with self._reader_lock:
                self._drop_reader()
            if self._connection is not None:
                self._connection.close()
                self._connection, self._on_disk = None, False

    # --- refreshing --------------------------------------------------------------------------

    def _refresh(self, connection: sqlite3.Connection) -> RefreshReport:
        # The folder is listed and compared a chunk at a time. The fingerprint is one digest
        # per chunk of names and stamps, kept only while nothing but a refresh wrote to the
        # index: a chunk whose digest is as stored holds exactly the files the index has, as
        # they were. Every file is still stat'ed each time, because a file edited in place
        # changes its own stamp but not the folder's, and the files are the truth.
        started = time.time_ns()
        known = _known_digests(_meta(connection).get("fingerprint"))
        digests: list[str] = []
        read = matched = 0
        for chunk in self._chunks():
            digest = _digest(chunk)
            if len(digests) < len(known) and known[len(digests)] == digest:
                matched += len(chunk)
            else:
                indexed, changed = _compare(connection, chunk)
                matched += indexed
                read += self._catch_up(connection, changed, started)
            digests.append(digest)
        removed = 0
        if digests != known:
            removed = self._remove_missing(connection, matched)
            with _transaction(connection):
                racy = connection.execute("SELECT 1 FROM files WHERE racy LIMIT 1").fetchone()
                # With racy rows left, the next refresh must look file by file again.
                _set_meta(connection, "fingerprint", None if racy else ",".join(digests))
        rescored = self._rescore(connection, _meta(connection).get("scored_with"))
        if self._unchecked_saves:
            # A refresh runs in a worker or on the command line, never on a save's path.
            self._unchecked_saves = 0
            connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
        rebuilt, self._rebuilt = self._rebuilt, False
        return RefreshReport(read, removed, rescored, rebuilt)

    def _chunks(self) -> Iterator[list[Entry]]:
        """The folder's chunks, each listed and stat'ed outside the lock (saves go on)."""
        chunks = scan_chunks(self.directory)
        while True:
            with self._unlocked():
                chunk = next(chunks, None)
            if chunk is None:
                return
            yield chunk

    def _catch_up(self, connection: sqlite3.Connection, changed: list[Entry], started: int) -> int:
        for start in range(0, len(changed), BATCH):
            # Read outside any transaction and outside the lock, so saves carry on meanwhile.
            with self._unlocked():
                bank = self._bank_or_raise()
                read = [self._read_entry(entry, bank) for entry in changed[start : start + BATCH]]
            with _transaction(connection):
                _write_read_files(connection, read, started)
                _note_scored_with(connection, None if bank is None else bank.content_hash)
        return len(changed)

    def _remove_missing(self, connection: sqlite3.Connection, seen: int) -> int:
        """Drop the rows of files that are gone; `seen`: how many listed files had a row."""
        # Every listed name is distinct, so if as many had a row as there are rows, every row
        # was listed and none is gone. Otherwise each row's file is looked for, a chunk of
        # names at a time: never a set of every name, and never a row dropped for a file that
        # exists (one saved while the folder was being listed, say).
        if connection.execute("SELECT count(*) FROM files").fetchone()[0] == seen:
            return 0
        removed, after = 0, ""
        while True:
            names = [
                row[0]
                for row in connection.execute(
                    "SELECT name FROM files WHERE name > ? ORDER BY name LIMIT ?", (after, CHUNK)
                )
            ]
            if not names:
                return removed
            after = names[-1]
            with self._unlocked():
                gone = [name for name in names if not _is_candidate(self.directory / name)]
            if gone:
                with _transaction(connection):
                    _delete_files(connection, gone)
                removed += len(gone)

    def _read_entry(self, entry: Entry, bank: Bank | None) -> _Read:
        from cocreate_tui.domain.storage import read_session_file

        try:
            session = read_session_file(self.directory / entry[0])
        except SessionFileError as error:
            return entry, None, error.reason
        row, values = self._session_row(session, entry[0], bank)
        return entry, row, values

    def _rescore(self, connection: sqlite3.Connection, scored_with: str | None) -> int:
        scoring = self._scoring
        if scoring is None:
            return 0
        if scoring.content_hash is not None and scored_with == scoring.content_hash:
            return 0
        bank = scoring.get()  # raises BankError for a broken bank: reported, never guessed
        done = 0
        while True:
            # In batches, each marked done by its new hash, so memory stays flat at 50,000.
            stale = connection.execute(
                "SELECT s.id, s.file, s.updated_us, a.answer_values "
                "FROM sessions s JOIN answers a USING (id) WHERE s.scored_with IS NOT ? LIMIT ?",
                (bank.content_hash, BATCH),
            ).fetchall()
            if not stale:
                break
            with self._unlocked():
                scores = [
                    ((session_id, updated_us), _score_columns(bank, _unzip(blob), file))
                    for session_id, file, updated_us, blob in stale
                ]
            with _transaction(connection):
                _write_scores(connection, scores)
            done += len(stale)
        with _transaction(connection):
            _set_meta(connection, "scored_with", bank.content_hash)
            # The words for the levels the rows now hold, so a list can show them before the
            # bank itself is loaded (the saved-assessments screen's first frame).
            _store_level_labels(connection, bank)
        return done

    def _session_row(
        self, session: Session, file: str, bank: Bank | None
    ) -> tuple[tuple[Any, ...], str]:
        values = session.answer_values()
        return _session_row(session, file, bank, values), _compact_json(values)

    def _bank_or_raise(self) -> Bank | None:
        return None if self._scoring is None else self._scoring.get()

    def _bank_if_loadable(self) -> Bank | None:
        # A save must succeed even with a broken bank: its row is then left unscored, and the
        # next refresh, which needs the bank, reports the problem.
        if self._scoring is None:
            return None
        from cocreate_tui.domain.bank_loader import BankError

        try:
            return self._scoring.get()
        except BankError:
            return None

    def _count_save(self) -> None:
        self._unchecked_saves += 1
        if self._unchecked_saves >= CHECKPOINT_EVERY and not self._awaiting_folder:
            # Only after many saves with no refresh between (an import of thousands of
            # files): SQLite releases the interpreter lock while it copies, so saves go on.
            self._unchecked_saves = 0
            threading.Thread(target=_checkpoint, args=(self.path,), daemon=True).start()

    @contextlib.contextmanager
    def _unlocked(self) -> Iterator[None]:
        self._lock.release()
        try:
            yield
        finally:
            self._lock.acquire()

    # --- the connection: opened lazily, rebuilt when broken ---------------------------------

    def _guarded(self, operation: Callable[[sqlite3.Connection], T], *, heal: bool) -> T:
        """Run `operation`; if the index turns out broken, rebuild it and run it once more.

        A corrupt index is replaced. One that cannot be written at all (read-only folder,
        full disk) is given up for this process, which carries on with an index in memory,
        built from the files: slower, still correct. `heal` refreshes a replaced index before
        the second try, for operations that only read.
        """
        with self._lock:
            try:
                connection = self._connect()
                if heal and self._rebuilt:
                    self._refresh(connection)  # a new, empty index: fill it before reading
                return operation(connection)
            except _BrokenIndexError:
                self._replace()
            except sqlite3.Error as error:
                self._recover(error)
            try:
                if heal:
                    self._refresh(self._connect())
                return operation(self._connect())
            except (sqlite3.Error, _BrokenIndexError) as error:
                _raise_if_busy(error, self.path)
                raise StorageError(
                    f"The session index {self.path} cannot be used: {error}."
                ) from None

    def _read(self, operation: Callable[[sqlite3.Connection], T]) -> T:
        """Run the read-only `operation` without waiting for a refresh, where that is safe.

        On the reader connection once the index file is open and not being built anew; else,
        or if the reader fails, as before: under the lock, healing a broken index first.
        """
        with self._reader_lock:
            reader = self._open_reader()
            if reader is not None:
                try:
                    return operation(reader)
                except sqlite3.Error:
                    self._drop_reader()  # the index may have been replaced: ask it below
        return self._guarded(operation, heal=True)

    def _open_reader(self) -> sqlite3.Connection | None:
        # Only an index already opened (its version checked) and not just made: a new or
        # replaced index is filled under the lock before it is read, as it always was.
        if not self._on_disk or self._connection is None or self._rebuilt:
            return None
        if self._reader is None:
            # mode=rw: never creates a missing index (nor one with the wrong permissions).
            uri = f"{self.path.absolute().as_uri()}?mode=rw"
            try:
                reader = sqlite3.connect(
                    uri,
                    uri=True,
                    timeout=BUSY_TIMEOUT_MS / 1000,
                    isolation_level=None,
                    check_same_thread=False,
                )
                reader.execute("PRAGMA query_only = 1")
            except sqlite3.Error:
                return None
            self._reader = reader
        return self._reader

    def _drop_reader(self) -> None:
        """Close the reader connection; the caller holds `_reader_lock`."""
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    def _recover(self, error: sqlite3.Error) -> None:
        _raise_if_busy(error, self.path)
        if isinstance(error, sqlite3.ProgrammingError):
            return  # closed under us by another thread replacing it: just try again
        if _sqlite_code(error) in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
            self._replace()
        else:
            self._use_memory(awaiting_folder=False)

    def _connect(self) -> sqlite3.Connection:
        if self._connection is not None and not self._awaiting_folder:
            return self._connection
        if not self.directory.is_dir():
            # No sessions folder: nothing to index, and no reason to create files.
            return self._connection or self._use_memory(awaiting_folder=True)
        try:
            connection, created = _open_file(self.path)
        except _BrokenIndexError:
            return self._replace()
        except (sqlite3.Error, OSError):
            return self._use_memory(awaiting_folder=False)
        self.close()
        self._connection, self._awaiting_folder, self._on_disk = connection, False, True
        self._rebuilt |= created
        return connection

    def _use_memory(self, *, awaiting_folder: bool) -> sqlite3.Connection:
        self.close()
        connection = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        for statement in _SCHEMA_STATEMENTS:
            connection.execute(statement)
        self._connection, self._awaiting_folder = connection, awaiting_folder
        # In place of a file that cannot be used, it is an index built anew; without a
        # sessions folder there is nothing to build.
        self._rebuilt |= not awaiting_folder
        return connection

    def _replace(self) -> sqlite3.Connection:
        # The index is only a cache of the files: a broken one is deleted and built again.
        self.close()
        try:
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    Path(f"{self.path}{suffix}").unlink()
            connection, _ = _open_file(self.path)
        except (sqlite3.Error, OSError, _BrokenIndexError):
            return self._use_memory(awaiting_folder=False)
        self._connection, self._awaiting_folder, self._rebuilt = connection, False, True
        self._on_disk = True
        return connection


_LISTING_SQL: Final = (
    "SELECT CAST(group_concat(json_head || ? || json_tail, ?) AS BLOB) FROM "
    "(SELECT json_head, json_tail FROM listing ORDER BY updated_us DESC, id DESC)"
)
"""Every listing line, newest first, as one UTF-8 blob. group_concat keeps the order of the
subquery's rows (SQLite has no ORDER BY inside an aggregate before 3.44); a test checks it."""
_SCORED_WITH: Final = _SESSION_COLUMNS.index("scored_with")
_UPDATED_US: Final = _SESSION_COLUMNS.index("updated_us")
_WIDTH: Final = len(_SESSION_COLUMNS)
"""A row as `_session_row` makes it: the `sessions` columns, then the JSON head and tail."""


def _checkpoint(path: Path) -> None:
    """Copy the write-ahead log into the index file, without blocking readers or writers."""
    try:
        connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=rw", uri=True)
    except sqlite3.Error:
        return
    try:
        connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
    except sqlite3.Error:
        pass  # the next checkpoint, or closing the index, does it
    finally:
        connection.close()


def _sqlite_code(error: sqlite3.Error) -> int:
    return int(getattr(error, "sqlite_errorcode", 0)) & 0xFF


def _raise_if_busy(error: BaseException, path: Path) -> None:
    if isinstance(error, sqlite3.Error) and _sqlite_code(error) in _SQLITE_BUSY_CODES:
        raise StorageError(
            f"The session index {path} is busy (another cocreate is updating it); "
            "try again in a moment."
        ) from None


def _open_file(path: Path) -> tuple[sqlite3.Connection, bool]:
    """A connection to the index at `path`, and whether it was created just now."""
    _create_private(path)
    connection = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    try:
        created = _check_or_create_schema(connection)
        # WAL: readers never block the writer. NORMAL: no fsync per commit, and still never
        # corrupt after a crash; a lost last commit is healed by the next refresh.
        if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as error:
        connection.close()
        if _sqlite_code(error) in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
            raise _BrokenIndexError(str(error)) from None
        raise
    except _BrokenIndexError:
        connection.close()
        raise
    return connection, created


def _create_private(path: Path) -> None:
    # Made 0600 before SQLite opens it (SQLite would use 0644); the -wal and -shm files that
    # SQLite adds take the same mode. O_EXCL and O_NOFOLLOW: never write through a planted
    # link. An existing index is never opened here: closing any descriptor of a database file
    # drops every POSIX lock this process holds on it, so SQLite connections already open
    # (this index's reader, another index object on the same folder) would go on without
    # their locks – and another process's checkpoint then corrupts what they see.
    try:
        descriptor = os.open(
            path, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600
        )
    except FileExistsError:
        found = os.lstat(path)
        if not stat.S_ISREG(found.st_mode):
            raise _BrokenIndexError("the index is not a regular file") from None
        if stat.S_IMODE(found.st_mode) != INDEX_FILE_MODE:
            os.chmod(path, INDEX_FILE_MODE)
        return
    try:
        if stat.S_IMODE(os.fstat(descriptor).st_mode) != INDEX_FILE_MODE:
            os.fchmod(descriptor, INDEX_FILE_MODE)  # a umask may have taken bits away
    finally:
        os.close(descriptor)


def _check_or_create_schema(connection: sqlite3.Connection) -> bool:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if version == SCHEMA_VERSION and tables >= _TABLES:
        return False
    if version != 0 or tables:
        raise _BrokenIndexError(f"an index of version {version}, not {SCHEMA_VERSION}")
    with _transaction(connection):
        # Checked again inside the transaction: another process may have just made it.
        if connection.execute("PRAGMA user_version").fetchone()[0] != 0:
            return False
        # One by one: executescript() would commit the transaction first.
        for statement in _SCHEMA_STATEMENTS:
            connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return True


@contextlib.contextmanager
def _transaction(connection: sqlite3.Connection) -> Iterator[None]:
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _meta(connection: sqlite3.Connection) -> dict[str, Any]:
    return dict(connection.execute("SELECT key, value FROM meta").fetchall())


def _set_meta(connection: sqlite3.Connection, key: str, value: str | None) -> None:
    connection.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


def _forget_fingerprint(connection: sqlite3.Connection, scored_with: str | None) -> None:
    # The folder has changed, so the next refresh compares file by file.
    _set_meta(connection, "fingerprint", None)
    _note_scored_with(connection, scored_with)


def _note_scored_with(connection: sqlite3.Connection, scored_with: str | None) -> None:
    # Rows just written with another bank (or none) make the scores as a whole stale: the
    # next refresh with a bank looks for rows to score again.
    current = connection.execute("SELECT value FROM meta WHERE key = 'scored_with'").fetchone()
    if current is not None and current[0] != scored_with:
        _set_meta(connection, "scored_with", None)


def _delete_files(connection: sqlite3.Connection, names: Sequence[str]) -> None:
    # A readable file is always named after its session's id, so every delete is by key.
    ids = [(name.removesuffix(SESSION_SUFFIX),) for name in names]
    connection.executemany(
        "DELETE FROM listing WHERE id = ?1 "
        "AND updated_us = (SELECT updated_us FROM sessions WHERE id = ?1)",
        ids,
    )
    connection.executemany("DELETE FROM answers WHERE id = ?", ids)
    connection.executemany("DELETE FROM sessions WHERE id = ?", ids)
    connection.executemany("DELETE FROM files WHERE name = ?", [(name,) for name in names])


def _compare(connection: sqlite3.Connection, chunk: list[Entry]) -> tuple[int, list[Entry]]:
    """How many of `chunk`'s files the index has a row for, and those not indexed as they are."""
    names = ", ".join("?" * len(chunk))
    sql = f"SELECT name, size, mtime_ns, ctime_ns, racy FROM files WHERE name IN ({names})"
    indexed = {
        name: stamp for name, *stamp in connection.execute(sql, [entry[0] for entry in chunk])
    }
    # A racy row (racy = 1) never matches, so it is read again.
    return len(indexed), [entry for entry in chunk if indexed.get(entry[0]) != [*entry[1:], 0]]


def _write_read_files(connection: sqlite3.Connection, read: list[_Read], started: int) -> None:
    readable: list[tuple[Entry, tuple[Any, ...], str]] = []
    unreadable: list[tuple[Entry, str]] = []
    for entry, row, text in read:
        if row is None:
            unreadable.append((entry, text))
        else:
            readable.append((entry, row, text))
    _write_sessions(connection, readable, started)
    _delete_files(connection, [entry[0] for entry, _ in unreadable])
    connection.executemany(
        "INSERT INTO files (name, size, mtime_ns, ctime_ns, racy, reason) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(*entry, _is_racy(entry, started), reason) for entry, reason in unreadable],
    )


def _write_sessions(
    connection: sqlite3.Connection, rows: list[tuple[Entry, tuple[Any, ...], str]], started: int
) -> None:
    """Write readable files' rows; `started` is when the refresh began (0: saved by us)."""
    # Deleted first: a file edited behind our back may now hold another id.
    _delete_files(connection, [entry[0] for entry, _, _ in rows])
    connection.executemany(
        "INSERT INTO files (name, size, mtime_ns, ctime_ns, racy, reason) "
        "VALUES (?, ?, ?, ?, ?, NULL)",
        [(*entry, _is_racy(entry, started)) for entry, _, _ in rows],
    )
    placeholders = ", ".join("?" * _WIDTH)
    connection.executemany(
        f"INSERT OR REPLACE INTO sessions ({', '.join(_SESSION_COLUMNS)}) VALUES ({placeholders})",
        [row[:_WIDTH] for _, row, _ in rows],
    )
    connection.executemany(
        "INSERT OR REPLACE INTO listing (updated_us, id, json_head, json_tail) VALUES (?, ?, ?, ?)",
        [(row[_UPDATED_US], row[0], *row[_WIDTH:]) for _, row, _ in rows],
    )
    connection.executemany(
        "INSERT OR REPLACE INTO answers (id, answer_values) VALUES (?, ?)",
        # Compressed: a 50-question session's values are 1.2 KB of JSON, 0.3 KB zipped.
        [(row[0], zlib.compress(values.encode())) for _, row, values in rows],
    )


_Scores = tuple[int, str, float | None, str, str]
"""What `_score_columns` gives: total, level, overall, the bank's hash, the JSON tail."""


def _write_scores(
    connection: sqlite3.Connection, scores: list[tuple[tuple[str, int], _Scores]]
) -> None:
    """Store new scores: `(session id, updated_us)` and `_score_columns`' result for each."""
    connection.executemany(
        "UPDATE sessions SET total = ?, level = ?, overall = ?, scored_with = ? WHERE id = ?",
        [(*columns[:4], key[0]) for key, columns in scores],
    )
    connection.executemany(
        "UPDATE listing SET json_tail = ? WHERE updated_us = ? AND id = ?",
        [(columns[4], key[1], key[0]) for key, columns in scores],
    )


def _is_racy(entry: Entry, started: int) -> int:
    # Our own saves (started = 0) are never racy: we wrote what the stamp belongs to.
    return int(started > 0 and max(entry[2], entry[3]) >= started - RACY_NS)


# --- rows --------------------------------------------------------------------------------------


def _session_row(
    session: Session, file: str, bank: Bank | None, values: Mapping[str, AnswerValue]
) -> tuple[Any, ...]:
    """The `sessions` row of `session` in `_SESSION_COLUMNS` order, then its JSON head and tail."""
    meta = session.meta
    updated = session.updated_at.isoformat()
    total, level, overall, scored_with, json_tail = (
        _score_columns(bank, values, file) if bank is not None else _unscored(file)
    )
    answered = len(values)
    head_fields = (
        ("id", session.id),
        ("team", meta.team),
        ("organisation", meta.organisation),
        ("service_area", meta.service_area),
        ("phase", meta.phase),
        ("mode", meta.mode),
        ("respondent", meta.respondent),
        ("status", session.status),
    )
    json_head = (
        "{"
        + ", ".join(f'"{key}": {encode_basestring(value)}' for key, value in head_fields)
        + f', "answered": {answered}, "updated_at": {encode_basestring(updated)}, "file": "'
    )
    searched = (getattr(meta, name).casefold() for name in SEARCHED_FIELDS)
    search = "\x1f".join([*searched, meta.phase, session.status])
    return (
        session.id, file, meta.team, meta.organisation, meta.service_area, meta.phase,
        meta.mode, meta.respondent, meta.role, session.status, session.language, answered,
        sum(1 for value in values.values() if value == "unknown"), total, level, overall,
        scored_with, session.bank.content_hash, session.created_at.isoformat(),
        _microseconds(session.created_at), updated, _microseconds(session.updated_at),
        _sort_key(meta.team), _sort_key(meta.organisation), _sort_key(meta.service_area),
        _sort_key(meta.respondent), search, json_head, json_tail,
    )  # fmt: skip


def _score_columns(bank: Bank, values: Mapping[str, AnswerValue], file: str) -> _Scores:
    """Total, level, overall, the bank's hash and the JSON tail, scored with `bank`."""
    from cocreate_tui.domain.scoring import assess

    assessment = assess(bank, values)
    # Rounded as `cocreate score --json` rounds it.
    overall = None if assessment.overall is None else round(assessment.overall, 1)
    tail = _json_tail(file, assessment.level, overall)
    return len(bank.questions), assessment.level, overall, bank.content_hash, tail


def _unscored(file: str) -> tuple[None, None, None, None, str]:
    return None, None, None, None, _json_tail(file, None, None)


def _json_tail(file: str, level: str | None, overall: float | None) -> str:
    level_text = "null" if level is None else encode_basestring(level)
    overall_text = "null" if overall is None else repr(overall)
    name = encode_basestring(file)[1:-1]
    return f'{name}", "level": {level_text}, "overall": {overall_text}}}'


def _unzip(blob: bytes) -> dict[str, AnswerValue]:
    values: dict[str, AnswerValue] = json.loads(zlib.decompress(blob))
    return values


def _compact_json(values: Mapping[str, AnswerValue]) -> str:
    return json.dumps(values, separators=(",", ":"), ensure_ascii=False)


def _microseconds(moment: datetime) -> int:
    return (moment - _EPOCH) // timedelta(microseconds=1)


def _sort_key(text: str) -> str:
    """`text` as it sorts: case and accents ignored, æ ø å last, as in Norwegian."""
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_NORDIC_LAST))
    return "".join(char for char in folded if not unicodedata.combining(char))


def _index_row(row: tuple[Any, ...]) -> IndexRow:
    (
        session_id, team, organisation, service_area, phase, mode, respondent, role, status,
        language, answered, unknown, total, level, overall, bank_hash, created, updated, file,
        size, mtime_ns,
    ) = row  # fmt: skip
    return IndexRow(
        session_id, team, organisation, service_area, phase, mode, respondent, role, status,
        language, answered, unknown, total, level, overall, bank_hash,
        datetime.fromisoformat(created), datetime.fromisoformat(updated), file, size, mtime_ns,
    )  # fmt: skip


def _where(
    filter_text: str, status: str | None, labels: Mapping[str, str] | None
) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    parameters: list[Any] = []
    if status is not None:
        clauses.append("s.status = ?")
        parameters.append(status)
    for word in filter_text.casefold().split():
        codes = [code for code, label in (labels or {}).items() if word in label.casefold()]
        matches = ["instr(s.search, ?) > 0", *("s.phase = ? OR s.status = ?" for _ in codes)]
        clauses.append("(" + " OR ".join(matches) + ")")
        parameters.append(word)
        for code in codes:
            parameters.extend((code, code))
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), parameters
