"""Two windows, one session: the second is told the session is open elsewhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cocreate_tui.domain import session_lock
from cocreate_tui.domain.fileio import CLAIM_SECONDS
from cocreate_tui.domain.session_lock import SessionLock, held_elsewhere, read_holder

from ..platform_guards import assert_private

SESSION_ID = "a" * 32


def test_second_lock_is_refused_and_names_the_holder(tmp_path: Path) -> None:
    first, second = SessionLock(tmp_path, SESSION_ID), SessionLock(tmp_path, SESSION_ID)
    assert first.acquire() is None and first.held
    holder = second.acquire()
    assert holder is not None and holder.pid == os.getpid()
    assert not second.held
    assert_private(tmp_path / f"{SESSION_ID}.lock")


def test_release_frees_it_for_the_next_window(tmp_path: Path) -> None:
    first = SessionLock(tmp_path, SESSION_ID)
    first.acquire()
    first.release()
    assert not (tmp_path / f"{SESSION_ID}.lock").exists()
    assert SessionLock(tmp_path, SESSION_ID).acquire() is None


def test_a_lock_left_by_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_pid = int(done.stdout)
    lock_file = tmp_path / f"{SESSION_ID}.lock"
    holder = SessionLock(tmp_path, SESSION_ID)
    holder.acquire()
    data = json.loads(lock_file.read_text(encoding="utf-8"))
    lock_file.write_text(json.dumps(data | {"pid": dead_pid}), encoding="utf-8")
    assert SessionLock(tmp_path, SESSION_ID).acquire() is None
    assert read_holder(lock_file).pid == os.getpid()  # type: ignore[union-attr]


def test_a_lock_from_another_machine_is_respected(tmp_path: Path) -> None:
    lock_file = tmp_path / f"{SESSION_ID}.lock"
    lock_file.write_text(
        json.dumps({"pid": 1, "host": "annen-pc", "since": "2026-01-01T10:00:00+00:00"}),
        encoding="utf-8",
    )
    holder = SessionLock(tmp_path, SESSION_ID).acquire()
    assert holder is not None and holder.host == "annen-pc"


def test_releasing_never_removes_another_windows_lock(tmp_path: Path) -> None:
    mine = SessionLock(tmp_path, SESSION_ID)
    mine.acquire()
    lock_file = tmp_path / f"{SESSION_ID}.lock"
    lock_file.write_text(
        json.dumps({"pid": 1, "host": "annen-pc", "since": "2026-01-01T10:00:00+00:00"}),
        encoding="utf-8",
    )
    mine.release()
    assert lock_file.exists()


def test_a_garbled_lock_file_is_replaced_once_it_is_not_new(tmp_path: Path) -> None:
    # A new one may be a rival's lock not yet written whole (tests/reliability/
    # test_lock_without_links.py); one older than that is broken.
    lock_file = tmp_path / f"{SESSION_ID}.lock"
    lock_file.write_bytes(b"\x00garbage")
    then = time.time() - CLAIM_SECONDS - 1
    os.utime(lock_file, (then, then))
    assert SessionLock(tmp_path, SESSION_ID).acquire() is None


def test_our_own_lock_is_not_elsewhere_without_asking_after_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every autosave asks held_elsewhere; for the window's own lock no liveness check is
    # needed, and that check imports psutil (~1 MB of the wizard's memory).
    SessionLock(tmp_path, SESSION_ID).acquire()
    asked: list[int] = []
    monkeypatch.setattr(session_lock, "process_alive", lambda pid: asked.append(pid) or True)
    assert held_elsewhere(tmp_path, SESSION_ID) is None
    assert asked == []
    lock_file = tmp_path / f"{SESSION_ID}.lock"
    data = json.loads(lock_file.read_text(encoding="utf-8"))
    lock_file.write_text(json.dumps(data | {"pid": 1}), encoding="utf-8")
    holder = held_elsewhere(tmp_path, SESSION_ID)
    assert holder is not None and holder.pid == 1
    assert asked == [1]
