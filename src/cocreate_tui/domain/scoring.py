"""The scoring engine: pure functions from a bank and answers to a verdict that explains itself."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from .bank_models import AdviceRule, AmbitionId, Bank, LevelId, PassingLevel, Question

UNKNOWN: Literal["unknown"] = "unknown"
AnswerValue = int | Literal["unknown"]
Answers = Mapping[str, AnswerValue]

UndeterminedReason = Literal["coverage", "blocker_unknown"]


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
    unknown: list[str]
    unanswered: list[str]
    effects: list[AnswerEffect]
    """Known answers, the ones that cost the most points first."""

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
    text_nb: str
    text_en: str
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
    """Answers the bank cannot use: removed questions, or values no longer offered."""
    recommendations: list[Recommendation] = field(default_factory=list)


def assess(bank: Bank, answers: Answers) -> Assessment:
    """Score `answers` against `bank`'s questions and policy."""
    known, unknown, unanswered, ignored = _sort_answers(bank, answers)
    dimensions = {dim.id: _score_dimension(bank, dim.id, known, unknown) for dim in bank.dimensions}
    readiness = [dimensions[d.id] for d in bank.readiness_dimensions]
    overall = _weighted_mean((r.score, r.weight) for r in readiness)
    total = sum(r.total for r in readiness)
    coverage = sum(r.answered for r in readiness) / total if total else 0.0
    triggers = _raised_blockers(bank, known)
    blockers = _rank_blockers(bank, triggers)
    level, reason = _level(bank, readiness, overall, coverage, bool(blockers), known)
    return Assessment(
        level=level,
        undetermined_reason=reason,
        overall=overall,
        coverage=coverage,
        dimensions=dimensions,
        ambition=_ambition(bank, dimensions, level, known),
        blockers=blockers,
        blocker_triggers={lesson: triggers[lesson] for lesson in blockers},
        unknown=unknown,
        unanswered=unanswered,
        ignored=ignored,
        recommendations=_recommend(bank, known, blockers, triggers),
    )


def _sort_answers(
    bank: Bank, answers: Answers
) -> tuple[dict[str, int], list[str], list[str], list[str]]:
    known: dict[str, int] = {}
    unknown: list[str] = []
    unanswered: list[str] = []
    for question in bank.questions:
        value = answers.get(question.id)
        if value is None:
            unanswered.append(question.id)
        elif value == UNKNOWN:
            unknown.append(question.id)
        elif isinstance(value, int) and question.option(value) is not None:
            known[question.id] = value
        else:
            unanswered.append(question.id)
    ignored = [qid for qid in answers if qid not in known and qid not in unknown]
    return known, unknown, unanswered, ignored


def _answer_score(question: Question, value: int) -> float:
    # Options need not start at 0 in a custom bank; the lowest option is always 0 points.
    span = question.max_value - question.min_value
    return 100.0 * (value - question.min_value) / span


def _score_dimension(
    bank: Bank, dimension_id: str, known: Mapping[str, int], unknown: list[str]
) -> DimensionResult:
    questions = bank.questions_in(dimension_id)
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


def _level(
    bank: Bank,
    readiness: list[DimensionResult],
    overall: float | None,
    coverage: float,
    blocked: bool,
    known: Mapping[str, int],
) -> tuple[LevelId, UndeterminedReason | None]:
    # A raised blocker is a certain finding, so it decides before any question of coverage.
    if blocked:
        return "not_ready", None
    if overall is None or coverage < bank.policy.min_coverage:
        return "undetermined", "coverage"
    if any(q.blockers and q.id not in known for q in bank.questions):
        return "undetermined", "blocker_unknown"
    levels = bank.policy.levels
    passing: tuple[tuple[LevelId, PassingLevel], ...] = (
        ("thick", levels.thick),
        ("thin", levels.thin),
    )
    for level_id, level in passing:
        floors_met = all(
            (r.score is not None and r.score >= level.min_dimension)
            or (r.score is None and level.min_dimension == 0)
            for r in readiness
        )
        if overall >= level.min_overall and floors_met:
            return level_id, None
    return "not_ready", None


def _ambition(
    bank: Bank, dimensions: dict[str, DimensionResult], level: LevelId, known: Mapping[str, int]
) -> AmbitionResult:
    policy = bank.policy.ambition
    score = dimensions[policy.dimension].score
    ambition: AmbitionId
    if score is None:
        ambition = "undetermined"
    else:
        ambition = "thick" if score >= policy.thick_from else "thin"
    advice = [
        AmbitionAdvice(rule.id, rule.text.nb, rule.text.en, list(rule.lessons))
        for rule in bank.policy.advice
        if _rule_applies(rule, level, ambition, known)
    ]
    return AmbitionResult(level=ambition, score=score, advice=advice)


def _rule_applies(
    rule: AdviceRule, level: LevelId, ambition: AmbitionId, known: Mapping[str, int]
) -> bool:
    if rule.readiness and level not in rule.readiness:
        return False
    if rule.ambition and ambition not in rule.ambition:
        return False
    for condition in rule.conditions:
        value = known.get(condition.question)
        if value is None:
            return False
        if condition.at_most is not None and value > condition.at_most:
            return False
        if condition.at_least is not None and value < condition.at_least:
            return False
    return True


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
