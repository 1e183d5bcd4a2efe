"""The index file: its tables made from the records, its version, opening it, transactions."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Final, NamedTuple, get_type_hints

from cocreate_tui.domain.errors import StorageError
from cocreate_tui.domain.phrases import Phrase
from cocreate_tui.domain.platform_support import make_private, make_private_path
from cocreate_tui.domain.synced_folders import index_is_shared

from .records import AnswersRow, FileRow, ListingRow, MetaRow, SessionRow

INDEX_NAME: Final = "index.sqlite3"
SCHEMA_VERSION: Final = 5
"""Stored as SQLite's user_version; an index of any other version is rebuilt. Version 3: rows
hold text as cleaned when a session is read (text_safety); a version 2 index may hold raw
control characters from files indexed before. Version 4: the answers table keeps the bank
versions the answers were given with, so rows are scored with the bank's changes applied.
Version 5: why a file cannot be read is kept as a phrase (`phrases.dump`), worded in the
reader's language when shown, not as English text."""
BUSY_TIMEOUT_MS: Final = 10_000
INDEX_FILE_MODE: Final = 0o600

_SQLITE_CORRUPT: Final = 11
_SQLITE_NOTADB: Final = 26
_SQLITE_BUSY_CODES: Final = frozenset({5, 6})

_SQL_TYPES: Final[Mapping[object, str]] = {
    str: "TEXT NOT NULL",
    int: "INTEGER NOT NULL",
    bytes: "BLOB NOT NULL",
    str | None: "TEXT",
    int | None: "INTEGER",
    float | None: "REAL",
}
"""A record field's annotation and the column type it makes."""


class Table(NamedTuple):
    """A table whose columns are the fields of `record`, in order, typed by their annotations."""

    name: str
    record: type[tuple[Any, ...]]
    """A NamedTuple class."""
    key: tuple[str, ...]
    """The primary key's columns."""
    without_rowid: bool = True

    @property
    def columns(self) -> tuple[str, ...]:
        """The column names, in the record's order."""
        fields: tuple[str, ...] = vars(self.record)["_fields"]
        return fields

    def ddl(self) -> str:
        """The `CREATE TABLE` statement."""
        annotations = get_type_hints(self.record)
        lines = []
        for column in self.columns:
            sql_type = _SQL_TYPES[annotations[column]]
            if self.key == (column,):
                # A one-column key is declared inline, as SQLite's own examples do.
                sql_type = sql_type.removesuffix(" NOT NULL") + " PRIMARY KEY"
            lines.append(f"    {column} {sql_type}")
        if len(self.key) > 1:
            lines.append(f"    PRIMARY KEY ({', '.join(self.key)})")
        body = ",\n".join(lines)
        rowid = " WITHOUT ROWID" if self.without_rowid else ""
        return f"CREATE TABLE IF NOT EXISTS {self.name} (\n{body}\n){rowid}"

    def insert(self, verb: str = "INSERT OR REPLACE") -> str:
        """The statement that inserts a whole record."""
        placeholders = ", ".join("?" * len(self.columns))
        return f"{verb} INTO {self.name} ({', '.join(self.columns)}) VALUES ({placeholders})"


META: Final = Table("meta", MetaRow, ("key",))
FILES: Final = Table("files", FileRow, ("name",))
"""Every candidate file and its stamp, `reason` set when it cannot be read."""
SESSIONS: Final = Table("sessions", SessionRow, ("id",), without_rowid=False)
"""One row per readable file."""
LISTING: Final = Table("listing", ListingRow, ("updated_us", "id"))
"""Each session's `cocreate list --json` object, rendered once because rows change rarely and
are listed often, and stored in list order, newest last, so that listing reads the table
straight through."""
ANSWERS: Final = Table("answers", AnswersRow, ("id",))
"""The answer values, so a new bank rescores without re-reading any file."""
TABLES: Final = (META, FILES, SESSIONS, LISTING, ANSWERS)
_INSERT_META: Final = META.insert()
_TABLE_NAMES: Final = frozenset(table.name for table in TABLES)

_LEVEL_ORDER: Final = (
    "CASE s.level WHEN 'not_ready' THEN 1 WHEN 'strengthen' THEN 2 WHEN 'thin' THEN 3"
    " WHEN 'thick' THEN 4 ELSE 0 END"
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
SCHEMA_STATEMENTS: Final = (*(table.ddl() for table in TABLES), *_SORT_INDEXES)


class BrokenIndexError(Exception):
    """The index file is not an index of this version: it is replaced."""


def open_file(path: Path) -> tuple[sqlite3.Connection, bool]:
    """A connection to the index at `path`, and whether it was created just now."""
    _create_private(path)
    connection = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    try:
        created = _check_or_create_schema(connection)
        _set_journal_mode(connection, path.parent)
    except sqlite3.DatabaseError as error:
        connection.close()
        if is_corrupt(error):
            raise BrokenIndexError(str(error)) from None
        raise
    except BrokenIndexError:
        connection.close()
        raise
    return connection, created


def open_memory() -> sqlite3.Connection:
    """An empty index in memory, for when the index file cannot be used."""
    connection = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    for statement in SCHEMA_STATEMENTS:
        connection.execute(statement)
    return connection


def _set_journal_mode(connection: sqlite3.Connection, folder: Path) -> None:
    if index_is_shared(folder):
        # A network drive or a synced folder: WAL's shared memory does not work over a network,
        # and a sync client copies the -wal file apart from the index. A rollback journal keeps
        # one file that is whole between transactions; FULL syncs each commit, as a share may
        # reorder writes. Readers then wait for a commit: slower, and still right.
        mode, synchronous = "delete", "FULL"
    else:
        # WAL: readers never block the writer. NORMAL: no fsync per commit, and still never
        # corrupt after a crash; a lost last commit is healed by the next refresh.
        mode, synchronous = "wal", "NORMAL"
    if connection.execute("PRAGMA journal_mode").fetchone()[0] != mode:
        # Refused, and left as it was, while another process has the index open in WAL mode
        # (a cocreate started before the folder was moved); a later start changes it.
        with contextlib.suppress(sqlite3.OperationalError):
            connection.execute(f"PRAGMA journal_mode = {mode}")
    connection.execute(f"PRAGMA synchronous = {synchronous}")


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
            raise BrokenIndexError("the index is not a regular file") from None
        make_private_path(path, INDEX_FILE_MODE)
        return
    try:
        if stat.S_IMODE(os.fstat(descriptor).st_mode) != INDEX_FILE_MODE:
            make_private(descriptor, INDEX_FILE_MODE)  # a umask may have taken bits away
    finally:
        os.close(descriptor)


def _check_or_create_schema(connection: sqlite3.Connection) -> bool:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if version == SCHEMA_VERSION and tables >= _TABLE_NAMES:
        return False
    if version != 0 or tables:
        raise BrokenIndexError(f"an index of version {version}, not {SCHEMA_VERSION}")
    with transaction(connection):
        # Checked again inside the transaction: another process may have just made it.
        if connection.execute("PRAGMA user_version").fetchone()[0] != 0:
            return False
        # One by one: executescript() would commit the transaction first.
        for statement in SCHEMA_STATEMENTS:
            connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return True


@contextlib.contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """A write transaction, taken at once, rolled back on any error."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def checkpoint(path: Path) -> None:
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


def get_meta(connection: sqlite3.Connection) -> dict[str, Any]:
    """Every `meta` value by key."""
    return dict(connection.execute("SELECT key, value FROM meta").fetchall())


def set_meta(connection: sqlite3.Connection, key: str, value: str | None) -> None:
    """Store one `meta` value."""
    connection.execute(_INSERT_META, MetaRow(key, value))


def _sqlite_code(error: sqlite3.Error) -> int:
    return int(getattr(error, "sqlite_errorcode", 0)) & 0xFF


def is_corrupt(error: sqlite3.Error) -> bool:
    """Whether SQLite says the file is corrupt or not a database."""
    return _sqlite_code(error) in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def raise_if_busy(error: BaseException, path: Path) -> None:
    """Raise `StorageError` saying another cocreate is busy with the index, if that is `error`."""
    if isinstance(error, sqlite3.Error) and _sqlite_code(error) in _SQLITE_BUSY_CODES:
        raise StorageError(Phrase("index_busy", path=str(path))) from None
