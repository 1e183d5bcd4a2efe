"""A save killed at any moment leaves a file that parses and equals a state that was saved.

A forked child saves a session over and over through SessionStore.save (the code the app
uses) and reports each finished save on a pipe; the parent kills it with SIGKILL after a
random number of reports, so the kill lands at arbitrary points inside a save.
"""

from __future__ import annotations

import os
import random
import signal
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from cocreate_tui.domain.session_files import read_session_file
from cocreate_tui.domain.sessions import Session
from cocreate_tui.domain.storage import SessionStore

from ..session_helpers import T0, make_bank, make_session

KILLS = 200
QUESTIONS = [f"q{n}" for n in range(1, 41)]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs fork and SIGKILL")


def state(base: Session, k: int) -> Session:
    """The k-th saved state: deterministic, so the parent can rebuild it and compare."""
    session = base
    for index, question_id in enumerate(QUESTIONS):
        session = session.with_answer(question_id, value=(k + index) % 3 * 2, now=T0)
    return session.with_note("q1", f"state {k} " + "x" * (k % 50), now=T0 + timedelta(seconds=k))


def save_forever(store: SessionStore, base: Session, write_fd: int) -> None:
    k = 0
    while True:
        k += 1
        store.save(state(base, k))
        os.write(write_fd, f"{k}\n".encode())


def state_number(session: Session) -> int:
    return int(session.answer("q1").note.split()[1])


def test_sigkill_during_saves_never_leaves_a_broken_or_unknown_state(tmp_path: Path) -> None:
    bank = make_bank(QUESTIONS)
    base = make_session(bank=bank)
    store = SessionStore(tmp_path)
    rng = random.Random(20210314)
    survived = 0
    for _ in range(KILLS):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: never returns into pytest
            os.close(read_fd)
            try:
                save_forever(store, base, write_fd)
            finally:
                os._exit(0)
        os.close(write_fd)
        wanted, acknowledged, buffer = rng.randint(1, 40), 0, b""
        with os.fdopen(read_fd, "rb", buffering=0) as pipe:
            while acknowledged < wanted:
                buffer += pipe.read(64)
                *lines, buffer = buffer.split(b"\n")
                if lines:
                    acknowledged = int(lines[-1])
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        saved = read_session_file(store.path_for(base.id))
        k = state_number(saved)
        # Durable: never older than a save that had returned; exact: equal to that state.
        assert k >= acknowledged
        assert saved == state(base, k)
        survived += 1
    assert survived == KILLS
    # Temp files a kill left behind are never mistaken for sessions.
    assert [s.id for s in store.list().sessions] == [base.id]
    assert store.list().unreadable == []
