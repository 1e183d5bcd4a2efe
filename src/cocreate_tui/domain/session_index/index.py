"""The `SessionIndex`: one data folder's index, its connections, locks and recovery."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Callable, Collection, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar

from cocreate_tui.domain.bank_source import BankSource
from cocreate_tui.domain.errors import StorageError
from cocreate_tui.domain.paths import sessions_dir
from cocreate_tui.domain.phrases import Phrase, load
from cocreate_tui.domain.session_files import SESSION_SUFFIX

from .pending import PendingSave, PendingSaves
from .queries import (
    LISTING_SQL,
    SCORE_SORTS,
    UNREADABLE_SQL,
    index_row,
    labels_for,
    level_labels_of,
    query_sql,
    store_level_labels,
    where,
)
from .records import IndexRow, RefreshReport, UnreadableFile
from .refresh import Stop, never, refresh_folder, rescore
from .rows import Scoring, delete_files, forget_fingerprint, indexed_session, write_sessions
from .schema import (
    BUSY_TIMEOUT_MS,
    INDEX_NAME,
    BrokenIndexError,
    checkpoint,
    get_meta,
    is_corrupt,
    open_file,
    open_memory,
    raise_if_busy,
    transaction,
)

if TYPE_CHECKING:
    from cocreate_tui.domain.bank_models import Bank
    from cocreate_tui.domain.sessions import Session, Status

CHECKPOINT_EVERY: Final = 1000
"""Saves after which the write-ahead log is copied into the index file in a background thread,
if no refresh did it meanwhile. Saves never checkpoint themselves: with SQLite's default (every
1,000 pages, about every 125 saves) one save in a hundred took 4–6 ms longer, and the disk work
of a checkpoint also slows the fsync of the save that follows it."""

PENDING_LIMIT: Final = 100
"""Saves kept pending at most: an import of many files is recorded a hundred at a time."""
READ_WAIT: Final = 0.05
"""Seconds a read waits to record pending saves while the index is busy in another thread (a
refresh lets go between chunks of files; recording a save takes about a millisecond)."""

T = TypeVar("T")


class SessionIndex:
    """The index of one data folder's sessions; safe to share between threads and processes.

    The session files stay the truth. The index (`<data dir>/index.sqlite3`, 0600) holds one
    row per session file — what a list shows, plus level and overall scored with the current
    bank — and one row per file that cannot be read, with the reason; each row carries the
    file's size, mtime and ctime. `refresh()` compares those with the folder and re-reads only
    what changed, so files edited, added or removed behind the app's back are noticed; a
    missing, corrupt or outdated index is rebuilt from the files. Saves and imports call
    `upsert()` so that the index stays in step. The package imports nothing heavy (no
    pydantic): `cocreate list --json` over a fresh index needs only the standard library.

    `bank` scores the sessions (level, overall); without one those columns stay empty (None)
    until an index with a bank refreshes. The index file is made only once the sessions
    folder exists; until then (or if it cannot be written at all) the index lives in memory.

    A save is recorded after it returns: `upsert()` notes the file's new stamp and keeps the
    session, and the row is scored and written before the index next answers a query, refreshes
    or closes, or when the process exits. A process killed in between leaves the index with the
    file's old stamp, so the next refresh reads the file.
    """

    def __init__(self, data_dir: Path, bank: Bank | BankSource | None = None) -> None:
        self.path = data_dir / INDEX_NAME
        """The index file."""
        self.directory = sessions_dir(data_dir)
        """The sessions folder it indexes."""
        self._scoring = Scoring.of(bank)
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
        self._pending = PendingSaves(self)

    # --- the public operations ---------------------------------------------------------------

    def refresh(self, stop: Stop = never) -> RefreshReport:
        """Bring the index up to date with the folder, re-reading only what changed.

        Rebuilds it when missing, corrupt or of another version; never modifies a session
        file. Raises `StorageError` when the folder cannot be read, and `BankError` when rows
        must be scored and the bank cannot be loaded. `stop()`, asked between chunks of files,
        ends it early once true (what was done is kept).
        """
        return self._guarded(lambda connection: self._refresh(connection, stop), heal=False)

    def upsert(self, session: Session, path: Path) -> None:
        """Note `session`, just saved at `path`; called after every save and import.

        Takes the file's stamp and keeps the session: it is scored and written to the index
        before the index next answers, refreshes or closes (see the class). Never raises and
        never waits: a save returns as soon as its file is written.
        """
        try:
            info = os.stat(path, follow_symlinks=False)
        except OSError:
            return  # gone already: the next refresh finds it missing
        entry = (path.name, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        if self._pending.add(PendingSave(session, path, entry)) >= PENDING_LIMIT:
            self.record_pending(0)  # an import of many files: never more than this kept

    def record_pending(self, timeout: float = -1) -> None:
        """Write the pending saves' rows now, waiting at most `timeout` seconds (-1: as long as
        it takes) for an index busy in another thread; if it stays busy, they stay pending."""
        if not self._pending:
            return
        if not self._lock.acquire(timeout=timeout):
            return
        try:
            self._record_pending()
        finally:
            self._lock.release()

    def remove(self, session_id: str) -> None:
        """Forget the session `session_id`, whose file was deleted."""

        name = f"{session_id}{SESSION_SUFFIX}"

        def operation(connection: sqlite3.Connection) -> None:
            self._pending.discard(name)  # under the lock: never recorded after the delete
            with transaction(connection):
                delete_files(connection, [name])
                forget_fingerprint(connection, None)

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
        hidden: Collection[str] = (),
    ) -> list[IndexRow]:
        """Sessions matching `filter_text`, sorted by `sort_key`, `limit` rows from `offset`.

        Every word of `filter_text` must occur, ignoring case, in the team, organisation,
        service area, respondent, role, phase or status; `labels` maps phase and status codes
        to the words shown for them (e.g. `{"complete": "Fullført"}`), which match too. Ties
        are broken by id, so pages never overlap. `matching`, the `count()` already known for
        the filter, lets a filter that few sessions match be read the quicker way. The
        sessions in `hidden` (a team round's members before the reveal) sort by level and
        score as if they had none. Call `refresh()` first.
        """
        clause, parameters = where(filter_text, status, labels)
        unscored = sorted(hidden) if sort_key in SCORE_SORTS else []
        sql = query_sql(clause, sort_key, descending, offset, limit, matching, len(unscored))
        window = [-1 if limit is None else max(0, limit), max(0, offset)]
        arguments = [*parameters, *unscored, *window]
        rows = self._read(lambda c: c.execute(sql, arguments).fetchall())
        return [index_row(row) for row in rows]

    def count(
        self,
        filter_text: str = "",
        *,
        status: Status | None = None,
        labels: Mapping[str, str] | None = None,
    ) -> int:
        """How many sessions `query()` gives with the same filter."""
        clause, parameters = where(filter_text, status, labels)
        sql = f"SELECT count(*) FROM sessions s{clause}"
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
        labels = labels_for(stored[0] if stored else None, scoring.content_hash)
        if labels is not None or bank is None or bank.content_hash != scoring.content_hash:
            return labels

        def store(connection: sqlite3.Connection) -> None:
            with transaction(connection):
                store_level_labels(connection, bank)

        with contextlib.suppress(StorageError):
            self._guarded(store, heal=False)  # a cache: if it cannot be written, next time
        return level_labels_of(bank)

    def unreadable(self) -> list[UnreadableFile]:
        """The files that could not be read, by name, with the reason."""
        rows = self._read(lambda c: c.execute(UNREADABLE_SQL).fetchall())
        return [UnreadableFile(self.directory / row[0], load(row[1]), *row[2:]) for row in rows]

    def session_json(self, folder_text: str, separator: str) -> bytes:
        """Every session's `cocreate list --json` object, newest first, joined by `separator`.

        UTF-8 bytes, made in one query so that 50,000 sessions never become 50,000 Python
        objects. `folder_text` is how each `file` starts: the sessions folder, escaped for JSON
        (without quotes), ending with the path separator.
        """
        arguments = (folder_text, separator)
        found = self._read(lambda c: c.execute(LISTING_SQL, arguments).fetchone()[0])
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
            if meta.get("fingerprint") is not None and meta == self._guarded(get_meta, heal=False):
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
            meta = get_meta(connection)
            listing = connection.execute(LISTING_SQL, (folder_text, separator)).fetchone()[0]
            connection.execute("COMMIT")
            into.append((meta, bytes(listing or b"")))
        except sqlite3.Error:
            pass  # the listing is then read after the refresh, as usual
        finally:
            connection.close()

    def close(self) -> None:
        """Record the pending saves and close the database connections; the next operation
        opens them again."""
        self.record_pending()
        self._close()

    def _close(self) -> None:
        with self._lock:
            with self._reader_lock:
                self._drop_reader()
            if self._connection is not None:
                self._connection.close()
                self._connection, self._on_disk = None, False

    # --- refreshing --------------------------------------------------------------------------

    def _refresh(self, connection: sqlite3.Connection, stop: Stop = never) -> RefreshReport:
        # First what this process saved: cheaper than reading those files again.
        self._record_pending()
        scoring, unlocked = self._scoring, self._unlocked
        read, removed = refresh_folder(connection, self.directory, scoring, unlocked, stop)
        rescored = rescore(connection, scoring, unlocked, stop)
        if self._unchecked_saves:
            # A refresh runs in a worker or on the command line, never on a save's path.
            self._unchecked_saves = 0
            connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
        rebuilt, self._rebuilt = self._rebuilt, False
        return RefreshReport(read, removed, rescored, rebuilt)

    def _record_pending(self) -> None:
        """Score and write the pending saves whose files are still as saved; the caller holds
        the lock. Never raises: what cannot be written is left for the next refresh, which
        reads those files since the index lacks their stamps."""
        pending = self._pending.take()
        if not pending:
            return
        bank = self._bank_if_loadable()
        rows = []
        for session, path, entry in pending:
            try:
                info = os.stat(path, follow_symlinks=False)
            except OSError:
                continue  # removed since: the next refresh drops its row
            if (info.st_size, info.st_mtime_ns, info.st_ctime_ns) != entry[1:]:
                continue  # changed since, behind our back: the next refresh reads it
            indexed, values = indexed_session(session, entry[0], bank)
            rows.append((entry, indexed, values))
        if not rows:
            return
        try:
            connection = self._connect()
            # Never wait for another process writing to the index, nor for a checkpoint.
            connection.execute("PRAGMA busy_timeout = 0")
            connection.execute("PRAGMA wal_autocheckpoint = 0")
            try:
                with transaction(connection):
                    # Never racy (started 0): we wrote what each stamp belongs to, and a later
                    # save of the same file replaced its pending save. (Left as before: two
                    # saves of one size within one tick of the clock, a read recording the
                    # first between them, and the process killed before the second is
                    # recorded, would leave the first's row with the second's stamp.)
                    write_sessions(connection, rows, 0)
                    for scored_with in {indexed.row.scored_with for _, indexed, _ in rows}:
                        forget_fingerprint(connection, scored_with)
            finally:
                connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                connection.execute("PRAGMA wal_autocheckpoint = 1000")
            self._count_saves(len(rows))
        except (sqlite3.Error, OSError, BrokenIndexError):
            pass  # left for the next refresh, as above

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

    def _count_saves(self, saves: int) -> None:
        self._unchecked_saves += saves
        if self._unchecked_saves >= CHECKPOINT_EVERY and not self._awaiting_folder:
            # Only after many saves with no refresh between (an import of thousands of
            # files): SQLite releases the interpreter lock while it copies, so saves go on.
            self._unchecked_saves = 0
            threading.Thread(target=checkpoint, args=(self.path,), daemon=True).start()

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
            except BrokenIndexError:
                self._replace()
            except sqlite3.Error as error:
                self._recover(error)
            try:
                if heal:
                    self._refresh(self._connect())
                return operation(self._connect())
            except (sqlite3.Error, BrokenIndexError) as error:
                raise_if_busy(error, self.path)
                unusable = Phrase("index_unusable", path=str(self.path), reason=str(error))
                raise StorageError(unusable) from None

    def _read(self, operation: Callable[[sqlite3.Connection], T]) -> T:
        """Run the read-only `operation` without waiting for a refresh, where that is safe.

        On the reader connection once the index file is open and not being built anew; else,
        or if the reader fails, as before: under the lock, healing a broken index first.
        """
        # What this process saved is answered too: saves are recorded late, never left out.
        self.record_pending(READ_WAIT)
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
        raise_if_busy(error, self.path)
        if isinstance(error, sqlite3.ProgrammingError):
            return  # closed under us by another thread replacing it: just try again
        if is_corrupt(error):
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
            connection, created = open_file(self.path)
        except BrokenIndexError:
            return self._replace()
        except (sqlite3.Error, OSError):
            return self._use_memory(awaiting_folder=False)
        self._close()
        self._connection, self._awaiting_folder, self._on_disk = connection, False, True
        self._rebuilt |= created
        return connection

    def _use_memory(self, *, awaiting_folder: bool) -> sqlite3.Connection:
        self._close()
        connection = open_memory()
        self._connection, self._awaiting_folder = connection, awaiting_folder
        # In place of a file that cannot be used, it is an index built anew; without a
        # sessions folder there is nothing to build.
        self._rebuilt |= not awaiting_folder
        return connection

    def _replace(self) -> sqlite3.Connection:
        # The index is only a cache of the files: a broken one is deleted and built again.
        self._close()
        try:
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    Path(f"{self.path}{suffix}").unlink()
            connection, _ = open_file(self.path)
        except (sqlite3.Error, OSError, BrokenIndexError):
            return self._use_memory(awaiting_folder=False)
        self._connection, self._awaiting_folder, self._rebuilt = connection, False, True
        self._on_disk = True
        return connection
