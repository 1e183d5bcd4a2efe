"""A save killed inside the write leaves a file that parses and equals a state that was saved.

A child saves a session over and over through SessionStore.save (the code the app uses). In a
save chosen at random it stops inside the write, at a point chosen at random: the temp file
complete but not yet renamed, or renamed but the folder not yet fsynced; there the parent
kills it with SIGKILL. So every kill lands inside a save, where a non-atomic write would
leave a broken file (the old version of this test killed only after a save had returned, and
a non-atomic save slipped past it about 60 % of the time). The children come from a
forkserver, never from a fork of the multi-threaded pytest process, and every read of the
pipe has a timeout.
"""

from __future__ import annotations

import os
import random
import signal
import sys
from pathlib import Path

import pytest

from cocreate_tui.domain.session_files import read_session_file
from cocreate_tui.domain.storage import SessionStore

from ..session_helpers import make_bank, make_session
from .crash_child import QUESTIONS, save_until_killed, state
from .forkserver import context

KILLS = 200
WAIT = 30.0
"""Seconds any one read of the pipe may take before the test fails."""

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs forkserver and SIGKILL")


def test_sigkill_inside_a_save_never_leaves_a_broken_or_unknown_state(tmp_path: Path) -> None:
    bank = make_bank(QUESTIONS)
    base = make_session(bank=bank)
    store = SessionStore(tmp_path)
    rng = random.Random(20210314)
    ctx = context()
    for _ in range(KILLS):
        # From the second save on, so the file on disk is always one this round saved.
        stop_at, stage = rng.randint(2, 40), rng.choice(["written", "renamed"])
        parent_end, child_end = ctx.Pipe(duplex=False)
        child = ctx.Process(
            target=save_until_killed, args=(str(tmp_path), base, stop_at, stage, child_end)
        )
        child.start()
        child_end.close()
        acknowledged = 0
        try:
            while True:
                assert parent_end.poll(WAIT), "the saving child went quiet"
                kind, k, _ = parent_end.recv()
                if kind == "inside":
                    break
                acknowledged = k
            assert acknowledged == stop_at - 1
        finally:
            os.kill(child.pid or 0, signal.SIGKILL)
            child.join(WAIT)
            parent_end.close()
        saved = read_session_file(store.path_for(base.id))
        # Killed before the rename: the last save that returned, exactly. Killed after it: the
        # save in progress, exactly. Never a mix, never older.
        expected = acknowledged if stage == "written" else stop_at
        assert saved == state(base, expected), f"killed at {stage} of save {stop_at}"
    # Temp files a kill left behind are never mistaken for sessions.
    assert [s.id for s in store.list().sessions] == [base.id]
    assert store.list().unreadable == []
