"""CSV exports for spreadsheets: one row per question per session."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from ...i18n import t
from ..bank_models import Bank, Lang
from ..compare import Comparison
from ..merge import Merge, QuestionMerge
from ..scoring import AnswerValue
from ..sessions import Session, orphaned_answers
from ..text_safety import csv_cell as _text
from .common import answer_words, question_words

COLUMNS = (
    "session_id",
    "team",
    "organisation",
    "service_area",
    "respondent",
    "role",
    "mode",
    "phase",
    "status",
    "created_at",
    "updated_at",
    "bank_id",
    "bank_version",
    "dimension",
    "question_id",
    "question",
    "value",
    "answer",
    "flagged",
    "note",
)
"""Column names stay in English and never change meaning, so formulas and scripts keep working."""

MERGE_COLUMNS = (*COLUMNS, "merged_value", "merged_answer", "median", "spread", "disagreement")
"""A merge adds, on every member's row, how the question came out for the whole team."""


def sessions_csv(
    bank: Bank, sessions: Sequence[Session], lang: Lang, include_notes: bool = True
) -> str:
    """Every question of every session, in the order given; notes optional."""
    return _write(COLUMNS, (row for s in sessions for row in _rows(bank, s, lang, include_notes)))


def comparison_csv(
    bank: Bank, comparison: Comparison, lang: Lang, include_notes: bool = True
) -> str:
    """The compared sessions' rows, oldest session first."""
    return sessions_csv(bank, [c.session for c in comparison.sessions], lang, include_notes)


def merge_csv(bank: Bank, merge: Merge, lang: Lang, include_notes: bool = True) -> str:
    """Every member's rows, each with the team's merged answer, median, spread and disagreement."""
    merged = {q.question_id: q for q in merge.questions}

    def rows() -> Iterable[list[str]]:
        for member in merge.members:
            for row in _rows(bank, member.session, lang, include_notes):
                yield row + _merge_cells(bank, merged.get(row[COLUMNS.index("question_id")]), lang)

    return _write(MERGE_COLUMNS, rows())


def _write(columns: Sequence[str], rows: Iterable[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()


def _rows(bank: Bank, session: Session, lang: Lang, include_notes: bool) -> list[list[str]]:
    meta = session.meta
    head = [
        session.id,
        _text(meta.team),
        _text(meta.organisation),
        _text(meta.service_area),
        _text(meta.respondent),
        _text(meta.role),
        meta.mode,
        meta.phase,
        session.status,
        session.created_at.isoformat(),
        session.updated_at.isoformat(),
        session.bank.id,
        _text(session.bank.version),  # from an imported file: may start like a formula
    ]
    values = session.answer_values()
    dimensions = {q.id: q.dimension for q in bank.questions}
    rows = []
    for question_id in [q.id for q in bank.questions] + orphaned_answers(session, bank):
        answer = session.answer(question_id)
        value = values.get(question_id)
        # The note cell states the omission on every row, so no reader can miss it.
        note = _text(answer.note) if include_notes else t("notes_left_out", lang)
        rows.append(
            [
                *head,
                dimensions.get(question_id, ""),
                question_id,
                _text(question_words(bank, question_id, lang)),
                _value(value),
                _text(answer_words(bank, question_id, value, lang)),
                "yes" if answer.flagged else "no",
                note,
            ]
        )
    return rows


def _merge_cells(bank: Bank, question: QuestionMerge | None, lang: Lang) -> list[str]:
    if question is None:
        return ["", "", "", "", ""]
    return [
        _value(question.merged),
        _text(answer_words(bank, question.question_id, question.merged, lang)),
        "" if question.median is None else f"{question.median:g}",
        "" if question.spread is None else str(question.spread),
        "yes" if question.disagreement else "no",
    ]


def _value(value: AnswerValue | None) -> str:
    return "" if value is None else str(value)
