"""Compare sessions of one team over time: what changed in levels, scores, answers and blockers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

from .action_plan import ActionProgress, action_progress
from .bank_models import Bank, LevelId, Question
from .drift import scored_answers
from .scoring import Answers, AnswerValue, Assessment, assess, level_rank
from .sessions import Session, orphaned_answers

MIN_SESSIONS = 2


@dataclass(frozen=True)
class ComparedSession:
    """One session of the comparison, scored with the current bank."""

    session: Session
    assessment: Assessment
    """The session's own verdict with the current bank, using every answer it has."""
    bank_differs: bool
    """The session was made with another bank (or another version of it) than the current one."""
    not_in_bank: list[str]
    """Answered questions the current bank lacks: kept in the file, left out of the comparison."""


@dataclass(frozen=True)
class DimensionChange:
    """How one dimension's score moved between two sessions."""

    dimension_id: str
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        """After minus before; None when either has no score."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True)
class AnswerChange:
    """One question answered differently in the later session."""

    question_id: str
    before: AnswerValue | None
    """The earlier answer: an option value, `"unknown"`, or None when not answered."""
    after: AnswerValue | None
    note_before: str
    note_after: str

    def steps(self, question: Question) -> int | None:
        """Option steps moved (positive: readier), when both answers are known options."""
        before = _position(question, self.before)
        after = _position(question, self.after)
        return None if before is None or after is None else after - before


@dataclass(frozen=True)
class ComparisonStep:
    """The change from one session to the next (or from the first to the last)."""

    before: ComparedSession
    after: ComparedSession
    shared_only: bool
    """The two were made with different banks, so scores are compared on the questions both
    answered; `left_out` names the rest."""
    left_out: list[str]
    """Questions of the current bank answered in only one of the two (only when `shared_only`)."""
    overall_before: float | None
    overall_after: float | None
    dimensions: list[DimensionChange]
    """Every dimension of the current bank, in bank order."""
    changed_answers: list[AnswerChange]
    """Questions of the current bank answered differently, in bank order."""
    blockers_raised: list[str]
    """Blocker lessons raised in the later session but not in the earlier one."""
    blockers_cleared: list[str]
    """Blocker lessons raised in the earlier session and no longer in the later one."""
    actions: list[ActionProgress] = field(default_factory=list)
    """The earlier session's actions, each with whether the answers it was meant to improve
    improved in the later one."""

    @property
    def level_before(self) -> LevelId:
        """The earlier session's own verdict."""
        return self.before.assessment.level

    @property
    def level_after(self) -> LevelId:
        """The later session's own verdict."""
        return self.after.assessment.level

    @property
    def level_changed(self) -> bool:
        """Whether the verdict changed."""
        return self.level_before != self.level_after

    @property
    def level_direction(self) -> Literal["better", "worse", "same"] | None:
        """How the level moved in the order not_ready < strengthen < thin < thick; None when
        either side is undetermined (it stands apart from that order)."""
        before, after = level_rank(self.level_before), level_rank(self.level_after)
        if before is None or after is None:
            return None
        return "better" if after > before else "worse" if after < before else "same"

    @property
    def overall_delta(self) -> float | None:
        """Overall score after minus before; None when either has no score."""
        if self.overall_before is None or self.overall_after is None:
            return None
        return self.overall_after - self.overall_before


@dataclass(frozen=True)
class BankUse:
    """A bank (exactly: a content hash) that some of the compared sessions were made with."""

    id: str
    version: str
    content_hash: str
    session_ids: list[str]
    current: bool
    """Whether this is the bank the comparison is scored with."""


@dataclass(frozen=True)
class Comparison:
    """Two or more sessions in time order, and what changed from each to the next."""

    sessions: list[ComparedSession]
    """Oldest first (by `created_at`)."""
    steps: list[ComparisonStep]
    """One step per pair of consecutive sessions."""
    overall_change: ComparisonStep
    """From the first session to the last: the before/after story."""
    banks: list[BankUse]
    """The banks the sessions were made with, in order of first use."""
    teams: list[str]
    """The distinct team names, in time order; more than one is worth a second look."""
    not_in_bank: list[str]
    """Questions answered in some session that the current bank lacks, not compared."""

    @property
    def mixed_banks(self) -> bool:
        """Whether the sessions were not all made with the current bank."""
        return len(self.banks) > 1 or not self.banks[0].current


def compare_sessions(bank: Bank, sessions: Sequence[Session]) -> Comparison:
    """Compare `sessions` in time order, scoring each with `bank`.

    Raises ValueError for fewer than two sessions or the same session twice.
    """
    if len(sessions) < MIN_SESSIONS:
        raise ValueError("a comparison needs at least two sessions")
    if len({session.id for session in sessions}) != len(sessions):
        raise ValueError("the same session is given more than once")
    ordered = sorted(sessions, key=lambda session: (session.created_at, session.id))
    compared = [_compared(bank, session) for session in ordered]
    steps = [_step(bank, a, b) for a, b in pairwise(compared)]
    overall = steps[0] if len(steps) == 1 else _step(bank, compared[0], compared[-1])
    return Comparison(
        sessions=compared,
        steps=steps,
        overall_change=overall,
        banks=_banks(bank, ordered),
        teams=list(dict.fromkeys(session.meta.team for session in ordered)),
        not_in_bank=list(dict.fromkeys(q for c in compared for q in c.not_in_bank)),
    )


def _compared(bank: Bank, session: Session) -> ComparedSession:
    return ComparedSession(
        session=session,
        assessment=assess(bank, scored_answers(bank, session)),
        bank_differs=session.bank.content_hash != bank.content_hash,
        not_in_bank=orphaned_answers(session, bank),
    )


def _step(bank: Bank, before: ComparedSession, after: ComparedSession) -> ComparisonStep:
    old = _bank_answers(bank, before.session)
    new = _bank_answers(bank, after.session)
    # Made with different banks, an answer missing on one side may only mean the question was
    # not asked then; scoring both on the questions they share keeps the deltas like for like.
    shared_only = before.session.bank.content_hash != after.session.bank.content_hash
    order = {question.id: index for index, question in enumerate(bank.questions)}
    left_out = sorted(set(old) ^ set(new), key=order.__getitem__) if shared_only else []
    if shared_only:
        shared = set(old) & set(new)
        basis_before = assess(bank, {q: v for q, v in old.items() if q in shared})
        basis_after = assess(bank, {q: v for q, v in new.items() if q in shared})
    else:
        basis_before, basis_after = before.assessment, after.assessment
    blockers_before = before.assessment.blockers
    blockers_after = after.assessment.blockers
    return ComparisonStep(
        before=before,
        after=after,
        shared_only=shared_only,
        left_out=left_out,
        overall_before=basis_before.overall,
        overall_after=basis_after.overall,
        dimensions=[
            DimensionChange(
                d.id, basis_before.dimensions[d.id].score, basis_after.dimensions[d.id].score
            )
            for d in bank.dimensions
        ],
        changed_answers=[
            AnswerChange(
                q.id,
                old.get(q.id),
                new.get(q.id),
                before.session.answer(q.id).note,
                after.session.answer(q.id).note,
            )
            for q in bank.questions
            if old.get(q.id) != new.get(q.id) and q.id not in left_out
        ],
        blockers_raised=[b for b in blockers_after if b not in blockers_before],
        blockers_cleared=[b for b in blockers_before if b not in blockers_after],
        actions=action_progress(before.session, after.session, bank),
    )


def _bank_answers(bank: Bank, session: Session) -> Answers:
    # Only values the bank can score count as answers; a value no longer offered is like none.
    values = scored_answers(bank, session)
    answers: dict[str, AnswerValue] = {}
    for question in bank.questions:
        value = values.get(question.id)
        if value is None:
            continue
        usable = value == "unknown" or (value == "not_applicable" and question.not_applicable)
        if usable or (isinstance(value, int) and question.option(value) is not None):
            answers[question.id] = value
    return answers


def _banks(bank: Bank, sessions: Sequence[Session]) -> list[BankUse]:
    uses: dict[str, BankUse] = {}
    for session in sessions:
        ref = session.bank
        use = uses.setdefault(
            ref.content_hash,
            BankUse(
                ref.id, ref.version, ref.content_hash, [], ref.content_hash == bank.content_hash
            ),
        )
        use.session_ids.append(session.id)
    return list(uses.values())


def _position(question: Question, value: AnswerValue | None) -> int | None:
    if not isinstance(value, int):
        return None
    values = [option.value for option in question.options]
    return values.index(value) if value in values else None
