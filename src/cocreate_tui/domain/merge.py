"""Merge a team's individual sessions: where members agree, where they differ, and one verdict."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from .bank_models import Bank, Question
from .scoring import NOT_APPLICABLE, UNKNOWN, AnswerValue, Assessment, assess
from .sessions import (
    TEAM_MAX,
    Session,
    SessionMeta,
    Status,
    new_session,
    open_questions,
    orphaned_answers,
)
from .text_safety import NOTE_MAX, fit

DISAGREEMENT_STEPS = 2
"""Two known answers this many option steps apart (or more) mean the team should talk first."""


@dataclass(frozen=True)
class Member:
    """One member's session in the merge."""

    session: Session
    """The member's session, as saved."""
    name: str
    """The respondent's name; unique within the merge (a short id is added where names clash)."""
    bank_differs: bool
    """The session was made with another bank (or another version of it) than the current one."""

    @property
    def session_id(self) -> str:
        """The member's session id."""
        return self.session.id


@dataclass(frozen=True)
class MemberAnswer:
    """What one member answered to one question."""

    member: str
    """The member's name (`Member.name`)."""
    session_id: str
    value: AnswerValue | None
    """An option value, `"unknown"` for «Vet ikke», or None when not answered."""
    note: str


@dataclass(frozen=True)
class QuestionMerge:
    """All members' answers to one question, side by side."""

    question_id: str
    answers: list[MemberAnswer]
    """One per member, in member order."""
    distribution: dict[int, int]
    """How many members chose each option, for every option in order (zeros included)."""
    unknown: int
    """How many answered «Vet ikke»."""
    unanswered: int
    """How many did not answer."""
    median: float | None
    """The median of the known values (may lie between two options); None when none is known."""
    spread: int | None
    """Option steps between the lowest and the highest known answer; None when none is known."""
    merged: AnswerValue | None
    """The merged answer: the lower median option, `"unknown"` if no member gave an option and
    one answered «Vet ikke», `"not_applicable"` if the only answers were «Gjelder ikke oss»,
    None when nobody answered."""
    not_applicable: int = 0
    """How many answered «Gjelder ikke oss»."""

    @property
    def disagreement(self) -> bool:
        """Two known answers are two or more option steps apart: talk about it first."""
        return self.spread is not None and self.spread >= DISAGREEMENT_STEPS


@dataclass(frozen=True)
class Merge:
    """A team's individual answers merged, with the verdict of the merged answers."""

    name: str
    """The team name the merge is made under."""
    members: list[Member]
    """Oldest session first."""
    questions: list[QuestionMerge]
    """Every question of the current bank, in bank order."""
    answers: dict[str, AnswerValue]
    """The merged answers that have a value or «Vet ikke»; what `assessment` scored."""
    assessment: Assessment
    """The verdict of the merged answers, from the same engine as any session."""
    not_in_bank: list[str]
    """Questions some member answered that the current bank lacks, not merged."""

    @property
    def disagreements(self) -> list[QuestionMerge]:
        """The questions to talk about before inviting citizens, in bank order."""
        return [question for question in self.questions if question.disagreement]

    @property
    def teams(self) -> list[str]:
        """The distinct team names of the members' sessions."""
        return list(dict.fromkeys(member.session.meta.team for member in self.members))

    def question(self, question_id: str) -> QuestionMerge | None:
        """The merge of one question, if the bank has it."""
        return next((q for q in self.questions if q.question_id == question_id), None)


def merge_sessions(bank: Bank, sessions: Sequence[Session], name: str) -> Merge:
    """Merge `sessions` (one team's members) under the team name `name`.

    Raises ValueError for no sessions, the same session twice, or a blank name.
    """
    if not sessions:
        raise ValueError("a merge needs at least one session")
    if len({session.id for session in sessions}) != len(sessions):
        raise ValueError("the same session is given more than once")
    if not name.strip():
        raise ValueError("the merged team needs a name")
    ordered = sorted(sessions, key=lambda session: (session.created_at, session.id))
    members = _members(bank, ordered)
    questions = [_merge_question(q, members) for q in bank.questions]
    answers = {q.question_id: q.merged for q in questions if q.merged is not None}
    return Merge(
        name=name.strip(),
        members=members,
        questions=questions,
        answers=answers,
        assessment=assess(bank, answers),
        not_in_bank=list(dict.fromkeys(q for s in ordered for q in orphaned_answers(s, bank))),
    )


def merged_session(merge: Merge, bank: Bank, now: datetime | None = None) -> Session:
    """The merged answers as a new team session, to save and follow over time like any other.

    Notes are combined per question as "Name: note" lines. Questions where members disagree are
    flagged, so the team finds them again in the wizard.
    """
    # One moment for every change, so the new session reads as made at one time.
    now = now or datetime.now(UTC)
    languages = {member.session.language for member in merge.members}
    language = languages.pop() if len(languages) == 1 else "nb"
    session = new_session(_merged_meta(merge), bank, now=now, language=language)
    for question in merge.questions:
        if question.merged == UNKNOWN:
            session = session.with_answer(question.question_id, unknown=True, now=now)
        elif question.merged == NOT_APPLICABLE:
            session = session.with_answer(question.question_id, not_applicable=True, now=now)
        elif isinstance(question.merged, int):
            session = session.with_answer(question.question_id, value=question.merged, now=now)
        note = "\n".join(f"{a.member}: {a.note}" for a in question.answers if a.note.strip())
        # Each member's note fits, but all of them together may not: the end is cut, marked «…».
        note = fit(note, NOTE_MAX)
        if note:
            session = session.with_note(question.question_id, note, now=now)
        if question.disagreement:
            session = session.with_flag(question.question_id, True, now=now)
    status: Status = "in_progress" if open_questions(session, bank) else "complete"
    return session.with_status(status, now=now)


def _members(bank: Bank, sessions: Sequence[Session]) -> list[Member]:
    names = [session.meta.respondent or session.meta.role or session.id[:8] for session in sessions]
    counts = Counter(names)
    return [
        Member(
            session=session,
            # Two members with the same name must still be told apart in every table.
            name=f"{name} ({session.id[:6]})" if counts[name] > 1 else name,
            bank_differs=session.bank.content_hash != bank.content_hash,
        )
        for name, session in zip(names, sessions, strict=True)
    ]


def _merge_question(question: Question, members: Sequence[Member]) -> QuestionMerge:
    answers = [_member_answer(question, member) for member in members]
    known = [a.value for a in answers if isinstance(a.value, int)]
    positions = sorted(_position(question, value) for value in known)
    unknown = sum(1 for a in answers if a.value == UNKNOWN)
    na = sum(1 for a in answers if a.value == NOT_APPLICABLE)
    merged: AnswerValue | None
    if positions:
        # The lower median, not the mean or the upper median: it is always an option the bank
        # offers, one member's outlier cannot drag it, and when the team is split down the
        # middle it errs towards "not yet". The report's lesson is that teams fail by starting
        # before they are ready (3.7), so overstating readiness is the costlier mistake.
        merged = question.options[statistics.median_low(positions)].value
    else:
        # One member's «Vet ikke» outweighs another's «Gjelder ikke oss»: it is to clarify.
        merged = UNKNOWN if unknown else NOT_APPLICABLE if na else None
    return QuestionMerge(
        question_id=question.id,
        answers=answers,
        distribution={o.value: sum(1 for v in known if v == o.value) for o in question.options},
        unknown=unknown,
        unanswered=sum(1 for a in answers if a.value is None),
        median=float(statistics.median(known)) if known else None,
        spread=positions[-1] - positions[0] if positions else None,
        merged=merged,
        not_applicable=na,
    )


def _member_answer(question: Question, member: Member) -> MemberAnswer:
    answer = member.session.answer(question.id)
    value: AnswerValue | None = None
    if answer.unknown:
        value = UNKNOWN
    elif answer.not_applicable and question.not_applicable:
        value = NOT_APPLICABLE
    elif answer.value is not None and question.option(answer.value) is not None:
        # A value the bank no longer offers cannot be placed on the scale; it counts as none.
        value = answer.value
    return MemberAnswer(member.name, member.session_id, value, answer.note)


def _position(question: Question, value: int) -> int:
    return [option.value for option in question.options].index(value)


def _merged_meta(merge: Merge) -> SessionMeta:
    metas = [member.session.meta for member in merge.members]

    def shared(values: list[str]) -> str:
        return values[0] if len(set(values)) == 1 else ""

    # Members may have answered at different points in the work; the latest one is the state
    # the merged answers describe.
    phases = {meta.phase for meta in metas}
    phase = metas[0].phase if len(phases) == 1 else metas[-1].phase
    return SessionMeta(
        team=fit(merge.name.strip(), TEAM_MAX),
        organisation=shared([meta.organisation for meta in metas]),
        service_area=shared([meta.service_area for meta in metas]),
        mode="team",
        phase=phase,
    )
