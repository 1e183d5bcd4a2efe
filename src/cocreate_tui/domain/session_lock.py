"""Advisory locks that tell a second window a session is already open for editing."""

from __future__ import annotations

import contextlib
import json
import os
import platform
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .fileio import FileReadError, read_capped, write_new, young_file
from .paths import ensure_private_dir
from .phrases import Phrase
from .platform_support import process_alive

LOCK_SUFFIX = ".lock"
MAX_LOCK_BYTES = 4096
"""A lock file holds a pid, a host name and a time; anything longer is not one of ours."""


UNKNOWN_PID = 0
UNKNOWN_HOST = "?"
"""The holder of a lock whose file is not written whole yet: no process we can name."""


@dataclass(frozen=True)
class LockHolder:
    """Who holds a session open: enough to tell the team where, and since when."""

    pid: int
    host: str
    since: datetime


class SessionLock:
    """A lock file `<id>.lock` beside the session file, held while one window edits it.

    It is advisory: it cannot stop another program, but it lets a second cocreate window say
    plainly that the session is open elsewhere instead of silently overwriting its answers.
    A lock left by a process that has died on this machine is stale and taken over.
    """

    def __init__(self, directory: Path, session_id: str) -> None:
        self.path = directory / f"{session_id}{LOCK_SUFFIX}"
        self._held = False

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._held

    def acquire(self) -> LockHolder | None:
        """Take the lock; return None on success, or who holds it."""
        ensure_private_dir(self.path.parent)
        for _ in range(2):
            try:
                # Created complete or not at all: a rival never sees an empty lock that it
                # would take for a broken one and remove.
                write_new(self.path, json.dumps(_describe_self()).encode("utf-8"))
            except FileExistsError:
                found = _identity(self.path)
                holder = read_holder(self.path)
                if holder is None and young_file(self.path):
                    # Empty or half-written, and new: a rival on a file system without hard
                    # links has just claimed the name and is writing it (see write_new).
                    return _being_written()
                if holder is not None and not _is_stale(holder):
                    return holder
                # Stale or broken: remove it, unless a rival has replaced it meanwhile, and try
                # once more; a rival that wins the race in between is then the holder.
                if found is not None and _identity(self.path) == found:
                    with contextlib.suppress(FileNotFoundError):
                        self.path.unlink()
                continue
            self._held = True
            return None
        return read_holder(self.path) or _being_written()

    def release(self) -> None:
        """Give the lock back, if held; never removes a lock another window holds."""
        if not self._held:
            return
        self._held = False
        holder = read_holder(self.path)
        if holder is not None and holder.pid == os.getpid() and holder.host == _host():
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()


def read_holder(path: Path) -> LockHolder | None:
    """The holder recorded in a lock file, or None if it is missing or unreadable."""
    try:
        data = json.loads(read_capped(path, MAX_LOCK_BYTES, what="lock"))
        pid, host = data["pid"], data["host"]
        # Exactly an int and a text: a float pid (1e400) or a boolean is not one we wrote.
        if type(pid) is not int or not isinstance(host, str):
            return None
        return LockHolder(pid=pid, host=host, since=datetime.fromisoformat(data["since"]))
    except (FileReadError, ValueError, KeyError, TypeError, RecursionError, OverflowError):
        return None


def held_elsewhere(directory: Path, session_id: str) -> LockHolder | None:
    """Who holds the session `session_id` open in another window, or None.

    This process's own lock, a stale lock (its process is gone) and a broken lock file are not
    «elsewhere»: the CLI and the store may then change the session.
    """
    path = directory / f"{session_id}{LOCK_SUFFIX}"
    holder = read_holder(path)
    if holder is None:
        # A new lock not yet written whole is a window claiming the session right now.
        return _being_written() if young_file(path) else None
    # Our own lock first: every autosave asks, and the liveness check imports psutil (~1 MB).
    if holder.pid == os.getpid() and holder.host == _host():
        return None
    return None if _is_stale(holder) else holder


def where_open(holder: LockHolder) -> Phrase:
    """Where and since when a session is open: «prosess 12 på «host» siden 06.12.2026 14:02»."""
    if (holder.pid, holder.host) == (UNKNOWN_PID, UNKNOWN_HOST):
        # Its lock file is not written whole yet (FAT, a slow share): no process to name.
        return Phrase("lock_being_opened")
    since = holder.since if holder.since.tzinfo else holder.since.replace(tzinfo=UTC)
    return Phrase("lock_where", pid=holder.pid, host=holder.host, since=since)


def _identity(path: Path) -> tuple[int, int, int, int] | None:
    try:
        found = os.lstat(path)
    except OSError:
        return None
    # The time and size too: FAT (and a busy ext4) can give a new file the number of one
    # just removed, and a rival's new lock must not pass for the stale one it replaced.
    return (found.st_dev, found.st_ino, found.st_mtime_ns, found.st_size)


def _being_written() -> LockHolder:
    """The holder of a lock whose file is not written whole yet: unknown, as of now."""
    return LockHolder(UNKNOWN_PID, UNKNOWN_HOST, datetime.now(UTC))


def _host() -> str:
    return platform.node()


def _describe_self() -> dict[str, object]:
    return {"pid": os.getpid(), "host": _host(), "since": datetime.now(UTC).isoformat()}


def _is_stale(holder: LockHolder) -> bool:
    # Only a process on this machine can be checked; a lock from another host (a shared
    # folder) is respected, since that window may still be open.
    # A process that cannot be checked counts as alive, so its lock is respected too.
    if holder.host != _host():
        return False
    return not process_alive(holder.pid)
