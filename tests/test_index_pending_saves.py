"""Saves recorded in the index after they return: never lost, never stale, repaired after a crash."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cocreate_tui.domain.bank_loader import load_bank
from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.session_index import INDEX_NAME, SessionIndex
from cocreate_tui.domain.sessions import Session
from cocreate_tui.domain.storage import SessionStore

from .facilitator_helpers import build
from .session_helpers import T0
from .tiny_bank import write_tiny_bank

TEAMS = 3
Step = tuple[str, int, int, int]
"""What a step does («save», «read», «delete»), to which team, which question, which option."""


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    return load_bank(write_tiny_bank(tmp_path_factory.mktemp("bank")))


def shown(index: SessionIndex) -> dict[str, tuple[object, ...]]:
    """What a list shows of each session, by id."""
    return {
        row.id: (row.team, row.answered, row.updated_at, row.level, row.overall)
        for row in index.query()
    }


def expected(
    bank: Bank, sessions: Path, saved: dict[str, Session]
) -> dict[str, tuple[object, ...]]:
    """What a list must show of the sessions in `saved`: each as last saved, scored as an index
    built afresh from the files in the folder `sessions` scores it."""
    copy = sessions.parent.with_name(f"{sessions.parent.name}-copy")
    shutil.rmtree(copy, ignore_errors=True)
    sessions.mkdir(parents=True, exist_ok=True)
    shutil.copytree(sessions, copy / sessions.name)
    fresh = SessionIndex(copy, bank)
    fresh.refresh()
    scores = {row.id: (row.level, row.overall) for row in fresh.query()}
    fresh.close()
    return {
        session.id: (
            session.meta.team,
            len(session.answer_values()),
            session.updated_at,
            *scores[session.id],
        )
        for session in saved.values()
    }


def play(bank: Bank, store: SessionStore, steps: list[Step]) -> dict[str, Session]:
    """Do `steps` with `store`, checking every read; the sessions whose files are left."""
    teams = [build(bank, {}, team=f"Lag {number}") for number in range(TEAMS)]
    saved: dict[str, Session] = {}
    for moment, (action, team, question_number, option) in enumerate(steps):
        session = teams[team]
        if action == "save":
            question = bank.questions[question_number % len(bank.questions)]
            value = question.options[option % len(question.options)].value
            session = session.with_answer(question.id, value, now=T0 + timedelta(seconds=moment))
            store.save(session)
            teams[team] = saved[session.id] = session
        elif action == "delete" and session.id in saved:
            store.path_for(session.id).unlink()
            store.index.remove(session.id)
            del saved[session.id]
        elif action == "read":
            assert shown(store.index) == expected(bank, store.directory, saved)
    return saved


steps = st.lists(
    st.tuples(
        st.sampled_from(["save", "save", "save", "read", "delete"]),
        st.integers(0, TEAMS - 1),
        st.integers(0, 20),
        st.integers(0, 4),
    ),
    max_size=12,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=steps)
def test_every_read_shows_every_save_as_last_written(
    tmp_path_factory: pytest.TempPathFactory, bank: Bank, steps: list[Step]
) -> None:
    store = SessionStore(tmp_path_factory.mktemp("data"), bank=bank)

    saved = play(bank, store, steps)

    assert shown(store.index) == expected(bank, store.directory, saved)
    assert store.index.refresh().read <= len(saved)  # at most the files saved just now again


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=steps)
def test_a_crash_before_saves_are_recorded_is_repaired_by_the_next_refresh(
    tmp_path_factory: pytest.TempPathFactory, bank: Bank, steps: list[Step]
) -> None:
    data = tmp_path_factory.mktemp("data")
    saved = play(bank, SessionStore(data, bank=bank), steps)

    # The window died with saves still pending: the next process sees only the files.
    after_crash = SessionIndex(data, bank)
    after_crash.refresh()

    assert shown(after_crash) == expected(bank, SessionStore(data).directory, saved)


def test_a_save_returns_before_its_row_is_written_and_a_read_records_it(
    tmp_path: Path, bank: Bank
) -> None:
    store = SessionStore(tmp_path, bank=bank)
    first, second = build(bank, {"anchor_up": 2}, team="Først"), build(bank, {}, team="Så")
    store.save(first)
    store.index.record_pending()
    store.save(second)
    other = sqlite3.connect(tmp_path / INDEX_NAME)
    try:
        teams = {row[0] for row in other.execute("SELECT team FROM sessions")}
        assert teams == {"Først"}  # the second save is pending

        assert {row.team for row in store.index.query()} == {"Først", "Så"}
        teams = {row[0] for row in other.execute("SELECT team FROM sessions")}
        assert teams == {"Først", "Så"}
    finally:
        other.close()


def test_a_process_that_exits_records_what_it_saved_last(tmp_path: Path, bank: Bank) -> None:
    session = build(bank, {"anchor_up": 3}, team="Lagret rett før avslutning")
    (tmp_path / "session.json").write_text(session.model_dump_json(), encoding="utf-8")
    code = (
        "import sys\nfrom pathlib import Path\n"
        "from cocreate_tui.domain.sessions import Session\n"
        "from cocreate_tui.domain.storage import SessionStore\n"
        "folder = Path(sys.argv[1])\n"
        "session = Session.model_validate_json((folder / 'session.json').read_text())\n"
        "SessionStore(folder / 'data').save(session)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=True)

    index = sqlite3.connect(tmp_path / "data" / INDEX_NAME)
    try:
        rows = index.execute("SELECT team FROM sessions").fetchall()
    finally:
        index.close()
    assert rows == [("Lagret rett før avslutning",)]
