"""Stable JSON shapes of a bank and of an assessment, for scripts and other tools."""

from __future__ import annotations

from typing import Any

from .bank_models import AnswerCondition, Bank, Lang, Lesson, Text
from .scoring import Assessment, LevelReason


def _text(text: Text) -> dict[str, str]:
    return text.by_language()


def _lesson(bank: Bank, lesson: Lesson) -> dict[str, Any]:
    return {
        "id": lesson.id,
        "section": lesson.section,
        "source": bank.lesson_source(lesson),
        "kind": lesson.kind,
        "title": _text(lesson.title),
        "advice": _text(lesson.advice),
        "quote": lesson.quote,
        "stop_quote": lesson.stop_quote,
        "stop_section": lesson.stop_section or (lesson.section if lesson.stop_quote else None),
        "law": [
            {"name": law.name, "year": law.year, "url": law.url, "note": _text(law.note)}
            for law in lesson.law
        ],
    }


def _condition(condition: AnswerCondition) -> dict[str, Any]:
    found: dict[str, Any] = {"question": condition.question}
    if condition.not_applicable:
        found["not_applicable"] = True
    for key in ("at_most", "at_least"):
        if getattr(condition, key) is not None:
            found[key] = getattr(condition, key)
    return found


def _policy(bank: Bank) -> dict[str, Any]:
    policy = bank.policy
    levels = policy.levels
    return {
        "min_coverage": policy.min_coverage,
        "top_recommendations": policy.top_recommendations,
        "levels": {
            name: {"label": _text(level.label), "summary": _text(level.summary)}
            for name, level in (
                ("not_ready", levels.not_ready),
                ("strengthen", levels.strengthen),
                ("thin", levels.thin),
                ("thick", levels.thick),
                ("undetermined", levels.undetermined),
            )
        },
        "advice": [
            {
                "id": rule.id,
                "placement": rule.placement,
                "readiness": list(rule.readiness),
                "ambition": list(rule.ambition),
                "conditions": [_condition(c) for c in rule.conditions],
                "any_of": [_condition(c) for c in rule.any_of],
                "text": _text(rule.text),
                "lessons": list(rule.lessons),
            }
            for rule in policy.advice
        ],
    }


def bank_to_json(bank: Bank) -> dict[str, Any]:
    """The bank as `cocreate bank show --json` prints it."""
    return {
        "bank": {
            "id": bank.info.id,
            "version": bank.info.version,
            "strict_blockers": bank.info.strict_blockers,
        },
        "dimensions": [
            {"id": d.id, "kind": d.kind, "name": _text(d.name)} for d in bank.dimensions
        ],
        "lessons": [_lesson(bank, lesson) for lesson in bank.lessons],
        "questions": [
            {
                "id": q.id,
                "dimension": q.dimension,
                "text": _text(q.text),
                "help": _text(q.help),
                "lessons": list(q.lessons),
                "weight": q.weight,
                "options": [{"value": o.value, "label": _text(o.label)} for o in q.options],
                "blockers": [{"lesson": r.lesson, "at_most": r.at_most} for r in q.blockers],
                "not_applicable": q.not_applicable,
            }
            for q in bank.questions
        ],
        "policy": _policy(bank),
        "changes": [
            {"version": c.version, "question": c.question, "kind": c.kind, "note": _text(c.note)}
            for c in bank.changes
        ],
    }


def _reason(reason: LevelReason) -> dict[str, Any]:
    found: dict[str, Any] = {"kind": reason.kind}
    if reason.lesson_id is not None:
        found["lesson"] = reason.lesson_id
    if reason.dimension_id is not None:
        found["dimension"] = reason.dimension_id
    if reason.score is not None:
        found["score"] = round(reason.score, 3 if reason.kind == "coverage" else 1)
    if reason.threshold is not None:
        found["threshold"] = reason.threshold
    if reason.questions:
        found["questions"] = list(reason.questions)
    return found


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def assessment_to_json(bank: Bank, assessment: Assessment, lang: Lang) -> dict[str, Any]:
    """The verdict as `cocreate score --json` prints it."""
    return {
        "bank": {"id": bank.info.id, "version": bank.info.version},
        "level": assessment.level,
        "level_reasons": [_reason(reason) for reason in assessment.level_reasons],
        "overall": _rounded(assessment.overall),
        "overall_shown": assessment.overall_shown,
        "coverage": round(assessment.coverage, 3),
        "answered": assessment.answered,
        "counted": assessment.counted,
        "dimensions": {
            dim_id: _rounded(result.score) for dim_id, result in assessment.dimensions.items()
        },
        "blockers": list(assessment.blockers),
        "unknown": list(assessment.unknown),
        "unanswered": list(assessment.unanswered),
        "not_applicable": list(assessment.not_applicable),
        "verdict_advice": [advice.text.get(lang) for advice in assessment.verdict_advice],
        "recommendations": [
            {
                "lesson": rec.lesson_id,
                "section": bank.lesson(rec.lesson_id).section,
                "blocker": rec.blocker,
                "questions": list(rec.questions),
                "stop_quote": bank.lesson(rec.lesson_id).stop_quote if rec.blocker else None,
                "law": [law.url for law in bank.lesson(rec.lesson_id).law],
            }
            for rec in assessment.recommendations
        ],
        "ambition": {
            "level": assessment.ambition.level,
            "score": _rounded(assessment.ambition.score),
            "advice": [advice.text.get(lang) for advice in assessment.ambition.advice],
        },
    }
