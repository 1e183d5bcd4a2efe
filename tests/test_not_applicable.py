"""«Gjelder ikke oss»: neither unknown nor a score, and only where the question offers it."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from pydantic import ValidationError

from cocreate_tui.domain.answers_file import AnswersFileError, parse_answers
from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.merge import merge_sessions, merged_session
from cocreate_tui.domain.scoring import NOT_APPLICABLE, UNKNOWN, assess
from cocreate_tui.domain.sessions import Answer, Session, session_from_json, session_to_json

from .session_helpers import make_session as _make_session


def make_session(respondent: str = "") -> Session:
    session = _make_session()
    meta = session.meta.model_copy(update={"respondent": respondent, "mode": "individual"})
    return session.model_copy(update={"meta": meta, "id": uuid.uuid4().hex})


FULL = {"anchor_up": 4, "anchor_across": 4, "calendar": 3, "duration": 4}


def test_not_applicable_is_left_out_of_score_and_coverage(tiny_bank: Bank) -> None:
    result = assess(tiny_bank, {**FULL, "calendar": NOT_APPLICABLE, "anchor_across": 0})
    time = result.dimensions["time"]
    assert (time.score, time.answered, time.total) == (None, 0, 0)
    assert time.not_applicable == ["calendar"]
    # Out of the numerator and the denominator: 2 of the 2 readiness questions that count.
    assert (result.answered, result.counted, result.coverage) == (2, 2, 1.0)
    assert result.not_applicable == ["calendar"]
    assert "calendar" not in result.unknown and "calendar" not in result.unanswered
    # The overall score is anchoring alone, not dragged down by a zero for «time».
    assert result.overall == pytest.approx(result.dimensions["anchoring"].score)


def test_not_applicable_is_not_unknown(tiny_bank: Bank) -> None:
    unknown = assess(tiny_bank, {**FULL, "calendar": UNKNOWN})
    na = assess(tiny_bank, {**FULL, "calendar": NOT_APPLICABLE})
    assert unknown.coverage < 1 and na.coverage == 1
    assert unknown.unknown == ["calendar"] and na.unknown == []


def test_not_applicable_raises_no_blocker_and_is_not_a_blocker_question_unknown(
    tmp_path: Path,
) -> None:
    from cocreate_tui.domain.bank_loader import load_bank

    from .tiny_bank import QUESTIONS, write_tiny_bank

    # anchor_up, whose lowest answers raise a blocker, may here be answered «Gjelder ikke oss».
    questions = QUESTIONS.replace(
        'id = "anchor_up"\ndimension = "anchoring"',
        'id = "anchor_up"\ndimension = "anchoring"\nnot_applicable = true',
    )
    bank = load_bank(write_tiny_bank(tmp_path / "bank", questions_toml=questions))
    result = assess(bank, {**FULL, "anchor_up": NOT_APPLICABLE})
    assert result.blockers == []
    assert result.level == "thick"
    assert not [r for r in result.level_reasons if r.kind == "blocker_unknown"]


def test_not_applicable_where_not_offered_is_ignored(tiny_bank: Bank) -> None:
    result = assess(tiny_bank, {**FULL, "anchor_across": NOT_APPLICABLE})
    assert result.ignored == ["anchor_across"]
    assert "anchor_across" in result.unanswered
    assert result.not_applicable == []


def test_the_answer_keeps_not_applicable_and_old_files_still_read() -> None:
    session = make_session().with_answer("calendar", not_applicable=True)
    assert session.answer_values() == {"calendar": NOT_APPLICABLE}
    again = session_from_json(session_to_json(session))
    assert again.answer("calendar").not_applicable
    old = session_to_json(make_session().with_answer("calendar", 2)).replace(
        '"not_applicable": false,\n', ""
    )
    assert '"not_applicable"' not in old
    assert session_from_json(old).answer("calendar").value == 2


def test_not_applicable_excludes_a_value_and_unknown() -> None:
    with pytest.raises(ValidationError, match="Gjelder ikke oss"):
        Answer(value=2, not_applicable=True)
    with pytest.raises(ValidationError, match="Gjelder ikke oss"):
        Answer(unknown=True, not_applicable=True)


def test_answers_files_take_not_applicable_only_where_offered(tiny_bank: Bank) -> None:
    parsed = parse_answers(b'[answers]\ncalendar = "not_applicable"\n', "a.toml", tiny_bank)
    assert parsed.answers == {"calendar": NOT_APPLICABLE}
    with pytest.raises(AnswersFileError) as error:
        parse_answers(b'{"answers": {"anchor_up": "not_applicable"}}', "a.json", tiny_bank)
    assert error.value.problems == [
        "answers.anchor_up: this question does not offer «Gjelder ikke oss»;"
        ' use 0, 1, 2, 3, 4 or "unknown"'
    ]


def test_merge_keeps_not_applicable_when_no_member_gave_an_option(tiny_bank: Bank) -> None:
    first = make_session(respondent="Kari").with_answer("calendar", not_applicable=True)
    second = make_session(respondent="Ola").with_answer("calendar", not_applicable=True)
    merge = merge_sessions(tiny_bank, [first, second], "Team")
    calendar = merge.question("calendar")
    assert calendar is not None
    assert (calendar.merged, calendar.not_applicable) == (NOT_APPLICABLE, 2)
    assert merge.assessment.not_applicable == ["calendar"]
    assert merged_session(merge, tiny_bank).answer("calendar").not_applicable
    # A member who gives an option says the question applies: the option is merged.
    third = make_session(respondent="Per").with_answer("calendar", 1)
    assert merge_sessions(tiny_bank, [first, third], "Team").answers["calendar"] == 1
