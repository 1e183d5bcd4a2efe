"""A team round: members answer alone, the answers are revealed at once, and the team agrees."""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Final, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)

from .agreement import AreaAgreement, QuestionAgreement, area_agreement, question_agreement
from .bank_models import Bank, ItemId, OptionValue, Question
from .errors import CocreateError
from .phrases import Phrase, PhraseValueError
from .problem_words import validation_problem
from .scoring import NOT_APPLICABLE, UNKNOWN, AnswerValue, Assessment, assess
from .sessions import (
    Session,
    SessionId,
    SessionMeta,
    Status,
    Team,
    UtcDatetime,
    new_session,
    open_questions,
)

ROUND_SCHEMA_VERSION: Final = 1
CODE_ALPHABET: Final = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""Letters and digits no one mistakes for one another when read aloud or off a projector:
no 0/O, no 1/I/L."""
CODE_LENGTH: Final = 6

RoundState = Literal["answering", "revealed", "agreed"]
Vote = int | Literal["unknown", "not_applicable"] | None
"""One member's answer to one question: an option value, «Vet ikke», «Gjelder ikke oss», or
None when the member has not answered."""


def _printable(name: str) -> str:
    # Names are shown on other people's terminals: no control characters that could move the
    # cursor or recolour the screen.
    if not name.isprintable():
        raise PhraseValueError(Phrase("round_name_printable"))
    return name


MemberName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=60),
    AfterValidator(_printable),
]
JoinCode = Annotated[str, Field(pattern=f"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")]
Why = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]
DeviceDigest = Annotated[str, Field(pattern="^[0-9a-f]{64}$")]
MemberSessions = Mapping[str, Session]
"""The members' own sessions by member name, as read from the data folder."""


class RoundError(CocreateError):
    """A round that does not exist, or a step the round's state does not allow."""


class _Model(BaseModel):
    # As strict as a session file: the app writes these itself.
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class RoundMember(_Model):
    """One member of the round, and their own individual session."""

    name: MemberName
    session_id: SessionId
    joined_at: UtcDatetime
    device: DeviceDigest | None = None
    """For a member who joined from a browser: a digest of that browser's own key, so that
    no one else can open this member's answers by typing their name."""


class EarlierVote(_Model):
    """The votes on a question before the team asked to vote on it again."""

    votes: dict[str, Vote]
    """Every member's vote, by member name, as it stood."""
    replaced_at: UtcDatetime
    """When the re-vote was asked for."""


class AgreedAnswer(_Model):
    """The answer the team agreed on for one question, and optionally why."""

    value: OptionValue | None = None
    unknown: bool = False
    not_applicable: bool = False
    """«Gjelder ikke oss»: the question does not apply to this team (where the bank allows it)."""
    why: Why = ""
    agreed_at: UtcDatetime

    @property
    def answer(self) -> AnswerValue | None:
        """The agreed answer as scoring reads it: a value, «Vet ikke» or «Gjelder ikke oss»."""
        if self.unknown:
            return UNKNOWN
        if self.not_applicable:
            return NOT_APPLICABLE
        return self.value


class BankStamp(_Model):
    """Which bank the round is answered with."""

    id: ItemId
    version: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    content_hash: Annotated[str, StringConstraints(min_length=1, max_length=128)]


class TeamRound(_Model):
    """The round file: who takes part, where the round stands, and what the team agreed."""

    schema_version: Literal[1] = ROUND_SCHEMA_VERSION
    code: JoinCode
    team: Team
    bank: BankStamp
    created_at: UtcDatetime
    updated_at: UtcDatetime
    state: RoundState = "answering"
    show_names: bool = True
    """Whether the spread shows who answered what (the team chooses)."""
    members: list[RoundMember] = []
    revealed_at: UtcDatetime | None = None
    votes: dict[ItemId, dict[str, Vote]] = {}
    """Each question's votes by member name, taken at the reveal (and after each re-vote);
    empty before the reveal, so nothing can show an answer early."""
    reopened: dict[ItemId, UtcDatetime] = {}
    """Questions being voted on again, since when; their votes are hidden until all re-vote."""
    history: dict[ItemId, list[EarlierVote]] = {}
    """Earlier votes of re-voted questions, oldest first."""
    agreed: dict[ItemId, AgreedAnswer] = {}
    agreed_session_id: SessionId | None = None
    """The team session made from the agreed answers, once the round is agreed."""

    def member(self, name: str) -> RoundMember | None:
        """The member called `name` (case and surrounding spaces ignored), if any."""
        wanted = name.strip().casefold()
        return next((m for m in self.members if m.name.casefold() == wanted), None)


def new_join_code() -> str:
    """A fresh random join code (31^6 ≈ 890 million codes)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """`text` as a join code (spaces and case ignored); raises `RoundError` if it cannot be one."""
    code = "".join(text.split()).upper()
    if len(code) != CODE_LENGTH or any(char not in CODE_ALPHABET for char in code):
        raise RoundError(
            Phrase("round_not_a_code", code=repr(text.strip()[:20]), length=CODE_LENGTH)
        )
    return code


def new_round(team: str, bank: Bank, code: str, now: datetime) -> TeamRound:
    """A round for `team` with no members yet. Raises `RoundError` for a blank team name."""
    try:
        return TeamRound(
            code=code,
            team=team,
            bank=BankStamp(
                id=bank.info.id, version=bank.info.version, content_hash=bank.content_hash
            ),
            created_at=now,
            updated_at=now,
        )
    except ValidationError as error:
        raise RoundError(Phrase("round_cannot_start", _first_problem(error))) from None


def member_meta(team_round: TeamRound, name: str) -> SessionMeta:
    """The meta of a member's individual session."""
    return SessionMeta(team=team_round.team, respondent=name.strip(), mode="individual")


def with_member(
    team_round: TeamRound, name: str, session_id: str, now: datetime, device: str | None = None
) -> TeamRound:
    """The round with `name` joined; raises `RoundError` for a blank or taken name."""
    if team_round.member(name) is not None:
        raise RoundError(already_joined(name.strip(), team_round.code))
    try:
        member = RoundMember(name=name, session_id=session_id, joined_at=now, device=device)
    except ValidationError as error:
        raise RoundError(Phrase("round_cannot_join", _first_problem(error))) from None
    return team_round.model_copy(
        update={"members": [*team_round.members, member], "updated_at": now}
    )


def member_vote(session: Session, question: Question, since: datetime | None = None) -> Vote:
    """What `session` answers to `question`; an answer older than `since` counts as none."""
    answer = session.answer(question.id)
    if since is not None and (answer.answered_at is None or answer.answered_at < since):
        return None
    if answer.not_applicable and question.not_applicable:
        return NOT_APPLICABLE
    if answer.unknown:
        return UNKNOWN
    if answer.value is not None and question.option(answer.value) is not None:
        return answer.value
    return None


def revote_waiting(team_round: TeamRound, bank: Bank, session: Session) -> str | None:
    """The first question the team asked to vote on again that `session` has not answered
    again yet, or None."""
    for question_id, since in team_round.reopened.items():
        question = bank.question(question_id)
        if question is not None and member_vote(session, question, since) is None:
            return question_id
    return None


@dataclass(frozen=True)
class MemberProgress:
    """How far one member has come: counts only, never answers."""

    name: str
    answered: int
    total: int
    missing_session: bool = False
    """The member's session file cannot be found or read."""

    @property
    def done(self) -> bool:
        """The member has answered every question."""
        return self.answered >= self.total and not self.missing_session


def progress(
    team_round: TeamRound, bank: Bank, sessions: dict[str, Session]
) -> list[MemberProgress]:
    """Each member's count of answered questions, in joining order.

    A question being voted on again counts once answered again.
    """
    total = len(bank.questions)
    result = []
    for member in team_round.members:
        session = sessions.get(member.name)
        if session is None:
            result.append(MemberProgress(member.name, 0, total, missing_session=True))
            continue
        answered = sum(
            member_vote(session, q, team_round.reopened.get(q.id)) is not None
            for q in bank.questions
        )
        result.append(MemberProgress(member.name, answered, total))
    return result


def hides_until_reveal(team_round: TeamRound, session_id: str) -> bool:
    """Whether `session_id` is a member's own session in `team_round` while it is still
    answering: until the facilitator reveals the answers, no one else may see it."""
    return team_round.state == "answering" and any(
        member.session_id == session_id for member in team_round.members
    )


def already_joined(name: str, code: str) -> Phrase:
    """«Kari har allerede blitt med i runde ABC234»."""
    return Phrase("round_already_joined", name=name, code=code)


def state_words(state: RoundState) -> Phrase:
    """Where a round stands, in words: «svarer», «vist», «enige»."""
    return Phrase(f"round_state_{state}")


def _require(team_round: TeamRound, *states: RoundState) -> None:
    if team_round.state not in states:
        wanted = [state_words(state) for state in states]
        raise RoundError(
            Phrase(
                "round_wrong_state",
                code=team_round.code,
                state=state_words(team_round.state),
                wanted=wanted,
            )
        )


def reveal(
    team_round: TeamRound, bank: Bank, sessions: dict[str, Session], now: datetime
) -> TeamRound:
    """The round with every member's answers taken and shown at once."""
    _require(team_round, "answering")
    if not team_round.members:
        raise RoundError(Phrase("round_no_one_joined", code=team_round.code))
    votes = {
        q.id: {m.name: _vote_of(sessions.get(m.name), q) for m in team_round.members}
        for q in bank.questions
    }
    return team_round.model_copy(
        update={"state": "revealed", "revealed_at": now, "votes": votes, "updated_at": now}
    )


def _vote_of(session: Session | None, question: Question, since: datetime | None = None) -> Vote:
    return member_vote(session, question, since) if session is not None else None


def revote(team_round: TeamRound, question_id: str, now: datetime) -> TeamRound:
    """The round with `question_id` open to vote on again; its votes go into the history."""
    _require(team_round, "revealed")
    if question_id not in team_round.votes:
        raise RoundError(Phrase("round_no_question", code=team_round.code, id=question_id))
    if question_id in team_round.reopened:
        return team_round
    earlier = EarlierVote(votes=team_round.votes[question_id], replaced_at=now)
    history = dict(team_round.history)
    history[question_id] = [*history.get(question_id, []), earlier]
    agreed = {k: v for k, v in team_round.agreed.items() if k != question_id}
    reopened = team_round.reopened | {question_id: now}
    return team_round.model_copy(
        update={"history": history, "reopened": reopened, "agreed": agreed, "updated_at": now}
    )


def collect_revotes(
    team_round: TeamRound, bank: Bank, sessions: dict[str, Session], now: datetime
) -> TeamRound:
    """The round with each re-voted question closed once every member has answered it again.

    Returns `team_round` itself when nothing is ready, so a caller can skip the write.
    """
    votes = dict(team_round.votes)
    reopened = dict(team_round.reopened)
    for question_id, since in team_round.reopened.items():
        question = bank.question(question_id)
        if question is None:
            continue
        new = {m.name: _vote_of(sessions.get(m.name), question, since) for m in team_round.members}
        if all(vote is not None for vote in new.values()):
            votes[question_id] = new
            del reopened[question_id]
    if reopened == team_round.reopened:
        return team_round
    return team_round.model_copy(update={"votes": votes, "reopened": reopened, "updated_at": now})


def agree(
    team_round: TeamRound,
    bank: Bank,
    question_id: str,
    value: AnswerValue,
    why: str,
    now: datetime,
) -> TeamRound:
    """The round with the team's agreed answer to `question_id` recorded (replacing any)."""
    _require(team_round, "revealed")
    question = bank.question(question_id)
    if question is None:
        raise RoundError(Phrase("round_bank_no_question", id=question_id))
    if question_id in team_round.reopened:
        raise RoundError(Phrase("round_being_revoted", id=question_id))
    if value == NOT_APPLICABLE and not question.not_applicable:
        raise RoundError(Phrase("round_no_not_applicable", id=question_id))
    if isinstance(value, int) and question.option(value) is None:
        offered = ", ".join(str(option.value) for option in question.options)
        raise RoundError(
            Phrase("round_not_an_option", id=question_id, value=value, offered=offered)
        )
    try:
        answer = AgreedAnswer(
            value=value if isinstance(value, int) else None,
            unknown=value == UNKNOWN,
            not_applicable=value == NOT_APPLICABLE,
            why=why,
            agreed_at=now,
        )
    except ValidationError as error:
        raise RoundError(
            Phrase("file_problem", source=question_id, reason=_first_problem(error))
        ) from None
    return team_round.model_copy(
        update={"agreed": team_round.agreed | {question_id: answer}, "updated_at": now}
    )


def agree_unanimous(team_round: TeamRound, bank: Bank, now: datetime) -> TeamRound:
    """The round with every not yet agreed question where all known votes match agreed."""
    _require(team_round, "revealed")
    for spread in reveal_view(team_round, bank):
        if spread.agreed is not None or spread.pending is not None:
            continue
        votes = set(spread.votes.values())
        if spread.agreement.unanimous:
            value: AnswerValue = next(v for v in votes if isinstance(v, int))
        elif votes == {NOT_APPLICABLE}:
            value = NOT_APPLICABLE  # everyone says it does not apply to the team
        else:
            continue
        team_round = agree(team_round, bank, spread.question_id, value, "", now)
    return team_round


def with_names_shown(team_round: TeamRound, shown: bool, now: datetime) -> TeamRound:
    """The round with names in the spread shown or hidden."""
    return team_round.model_copy(update={"show_names": shown, "updated_at": now})


@dataclass(frozen=True)
class QuestionSpread:
    """One question after the reveal: who chose what, how far the team agrees, and the outcome."""

    question_id: str
    dimension: str
    votes: dict[str, Vote]
    """By member name; empty while the question is being voted on again."""
    counts: dict[int, int]
    """How many chose each option, every option in order (zeros included)."""
    names: dict[int, list[str]]
    """Who chose each option."""
    unknown: int
    not_applicable: int
    unanswered: int
    agreement: QuestionAgreement
    blocker: bool
    """Some member's answer raises a blocker: talk about it first."""
    pending: int | None
    """While voted on again: how many members have still to vote (every member when their
    sessions were not given to `reveal_view`); otherwise None."""
    revotes: int
    """How many times the team has voted on it again."""
    agreed: AgreedAnswer | None


def reveal_view(
    team_round: TeamRound, bank: Bank, sessions: MemberSessions | None = None
) -> list[QuestionSpread]:
    """Every question's spread and agreement, those to talk about first at the top.

    Questions being voted on again come first, then blockers raised by any member, then the
    least agreement. With the members' `sessions`, a question being voted on again counts who
    has still to vote. Raises `RoundError` before the reveal: nothing of anyone's answers
    leaves the round before it.
    """
    _require(team_round, "revealed", "agreed")
    spreads = [_spread(team_round, q, sessions) for q in bank.questions]
    position = {q.id: i for i, q in enumerate(bank.questions)}
    return sorted(spreads, key=lambda s: (_talk_order(s), position[s.question_id]))


def _talk_order(spread: QuestionSpread) -> tuple[int, float, int]:
    # A question being voted on again is the one on the table, so it stays at the top.
    figure = spread.agreement.rwg
    return (
        0 if spread.pending is not None else 1 if spread.blocker else 2,
        figure if figure is not None else 2.0,
        -(spread.agreement.spread or 0),
    )


def _still_to_vote(
    team_round: TeamRound, question: Question, since: datetime, sessions: MemberSessions
) -> int:
    # Only whether each has voted again is counted: the new votes stay hidden until all have.
    return sum(_vote_of(sessions.get(m.name), question, since) is None for m in team_round.members)


def _spread(
    team_round: TeamRound, question: Question, sessions: MemberSessions | None
) -> QuestionSpread:
    pending_since = team_round.reopened.get(question.id)
    pending = None
    if pending_since is not None:
        pending = (
            len(team_round.members)
            if sessions is None
            else _still_to_vote(team_round, question, pending_since, sessions)
        )
    votes = {} if pending_since is not None else team_round.votes.get(question.id, {})
    values = [option.value for option in question.options]
    known = [v for v in votes.values() if isinstance(v, int) and v in values]
    names = {value: [n for n, v in votes.items() if v == value] for value in values}
    raises = any(
        isinstance(v, int) and v <= rule.at_most for v in known for rule in question.blockers
    )
    return QuestionSpread(
        question_id=question.id,
        dimension=question.dimension,
        votes=votes,
        counts={value: len(names[value]) for value in values},
        names=names,
        unknown=sum(v == UNKNOWN for v in votes.values()),
        not_applicable=sum(v == NOT_APPLICABLE for v in votes.values()),
        unanswered=sum(v is None for v in votes.values()),
        agreement=question_agreement([values.index(v) for v in known], len(values)),
        blocker=raises,
        pending=pending,
        revotes=len(team_round.history.get(question.id, [])),
        agreed=team_round.agreed.get(question.id),
    )


def area_view(team_round: TeamRound, bank: Bank) -> dict[str, AreaAgreement]:
    """r_wg(J) per area, from the votes shown (questions being voted on again left out)."""
    _require(team_round, "revealed", "agreed")
    spreads = {s.question_id: s for s in reveal_view(team_round, bank)}
    areas = {}
    for dimension in bank.dimensions:
        items = []
        for question in bank.questions_in(dimension.id):
            spread = spreads[question.id]
            values = [option.value for option in question.options]
            chosen = {n: v for n, v in spread.votes.items() if isinstance(v, int) and v in values}
            positions = [values.index(v) for v in chosen.values()]
            items.append((positions, len(values), frozenset(chosen)))
        areas[dimension.id] = area_agreement(items)
    return areas


def agreed_session(team_round: TeamRound, bank: Bank, now: datetime) -> Session:
    """The agreed answers as a team session: the answers exactly as recorded, «why» as the note,
    and the questions the team stayed split on flagged."""
    meta = SessionMeta(team=team_round.team, mode="team")
    session = new_session(meta, bank, now=now)
    split = set(split_questions(team_round, bank))
    for question_id, answer in team_round.agreed.items():
        session = session.with_answer(
            question_id,
            value=answer.value,
            unknown=answer.unknown,
            not_applicable=answer.not_applicable,
            now=now,
        )
        if answer.why:
            session = session.with_note(question_id, answer.why, now=now)
    for question_id in split:
        session = session.with_flag(question_id, True, now=now)
    status: Status = "in_progress" if open_questions(session, bank) else "complete"
    return session.with_status(status, now=now)


def finish(team_round: TeamRound, bank: Bank, now: datetime) -> tuple[TeamRound, Session]:
    """The round marked agreed, and the team session to save. Raises `RoundError` when nothing
    is agreed yet or a question is still being voted on again."""
    _require(team_round, "revealed")
    if not team_round.agreed:
        raise RoundError(Phrase("round_nothing_agreed", code=team_round.code))
    if team_round.reopened:
        waiting = ", ".join(sorted(team_round.reopened))
        raise RoundError(Phrase("round_still_revoting", ids=waiting))
    session = agreed_session(team_round, bank, now)
    done = team_round.model_copy(
        update={"state": "agreed", "agreed_session_id": session.id, "updated_at": now}
    )
    return done, session


def split_questions(team_round: TeamRound, bank: Bank) -> list[str]:
    """Questions where the team's latest votes stay split, in talking order."""
    return [s.question_id for s in reveal_view(team_round, bank) if s.agreement.split]


@dataclass(frozen=True)
class RoundResult:
    """The verdict of the agreed answers, the agreement per area, and where the team is split."""

    assessment: Assessment
    areas: dict[str, AreaAgreement]
    split: list[str]
    not_agreed: list[str]
    """Questions with no agreed answer (they count as unanswered in the verdict)."""


def round_result(team_round: TeamRound, bank: Bank) -> RoundResult:
    """The round's result, scored by the same engine as any session."""
    answers: dict[str, AnswerValue] = {}
    for question_id, agreed in team_round.agreed.items():
        if agreed.answer is not None:
            answers[question_id] = agreed.answer
    return RoundResult(
        assessment=assess(bank, answers),
        areas=area_view(team_round, bank),
        split=split_questions(team_round, bank),
        not_agreed=[q.id for q in bank.questions if q.id not in team_round.agreed],
    )


def round_to_json(team_round: TeamRound) -> str:
    """The round file's text."""
    return team_round.model_dump_json(indent=2) + "\n"


def round_from_json(text: str, source: str) -> TeamRound:
    """Parse a round file; raises `RoundError` naming `source` and the problem."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise RoundError(Phrase("round_not_a_file_json", source=source)) from None
    try:
        return TeamRound.model_validate(data)
    except ValidationError as error:
        raise RoundError(
            Phrase("round_not_a_file", source=source, problem=_first_problem(error))
        ) from None


def _first_problem(error: ValidationError) -> Phrase:
    return validation_problem(error.errors(include_url=False)[0])
