"""A lock on a file system without hard links (FAT and exFAT sticks, some shares) still has one holder."""

from __future__ import annotations

import errno
import json
import os
import time
from pathlib import Path

import pytest

from cocreate_tui.domain import fileio
from cocreate_tui.domain.bank_loader import load_bank
from cocreate_tui.domain.bank_location import shipped_bank_dir
from cocreate_tui.domain.bank_models import Lang
from cocreate_tui.domain.errors import SessionOpenElsewhereError
from cocreate_tui.domain.fileio import CLAIM_SECONDS, TEMP_PREFIX, write_new
from cocreate_tui.domain.session_lock import SessionLock, held_elsewhere, read_holder
from cocreate_tui.domain.sessions import SessionMeta, new_session
from cocreate_tui.domain.storage import SessionStore

SESSION_ID = "c" * 32


def refuse_links(*_: object, **__: object) -> None:
    """os.link as vfat and exFAT answer it on Linux."""
    raise PermissionError(errno.EPERM, "Operation not permitted")


@pytest.fixture
def no_hard_links(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "link", refuse_links)


def age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX)]


def test_the_lock_is_claimed_whole_by_an_exclusive_create(
    tmp_path: Path, no_hard_links: None
) -> None:
    first, second = SessionLock(tmp_path, SESSION_ID), SessionLock(tmp_path, SESSION_ID)
    assert first.acquire() is None and first.held
    holder = read_holder(first.path)
    assert holder is not None and holder.pid == os.getpid()
    refused = second.acquire()
    assert refused is not None and refused.pid == os.getpid()
    assert not second.held
    assert leftovers(tmp_path) == []
    first.release()
    assert not first.path.exists()


@pytest.mark.parametrize(
    "written", [b"", b'{"pid": 4', b'{"pid": 41, "host": "kontor-pc", "since": "2026-12-0']
)
def test_a_half_written_lock_is_not_taken_over(tmp_path: Path, written: bytes) -> None:
    # What a rival window finds between its exclusive create and its write.
    lock_file = tmp_path / f"{SESSION_ID}.lock"
    lock_file.write_bytes(written)
    holder = SessionLock(tmp_path, SESSION_ID).acquire()
    assert holder is not None and holder.pid == 0
    assert lock_file.read_bytes() == written
    assert held_elsewhere(tmp_path, SESSION_ID) is not None


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("nb", "(den åpnes der akkurat nå)"),
        ("nn", "(ho blir opna der akkurat no)"),
        ("en", "(it is being opened there right now)"),
    ],
)
def test_a_save_refused_by_a_half_written_lock_names_no_process(
    tmp_path: Path, lang: Lang, said: str
) -> None:
    # Such a lock holds no process yet; the refusal said «prosess 0 på «?»».
    bank = load_bank(shipped_bank_dir())
    store = SessionStore(tmp_path)
    session = new_session(SessionMeta(team="Lag"), bank)
    store.save(session)
    (store.directory / f"{session.id}.lock").write_bytes(b'{"pid": 4')
    with pytest.raises(SessionOpenElsewhereError) as refused:
        store.save(session.with_answer(bank.questions[0].id, 1))
    words = refused.value.words(lang)
    assert said in words
    assert "0" not in words.replace(session.id, "") and "?" not in words


def test_a_half_written_lock_left_by_a_crash_is_taken_over_once_old(tmp_path: Path) -> None:
    lock_file = tmp_path / f"{SESSION_ID}.lock"
    lock_file.write_bytes(b'{"pid": 4')
    age(lock_file, CLAIM_SECONDS + 1)
    assert held_elsewhere(tmp_path, SESSION_ID) is None
    assert SessionLock(tmp_path, SESSION_ID).acquire() is None
    assert read_holder(lock_file).pid == os.getpid()  # type: ignore[union-attr]


def test_a_file_dated_far_ahead_is_not_young_forever(tmp_path: Path) -> None:
    lock_file = tmp_path / f"{SESSION_ID}.lock"
    lock_file.write_bytes(b"")
    age(lock_file, -(CLAIM_SECONDS + 60))  # a share whose clock runs an hour ahead, say
    assert not fileio.young_file(lock_file)
    age(lock_file, -1)  # a little ahead: as good as new
    assert fileio.young_file(lock_file)


def test_a_write_that_fails_after_the_claim_leaves_no_claim(
    tmp_path: Path, no_hard_links: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = fileio._write_all

    def full_disk_on_the_second_write(descriptor: int, data: bytes) -> None:
        calls.append(descriptor)
        if len(calls) == 2:  # the first fills the temporary file, the second the claimed name
            raise OSError(errno.ENOSPC, "No space left on device")
        real(descriptor, data)

    monkeypatch.setattr(fileio, "_write_all", full_disk_on_the_second_write)
    target = tmp_path / "ny.json"
    with pytest.raises(OSError) as raised:
        write_new(target, b"{}")
    assert raised.value.errno == errno.ENOSPC
    assert not target.exists()
    assert leftovers(tmp_path) == []


def test_a_taken_name_is_still_refused_without_hard_links(
    tmp_path: Path, no_hard_links: None
) -> None:
    target = tmp_path / "ny.json"
    write_new(target, json.dumps({"a": 1}).encode())
    with pytest.raises(FileExistsError):
        write_new(target, b"{}")
    assert json.loads(target.read_bytes()) == {"a": 1}
    assert leftovers(tmp_path) == []


def test_other_link_failures_are_not_hidden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "link", disk_full)
    with pytest.raises(OSError) as raised:
        write_new(tmp_path / "ny.json", b"{}")
    assert raised.value.errno == errno.ENOSPC
    assert list(tmp_path.iterdir()) == []
