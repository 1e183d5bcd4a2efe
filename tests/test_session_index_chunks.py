"""The index's refresh a chunk at a time, its fingerprint, and queries answered during a refresh."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from cocreate_tui.domain import session_index
from cocreate_tui.domain.bank_loader import load_bank
from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.sessions import Session, session_to_json
from cocreate_tui.domain.storage import SessionStore

from .facilitator_helpers import build
from .tiny_bank import write_tiny_bank


@pytest.fixture(autouse=True)
def _small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    # Two files a chunk, so that a handful of files spans several chunks and their boundaries;
    # and no racy window (every file a test writes is seconds old at most).
    monkeypatch.setattr(session_index.refresh, "CHUNK", 2)
    monkeypatch.setattr(session_index.rows, "RACY_NS", 0)


@pytest.fixture
def bank(tmp_path: Path) -> Bank:
    return load_bank(write_tiny_bank(tmp_path / "bank"))


@pytest.fixture
def store(tmp_path: Path, bank: Bank) -> SessionStore:
    return SessionStore(tmp_path / "data", bank=bank)


def saved(store: SessionStore, bank: Bank, count: int) -> list[Session]:
    sessions = [build(bank, {"calendar": 2}, team=f"Lag {n}", days=n) for n in range(count)]
    for session in sessions:
        store.save(session)
    store.index.refresh()
    assert store.index.refresh() == session_index.RefreshReport()  # fingerprint stored
    return sessions


def edit_in_place(path: Path, session: Session) -> None:
    """Write new content into the same file (same inode), as an editor saving in place does."""
    folder_stamp = path.parent.stat().st_mtime_ns
    before = path.stat().st_mtime_ns
    with path.open("r+", encoding="utf-8") as file:
        file.seek(0)
        file.truncate()
        file.write(session_to_json(session))
    os.utime(path, ns=(before - 10**9, before - 10**9))
    # The folder's own stamp does not change: only a file-by-file look can notice the edit.
    assert path.parent.stat().st_mtime_ns == folder_stamp


def teams(store: SessionStore) -> set[str]:
    return {row.team for row in store.index.query()}


def test_a_file_edited_in_place_is_noticed_though_the_folder_is_unchanged(
    store: SessionStore, bank: Bank
) -> None:
    sessions = saved(store, bank, 7)
    renamed = sessions[4].model_copy(
        update={"meta": sessions[4].meta.model_copy(update={"team": "Omdøpt"})}
    )
    edit_in_place(store.path_for(renamed.id), renamed)

    assert store.index.refresh().read == 1
    assert "Omdøpt" in teams(store) and "Lag 4" not in teams(store)
    assert store.index.refresh() == session_index.RefreshReport()


def test_added_changed_and_removed_files_across_chunks_are_noticed(
    tmp_path: Path, store: SessionStore, bank: Bank
) -> None:
    sessions = saved(store, bank, 7)
    elsewhere = SessionStore(tmp_path / "elsewhere")
    added = [build(bank, {"calendar": 1}, team=f"Ny {n}", days=20 + n) for n in range(3)]
    for session in added:
        elsewhere.save(session)
        os.replace(elsewhere.path_for(session.id), store.path_for(session.id))
    for session in sessions[:2]:
        store.path_for(session.id).unlink()
    changed = sessions[6].model_copy(update={"status": "complete"})
    edit_in_place(store.path_for(changed.id), changed)

    report = store.index.refresh()

    assert (report.read, report.removed) == (4, 2)
    assert teams(store) == {f"Lag {n}" for n in range(2, 7)} | {f"Ny {n}" for n in range(3)}
    [row] = [row for row in store.index.query() if row.id == changed.id]
    assert row.status == "complete"
    assert store.index.count() == 8
    assert store.index.refresh() == session_index.RefreshReport()


def test_as_many_files_added_as_removed_are_both_noticed(
    tmp_path: Path, store: SessionStore, bank: Bank
) -> None:
    # The same count of files as rows: the removed file is still found, by its name.
    sessions = saved(store, bank, 5)
    store.path_for(sessions[3].id).unlink()
    newcomer = build(bank, {"calendar": 3}, team="Erstatter", days=30)
    other = SessionStore(tmp_path / "elsewhere")
    other.save(newcomer)
    os.replace(other.path_for(newcomer.id), store.path_for(newcomer.id))

    assert store.index.refresh()[:2] == (1, 1)
    assert "Lag 3" not in teams(store) and "Erstatter" in teams(store)


def test_a_save_between_refreshes_is_compared_file_by_file(store: SessionStore, bank: Bank) -> None:
    sessions = saved(store, bank, 5)
    store.save(sessions[2].model_copy(update={"status": "complete"}))

    # The save wrote its own row: nothing to read, and the fingerprint is stored again.
    assert store.index.refresh() == session_index.RefreshReport()
    assert store.index.refresh() == session_index.RefreshReport()


def test_queries_are_answered_while_a_refresh_holds_the_index(
    store: SessionStore, bank: Bank
) -> None:
    saved(store, bank, 3)
    answers: list[object] = []

    def ask() -> None:
        answers.extend([store.index.count(), len(store.index.query()), store.index.unreadable()])

    with store.index._lock:  # a refresh in another thread holds the index
        asker = threading.Thread(target=ask)
        asker.start()
        asker.join(timeout=5)
        assert not asker.is_alive()

    assert answers == [3, 3, []]


def test_a_replaced_index_is_read_afresh(tmp_path: Path, store: SessionStore, bank: Bank) -> None:
    saved(store, bank, 3)
    assert store.index.count() == 3  # the reader connection is open now
    store.index.close()
    (tmp_path / "data" / session_index.INDEX_NAME).unlink()

    assert store.index.count() == 3  # rebuilt from the files, not read from the old file


def test_a_stopped_refresh_keeps_what_it_read_and_the_next_goes_on(
    store: SessionStore, bank: Bank
) -> None:
    sessions = saved(store, bank, 7)
    for session in sessions:
        renamed = session.model_copy(
            update={"meta": session.meta.model_copy(update={"team": f"Ny {session.meta.team}"})}
        )
        edit_in_place(store.path_for(session.id), renamed)
    asked: list[None] = []

    def stop() -> bool:
        # Asked before the folder is listed, then before each chunk: true from the second chunk.
        asked.append(None)
        return len(asked) > 2

    assert store.index.refresh(stop).read == 2  # one chunk of two files, then it stopped
    assert sum(team.startswith("Ny ") for team in teams(store)) == 2
    assert store.index.refresh().read == 5
    assert all(team.startswith("Ny ") for team in teams(store))
    assert store.index.refresh(lambda: True) == session_index.RefreshReport()
