"""JSON exports: a session in its own versioned file format; a comparison or a merge as data."""

from __future__ import annotations

import json
from typing import Any

from ..bank_models import Bank, Lang
from ..compare import ComparedSession, Comparison, ComparisonStep
from ..json_views import assessment_to_json
from ..merge import Merge
from ..sessions import Session, session_to_json
from .common import without_notes
from .plan_export import progress_json

COMPARISON_FORMAT = "cocreate-comparison"
MERGE_FORMAT = "cocreate-merge"
FORMAT_VERSION = 1


def session_json(session: Session, include_notes: bool = True) -> str:
    """The session as the app saves it, so `cocreate import` takes it back unchanged.

    Without notes the file is still a valid session; the format has no room for a remark, so
    the caller must say that the notes were left out.
    """
    return session_to_json(session if include_notes else without_notes(session))


def comparison_json(
    bank: Bank, comparison: Comparison, lang: Lang, include_notes: bool = True
) -> str:
    """The comparison as stable, indented JSON text."""
    data: dict[str, Any] = {
        "format": COMPARISON_FORMAT,
        "format_version": FORMAT_VERSION,
        "bank": _bank(bank),
        "notes_left_out": not include_notes,
        "teams": list(comparison.teams),
        "sessions": [_compared(bank, c, lang) for c in comparison.sessions],
        "steps": [_step(s, include_notes) for s in comparison.steps],
        "overall_change": _step(comparison.overall_change, include_notes),
        "banks": [
            {
                "id": use.id,
                "version": use.version,
                "content_hash": use.content_hash,
                "sessions": list(use.session_ids),
                "current": use.current,
            }
            for use in comparison.banks
        ],
        "not_in_bank": list(comparison.not_in_bank),
    }
    return _dumps(data)


def merge_json(
    bank: Bank,
    merge: Merge,
    lang: Lang,
    include_notes: bool = True,
    saved_id: str | None = None,
) -> str:
    """The merge as stable, indented JSON text; `saved_id` when it was saved as a session."""
    data: dict[str, Any] = {
        "format": MERGE_FORMAT,
        "format_version": FORMAT_VERSION,
        "bank": _bank(bank),
        "notes_left_out": not include_notes,
        "name": merge.name,
        "teams": merge.teams,
        "members": [
            {
                "session": m.session_id,
                "name": m.name,
                "role": m.session.meta.role,
                "team": m.session.meta.team,
                "created_at": m.session.created_at.isoformat(),
                "bank_differs": m.bank_differs,
            }
            for m in merge.members
        ],
        "questions": [
            {
                "id": q.question_id,
                "answers": [
                    {"member": a.member, "session": a.session_id, "value": a.value}
                    | ({"note": a.note} if include_notes else {})
                    for a in q.answers
                ],
                "distribution": {str(value): n for value, n in q.distribution.items()},
                "unknown": q.unknown,
                "not_applicable": q.not_applicable,
                "unanswered": q.unanswered,
                "median": q.median,
                "spread": q.spread,
                "disagreement": q.disagreement,
                "merged": q.merged,
            }
            for q in merge.questions
        ],
        "disagreements": [q.question_id for q in merge.disagreements],
        "assessment": assessment_to_json(bank, merge.assessment, lang),
        "not_in_bank": list(merge.not_in_bank),
    }
    if saved_id is not None:
        data["saved_session"] = saved_id
    return _dumps(data)


def _dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _bank(bank: Bank) -> dict[str, str]:
    return {"id": bank.info.id, "version": bank.info.version, "content_hash": bank.content_hash}


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _compared(bank: Bank, compared: ComparedSession, lang: Lang) -> dict[str, Any]:
    session = compared.session
    return {
        "id": session.id,
        "team": session.meta.team,
        "organisation": session.meta.organisation,
        "phase": session.meta.phase,
        "mode": session.meta.mode,
        "respondent": session.meta.respondent,
        "created_at": session.created_at.isoformat(),
        "bank": session.bank.model_dump(),
        "bank_differs": compared.bank_differs,
        "not_in_bank": list(compared.not_in_bank),
        "assessment": assessment_to_json(bank, compared.assessment, lang),
    }


def _step(step: ComparisonStep, include_notes: bool) -> dict[str, Any]:
    return {
        "from": step.before.session.id,
        "to": step.after.session.id,
        "shared_only": step.shared_only,
        "left_out": list(step.left_out),
        "level": {
            "before": step.level_before,
            "after": step.level_after,
            "direction": step.level_direction,
        },
        "overall": {
            "before": _rounded(step.overall_before),
            "after": _rounded(step.overall_after),
            "delta": _rounded(step.overall_delta),
        },
        "dimensions": {
            d.dimension_id: {
                "before": _rounded(d.before),
                "after": _rounded(d.after),
                "delta": _rounded(d.delta),
            }
            for d in step.dimensions
        },
        "changed_answers": [
            {"question": c.question_id, "before": c.before, "after": c.after}
            | ({"note_before": c.note_before, "note_after": c.note_after} if include_notes else {})
            for c in step.changed_answers
        ],
        "blockers_raised": list(step.blockers_raised),
        "blockers_cleared": list(step.blockers_cleared),
        "actions": progress_json(step.actions),
    }
