"""The child of the crash test: saves state after state, and stops inside the save it is told.

It runs in a forkserver child. In the save numbered `stop_at` it reports the stage it reached
on the pipe and waits there to be killed: «written» (the temp file is complete and fsynced,
the rename not yet done) or «renamed» (renamed, the folder not yet fsynced).
"""

from __future__ import annotations

import signal
from datetime import timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from cocreate_tui.domain import fileio
from cocreate_tui.domain.sessions import Session
from cocreate_tui.domain.storage import SessionStore

from ..session_helpers import T0

QUESTIONS = [f"q{n}" for n in range(1, 41)]


def state(base: Session, k: int) -> Session:
    """The k-th saved state: deterministic, so the parent can rebuild it and compare."""
    session = base
    for index, question_id in enumerate(QUESTIONS):
        session = session.with_answer(question_id, value=(k + index) % 3 * 2, now=T0)
    return session.with_note("q1", f"state {k} " + "x" * (k % 50), now=T0 + timedelta(seconds=k))


def save_until_killed(
    data_dir: str, base: Session, stop_at: int, stage: str, pipe: Connection
) -> None:
    """Save states 1, 2, … and report each; inside save `stop_at`, report `stage` and wait."""
    current = {"k": 0}
    real_replace, real_fsync_dir = fileio._replace, fileio._fsync_dir

    def pause_if(reached: str) -> None:
        if current["k"] == stop_at and reached == stage:
            pipe.send(("inside", current["k"], stage))
            while True:  # until the parent's SIGKILL
                signal.pause()

    def replace(source: str, target: Path) -> None:
        pause_if("written")
        real_replace(source, target)

    def fsync_dir(directory: Path) -> None:
        pause_if("renamed")
        real_fsync_dir(directory)

    patched: dict[str, Any] = {"_replace": replace, "_fsync_dir": fsync_dir}
    for name, function in patched.items():
        setattr(fileio, name, function)
    store = SessionStore(Path(data_dir))
    while True:
        current["k"] += 1
        store.save(state(base, current["k"]))
        pipe.send(("saved", current["k"], ""))
