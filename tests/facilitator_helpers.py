"""Session builders for the facilitator tests: answers, notes and dates in one call."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.sessions import BankRef, Mode, Phase, Session, SessionMeta, new_session

from .session_helpers import T0


def build(
    bank: Bank,
    answers: Mapping[str, int | str],
    notes: Mapping[str, str] | None = None,
    *,
    team: str = "Horten",
    respondent: str = "",
    role: str = "",
    organisation: str = "Horten kommune",
    mode: Mode = "team",
    phase: Phase = "before_inviting",
    days: int = 0,
    bank_ref: BankRef | None = None,
) -> Session:
    """A session of `bank` with `answers` (`"unknown"` for «Vet ikke») and `notes`."""
    now = T0 + timedelta(days=days)
    meta = SessionMeta(
        team=team,
        organisation=organisation,
        respondent=respondent,
        role=role,
        mode="individual" if respondent else mode,
        phase=phase,
    )
    session = new_session(meta, bank, now=now)
    for question_id, value in answers.items():
        if value == "unknown":
            session = session.with_answer(question_id, unknown=True, now=now)
        else:
            assert isinstance(value, int)
            session = session.with_answer(question_id, value, now=now)
    for question_id, note in (notes or {}).items():
        session = session.with_note(question_id, note, now=now)
    if bank_ref is not None:
        session = session.model_copy(update={"bank": bank_ref})
    return session
