"""Stable JSON shapes of a bank and of an assessment, for scripts and other tools."""

from __future__ import annotations

from typing import Any

from .bank_models import Bank, Lang, Text
from .scoring import Assessment


def _text(text: Text) -> dict[str, str]:
    return {"nb": text.nb, "en": text.en}


def bank_to_json(bank: Bank) -> dict[str, Any]:
    """The bank as `cocreate bank show --json` prints it."""
    return {
        "bank": {"id": bank.info.id, "version": bank.info.version},
        "dimensions": [
            {"id": d.id, "kind": d.kind, "name": _text(d.name)} for d in bank.dimensions
        ],
        "lessons": [
            {
                "id": lesson.id,
                "section": lesson.section,
                "source": bank.lesson_source(lesson),
                "kind": lesson.kind,
                "title": _text(lesson.title),
                "advice": _text(lesson.advice),
                "quote": lesson.quote,
            }
            for lesson in bank.lessons
        ],
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
            }
            for q in bank.questions
        ],
    }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def assessment_to_json(bank: Bank, assessment: Assessment, lang: Lang) -> dict[str, Any]:
    """The verdict as `cocreate score --json` prints it."""
    return {
        "bank": {"id": bank.info.id, "version": bank.info.version},
        "level": assessment.level,
        "overall": _rounded(assessment.overall),
        "coverage": round(assessment.coverage, 3),
        "dimensions": {
            dim_id: _rounded(result.score) for dim_id, result in assessment.dimensions.items()
        },
        "blockers": list(assessment.blockers),
        "unknown": list(assessment.unknown),
        "unanswered": list(assessment.unanswered),
        "recommendations": [
            {
                "lesson": rec.lesson_id,
                "section": bank.lesson(rec.lesson_id).section,
                "blocker": rec.blocker,
                "questions": list(rec.questions),
            }
            for rec in assessment.recommendations
        ],
        "ambition": {
            "level": assessment.ambition.level,
            "score": _rounded(assessment.ambition.score),
            "advice": [
                advice.text_nb if lang == "nb" else advice.text_en
                for advice in assessment.ambition.advice
            ],
        },
    }
