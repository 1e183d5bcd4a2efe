"""The trash: delete moves a session file aside, restore brings it back, nothing is overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from cocreate_tui.domain.errors import SessionNotFoundError
from cocreate_tui.domain.storage import SessionStore
from cocreate_tui.domain.trash import (
    TrashError,
    list_trash,
    move_to_trash,
    restore_from_trash,
    trash_dir,
)

from .platform_guards import assert_private
from .session_helpers import make_session


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    return SessionStore(tmp_path)


def test_delete_moves_the_file_and_drops_it_from_the_index(
    store: SessionStore, tmp_path: Path
) -> None:
    kept, gone = make_session("Larvik"), make_session("Horten")
    store.save(kept)
    original = store.save(gone).read_bytes()
    target = move_to_trash(store, tmp_path, gone.id)
    assert target == trash_dir(tmp_path) / f"{gone.id}.json"
    assert target.read_bytes() == original
    assert not store.path_for(gone.id).exists()
    assert [row.id for row in store.index.query()] == [kept.id]
    assert [item.team for item in list_trash(tmp_path)] == ["Horten"]


def test_trash_folder_is_private_and_the_file_stays_private(
    store: SessionStore, tmp_path: Path
) -> None:
    session = make_session()
    store.save(session)
    target = move_to_trash(store, tmp_path, session.id)
    assert_private(trash_dir(tmp_path), target)


def test_restore_brings_it_back_into_the_index(store: SessionStore, tmp_path: Path) -> None:
    session = make_session()
    store.save(session)
    move_to_trash(store, tmp_path, session.id)
    path = restore_from_trash(store, tmp_path, session.id)
    assert path == store.path_for(session.id)
    assert [row.id for row in store.index.query()] == [session.id]
    assert list_trash(tmp_path) == []


def test_restore_never_overwrites_an_existing_session(store: SessionStore, tmp_path: Path) -> None:
    session = make_session()
    store.save(session)
    move_to_trash(store, tmp_path, session.id)
    newer = session.with_note(next(iter(session.answers), "q1"), "ny", now=session.updated_at)
    store.save(newer)
    existing = store.path_for(session.id).read_bytes()
    with pytest.raises(TrashError, match="already exists"):
        restore_from_trash(store, tmp_path, session.id)
    assert store.path_for(session.id).read_bytes() == existing
    assert (trash_dir(tmp_path) / f"{session.id}.json").is_file()


def test_deleting_twice_the_same_id_refuses(store: SessionStore, tmp_path: Path) -> None:
    session = make_session()
    store.save(session)
    move_to_trash(store, tmp_path, session.id)
    store.save(session)
    with pytest.raises(TrashError, match="already holds"):
        move_to_trash(store, tmp_path, session.id)
    assert store.path_for(session.id).is_file()


def test_missing_sessions_are_named(store: SessionStore, tmp_path: Path) -> None:
    with pytest.raises(SessionNotFoundError):
        move_to_trash(store, tmp_path, "0" * 32)
    with pytest.raises(SessionNotFoundError):
        restore_from_trash(store, tmp_path, "0" * 32)


def test_unreadable_trash_files_are_listed_with_the_reason(tmp_path: Path) -> None:
    folder = trash_dir(tmp_path)
    folder.mkdir()
    (folder / "broken.json").write_text("{", encoding="utf-8")
    (items,) = list_trash(tmp_path)
    assert items.id == "broken" and items.reason
