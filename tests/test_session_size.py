"""Nothing is saved that cannot be read again: a limit on actions, and a size check at the save.

The reader refuses a session file over `MAX_FILE_BYTES` (5 MB). Each text field has a length
limit, the plan has `ACTIONS_MAX` actions at most, and the save itself refuses anything larger
than the reader takes, with the project's own `StorageError`.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from cocreate_tui.cli import main
from cocreate_tui.domain import storage
from cocreate_tui.domain.bank_loader import load_bank
from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.errors import PlanFullError, SessionTooLargeError, StorageError
from cocreate_tui.domain.session_files import MAX_FILE_BYTES, read_session_file
from cocreate_tui.domain.sessions import (
    ACTION_OWNER_MAX,
    ACTION_REASON_MAX,
    ACTION_TEXT_MAX,
    ACTIONS_MAX,
    TEAM_MAX,
    Session,
    SessionMeta,
    new_action,
    new_session,
    session_to_json,
)
from cocreate_tui.domain.storage import SessionStore, save_copy, write_failure_kind
from cocreate_tui.domain.text_safety import NOTE_MAX

from .facilitator_helpers import build
from .session_helpers import T0
from .tiny_bank import write_tiny_bank

WIDEST = "\U0001f600"
"""A character that takes 4 bytes in the file: the most any kept character takes."""


def widest(length: int) -> str:
    return WIDEST * length


def test_no_character_a_text_may_keep_takes_more_than_four_bytes_in_the_file() -> None:
    # What the worst case below rests on: JSON escapes (\", \\, \n, \t) take 2 bytes, other
    # characters at most 4 in UTF-8; control characters are cleaned away before they are kept.
    session = new_session(SessionMeta(team="T"), _tiny())

    def size(note: str) -> int:
        return len(session_to_json(session.with_note("q1", note, now=T0)).encode("utf-8"))

    for char in ['"', "\\", "\n", "\t", "\u2028", "\x85", "\u00e6", "\uffff", WIDEST]:
        assert size("a" + char * 200) - size("a" + char * 100) <= 4 * 100, repr(char)


def _tiny() -> Bank:
    from .session_helpers import make_bank

    return make_bank()


def worst_case(bank: Bank) -> Session:
    """Every field of a session on `bank` at its limit, in the widest characters."""
    meta = SessionMeta(
        team=widest(TEAM_MAX),
        organisation=widest(200),
        service_area=widest(200),
        respondent=widest(200),
        role=widest(200),
        mode="individual",
        phase="after_first_meeting",
    )
    session = new_session(meta, bank, now=T0)
    for question in bank.questions:
        session = session.with_answer(question.id, question.options[-1].value, now=T0)
        session = session.with_note(question.id, widest(NOTE_MAX), now=T0)
        session = session.with_flag(question.id, True, now=T0)
    longest_lesson = max((lesson.id for lesson in bank.lessons), key=len)
    every_question = [question.id for question in bank.questions]
    for _ in range(ACTIONS_MAX):
        action = new_action(
            widest(ACTION_TEXT_MAX),
            lesson_id=longest_lesson,
            question_ids=every_question,  # a recommendation names at most every question
            owner=widest(ACTION_OWNER_MAX),
            due=date(2027, 12, 31),
            status="dropped",
            dropped_reason=widest(ACTION_REASON_MAX),
            now=T0,
        )
        session = session.with_action(action.model_copy(update={"carried_from": "c" * 32}))
    # Validated whole, so every value above is one the app accepts.
    return Session.model_validate(json.loads(session_to_json(session)))


def test_the_worst_case_session_on_the_shipped_bank_stays_well_under_the_read_cap(
    shipped_bank: Bank, capsys: pytest.CaptureFixture[str]
) -> None:
    session = worst_case(shipped_bank)
    assert len(session.actions) == ACTIONS_MAX and session.plan_full
    size = len(session_to_json(session).encode("utf-8"))
    with capsys.disabled():
        print(
            f"\nworst case on the shipped bank ({len(shipped_bank.questions)} questions, "
            f"{ACTIONS_MAX} actions): {size / 1024 / 1024:.2f} MB of {MAX_FILE_BYTES >> 20} MB"
        )
    assert size <= MAX_FILE_BYTES // 2


def test_a_new_action_beyond_the_limit_is_refused_and_an_edit_still_works() -> None:
    session = new_session(SessionMeta(team="Larvik"), _tiny(), now=T0)
    full = session.model_copy(
        update={"actions": [new_action(f"Tiltak {n}", now=T0) for n in range(ACTIONS_MAX)]}
    )
    assert full.plan_full and not session.plan_full
    with pytest.raises(PlanFullError) as refused:
        full.with_action(new_action("Ett til", now=T0))
    said = refused.value.words("nb")
    assert f"Planen har allerede {ACTIONS_MAX} tiltak" in said and "Slett" in said
    edited = full.actions[0].updated(now=T0, owner="Kari")
    assert full.with_action(edited, now=T0).actions[0].owner == "Kari"


def test_import_refuses_a_file_with_more_actions_than_a_plan_may_hold_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = new_session(SessionMeta(team="Horten"), _tiny(), now=T0)
    data = json.loads(session_to_json(session))
    action = json.loads(new_action("Tiltak", now=T0).model_dump_json())
    data["actions"] = [action | {"id": f"{n:032x}"} for n in range(ACTIONS_MAX + 1)]
    sent = tmp_path / "Horten (1).json"
    sent.write_text(json.dumps(data), encoding="utf-8")

    code = main(["--data-dir", str(tmp_path / "data"), "import", str(sent)])

    assert code == 1
    err = capsys.readouterr().err
    assert f"{sent}: ikke importert" in err
    assert f"actions: har for mange (høyst {ACTIONS_MAX})" in err
    assert SessionStore(tmp_path / "data").list().sessions == []


def too_large(bank: Bank) -> Session:
    """A session over the read cap through the API alone: answers to questions the bank no
    longer has are kept, each with a note at its limit."""
    session = new_session(SessionMeta(team="Stor"), bank, now=T0)
    for number in range(MAX_FILE_BYTES // (4 * NOTE_MAX) + 10):
        session = session.with_note(f"old_{number}", widest(NOTE_MAX), now=T0)
    return session


def test_save_refuses_a_session_the_reader_would_refuse_and_keeps_the_last_save(
    tmp_path: Path,
) -> None:
    store = SessionStore(tmp_path / "data")
    big = too_large(_tiny())
    small = big.model_copy(update={"answers": {}})
    path = store.save(small)
    before = path.read_bytes()
    assert len(session_to_json(big).encode("utf-8")) > MAX_FILE_BYTES

    with pytest.raises(SessionTooLargeError) as refused:
        store.save(big)

    assert isinstance(refused.value, StorageError) and write_failure_kind(refused.value) == (
        "too_large"
    )
    message = refused.value.words("nb")
    assert str(path) in message and "5 MB" in message and "kortere" in message
    assert path.read_bytes() == before
    assert read_session_file(path) == small
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temp file left
    with pytest.raises(SessionTooLargeError):
        store.save_new(big.model_copy(update={"id": "e" * 32}))
    with pytest.raises(SessionTooLargeError):
        save_copy(big, tmp_path / "elsewhere")
    assert not (tmp_path / "elsewhere" / f"{big.id}.json").exists()


@pytest.fixture
def small_cap(monkeypatch: pytest.MonkeyPatch) -> int:
    """The save's cap lowered to 2 KB, so a few long notes go over it."""
    monkeypatch.setattr(storage, "MAX_FILE_BYTES", 2 * 1024)
    return 2 * 1024


def test_score_save_over_the_cap_names_the_answers_file_and_saves_nothing(
    tmp_path: Path, small_cap: int, capsys: pytest.CaptureFixture[str]
) -> None:
    bank_dir = write_tiny_bank(tmp_path / "bank")
    answers = tmp_path / "svar.json"
    notes = {"anchor_up": "x" * NOTE_MAX, "calendar": "y" * NOTE_MAX}
    answers.write_text(json.dumps({"meta": {"team": "L"}, "answers": {}, "notes": notes}))
    data = tmp_path / "data"

    code = main(["--bank", str(bank_dir), "--data-dir", str(data), "score", str(answers), "--save"])

    assert code == 1
    out, err = capsys.readouterr()
    assert f"{answers}: svarfilen kan ikke lagres som en vurdering" in err
    assert "større enn" in err and out == ""
    assert SessionStore(data).list().sessions == []


def test_merge_save_over_the_cap_says_so_and_saves_nothing(
    tmp_path: Path, small_cap: int, capsys: pytest.CaptureFixture[str]
) -> None:
    bank_dir = write_tiny_bank(tmp_path / "bank")
    bank = load_bank(bank_dir)
    data = tmp_path / "data"
    store = SessionStore(data)
    members = [
        build(bank, {"anchor_up": 3}, {"anchor_up": "k" * 900}, respondent="Kari"),
        build(bank, {"anchor_up": 1}, {"anchor_up": "o" * 900}, respondent="Ola"),
    ]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(storage, "MAX_FILE_BYTES", MAX_FILE_BYTES)
        for member in members:
            store.save(member)
    args = ["--bank", str(bank_dir), "--data-dir", str(data), "merge", *(m.id for m in members)]

    code = main([*args, "--name", "Felles", "--save", "--json"])

    assert code == 1
    out, err = capsys.readouterr()
    assert "kunne ikke lagres i" in err and str(store.directory) in err and "større enn" in err
    assert out == ""
    assert sorted(s.id for s in store.list().sessions) == sorted(m.id for m in members)
