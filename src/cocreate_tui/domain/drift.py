"""Bank version drift: which answers of an older session the current bank's changes affect."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .bank_models import Bank, Change, version_key
from .sessions import AnswerValue, Session

AnswerLike = object
"""Any answer value; only which questions have one matters here."""


@dataclass(frozen=True)
class Drift:
    """How the bank has changed since a session was made, as it touches that session's answers."""

    from_version: str
    """The bank version the session was made with."""
    to_version: str
    """The current bank's version."""
    changed: list[str] = field(default_factory=list)
    """Answered questions whose options changed since: kept in the file, not scored."""
    reworded: list[str] = field(default_factory=list)
    """Answered questions reworded since: scored, to be looked over."""
    changes: list[Change] = field(default_factory=list)
    """Every logged change after the session's version, in log order."""

    @property
    def active(self) -> bool:
        """Whether the session was made with an older bank version than the current one."""
        return version_key(self.from_version) < version_key(self.to_version)

    def note(self, question_id: str) -> Change | None:
        """The latest logged change to `question_id` after the session's version, if any."""
        found = [change for change in self.changes if change.question == question_id]
        return found[-1] if found else None


def bank_drift(
    bank: Bank,
    session_bank_version: str,
    answers: Mapping[str, AnswerLike],
    answered_with: Mapping[str, str] | None = None,
) -> Drift:
    """The drift between `session_bank_version` and `bank` for a session with `answers`.

    `answered_with` gives, per question, a newer bank version an answer was given with: a
    change up to that version no longer touches it.
    """
    old, new = version_key(session_bank_version), version_key(bank.info.version)
    if old >= new:
        return Drift(session_bank_version, bank.info.version)
    changes = [c for c in bank.changes if old < version_key(c.version) <= new]
    given = answered_with or {}

    def kinds(question_id: str) -> set[str]:
        since = version_key(given.get(question_id, session_bank_version))
        return {
            c.kind for c in changes if c.question == question_id and version_key(c.version) > since
        }

    answered = [q.id for q in bank.questions if q.id in answers]
    # A question whose options changed is to be answered again, even if it was also reworded.
    changed = [qid for qid in answered if "options_changed" in kinds(qid)]
    reworded = [qid for qid in answered if qid not in changed and "reworded" in kinds(qid)]
    return Drift(session_bank_version, bank.info.version, changed, reworded, changes)


def session_drift(bank: Bank, session: Session) -> Drift:
    """The drift of `session`'s answers against `bank`."""
    answered = {qid: a for qid, a in session.answers.items() if a.is_answered}
    answered_with = {qid: a.bank_version for qid, a in answered.items() if a.bank_version}
    return bank_drift(bank, session.bank.version, answered, answered_with)


def scored_answers(bank: Bank, session: Session) -> dict[str, AnswerValue]:
    """The session's answer values less those the bank's changes made stale: what to score."""
    drift = session_drift(bank, session)
    return {
        qid: value for qid, value in session.answer_values().items() if qid not in drift.changed
    }
