"""The action plan in the domain: actions in sessions, schema v1→v2, overdue, next round, progress."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from pydantic import ValidationError

from cocreate_tui.domain.action_plan import (
    action_from_recommendation,
    action_progress,
    actions_for_lesson,
    carry_over,
    count_actions,
    is_overdue,
    next_phase,
    next_round_meta,
    parse_due,
    progress_by_action,
    sort_actions,
)
from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.compare import compare_sessions
from cocreate_tui.domain.errors import SessionFileError
from cocreate_tui.domain.scoring import assess
from cocreate_tui.domain.sessions import (
    SCHEMA_VERSION,
    Action,
    Session,
    new_action,
    session_from_json,
    session_to_json,
)
from cocreate_tui.domain.storage import SessionStore

from .facilitator_helpers import build
from .session_helpers import T0, make_session

TODAY = date(2024, 3, 15)
NOT_READY = {"anchor_up": 0, "anchor_across": 0, "calendar": 1, "duration": 4}
IMPROVED = {"anchor_up": 3, "anchor_across": 4, "calendar": 1, "duration": 4}


def action(text: str = "Forankre hos ledelsen", **fields: object) -> Action:
    return new_action(text, now=T0, **fields)  # type: ignore[arg-type]


def v1_text(session: Session) -> str:
    """A session as version 1 of the app wrote it: no actions field, schema_version 1."""
    data = json.loads(session_to_json(session))
    data["schema_version"] = 1
    del data["actions"]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- the model -------------------------------------------------------------------------------


def test_an_action_has_sensible_defaults_and_round_trips() -> None:
    made = action(lesson_id="anchor-first", question_ids=["q1"], owner=" Kari ", due=TODAY)

    assert (made.status, made.owner, made.dropped_reason, made.carried_from) == (
        "not_started",
        "Kari",
        "",
        None,
    )
    session = make_session().with_action(made)
    text = session_to_json(session)
    assert '"due": "2024-03-15"' in text
    assert session_from_json(text) == session


def test_a_dropped_action_needs_a_reason_and_only_it_has_one() -> None:
    with pytest.raises(ValidationError, match="needs a reason"):
        action(status="dropped")
    with pytest.raises(ValidationError, match="only a dropped action"):
        action(dropped_reason="Fordi")
    dropped = action(status="dropped", dropped_reason="Ledelsen sa nei")
    reopened = dropped.updated(status="under_way", now=T0 + timedelta(days=1))
    assert (reopened.status, reopened.dropped_reason) == ("under_way", "")
    assert reopened.updated_at == T0 + timedelta(days=1)
    assert reopened.created_at == T0


@pytest.mark.parametrize(
    ("due", "message"),
    [
        (1_700_000_000, "must be a date written YYYY-MM-DD"),
        ("15.03.2024", "must be a date written YYYY-MM-DD"),
        ("2024-02-30", "2024-02-30 is not a day in the calendar"),
        ("2024-03-15T00:00:00", "must be a date written YYYY-MM-DD"),
    ],
)
def test_a_due_date_in_a_file_is_a_plain_day(due: object, message: str) -> None:
    data = json.loads(session_to_json(make_session().with_action(action())))
    data["actions"][0]["due"] = due

    with pytest.raises(SessionFileError) as caught:
        session_from_json(json.dumps(data), source="s.json")

    assert caught.value.reason == f"actions.0.due: {message}"


def test_two_actions_with_one_id_are_refused() -> None:
    data = json.loads(session_to_json(make_session().with_action(action())))
    data["actions"].append(data["actions"][0])

    with pytest.raises(SessionFileError, match="two actions have the same id"):
        session_from_json(json.dumps(data))


def test_with_action_adds_replaces_in_place_and_without_action_removes() -> None:
    first, second = action("En"), action("To")
    session = make_session().with_action(first).with_action(second)
    changed = first.updated(owner="Per", now=T0)

    session = session.with_action(changed, now=T0 + timedelta(hours=1))

    assert [a.text for a in session.actions] == ["En", "To"]
    assert session.action(first.id) == changed
    assert session.updated_at == T0 + timedelta(hours=1)
    assert [a.id for a in session.without_action(first.id).actions] == [second.id]
    assert session.without_action("0" * 32).actions == session.actions


# --- schema version 1 → 2 --------------------------------------------------------------------


def test_the_app_writes_version_2() -> None:
    assert SCHEMA_VERSION == 2
    assert json.loads(session_to_json(make_session()))["schema_version"] == 2


def test_a_version_1_file_is_read_as_a_session_without_actions() -> None:
    old = make_session().with_answer("q1", 2, now=T0)

    session = session_from_json(v1_text(old), source="old.json")

    assert session.schema_version == 2
    assert session.actions == []
    assert session.answers == old.answers
    assert session.id == old.id


def test_a_version_1_file_stays_strict() -> None:
    data = json.loads(v1_text(make_session()))
    data["surprise"] = True
    with pytest.raises(SessionFileError, match="surprise: unknown field"):
        session_from_json(json.dumps(data))
    data = json.loads(v1_text(make_session()))
    data["actions"] = []
    with pytest.raises(SessionFileError, match="not part of schema_version 1"):
        session_from_json(json.dumps(data))


def test_a_version_1_file_becomes_version_2_on_its_next_save(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = SessionStore(tmp_path)
    old = make_session()
    path = store.path_for(old.id)
    path.parent.mkdir(parents=True)
    path.write_text(v1_text(old), encoding="utf-8")

    loaded = store.load(old.id)
    store.save(loaded.with_action(action()))

    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["schema_version"] == 2
    assert len(saved["actions"]) == 1
    assert [s.id for s in store.list().sessions] == [old.id]


# --- overdue, sorting, counting --------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "due", "overdue"),
    [
        ("not_started", TODAY - timedelta(days=1), True),
        ("under_way", TODAY - timedelta(days=1), True),
        ("not_started", TODAY, False),
        ("not_started", None, False),
        ("done", TODAY - timedelta(days=30), False),
    ],
)
def test_overdue_means_open_and_past_its_due_date(
    status: str, due: date | None, overdue: bool
) -> None:
    assert is_overdue(action(status=status, due=due), TODAY) is overdue


def test_dropped_is_never_overdue() -> None:
    dropped = action(status="dropped", dropped_reason="Nei", due=TODAY - timedelta(days=9))
    assert not is_overdue(dropped, TODAY)


def test_sorting_by_due_date_and_by_status() -> None:
    late = action("Sen", due=TODAY - timedelta(days=3))
    soon = action("Snart", due=TODAY + timedelta(days=3), status="under_way")
    open_ended = action("Uten frist")
    done = action("Gjort", due=TODAY - timedelta(days=10), status="done")
    dropped = action("Droppet", status="dropped", dropped_reason="Ikke nå")
    actions = [open_ended, soon, dropped, done, late]

    by_due = sort_actions(actions, "due", TODAY)
    by_status = sort_actions(actions, "status", TODAY)

    assert [a.text for a in by_due] == ["Sen", "Snart", "Uten frist", "Gjort", "Droppet"]
    assert [a.text for a in by_status] == ["Sen", "Uten frist", "Snart", "Gjort", "Droppet"]


def test_counting_a_plan() -> None:
    counts = count_actions(
        [
            action(due=TODAY - timedelta(days=1)),
            action(status="under_way"),
            action(status="done"),
            action(status="dropped", dropped_reason="Nei"),
        ],
        TODAY,
    )

    assert (counts.total, counts.open, counts.overdue, counts.done, counts.dropped) == (
        4,
        2,
        1,
        1,
        1,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("  ", None),
        ("2024-04-01", date(2024, 4, 1)),
        (" 2024-04-01 ", date(2024, 4, 1)),
        ("01.04.2024", date(2024, 4, 1)),  # as Norwegian writes a day, and shows it
        ("1.4.2024", date(2024, 4, 1)),
        (" 31.12.2027 ", date(2027, 12, 31)),
    ],
)
def test_parse_due_takes_norwegian_and_iso_days_and_blank(text: str, expected: date | None) -> None:
    assert parse_due(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "1.4.24",
        "2024-4-1",
        "2024-02-30",
        "30.02.2024",
        "1/4/2024",
        "i morgen",
        "٢٠٢٤-٠٤-٠١",
        "١.٤.٢٠٢٤",
    ],
)
def test_parse_due_refuses_anything_else(text: str) -> None:
    with pytest.raises(ValueError):
        parse_due(text)


# --- from a recommendation -------------------------------------------------------------------


def test_a_recommendation_becomes_an_action_with_the_lessons_advice(tiny_bank: Bank) -> None:
    session = build(tiny_bank, NOT_READY)
    blocker = assess(tiny_bank, session.answer_values()).recommendations[0]

    made = action_from_recommendation(tiny_bank, blocker, "nb", now=T0)

    assert blocker.blocker
    assert (made.lesson_id, made.text, made.status) == ("anchor-first", "Forankre.", "not_started")
    assert made.question_ids == blocker.questions == ["anchor_up"]
    english = action_from_recommendation(tiny_bank, blocker, "en", now=T0)
    assert english.text == "Anchor."
    session = session.with_action(made)
    assert actions_for_lesson(session, "anchor-first") == [made]
    assert actions_for_lesson(session, "take-time") == []


# --- the next round --------------------------------------------------------------------------


def test_next_round_carries_open_actions_and_leaves_finished_ones_as_history(
    tiny_bank: Bank,
) -> None:
    first = build(tiny_bank, NOT_READY)
    open_one = action("Forankre", lesson_id="anchor-first", question_ids=["anchor_up"])
    under_way = action("Sett av tid", status="under_way", owner="Kari", due=TODAY)
    done = action("Snakk med etatene", status="done")
    dropped = action("Kurs", status="dropped", dropped_reason="Ingen penger")
    for item in (open_one, under_way, done, dropped):
        first = first.with_action(item)

    meta = next_round_meta(first.meta, "after_first_meeting")
    second = carry_over(first, meta, tiny_bank, now=T0 + timedelta(days=60))

    assert second.id != first.id
    assert second.answers == {}
    assert second.status == "in_progress"
    assert second.created_at == T0 + timedelta(days=60)
    assert (second.meta.team, second.meta.organisation, second.meta.phase) == (
        "Horten",
        "Horten kommune",
        "after_first_meeting",
    )
    assert [a.id for a in second.actions] == [open_one.id, under_way.id]
    assert all(a.carried_from == first.id for a in second.actions)
    assert second.action(under_way.id) == under_way.model_copy(update={"carried_from": first.id})
    assert [a.id for a in first.actions] == [open_one.id, under_way.id, done.id, dropped.id]
    assert session_from_json(session_to_json(second)) == second


def test_a_third_round_names_the_round_just_before(tiny_bank: Bank) -> None:
    first = build(tiny_bank, NOT_READY).with_action(action())
    second = carry_over(first, first.meta, tiny_bank)
    third = carry_over(second, second.meta, tiny_bank)

    assert third.actions[0].carried_from == second.id
    assert third.actions[0].id == first.actions[0].id


def test_not_ready_teams_are_offered_the_same_phase_again() -> None:
    assert next_phase("before_inviting", "not_ready") == "before_inviting"
    assert next_phase("before_inviting", "strengthen") == "before_inviting"
    assert next_phase("before_inviting", "thin") == "after_first_meeting"
    assert next_phase("after_first_meeting", "thick") == "evaluation"
    assert next_phase("evaluation", "undetermined") == "evaluation"


# --- did the answers improve? ----------------------------------------------------------------


def test_progress_says_all_some_none_or_unknown(tiny_bank: Bank) -> None:
    before = build(tiny_bank, {"anchor_up": 0, "anchor_across": 2, "calendar": 1})
    both = action("Begge", question_ids=["anchor_up", "anchor_across"])
    one = action("En", question_ids=["anchor_up", "calendar"])
    neither = action("Ingen", question_ids=["calendar"])
    unknown = action("Ukjent", question_ids=["duration"])
    own = action("Eget")
    for item in (both, one, neither, unknown, own):
        before = before.with_action(item)
    after = build(
        tiny_bank, {"anchor_up": 3, "anchor_across": 4, "calendar": 0, "duration": 2}, days=30
    )

    progress = {p.action.text: p for p in action_progress(before, after, tiny_bank)}

    assert {text: p.outcome for text, p in progress.items()} == {
        "Begge": "all",
        "En": "some",
        "Ingen": "none",
        "Ukjent": "unknown",
        "Eget": "unknown",
    }
    assert [(q.question_id, q.before, q.after, q.change) for q in progress["En"].questions] == [
        ("anchor_up", 0, 3, "better"),
        ("calendar", 1, 0, "worse"),
    ]
    assert not any(p.carried for p in progress.values())


def test_unknown_answers_cannot_be_compared(tiny_bank: Bank) -> None:
    before = build(tiny_bank, {"anchor_up": "unknown"}).with_action(
        action(question_ids=["anchor_up"])
    )
    after = build(tiny_bank, {"anchor_up": 4}, days=30)

    [progress] = action_progress(before, after, tiny_bank)

    assert progress.questions[0].change == "unknown"
    assert progress.outcome == "unknown"


def test_compare_shows_an_action_whose_answers_improved(tiny_bank: Bank) -> None:
    """Horten: not ready, an action on anchoring upwards, and next round the answers improved."""
    first = build(tiny_bank, NOT_READY)
    blocker = assess(tiny_bank, first.answer_values()).recommendations[0]
    made = action_from_recommendation(tiny_bank, blocker, "nb", now=T0)
    first = first.with_action(made.updated(owner="Kari", due=TODAY, now=T0))
    second = carry_over(first, next_round_meta(first.meta, "before_inviting"), tiny_bank)
    for question_id, value in IMPROVED.items():
        second = second.with_answer(question_id, value, now=T0 + timedelta(days=60))
    second = second.with_action(
        second.actions[0].updated(status="done", now=T0 + timedelta(days=60))
    )

    step = compare_sessions(tiny_bank, [second, first]).overall_change

    [progress] = step.actions
    assert progress.action.id == made.id
    assert progress.action.status == "done"  # as the later round has it
    assert progress.carried
    assert progress.outcome == "all"
    assert [(q.question_id, q.before, q.after, q.change) for q in progress.questions] == [
        ("anchor_up", 0, 3, "better")
    ]
    assert step.blockers_cleared == ["anchor-first"]
    assert progress_by_action([first], second, tiny_bank)[made.id].outcome == "all"
