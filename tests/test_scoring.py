"""The scoring engine: examples on the tiny bank, and invariants on both banks (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cocreate_tui.domain.bank_models import Bank, Question
from cocreate_tui.domain.scoring import NOT_APPLICABLE, UNKNOWN, AnswerValue, assess, level_rank

FULL = {"anchor_up": 4, "anchor_across": 4, "calendar": 3, "duration": 4}


def test_full_answers_score_100_and_thick(tiny_bank: Bank) -> None:
    result = assess(tiny_bank, FULL)
    assert result.overall == pytest.approx(100)
    assert result.level == "thick"
    assert result.recommendations == []
    assert result.coverage == 1


def test_dimension_score_respects_question_weights(tiny_bank: Bank) -> None:
    # anchor_up has weight 2: (2 × 50 + 1 × 100) / 3
    result = assess(tiny_bank, {**FULL, "anchor_up": 2})
    assert result.dimensions["anchoring"].score == pytest.approx(200 / 3)


def test_overall_respects_dimension_weights(tiny_bank: Bank) -> None:
    # anchoring weighs 2, time 1; ambition is not part of the overall score.
    result = assess(tiny_bank, {**FULL, "calendar": 0, "duration": 0})
    assert result.overall == pytest.approx((2 * 100 + 1 * 0) / 3)


def test_unknown_is_not_zero_but_lowers_coverage(tiny_bank: Bank) -> None:
    result = assess(tiny_bank, {**FULL, "anchor_across": UNKNOWN})
    assert result.dimensions["anchoring"].score == pytest.approx(100)
    assert result.coverage == pytest.approx(2 / 3)
    assert result.unknown == ["anchor_across"]


def test_a_raised_blocker_caps_the_level_whatever_the_average(tiny_bank: Bank) -> None:
    result = assess(tiny_bank, {**FULL, "anchor_up": 1})
    assert result.overall is not None and result.overall > 50
    assert result.level == "not_ready"
    assert result.blockers == ["anchor-first"]
    assert result.blocker_triggers == {"anchor-first": ["anchor_up"]}
    assert (
        result.recommendations[0].blocker and result.recommendations[0].lesson_id == "anchor-first"
    )


def test_unknown_blocker_question_is_undetermined(tiny_bank: Bank) -> None:
    result = assess(tiny_bank, {**FULL, "anchor_up": UNKNOWN})
    assert result.level == "undetermined"
    assert result.undetermined_reason == "blocker_unknown"


def test_low_coverage_is_undetermined(tiny_bank: Bank) -> None:
    result = assess(tiny_bank, {"anchor_up": 4})
    assert (result.level, result.undetermined_reason) == ("undetermined", "coverage")


def test_recommendations_rank_by_weight_times_gap_without_duplicates(tiny_bank: Bank) -> None:
    result = assess(tiny_bank, {**FULL, "anchor_up": 2, "anchor_across": 0, "calendar": 1})
    lessons = [r.lesson_id for r in result.recommendations]
    assert len(lessons) == len(set(lessons))
    # anchoring (dimension weight 2) × anchor_across (weight 1) × gap 1 = 2 beats time's 1 × 2/3.
    assert lessons == ["anchor-first", "take-time"]
    assert result.recommendations[1].questions == ["anchor_across", "calendar"]


def test_each_dimension_explains_its_score(tiny_bank: Bank) -> None:
    result = assess(tiny_bank, {**FULL, "anchor_up": 2})
    effects = result.dimensions["anchoring"].effects
    assert [e.question_id for e in effects] == ["anchor_up", "anchor_across"]
    assert sum(e.points for e in effects) == pytest.approx(result.dimensions["anchoring"].score)
    assert effects[0].lost == pytest.approx(100 / 3)


def test_ambition_advice_weighs_ambition_against_readiness(tiny_bank: Bank) -> None:
    thin_ready = {**FULL, "anchor_across": 2, "calendar": 1}
    result = assess(tiny_bank, thin_ready)
    assert (result.level, result.ambition.level) == ("thin", "thick")
    assert [a.rule_id for a in result.ambition.advice] == ["start-thin"]


def test_answer_conditions_in_advice_rules(tiny_bank: Bank) -> None:
    result = assess(tiny_bank, {**FULL, "duration": 0, "calendar": 1})
    assert "one-meeting" in [a.rule_id for a in result.ambition.advice]
    assert result.ambition.level == "thin"


def test_answers_the_bank_cannot_use_are_ignored_not_fatal(tiny_bank: Bank) -> None:
    result = assess(tiny_bank, {**FULL, "removed_question": 3, "anchor_across": 3})
    assert sorted(result.ignored) == ["anchor_across", "removed_question"]
    assert "anchor_across" in result.unanswered


# ---- invariants (hypothesis), on the tiny bank and the shipped bank ----

BANKS = ["tiny_bank", "shipped_bank"]
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def answers_for(bank: Bank) -> st.SearchStrategy[dict[str, AnswerValue]]:
    def values(q: Question) -> st.SearchStrategy[AnswerValue | None]:
        specials: list[AnswerValue | None] = [None, UNKNOWN]
        if q.not_applicable:
            specials.append(NOT_APPLICABLE)
        return st.one_of(st.sampled_from(specials), st.sampled_from([o.value for o in q.options]))

    per_question = {q.id: values(q) for q in bank.questions}
    return st.fixed_dictionaries(per_question).map(
        lambda answers: {k: v for k, v in answers.items() if v is not None}
    )


@pytest.mark.parametrize("bank_fixture", BANKS)
@SETTINGS
@given(data=st.data())
def test_scores_stay_within_0_and_100(
    bank_fixture: str, request: pytest.FixtureRequest, data: st.DataObject
) -> None:
    bank: Bank = request.getfixturevalue(bank_fixture)
    result = assess(bank, data.draw(answers_for(bank)))
    scores = [r.score for r in result.dimensions.values()] + [result.overall, result.ambition.score]
    assert all(s is None or -1e-9 <= s <= 100 + 1e-9 for s in scores)
    assert 0 <= result.coverage <= 1


def _draw_one_answer_raised(
    bank: Bank, data: st.DataObject
) -> tuple[Question, dict[str, AnswerValue], int] | None:
    """Drawn answers, one of their known answers that can go up, and a higher value for it."""
    answers = data.draw(answers_for(bank))
    raisable = [
        q
        for q in bank.questions
        if isinstance(answers.get(q.id), int) and answers[q.id] < q.max_value
    ]
    if not raisable:
        return None
    question = data.draw(st.sampled_from(raisable))
    current = answers[question.id]
    assert isinstance(current, int)
    higher = data.draw(st.sampled_from([o.value for o in question.options if o.value > current]))
    return question, dict(answers), higher


@pytest.mark.parametrize("bank_fixture", BANKS)
@SETTINGS
@given(data=st.data())
def test_raising_one_answer_never_lowers_its_dimension_or_overall(
    bank_fixture: str, request: pytest.FixtureRequest, data: st.DataObject
) -> None:
    bank: Bank = request.getfixturevalue(bank_fixture)
    raised = _draw_one_answer_raised(bank, data)
    if raised is None:
        return
    question, answers, higher = raised
    before, after = assess(bank, answers), assess(bank, {**answers, question.id: higher})
    assert (
        after.dimensions[question.dimension].score
        >= before.dimensions[question.dimension].score - 1e-9
    )
    if before.overall is not None:
        assert after.overall is not None and after.overall >= before.overall - 1e-9


@pytest.mark.parametrize("bank_fixture", BANKS)
@SETTINGS
@given(data=st.data())
def test_a_raised_blocker_always_gives_not_ready(
    bank_fixture: str, request: pytest.FixtureRequest, data: st.DataObject
) -> None:
    bank: Bank = request.getfixturevalue(bank_fixture)
    answers = data.draw(answers_for(bank))
    result = assess(bank, answers)
    if result.blockers:
        assert result.level == "not_ready"
        assert all(r.blocker for r in result.recommendations[: len(result.blockers)])
    lessons = [r.lesson_id for r in result.recommendations]
    assert len(lessons) == len(set(lessons))


@pytest.mark.parametrize("bank_fixture", BANKS)
def test_all_unknown_is_undetermined(bank_fixture: str, request: pytest.FixtureRequest) -> None:
    bank: Bank = request.getfixturevalue(bank_fixture)
    result = assess(bank, {q.id: UNKNOWN for q in bank.questions})
    assert result.level == "undetermined"
    assert result.overall is None
    assert result.unknown == [q.id for q in bank.questions]


@pytest.mark.parametrize("bank_fixture", BANKS)
@SETTINGS
@given(data=st.data())
def test_raising_one_answer_never_adds_a_blocker_nor_lowers_the_level(
    bank_fixture: str, request: pytest.FixtureRequest, data: st.DataObject
) -> None:
    bank: Bank = request.getfixturevalue(bank_fixture)
    raised = _draw_one_answer_raised(bank, data)
    if raised is None:
        return
    question, answers, higher = raised
    before, after = assess(bank, answers), assess(bank, {**answers, question.id: higher})
    assert set(after.blockers) <= set(before.blockers)
    # not_ready < strengthen < thin < thick; undetermined stands apart from that order.
    rank_before, rank_after = level_rank(before.level), level_rank(after.level)
    if rank_before is not None and rank_after is not None:
        assert rank_after >= rank_before


@pytest.mark.parametrize("bank_fixture", BANKS)
@SETTINGS
@given(data=st.data())
def test_not_applicable_never_counts_towards_coverage(
    bank_fixture: str, request: pytest.FixtureRequest, data: st.DataObject
) -> None:
    bank: Bank = request.getfixturevalue(bank_fixture)
    result = assess(bank, data.draw(answers_for(bank)))
    readiness = {d.id for d in bank.readiness_dimensions}
    counted = [
        q for q in bank.questions if q.dimension in readiness and q.id not in result.not_applicable
    ]
    assert result.counted == len(counted)
    assert not set(result.not_applicable) & set(result.unknown + result.unanswered)
    raised = {q for qs in result.blocker_triggers.values() for q in qs}
    assert not raised & set(result.not_applicable)


def _shipped_blocker_rules() -> list[tuple[str, str, int]]:
    # Read at collection time, so each rule of the shipped bank is a test of its own.
    from cocreate_tui.domain.bank_loader import load_bank
    from cocreate_tui.domain.bank_location import shipped_bank_dir

    bank = load_bank(shipped_bank_dir())
    return [(q.id, rule.lesson, rule.at_most) for q in bank.questions for rule in q.blockers]


SHIPPED_BLOCKERS = _shipped_blocker_rules()


@pytest.mark.parametrize(
    ("question_id", "lesson_id", "at_most"),
    SHIPPED_BLOCKERS,
    ids=[f"{q}-{lesson}" for q, lesson, _ in SHIPPED_BLOCKERS],
)
def test_each_shipped_blocker_rule_fires_at_the_lowest_option_and_not_above(
    shipped_bank: Bank, question_id: str, lesson_id: str, at_most: int
) -> None:
    question = shipped_bank.question(question_id)
    assert question is not None
    # Every other question at its top, so only this answer can raise a blocker.
    top = {q.id: q.max_value for q in shipped_bank.questions}
    lowest = assess(shipped_bank, {**top, question_id: question.min_value})
    assert lesson_id in lowest.blockers
    assert question_id in lowest.blocker_triggers[lesson_id]
    assert lowest.level == "not_ready"
    for option in question.options:
        result = assess(shipped_bank, {**top, question_id: option.value})
        raised = question_id in result.blocker_triggers.get(lesson_id, [])
        assert raised is (option.value <= at_most), option.value
