"""Bringing the index up to date with the folder: list, stat, compare, read what changed."""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Final

from cocreate_tui.domain.errors import SessionFileError, StorageError
from cocreate_tui.domain.fileio import TEMP_PREFIX
from cocreate_tui.domain.phrases import Phrase, dump
from cocreate_tui.domain.platform_support import scan_folder
from cocreate_tui.domain.problem_words import os_reason
from cocreate_tui.domain.session_files import SESSION_SUFFIX, read_session_file

from .queries import store_level_labels
from .rows import (
    Entry,
    Read,
    Scoring,
    delete_files,
    indexed_session,
    note_scored_with,
    score_columns,
    unzip,
    write_read_files,
    write_scores,
)
from .schema import get_meta, set_meta, transaction

if TYPE_CHECKING:
    from cocreate_tui.domain.bank_models import Bank

BATCH: Final = 500
"""Files read per write transaction while refreshing, so other writers never wait long."""
CHUNK: Final = 500
"""Files listed, stat'ed and compared with the index at a time while refreshing (and names
looked up per query, under SQLite's oldest limit of 999 parameters)."""

Unlocked = Callable[[], contextlib.AbstractContextManager[None]]
"""Releases the index's lock for a while: files are listed and read outside it, so saves go on."""
Stop = Callable[[], bool]
"""Asked between chunks: true once a refresh is no longer wanted (its screen was left)."""


def never() -> bool:
    """A refresh that runs to its end."""
    return False


def refresh_folder(
    connection: sqlite3.Connection,
    directory: Path,
    scoring: Scoring | None,
    unlocked: Unlocked,
    stop: Stop = never,
) -> tuple[int, int]:
    """Bring the rows up to date with the files in `directory`: how many read, how many removed.

    `stop()` is asked before each chunk: once it is true, the refresh ends there, every row
    written so far kept (the next refresh goes on where this one left off)."""
    # The folder is listed and compared a chunk at a time. The fingerprint is one digest
    # per chunk of names and stamps, kept only while nothing but a refresh wrote to the
    # index: a chunk whose digest is as stored holds exactly the files the index has, as
    # they were. Every file is still stat'ed each time, because a file edited in place
    # changes its own stamp but not the folder's, and the files are the truth.
    started = time.time_ns()
    known = _known_digests(get_meta(connection).get("fingerprint"))
    digests: list[str] = []
    read = matched = 0
    if stop():
        return 0, 0
    for chunk in _chunks(directory, unlocked):
        if stop():
            return read, 0
        digest = _digest(chunk)
        if len(digests) < len(known) and known[len(digests)] == digest:
            matched += len(chunk)
        else:
            indexed, changed = _compare(connection, chunk)
            matched += indexed
            read += _catch_up(connection, directory, scoring, unlocked, changed, started)
        digests.append(digest)
    removed = 0
    if digests != known:
        removed = _remove_missing(connection, directory, unlocked, matched)
        with transaction(connection):
            racy = connection.execute("SELECT 1 FROM files WHERE racy LIMIT 1").fetchone()
            # With racy rows left, the next refresh must look file by file again.
            set_meta(connection, "fingerprint", None if racy else ",".join(digests))
    return read, removed


def rescore(
    connection: sqlite3.Connection,
    scoring: Scoring | None,
    unlocked: Unlocked,
    stop: Stop = never,
) -> int:
    """Score again every row not scored with the current bank; how many were (until `stop()`)."""
    if scoring is None or stop():
        return 0
    scored_with = get_meta(connection).get("scored_with")
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
        with unlocked():
            scores = [
                ((session_id, updated_us), score_columns(bank, unzip(blob), file))
                for session_id, file, updated_us, blob in stale
            ]
        with transaction(connection):
            write_scores(connection, scores)
        done += len(stale)
        if stop():
            return done
    with transaction(connection):
        set_meta(connection, "scored_with", bank.content_hash)
        # The words for the levels the rows now hold, so a list can show them before the
        # bank itself is loaded (the saved-assessments screen's first frame).
        store_level_labels(connection, bank)
    return done


def scan_chunks(directory: Path) -> Iterator[list[Entry]]:
    """Name, size, mtime_ns and ctime_ns of every candidate session file, `CHUNK` at a time.

    In folder order, which is stable while the folder is unchanged. Candidates are `*.json`
    files and symbolic links (reported, never followed, when read); temp files of interrupted
    saves, folders, FIFOs and devices are left out. A missing folder has none; any other
    failure raises `StorageError`. One chunk at a time, so that memory stays flat however many
    files there are: a list of 50,000 names and stamps alone took ~16 MB.
    """
    size = CHUNK
    try:
        with scan_folder(directory) as entries:
            chunk: list[Entry] = []
            for entry in entries:
                found = _candidate(entry)
                if found is not None:
                    chunk.append(found)
                    if len(chunk) == size:
                        yield chunk
                        chunk = []
            if chunk:
                yield chunk
    except FileNotFoundError:
        return
    except OSError as error:
        unreadable = Phrase("storage_folder_unreadable", folder=str(directory))
        raise StorageError(Phrase("storage_with_reason", unreadable, os_reason(error))) from error


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


def _chunks(directory: Path, unlocked: Unlocked) -> Iterator[list[Entry]]:
    """The folder's chunks, each listed and stat'ed outside the lock (saves go on)."""
    chunks = scan_chunks(directory)
    while True:
        with unlocked():
            chunk = next(chunks, None)
        if chunk is None:
            return
        yield chunk


def _compare(connection: sqlite3.Connection, chunk: list[Entry]) -> tuple[int, list[Entry]]:
    """How many of `chunk`'s files the index has a row for, and those not indexed as they are."""
    names = ", ".join("?" * len(chunk))
    sql = f"SELECT name, size, mtime_ns, ctime_ns, racy FROM files WHERE name IN ({names})"
    indexed = {
        name: stamp for name, *stamp in connection.execute(sql, [entry[0] for entry in chunk])
    }
    # A racy row (racy = 1) never matches, so it is read again.
    return len(indexed), [entry for entry in chunk if indexed.get(entry[0]) != [*entry[1:], 0]]


def _catch_up(
    connection: sqlite3.Connection,
    directory: Path,
    scoring: Scoring | None,
    unlocked: Unlocked,
    changed: list[Entry],
    started: int,
) -> int:
    for start in range(0, len(changed), BATCH):
        # Read outside any transaction and outside the lock, so saves carry on meanwhile.
        with unlocked():
            bank = None if scoring is None else scoring.get()
            read = [_read_entry(directory, entry, bank) for entry in changed[start : start + BATCH]]
        with transaction(connection):
            write_read_files(connection, read, started)
            note_scored_with(connection, None if bank is None else bank.content_hash)
    return len(changed)


def _remove_missing(
    connection: sqlite3.Connection, directory: Path, unlocked: Unlocked, seen: int
) -> int:
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
        with unlocked():
            gone = [name for name in names if not _is_candidate(directory / name)]
        if gone:
            with transaction(connection):
                delete_files(connection, gone)
            removed += len(gone)


def _read_entry(directory: Path, entry: Entry, bank: Bank | None) -> Read:
    try:
        session = read_session_file(directory / entry[0])
        indexed, values = indexed_session(session, entry[0], bank)
    except SessionFileError as error:
        return entry, None, dump(error.reason)
    except Exception as error:  # whatever goes wrong with one file must not stop the list
        found = f"{type(error).__name__}: {error}"
        return entry, None, dump(Phrase("file_unreadable", reason=found))
    return entry, indexed, values
