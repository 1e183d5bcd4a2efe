"""The scoring engine: pure functions from a bank and answers to a verdict that explains itself."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from .bank_models import (
    LEVEL_RANK,
    AdviceRule,
    AmbitionId,
    AnswerCondition,
    Bank,
    LevelId,
    PassingLevel,
    Question,
    Text,
)

UNKNOWN: Literal["unknown"] = "unknown"
NOT_APPLICABLE: Literal["not_applicable"] = "not_applicable"
AnswerValue = int | Literal["unknown", "not_applicable"]
Answers = Mapping[str, AnswerValue]

UndeterminedReason = Literal["coverage", "blocker_unknown"]
ReasonKind = Literal[
    "blocker", "weak_area", "overall_below", "coverage", "blocker_unknown", "thresholds_met"
]


@dataclass(frozen=True)
class LevelReason:
    """One cause of the verdict's level, with what the words about it need."""

    kind: ReasonKind
    """`blocker` (a raised precondition), `weak_area` (a readiness area below the floor),
    `overall_below` (the overall score below the threshold), `coverage` (too few answers),
    `blocker_unknown` (a question that decides a precondition is not known), or
    `thresholds_met` (the level's thresholds are met)."""
    lesson_id: str | None = None
    """For `blocker`: the raised lesson."""
    dimension_id: str | None = None
    """For `weak_area`: the area."""
    score: float | None = None
    """For `weak_area` and `overall_below`: the score; for `coverage`: the share answered."""
    threshold: float | None = None
    """The floor or minimum the score is below (a share for `coverage`)."""
    questions: tuple[str, ...] = ()
    """For `blocker` and `blocker_unknown`: the questions concerned."""


def level_rank(level: LevelId) -> int | None:
    """Order for «better/worse»: not_ready < strengthen < thin < thick; None for undetermined."""
    return LEVEL_RANK.get(level)


@dataclass(frozen=True)
class AnswerEffect:
    """How one known answer moved its dimension's score."""

    question_id: str
    value: int
    max_value: int
    weight: float
    score: float
    """The answer on a 0–100 scale: value / max value."""
    points: float
    """Points this answer contributes to the dimension score."""
    lost: float
    """Points this answer keeps the dimension from reaching 100."""


@dataclass(frozen=True)
class DimensionResult:
    """The score of one dimension, with the answers that made it."""

    id: str
    score: float | None
    """0–100, or None when no question of the dimension has a known answer."""
    weight: float
    answered: int
    total: int
    """Questions that count: the dimension's questions less those «Gjelder ikke oss»."""
    unknown: list[str]
    unanswered: list[str]
    effects: list[AnswerEffect]
    """Known answers, the ones that cost the most points first."""
    not_applicable: list[str] = field(default_factory=list)
    """Questions answered «Gjelder ikke oss»: neither a score nor a gap."""

    @property
    def thinly_answered(self) -> bool:
        """Whether fewer than half the questions that count have a known answer."""
        return self.answered * 2 < self.total

    @property
    def coverage(self) -> float:
        """Share of the dimension's questions with a known answer."""
        return self.answered / self.total if self.total else 0.0


@dataclass(frozen=True)
class Recommendation:
    """A lesson the team should act on, with the answers that call for it."""

    lesson_id: str
    blocker: bool
    """True when the lesson is a raised blocker: fix before inviting citizens."""
    questions: list[str]
    priority: float
    """Dimension weight × question weight × gap; higher comes first among non-blockers."""


@dataclass(frozen=True)
class AmbitionAdvice:
    """Advice on the team's ambition weighed against its readiness."""

    rule_id: str
    text: Text
    """The advice in every language of the bank."""
    lessons: list[str]


@dataclass(frozen=True)
class AmbitionResult:
    """How thick the team means to go, and what that means given its readiness."""

    level: AmbitionId
    score: float | None
    advice: list[AmbitionAdvice]


@dataclass(frozen=True)
class Assessment:
    """The whole verdict for one set of answers."""

    level: LevelId
    undetermined_reason: UndeterminedReason | None
    overall: float | None
    coverage: float
    """Share of readiness questions with a known answer."""
    dimensions: dict[str, DimensionResult]
    ambition: AmbitionResult
    blockers: list[str]
    """Raised blocker lessons, most weighty first."""
    blocker_triggers: dict[str, list[str]]
    """For each raised blocker lesson, the questions whose answers raised it."""
    unknown: list[str]
    """Questions answered «Vet ikke»: clarify these before you start."""
    unanswered: list[str]
    ignored: list[str]
    """Answers the bank cannot use: removed questions, values no longer offered, or
    «Gjelder ikke oss» to a question that does not offer it."""
    recommendations: list[Recommendation] = field(default_factory=list)
    not_applicable: list[str] = field(default_factory=list)
    """Questions answered «Gjelder ikke oss»: left out of scores, coverage and blockers."""
    level_reasons: list[LevelReason] = field(default_factory=list)
    """Why the verdict is what it is: every cause, in the order the words show them."""
    verdict_advice: list[AmbitionAdvice] = field(default_factory=list)
    """Advice rules placed under the verdict's summary (`placement = "verdict"`)."""
    answered: int = 0
    """Readiness questions with a known answer: what the figures rest on."""
    counted: int = 0
    """Readiness questions that count (all less those «Gjelder ikke oss»)."""
    overall_shown: bool = True
    """Whether coverage reaches the policy's minimum, so a headline score is honest."""

    @property
    def blocker_questions_unclear(self) -> list[str]:
        """Unknown or unanswered questions that decide a precondition: clarify these first."""
        for reason in self.level_reasons:
            if reason.kind == "blocker_unknown":
                return list(reason.questions)
        return []


def assess(bank: Bank, answers: Answers) -> Assessment:
    """Score `answers` against `bank`'s questions and policy."""
    sorted_answers = _sort_answers(bank, answers)
    known, unknown, unanswered, ignored, na = sorted_answers
    dimensions = {
        dim.id: _score_dimension(bank, dim.id, known, unknown, na) for dim in bank.dimensions
    }
    readiness = [dimensions[d.id] for d in bank.readiness_dimensions]
    overall = _weighted_mean((r.score, r.weight) for r in readiness)
    counted = sum(r.total for r in readiness)
    answered = sum(r.answered for r in readiness)
    coverage = answered / counted if counted else 0.0
    triggers = _raised_blockers(bank, known)
    blockers = _rank_blockers(bank, triggers)
    reasons = _reasons(bank, readiness, overall, coverage, blockers, triggers, known, na)
    level, reason = _level(bank, reasons)
    ambition = _ambition(bank, dimensions, level, known, na)
    return Assessment(
        level=level,
        undetermined_reason=reason,
        overall=overall,
        coverage=coverage,
        dimensions=dimensions,
        ambition=ambition,
        blockers=blockers,
        blocker_triggers={lesson: triggers[lesson] for lesson in blockers},
        unknown=unknown,
        unanswered=unanswered,
        ignored=ignored,
        recommendations=_recommend(bank, known, blockers, triggers),
        not_applicable=na,
        level_reasons=reasons,
        verdict_advice=_advice(bank, "verdict", level, ambition.level, known, na),
        answered=answered,
        counted=counted,
        overall_shown=overall is not None and coverage >= bank.policy.min_coverage,
    )


def top_recommendations(
    bank: Bank, assessment: Assessment
) -> tuple[list[Recommendation], list[Recommendation]]:
    """The blockers and the policy's top N other recommendations, and the rest."""
    blockers = [r for r in assessment.recommendations if r.blocker]
    others = [r for r in assessment.recommendations if not r.blocker]
    top = bank.policy.top_recommendations
    return [*blockers, *others[:top]], others[top:]


def _sort_answers(
    bank: Bank, answers: Answers
) -> tuple[dict[str, int], list[str], list[str], list[str], list[str]]:
    known: dict[str, int] = {}
    unknown: list[str] = []
    unanswered: list[str] = []
    na: list[str] = []
    for question in bank.questions:
        value = answers.get(question.id)
        if value is None:
            unanswered.append(question.id)
        elif value == UNKNOWN:
            unknown.append(question.id)
        elif value == NOT_APPLICABLE and question.not_applicable:
            na.append(question.id)
        elif isinstance(value, int) and question.option(value) is not None:
            known[question.id] = value
        else:
            unanswered.append(question.id)
    used = set(known) | set(unknown) | set(na)
    ignored = [qid for qid in answers if qid not in used]
    return known, unknown, unanswered, ignored, na


def _answer_score(question: Question, value: int) -> float:
    # Options need not start at 0 in a custom bank; the lowest option is always 0 points.
    span = question.max_value - question.min_value
    return 100.0 * (value - question.min_value) / span


def _score_dimension(
    bank: Bank, dimension_id: str, known: Mapping[str, int], unknown: list[str], na: list[str]
) -> DimensionResult:
    skipped = [q.id for q in bank.questions_in(dimension_id) if q.id in na]
    questions = [q for q in bank.questions_in(dimension_id) if q.id not in na]
    answered = [q for q in questions if q.id in known]
    total_weight = sum(q.weight for q in answered)
    effects = []
    for q in answered:
        score = _answer_score(q, known[q.id])
        share = q.weight / total_weight
        effects.append(
            AnswerEffect(
                q.id,
                known[q.id],
                q.max_value,
                q.weight,
                score,
                share * score,
                share * (100 - score),
            )
        )
    effects.sort(key=lambda effect: -effect.lost)
    total: float | None = sum(effect.points for effect in effects) if effects else None
    return DimensionResult(
        id=dimension_id,
        score=total,
        weight=bank.policy.dimension_weights.get(dimension_id, 1.0),
        answered=len(answered),
        total=len(questions),
        unknown=[q.id for q in questions if q.id in unknown],
        unanswered=[q.id for q in questions if q.id not in known and q.id not in unknown],
        effects=effects,
        not_applicable=skipped,
    )


def _weighted_mean(pairs: Iterable[tuple[float | None, float]]) -> float | None:
    numerator = denominator = 0.0
    for score, weight in pairs:
        if score is not None:
            numerator += score * weight
            denominator += weight
    return numerator / denominator if denominator else None


def _raised_blockers(bank: Bank, known: Mapping[str, int]) -> dict[str, list[str]]:
    raised: dict[str, list[str]] = {}
    for question in bank.questions:
        value = known.get(question.id)
        if value is None:
            continue
        for rule in question.blockers:
            if value <= rule.at_most:
                raised.setdefault(rule.lesson, []).append(question.id)
    return raised


def _priority(bank: Bank, question: Question, gap: float) -> float:
    return bank.policy.dimension_weights.get(question.dimension, 1.0) * question.weight * gap


def _rank_blockers(bank: Bank, triggers: dict[str, list[str]]) -> list[str]:
    lesson_order = {lesson.id: index for index, lesson in enumerate(bank.lessons)}

    def weight(lesson_id: str) -> float:
        questions = [bank.question(qid) for qid in triggers[lesson_id]]
        return sum(_priority(bank, q, 1.0) for q in questions if q is not None)

    return sorted(triggers, key=lambda lesson: (-weight(lesson), lesson_order[lesson]))


def _reasons(
    bank: Bank,
    readiness: list[DimensionResult],
    overall: float | None,
    coverage: float,
    blockers: list[str],
    triggers: dict[str, list[str]],
    known: Mapping[str, int],
    na: list[str],
) -> list[LevelReason]:
    # A raised blocker is a certain finding, so it decides before any question of coverage.
    if blockers:
        return [
            LevelReason("blocker", lesson_id=lesson, questions=tuple(triggers[lesson]))
            for lesson in blockers
        ]
    reasons: list[LevelReason] = []
    if overall is None or coverage < bank.policy.min_coverage:
        reasons.append(LevelReason("coverage", score=coverage, threshold=bank.policy.min_coverage))
    unclear = [q.id for q in bank.questions if q.blockers and q.id not in known and q.id not in na]
    if unclear:
        reasons.append(LevelReason("blocker_unknown", questions=tuple(unclear)))
    if reasons or overall is None:
        return reasons
    levels = bank.policy.levels
    thick = _shortfalls(readiness, overall, levels.thick)
    if not thick:
        return [LevelReason("thresholds_met")]
    thin = _shortfalls(readiness, overall, levels.thin)
    # Reaching thin, the reasons say what keeps the team from thick; below thin, from thin.
    return thin if thin else [LevelReason("thresholds_met"), *thick]


def _shortfalls(
    readiness: list[DimensionResult], overall: float, level: PassingLevel
) -> list[LevelReason]:
    found = []
    if overall < level.min_overall:
        found.append(LevelReason("overall_below", score=overall, threshold=level.min_overall))
    for result in readiness:
        # An area answered for fewer than half its questions (or all «Gjelder ikke oss») says
        # too little to call it weak: one «no plan to measure yet» would otherwise hold back a
        # team that meets every precondition. It is shown as thinly answered instead, and the
        # answers still count in the overall score.
        if result.score is None or result.thinly_answered:
            continue
        if result.score < level.min_dimension:
            found.append(
                LevelReason(
                    "weak_area",
                    dimension_id=result.id,
                    score=result.score,
                    threshold=level.min_dimension,
                )
            )
    return found


def _level(bank: Bank, reasons: list[LevelReason]) -> tuple[LevelId, UndeterminedReason | None]:
    kinds = [reason.kind for reason in reasons]
    if "blocker" in kinds:
        return "not_ready", None
    if "coverage" in kinds:
        return "undetermined", "coverage"
    if "blocker_unknown" in kinds:
        return "undetermined", "blocker_unknown"
    if kinds == ["thresholds_met"]:
        return "thick", None
    if kinds and kinds[0] == "thresholds_met":
        return "thin", None
    return "strengthen", None


def _ambition(
    bank: Bank,
    dimensions: dict[str, DimensionResult],
    level: LevelId,
    known: Mapping[str, int],
    na: list[str],
) -> AmbitionResult:
    policy = bank.policy.ambition
    score = dimensions[policy.dimension].score
    ambition: AmbitionId
    if score is None:
        ambition = "undetermined"
    else:
        ambition = "thick" if score >= policy.thick_from else "thin"
    advice = _advice(bank, "ambition", level, ambition, known, na)
    return AmbitionResult(level=ambition, score=score, advice=advice)


def _advice(
    bank: Bank,
    placement: str,
    level: LevelId,
    ambition: AmbitionId,
    known: Mapping[str, int],
    na: list[str],
) -> list[AmbitionAdvice]:
    return [
        AmbitionAdvice(rule.id, rule.text, list(rule.lessons))
        for rule in bank.policy.advice
        if rule.placement == placement and _rule_applies(rule, level, ambition, known, na)
    ]


def _rule_applies(
    rule: AdviceRule,
    level: LevelId,
    ambition: AmbitionId,
    known: Mapping[str, int],
    na: list[str],
) -> bool:
    if rule.readiness and level not in rule.readiness:
        return False
    if rule.ambition and ambition not in rule.ambition:
        return False
    if not all(_holds(condition, known, na) for condition in rule.conditions):
        return False
    return not rule.any_of or any(_holds(condition, known, na) for condition in rule.any_of)


def _holds(condition: AnswerCondition, known: Mapping[str, int], na: list[str]) -> bool:
    if condition.not_applicable:
        return condition.question in na
    value = known.get(condition.question)
    if value is None:
        return False
    if condition.at_most is not None and value > condition.at_most:
        return False
    return condition.at_least is None or value >= condition.at_least


def _recommend(
    bank: Bank,
    known: Mapping[str, int],
    blockers: list[str],
    triggers: dict[str, list[str]],
) -> list[Recommendation]:
    ranked = [Recommendation(lesson, True, list(triggers[lesson]), 0.0) for lesson in blockers]
    readiness = {d.id for d in bank.readiness_dimensions}
    found: dict[str, tuple[float, list[str]]] = {}
    for question in bank.questions:
        if question.dimension not in readiness or question.id not in known:
            continue
        gap = 1 - _answer_score(question, known[question.id]) / 100
        if gap < bank.policy.recommend_min_gap or gap == 0:
            continue
        priority = _priority(bank, question, gap)
        for lesson in question.lessons:
            if lesson in triggers:
                continue
            best, questions = found.get(lesson, (0.0, []))
            found[lesson] = (max(best, priority), [*questions, question.id])
    lesson_order = {lesson.id: index for index, lesson in enumerate(bank.lessons)}
    advice = sorted(found.items(), key=lambda item: (-item[1][0], lesson_order[item[0]]))
    ranked.extend(Recommendation(lesson, False, qs, p) for lesson, (p, qs) in advice)
    return ranked
