"""Golden cases: the report's four cases, as they stood before citizens were invited.

Each answers file in tests/golden/ comments every answer with the report section it rests on;
expected.toml holds the verdicts the report's outcomes support (1.2, 3.7, chapter 4).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from cocreate_tui.domain.answers_file import read_answers_file
from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.scoring import assess

GOLDEN = Path(__file__).parent / "golden"
EXPECTED = tomllib.loads((GOLDEN / "expected.toml").read_text(encoding="utf-8"))
CASES = sorted(EXPECTED)
INVENTED = GOLDEN / "invented"
INVENTED_EXPECTED = tomllib.loads((INVENTED / "expected.toml").read_text(encoding="utf-8"))
INVENTED_CASES = sorted(INVENTED_EXPECTED)
SECTION_REF = re.compile(
    r"\b[1-4]\.[0-9]\b|Appendiks [12]|rapporten sier ikke|report is silent", re.I
)


def test_the_four_cases_are_there() -> None:
    assert CASES == ["holmestrand", "horten_first_start", "larvik_nav", "larvik_svarstad"]


@pytest.mark.parametrize("case", CASES)
def test_verdict_matches_what_the_report_supports(case: str, shipped_bank: Bank) -> None:
    expected = EXPECTED[case]
    result = assess(shipped_bank, read_answers_file(GOLDEN / f"{case}.toml", shipped_bank).answers)
    assert result.level in expected["level"], (result.level, result.overall, result.blockers)
    assert set(expected.get("blockers_include", [])) <= set(result.blockers)
    assert not set(expected.get("blockers_exclude", [])) & set(result.blockers)


def test_horten_first_start_is_stopped_by_anchoring_and_preparation(shipped_bank: Bank) -> None:
    answers = read_answers_file(GOLDEN / "horten_first_start.toml", shipped_bank).answers
    result = assess(shipped_bank, answers)
    assert result.level == "not_ready"
    raising = {
        shipped_bank.question(qid).dimension  # type: ignore[union-attr]
        for lesson in result.blockers
        for qid in result.blocker_triggers[lesson]
    }
    assert "anchoring" in raising
    assert raising & {"understanding", "leadership", "problem_mandate", "time_resources"}


@pytest.mark.parametrize("case", CASES)
def test_every_question_is_answered_and_every_answer_cites_the_report(
    case: str, shipped_bank: Bank
) -> None:
    text = (GOLDEN / f"{case}.toml").read_text(encoding="utf-8")
    answers = read_answers_file(GOLDEN / f"{case}.toml", shipped_bank).answers
    assert set(answers) == {q.id for q in shipped_bank.questions}
    body = text.split("[answers]", 1)[1]
    uncited = [
        line.split("=")[0].strip()
        for line in body.splitlines()
        if "=" in line and not line.lstrip().startswith("#") and not SECTION_REF.search(line)
    ]
    assert uncited == []


def test_the_invented_teams_are_there() -> None:
    assert INVENTED_CASES == [
        "hearing_called_co_creation",
        "key_people_moved",
        "names_shared_without_consent",
        "sound_thin_start",
    ]
    for case in INVENTED_CASES:
        assert (INVENTED / f"{case}.md").is_file(), "the description readers were given"


@pytest.mark.parametrize("case", INVENTED_CASES)
def test_invented_team_gets_the_verdict_its_edge_calls_for(case: str, shipped_bank: Bank) -> None:
    expected = INVENTED_EXPECTED[case]
    answers = read_answers_file(INVENTED / f"{case}.toml", shipped_bank).answers
    assert set(answers) == {q.id for q in shipped_bank.questions}
    result = assess(shipped_bank, answers)
    assert result.level in expected["level"], (result.level, result.overall, result.blockers)
    assert set(expected.get("blockers_include", [])) <= set(result.blockers)
    advice = {a.rule_id for a in [*result.verdict_advice, *result.ambition.advice]}
    assert set(expected.get("advice_include", [])) <= advice
    assert not set(expected.get("advice_exclude", [])) & advice
