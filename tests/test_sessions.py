"""Session models, their helpers and the JSON round trip, including hostile input."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from cocreate_tui.domain.errors import CocreateError, SessionFileError
from cocreate_tui.domain.sessions import (
    Answer,
    Session,
    SessionMeta,
    bank_changed,
    new_session,
    open_questions,
    orphaned_answers,
    session_from_json,
    session_to_json,
)

from .session_helpers import T0, make_bank, make_session

LATER = T0 + timedelta(minutes=5)


def answered_session() -> Session:
    return (
        make_session()
        .with_answer("q1", 4, now=LATER)
        .with_note("q1", "Leder er med.\nMen «bruker» brukes fortsatt.", now=LATER)
        .with_answer("q2", unknown=True, now=LATER)
        .with_flag("q3", True, now=LATER)
    )


def as_dict(session: Session) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(session_to_json(session))
    return data


def reason_for(data: object) -> str:
    with pytest.raises(SessionFileError) as caught:
        session_from_json(json.dumps(data), source="team.json")
    assert caught.value.source == "team.json"
    return caught.value.reason


# --- models ---------------------------------------------------------------------------------


def test_new_session_is_empty_in_progress_and_remembers_the_bank() -> None:
    bank = make_bank(content_hash="abc")
    session = new_session(SessionMeta(team="  Holmestrand  "), bank, now=T0)

    assert len(session.id) == 32
    assert session.meta.team == "Holmestrand"
    assert (session.bank.id, session.bank.version, session.bank.content_hash) == (
        "tiny",
        "1.0",
        "abc",
    )
    assert session.answers == {}
    assert session.status == "in_progress"
    assert session.created_at == session.updated_at == T0
    assert session.language == "nb"


def test_new_sessions_get_distinct_ids() -> None:
    assert make_session().id != make_session().id


@pytest.mark.parametrize("team", ["", "   ", "x" * 121])
def test_team_name_must_be_1_to_120_characters(team: str) -> None:
    with pytest.raises(ValidationError):
        SessionMeta(team=team)


def test_timestamps_are_normalised_to_utc() -> None:
    oslo = timezone(timedelta(hours=2))
    session = make_session(now=datetime(2024, 6, 1, 12, 0, tzinfo=oslo))

    assert session.created_at.utcoffset() == timedelta(0)
    assert session.created_at == datetime(2024, 6, 1, 10, 0, tzinfo=UTC)


def test_naive_timestamps_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        make_session().with_answer("q1", 2, now=datetime(2024, 1, 1))


def test_unknown_answer_cannot_have_a_value() -> None:
    with pytest.raises(ValidationError, match="Vet ikke"):
        Answer(value=2, unknown=True)
    with pytest.raises(ValidationError):
        make_session().with_answer("q1", 2, unknown=True)


@pytest.mark.parametrize("value", [-1, 5])
def test_answer_values_are_0_to_4(value: int) -> None:
    with pytest.raises(ValidationError):
        make_session().with_answer("q1", value)


def test_question_ids_must_be_item_ids() -> None:
    with pytest.raises(ValueError, match="not a question id"):
        make_session().with_answer("../Q1", 2)


def test_sessions_are_immutable() -> None:
    session = make_session()
    with pytest.raises(ValidationError):
        session.status = "complete"  # type: ignore[misc]


# --- answering -------------------------------------------------------------------------------


def test_with_answer_returns_a_new_session_and_stamps_the_time() -> None:
    before = make_session()
    after = before.with_answer("q1", 2, now=LATER)

    assert before.answers == {}
    assert after.answers["q1"] == Answer(value=2, answered_at=LATER)
    assert after.updated_at == LATER
    assert after.created_at == T0


def test_with_answer_keeps_note_and_flag() -> None:
    session = make_session().with_note("q1", "Husk Larvik.").with_flag("q1", True)

    changed = session.with_answer("q1", 2).with_answer("q1", 4).with_answer("q1", unknown=True)

    answer = changed.answers["q1"]
    assert (answer.value, answer.unknown) == (None, True)
    assert (answer.note, answer.flagged) == ("Husk Larvik.", True)


def test_changing_an_unknown_answer_to_a_value_clears_unknown() -> None:
    session = make_session().with_answer("q1", unknown=True).with_answer("q1", 0)

    assert session.answers["q1"].value == 0
    assert not session.answers["q1"].unknown
    assert session.answer_values() == {"q1": 0}


def test_clearing_an_answer_keeps_the_note_but_forgets_the_time() -> None:
    session = make_session().with_answer("q1", 2).with_note("q1", "Uklart.")

    cleared = session.with_answer("q1", now=LATER)

    assert cleared.answers["q1"] == Answer(note="Uklart.")
    assert cleared.updated_at == LATER


def test_an_answer_with_nothing_left_is_dropped() -> None:
    session = make_session().with_answer("q1", 3).with_answer("q1")

    assert session.answers == {}


def test_answer_order_is_kept_when_an_answer_changes() -> None:
    session = make_session().with_answer("q2", 1).with_answer("q1", 2).with_answer("q2", 3)

    assert list(session.answers) == ["q2", "q1"]


def test_with_status_marks_complete() -> None:
    session = make_session().with_status("complete", now=LATER)

    assert (session.status, session.updated_at) == ("complete", LATER)


def test_answer_values_hold_values_and_unknowns_only() -> None:
    assert answered_session().answer_values() == {"q1": 4, "q2": "unknown"}


# --- bank changes ----------------------------------------------------------------------------


def test_open_questions_are_those_without_value_or_unknown_in_bank_order() -> None:
    bank = make_bank(("q3", "q2", "q1", "q4"))

    assert open_questions(answered_session(), bank) == ["q3", "q4"]


def test_answers_to_removed_questions_are_kept_and_reported() -> None:
    session = answered_session()
    smaller = make_bank(("q2", "q3"), content_hash="hash-2")

    assert orphaned_answers(session, smaller) == ["q1"]
    assert bank_changed(session, smaller)
    restored = session_from_json(session_to_json(session))
    assert restored.answers["q1"].value == 4


def test_bank_changed_compares_content_hash() -> None:
    session = make_session(bank=make_bank(content_hash="same"))

    assert not bank_changed(session, make_bank(("q9",), content_hash="same"))
    assert bank_changed(session, make_bank(content_hash="other"))


# --- JSON -------------------------------------------------------------------------------------


def test_json_round_trip_is_equal() -> None:
    session = answered_session().with_status("complete", now=LATER)

    assert session_from_json(session_to_json(session)) == session


def test_json_is_stable_readable_and_ends_with_a_newline() -> None:
    session = answered_session()
    text = session_to_json(session)

    assert text.endswith("}\n")
    assert text.splitlines()[1] == '  "schema_version": 2,'
    assert list(json.loads(text)) == list(Session.model_fields)
    assert "«bruker»" in text  # Norwegian text stays readable, not \u-escaped
    assert session_to_json(session_from_json(text)) == text
    assert '"answered_at": "2024-03-01T09:05:00Z"' in text


def test_json_round_trip_keeps_non_utc_input_as_utc() -> None:
    data = as_dict(make_session())
    data["created_at"] = "2024-03-01T11:00:00+02:00"

    assert session_from_json(json.dumps(data)).created_at == T0


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "not valid JSON (line 1, column 1)"),
        ('{"schema_version": 1', "not valid JSON"),
        ("[1, 2]", "not a session (expected a JSON object, found an array)"),
        ("null", "found null"),
        ('"session"', 'found "session"'),
        ("{}", "no schema_version (this app reads 1 and 2)"),
        ("1" * 5000, "not JSON"),
        ("[" * 100_000, "not JSON"),
    ],
    ids=["empty", "truncated", "array", "null", "string", "no version", "long int", "deep"],
)
def test_bad_text_gets_a_plain_reason(text: str, reason: str) -> None:
    with pytest.raises(SessionFileError) as caught:
        session_from_json(text, source="x.json")

    assert reason in caught.value.reason
    assert str(caught.value).startswith("x.json: ")
    assert isinstance(caught.value, CocreateError)


@pytest.mark.parametrize(
    ("version", "shown"),
    [(3, "3"), (0, "0"), (True, "true or false"), (1.0, "a number"), ("1", '"1"')],
)
def test_other_schema_versions_are_refused(version: object, shown: str) -> None:
    data = as_dict(answered_session())
    data["schema_version"] = version

    assert reason_for(data) == f"unsupported schema_version {shown} (this app reads 1 and 2)"


def test_field_problems_name_the_field() -> None:
    data = as_dict(answered_session())
    data["answers"]["q1"]["value"] = 7

    assert reason_for(data) == "answers.q1.value: must be at most 4"


def test_missing_and_unknown_fields_are_named() -> None:
    data = as_dict(make_session())
    del data["meta"]["team"]
    data["colour"] = "red"

    reason = reason_for(data)

    assert "meta.team: missing" in reason
    assert "colour: unknown field" in reason


def test_wrongly_typed_values_are_not_coerced() -> None:
    data = as_dict(answered_session())
    data["answers"]["q1"]["value"] = "4"

    assert "answers.q1.value: must be a whole number" in reason_for(data)


def test_bad_session_id_and_question_id_are_explained() -> None:
    data = as_dict(make_session())
    data["id"] = "ABC"
    data["answers"] = {"Spørsmål 1": {"value": 2}}

    reason = reason_for(data)

    assert "id: must be 32 lower-case hex digits" in reason
    assert "answers: Spørsmål 1 is not a question id" in reason


def test_control_characters_from_the_file_are_not_echoed() -> None:
    data = as_dict(make_session())
    data["\x1b[2Jboom"] = 1

    assert "\x1b" not in reason_for(data)


def test_many_problems_are_summarised() -> None:
    assert reason_for({"schema_version": 1}).endswith("and 2 more problems")


# --- hostile input ----------------------------------------------------------------------------


def _valid_dict() -> dict[str, Any]:
    return as_dict(answered_session())


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


def _mutated(paths_and_values: list[tuple[list[str], object]]) -> str:
    data = _valid_dict()
    for path, value in paths_and_values:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return json.dumps(data)


field_paths = st.sampled_from(
    [
        ["schema_version"],
        ["id"],
        ["meta"],
        ["meta", "team"],
        ["meta", "mode"],
        ["bank", "content_hash"],
        ["answers"],
        ["answers", "q1"],
        ["answers", "q1", "value"],
        ["answers", "q2", "unknown"],
        ["answers", "q1", "answered_at"],
        ["status"],
        ["created_at"],
        ["language"],
        ["extra"],
    ]
)


def assert_session_or_file_error(text: str) -> None:
    try:
        result = session_from_json(text, source="fuzz.json")
    except SessionFileError as error:
        assert error.reason
    else:
        assert isinstance(result, Session)


@settings(max_examples=300)
@given(st.text())
def test_arbitrary_text_gives_a_session_or_a_file_error(text: str) -> None:
    assert_session_or_file_error(text)


@settings(max_examples=300)
@given(st.binary(), st.sampled_from(["latin-1", "utf-8"]))
def test_arbitrary_bytes_give_a_session_or_a_file_error(raw: bytes, encoding: str) -> None:
    # surrogateescape turns invalid UTF-8 into lone surrogates: the nastiest str there is.
    assert_session_or_file_error(raw.decode(encoding, errors="surrogateescape"))


@settings(max_examples=300)
@given(json_values)
def test_arbitrary_json_gives_a_session_or_a_file_error(value: object) -> None:
    assert_session_or_file_error(json.dumps(value))


@settings(max_examples=300)
@given(st.lists(st.tuples(field_paths, json_values), min_size=1, max_size=3))
def test_damaged_sessions_give_a_session_or_a_file_error(
    changes: list[tuple[list[str], object]],
) -> None:
    try:
        text = _mutated(changes)
    except (TypeError, KeyError):
        return  # an earlier change replaced a parent with a non-object
    assert_session_or_file_error(text)
