"""Advisory locks that tell a second window a session is already open for editing."""

from __future__ import annotations

import contextlib
import json
import os
import platform
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .paths import ensure_private_dir

LOCK_SUFFIX = ".lock"


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
                descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                holder = read_holder(self.path)
                if holder is not None and not _is_stale(holder):
                    return holder
                # Stale or unreadable: remove it and try once more; a rival that wins the race
                # in between is then reported as the holder.
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()
                continue
            with os.fdopen(descriptor, "w", encoding="utf-8") as file:
                json.dump(_describe_self(), file)
            self._held = True
            return None
        return read_holder(self.path) or LockHolder(0, "?", datetime.now(UTC))

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
        data = json.loads(path.read_text(encoding="utf-8"))
        return LockHolder(
            pid=int(data["pid"]),
            host=str(data["host"]),
            since=datetime.fromisoformat(data["since"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _host() -> str:
    return platform.node()


def _describe_self() -> dict[str, object]:
    return {"pid": os.getpid(), "host": _host(), "since": datetime.now(UTC).isoformat()}


def _is_stale(holder: LockHolder) -> bool:
    # Only a process on this machine can be checked; a lock from another host (a shared
    # folder) is respected, since that window may still be open.
    if holder.host != _host():
        return False
    try:
        os.kill(holder.pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False
