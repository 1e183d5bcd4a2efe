"""The session store on a real file system: private atomic saves and robust listing."""

from __future__ import annotations

import errno
import hashlib
import os
from datetime import timedelta
from pathlib import Path

import pytest

from cocreate_tui.domain.errors import (
    AmbiguousSessionError,
    SessionFileError,
    SessionNotFoundError,
    StorageError,
)
from cocreate_tui.domain.session_files import MAX_FILE_BYTES
from cocreate_tui.domain.sessions import Session, session_to_json
from cocreate_tui.domain.storage import SessionStore

from .platform_guards import assert_private, mode_of, modes_only
from .session_helpers import T0, make_session


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    return SessionStore(tmp_path / "data")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def session_at(minutes: int, team: str = "Team") -> Session:
    return make_session(team=team, now=T0 + timedelta(minutes=minutes))


def files_in(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.iterdir())


# --- saving ----------------------------------------------------------------------------------


def test_save_then_load_round_trips(store: SessionStore) -> None:
    session = make_session().with_answer("q1", 3).with_note("q1", "Notat.")

    path = store.save(session)

    assert path == store.directory / f"{session.id}.json"
    assert path.read_text(encoding="utf-8") == session_to_json(session)
    assert store.load(session.id) == session


def test_files_are_0600_and_folders_0700(store: SessionStore, tmp_path: Path) -> None:
    path = store.save(make_session())

    assert_private(path, store.directory, tmp_path / "data")


@modes_only
def test_save_keeps_files_private_whatever_the_umask(store: SessionStore) -> None:
    old = os.umask(0)
    try:
        path = store.save(make_session())
        path = store.save(store.load(path.stem).with_answer("q1", 1))
    finally:
        os.umask(old)

    assert mode_of(path) == 0o600
    assert mode_of(store.directory) == 0o700


@modes_only
def test_save_tightens_an_existing_sessions_folder(store: SessionStore) -> None:
    store.directory.mkdir(parents=True, mode=0o755)
    store.directory.chmod(0o755)

    store.save(make_session())

    assert mode_of(store.directory) == 0o700


def test_saving_again_replaces_the_file_and_leaves_no_temp_files(store: SessionStore) -> None:
    session = make_session()
    for value in (0, 2, 4):
        session = session.with_answer("q1", value)
        store.save(session)

    assert files_in(store.directory) == [f"{session.id}.json"]
    assert store.load(session.id).answers["q1"].value == 4


@pytest.mark.parametrize("failing", ["write", "replace", "fsync"])
@pytest.mark.parametrize("error_number", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp_file(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch, failing: str, error_number: int
) -> None:
    session = make_session().with_answer("q1", 2)
    path = store.save(session)
    before = digest(path)

    def fail(*args: object) -> None:
        raise OSError(error_number, os.strerror(error_number))

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(StorageError) as caught:
        store.save(session.with_answer("q1", 4))
    monkeypatch.undo()

    assert digest(path) == before
    assert files_in(store.directory) == [path.name]
    assert str(path) in caught.value.message
    assert "unchanged" in caught.value.message


def test_a_full_disk_is_named_as_such(store: SessionStore, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(StorageError, match="the disk is full"):
        store.save(make_session())


def test_a_data_folder_that_is_a_file_gives_a_storage_error(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("not a folder")

    with pytest.raises(StorageError):
        SessionStore(tmp_path / "data").save(make_session())


# --- loading and finding ----------------------------------------------------------------------


def test_loading_a_missing_session_says_so(store: SessionStore) -> None:
    with pytest.raises(SessionNotFoundError, match="No saved session"):
        store.load("0" * 32)


@pytest.mark.parametrize("bad_id", ["../../etc/passwd", "A" * 32, "", "0" * 31])
def test_ids_that_are_not_session_ids_never_become_paths(store: SessionStore, bad_id: str) -> None:
    with pytest.raises(ValueError, match="not a session id"):
        store.path_for(bad_id)


def test_find_accepts_a_unique_prefix(store: SessionStore) -> None:
    first = session_at(1).model_copy(update={"id": "abc" + "0" * 29})
    second = session_at(2).model_copy(update={"id": "abd" + "0" * 29})
    store.save(first)
    store.save(second)

    assert store.find("abc") == first
    assert store.find(" ABD0 ") == second
    assert store.find(first.id) == first


def test_find_explains_no_match_and_ambiguity(store: SessionStore) -> None:
    store.save(session_at(1).model_copy(update={"id": "abc" + "0" * 29}))
    store.save(session_at(2).model_copy(update={"id": "abd" + "0" * 29}))

    with pytest.raises(AmbiguousSessionError, match=r"matches 2 sessions.*type more"):
        store.find("ab")
    with pytest.raises(SessionNotFoundError, match="starting with 'ff'"):
        store.find("ff")
    with pytest.raises(SessionNotFoundError):
        store.find("  ")


def test_find_reports_a_broken_file_rather_than_no_match(store: SessionStore) -> None:
    store.directory.mkdir(parents=True)
    (store.directory / f"{'e' * 32}.json").write_text("{")

    with pytest.raises(SessionFileError, match="not valid JSON"):
        store.find("eee")


# --- listing ------------------------------------------------------------------------------------


def test_an_empty_or_missing_folder_lists_nothing(store: SessionStore) -> None:
    result = store.list()

    assert (result.sessions, result.unreadable) == ([], [])
    assert not store.directory.exists()


def test_list_is_newest_first_with_summaries(store: SessionStore) -> None:
    old = session_at(1, team="Horten").with_answer("q1", 1, now=T0 + timedelta(minutes=1))
    new = session_at(9, team="Larvik").with_answer("q2", unknown=True, now=T0 + timedelta(hours=1))
    middle = session_at(5, team="Holmestrand")
    for session in (old, new, middle):
        store.save(session)

    summaries = store.list().sessions

    assert [summary.team for summary in summaries] == ["Larvik", "Holmestrand", "Horten"]
    larvik = summaries[0]
    assert (larvik.id, larvik.answered, larvik.status) == (new.id, 1, "in_progress")
    assert (larvik.organisation, larvik.service_area, larvik.phase, larvik.mode) == (
        "Larvik kommune",
        "NAV",
        "before_inviting",
        "team",
    )
    assert larvik.updated_at == new.updated_at
    assert larvik.path == store.path_for(new.id)


def test_unfinished_lists_only_sessions_in_progress(store: SessionStore) -> None:
    done = session_at(3).with_status("complete", now=T0 + timedelta(minutes=3))
    older = session_at(1)
    newer = session_at(2)
    for session in (done, older, newer):
        store.save(session)

    assert [summary.id for summary in store.unfinished()] == [newer.id, older.id]


BROKEN_FILES: dict[str, bytes] = {
    "empty": b"",
    "truncated": session_to_json(make_session()).encode()[:80],
    "garbage": bytes(range(256)) * 4,
    "latin-1": '{"team": "Bærum"}'.encode("latin-1"),
    "wrong shape": b"[1, 2, 3]\n",
    "future version": b'{"schema_version": 3, "id": "x"}\n',
}


@pytest.mark.parametrize(("kind", "content"), BROKEN_FILES.items(), ids=BROKEN_FILES.keys())
def test_a_broken_file_is_listed_as_unreadable_and_left_untouched(
    store: SessionStore, kind: str, content: bytes
) -> None:
    good = session_at(1)
    store.save(good)
    broken = store.directory / f"{'b' * 32}.json"
    broken.write_bytes(content)
    before = (digest(broken), os.stat(broken).st_mtime_ns)

    result = store.list()

    assert [summary.id for summary in result.sessions] == [good.id]
    assert [item.path for item in result.unreadable] == [broken]
    assert result.unreadable[0].reason
    assert (digest(broken), os.stat(broken).st_mtime_ns) == before
    assert files_in(store.directory) == sorted([broken.name, f"{good.id}.json"])


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "not valid JSON"),
        (b"\xff\xfe{}", "not UTF-8 text"),
        (b"[]", "not a session"),
        (b'{"schema_version": 3}', "unsupported schema_version 3 (this app reads 1 and 2)"),
    ],
)
def test_unreadable_reasons_are_plain(store: SessionStore, content: bytes, reason: str) -> None:
    store.directory.mkdir(parents=True)
    (store.directory / f"{'c' * 32}.json").write_bytes(content)

    [unreadable] = store.list().unreadable

    assert reason in unreadable.reason


def test_a_file_named_differently_from_its_id_is_unreadable(store: SessionStore) -> None:
    session = session_at(1)
    store.save(session)
    copy = store.directory / f"{'d' * 32}.json"
    copy.write_bytes(store.path_for(session.id).read_bytes())

    result = store.list()

    assert [summary.id for summary in result.sessions] == [session.id]
    [unreadable] = result.unreadable
    assert unreadable.path == copy
    assert "file name does not match the session id" in unreadable.reason


def test_a_huge_file_is_refused_without_reading_it(store: SessionStore) -> None:
    store.directory.mkdir(parents=True)
    huge = store.directory / f"{'f' * 32}.json"
    with huge.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk

    [unreadable] = store.list().unreadable

    assert unreadable.path == huge
    assert "too large" in unreadable.reason


def test_a_utf8_bom_is_tolerated(store: SessionStore) -> None:
    session = session_at(1)
    store.save(session)
    path = store.path_for(session.id)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())

    assert store.list().sessions[0].id == session.id


def test_temp_files_other_files_and_folders_are_ignored(store: SessionStore) -> None:
    session = session_at(1)
    store.save(session)
    (store.directory / ".tmp-abc123").write_text("half a session")
    (store.directory / ".tmp-abc123.json").write_text("{")
    (store.directory / "README.txt").write_text("hello")
    (store.directory / f"{'a' * 32}.json").mkdir()

    result = store.list()

    assert [summary.id for summary in result.sessions] == [session.id]
    assert result.unreadable == []


@modes_only  # on Windows chmod(0) only sets the read-only flag: the owner still reads
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads anything")
def test_a_file_without_read_permission_is_unreadable(store: SessionStore) -> None:
    path = store.save(session_at(1))
    path.chmod(0)
    try:
        [unreadable] = store.list().unreadable
    finally:
        path.chmod(0o600)

    assert "cannot be read" in unreadable.reason
