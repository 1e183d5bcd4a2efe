"""Saves not yet in the index: the latest session per file, with the stamp it was written with."""

from __future__ import annotations

import atexit
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Final, NamedTuple, Protocol

from .rows import Entry

if TYPE_CHECKING:
    from cocreate_tui.domain.sessions import Session


class PendingSave(NamedTuple):
    """A session just written to `path`, whose file then had the stamp `entry`."""

    session: Session
    path: Path
    entry: Entry


class Recorder(Protocol):
    """An index, which records its pending saves at exit."""

    def record_pending(self, timeout: float = -1) -> None:
        """Record the pending saves, waiting at most `timeout` seconds for the index."""


AT_EXIT_TIMEOUT: Final = 2.0
"""Seconds an exiting process waits for an index busy with a refresh in another thread."""
_UNRECORDED: set[Recorder] = set()
"""Every index with saves still pending: kept alive until they are recorded, at exit at the
latest (a store made for one save, as the command line does, is dropped right after it)."""


class PendingSaves:
    """The saves an index has still to record, the latest per file; safe between threads.

    A save only adds here (no scoring, no SQLite), so it returns as soon as its file is
    written; the index records what is here before it answers, refreshes or closes, and at
    exit. Saving the same file again replaces its entry: only the latest version is recorded.
    If the process is killed first, the index still has those files' old stamps, so the next
    refresh reads them.
    """

    def __init__(self, owner: Recorder) -> None:
        self._owner = owner
        self._lock = threading.Lock()
        self._saves: dict[str, PendingSave] = {}

    def add(self, save: PendingSave) -> int:
        """Keep `save` in place of any earlier one of its file; how many are now pending."""
        with self._lock:
            self._saves.pop(save.entry[0], None)  # re-added last: kept in the order saved
            self._saves[save.entry[0]] = save
            _UNRECORDED.add(self._owner)
            return len(self._saves)

    def take(self) -> list[PendingSave]:
        """Every pending save, oldest first, leaving none."""
        with self._lock:
            saves, self._saves = list(self._saves.values()), {}
            _UNRECORDED.discard(self._owner)
            return saves

    def discard(self, name: str) -> None:
        """Forget the pending save of the file `name` (it was deleted)."""
        with self._lock:
            self._saves.pop(name, None)
            if not self._saves:
                _UNRECORDED.discard(self._owner)

    def __bool__(self) -> bool:
        return bool(self._saves)


@atexit.register
def _record_all() -> None:
    for recorder in list(_UNRECORDED):
        recorder.record_pending(AT_EXIT_TIMEOUT)
