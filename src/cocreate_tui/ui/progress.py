"""Where the team is in the bank: pure helpers for moving between questions (no Textual)."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.bank_models import Bank
from ..domain.drift import session_drift
from ..domain.sessions import Session, open_questions


def _open_ids(bank: Bank, session: Session) -> set[str]:
    # A question whose options changed since the team answered is open again.
    stale = set(session_drift(bank, session).changed)
    return {q.id for q in bank.questions if q.id in stale or not session.answer(q.id).is_answered}


@dataclass(frozen=True)
class DimensionProgress:
    """How many of a dimension's questions have an answer (a value or «Vet ikke»)."""

    dimension_id: str
    answered: int
    total: int


def dimension_progress(bank: Bank, session: Session) -> list[DimensionProgress]:
    """Answered/total for every dimension, in bank order."""
    return [
        DimensionProgress(
            dimension.id,
            sum(session.answer(q.id).is_answered for q in bank.questions_in(dimension.id)),
            len(bank.questions_in(dimension.id)),
        )
        for dimension in bank.dimensions
    ]


def answered_count(bank: Bank, session: Session) -> int:
    """How many of the bank's questions have an answer."""
    return len(bank.questions) - len(open_questions(session, bank))


def next_open(bank: Bank, session: Session, after: str | None) -> str | None:
    """The first open question after `after` in bank order, wrapping round; None if all done."""
    ids = [q.id for q in bank.questions]
    start = ids.index(after) + 1 if after in ids else 0
    still_open = _open_ids(bank, session)
    for question_id in ids[start:] + ids[:start]:
        if question_id in still_open:
            return question_id
    return None


def resume_question(bank: Bank, session: Session) -> str:
    """Where to continue: the first open question after the one answered last.

    When every question is answered, the last one answered (or the first question).
    """
    answered = [
        (answer.answered_at, question_id)
        for question_id, answer in session.answers.items()
        if answer.answered_at is not None and bank.question(question_id) is not None
    ]
    last = max(answered)[1] if answered else None
    return next_open(bank, session, last) or last or bank.questions[0].id


def first_in_dimension(bank: Bank, session: Session, dimension_id: str) -> str:
    """The first open question of a dimension, or its first question if all are answered."""
    questions = bank.questions_in(dimension_id)
    still_open = _open_ids(bank, session)
    return next((q.id for q in questions if q.id in still_open), questions[0].id)
