"""Sessions: one team's (or one member's) answers to a question bank, and their JSON form."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Annotated, Any, Final, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)
from pydantic_core import ErrorDetails

from cocreate_tui.domain.bank_models import Bank, ItemId, Lang, OptionValue, is_item_id
from cocreate_tui.domain.errors import PlanFullError, SessionFileError
from cocreate_tui.domain.phrases import Phrase, PhraseValueError, Words
from cocreate_tui.domain.problem_words import json_reason, validation_reason
from cocreate_tui.domain.session_ids import SESSION_ID_PATTERN
from cocreate_tui.domain.text_safety import NOTE_MAX, cleaned, cleaned_text

SCHEMA_VERSION: Final = 2
"""The version this app writes. Version 2 added `actions` (the team's action plan)."""
READABLE_VERSIONS: Final = (1, 2)
"""The versions this app reads. A version 1 file is read as version 2 with no actions, and
written as version 2 on its next save."""
MAX_REPORTED_ERRORS = 3
TEAM_MAX: Final = 120
"""The longest team name a session accepts."""

_FRIENDLY_MESSAGES: dict[tuple[str, str], str] = {
    ("extra_forbidden", ""): "session_unknown_field",
    ("string_pattern_mismatch", "id"): "session_id_pattern",
}
"""Words of a session's own for pydantic's errors, by error type and field (`""`: any field);
the rest are worded by `problem_words.validation_reason`."""

Mode = Literal["team", "individual"]
Phase = Literal["before_inviting", "after_first_meeting", "evaluation"]
Status = Literal["in_progress", "complete"]
AnswerValue = int | Literal["unknown", "not_applicable"]
"""What the scoring engine reads: an option value, `"unknown"` for «Vet ikke», or
`"not_applicable"` for «Gjelder ikke oss»."""

SessionId = Annotated[str, Field(pattern=SESSION_ID_PATTERN)]
"""A uuid4 in hex: 32 lower-case hex digits, also the session's file name."""

EARLIEST: Final = datetime(1970, 1, 1, tzinfo=UTC)
LATEST: Final = datetime(9000, 1, 1, tzinfo=UTC)


def _in_utc(moment: datetime) -> datetime:
    # A moment at the edge of the calendar (year 1 at +14:00, year 9999 at -14:00) cannot be
    # moved to UTC, and one far outside the app's lifetime breaks sorting and the index: both
    # are a damaged file, said in words, never a traceback.
    try:
        in_utc = moment.astimezone(UTC)
    except OverflowError:
        raise PhraseValueError(Phrase("session_moment_outside")) from None
    if not EARLIEST <= in_utc < LATEST:
        raise PhraseValueError(Phrase("session_moment_implausible", day=f"{in_utc:%Y-%m-%d}"))
    return in_utc


UtcDatetime = Annotated[
    AwareDatetime,
    # Timestamps arrive as ISO text from JSON, so they alone are parsed leniently.
    Field(strict=False),
    AfterValidator(_in_utc),
]
"""A timezone-aware moment, normalised to UTC."""

# Free text is cleaned as it comes in, from a file or a form (controls, bidi controls,
# zero-width characters, lone surrogates: see text_safety), before its length is checked.
# The BeforeValidator comes after the constraints: placed before them, pydantic drops them.
Team = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=TEAM_MAX),
    BeforeValidator(cleaned),
]
Detail = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=200), BeforeValidator(cleaned)
]
Note = Annotated[str, StringConstraints(max_length=NOTE_MAX), BeforeValidator(cleaned_text)]
"""A note: free text over several lines, at most `NOTE_MAX` characters."""

ActionStatus = Literal["not_started", "under_way", "done", "dropped"]
"""Where an action stands: not started, under way, done, or dropped (with a reason)."""
ACTION_STATUSES: Final[tuple[ActionStatus, ...]] = ("not_started", "under_way", "done", "dropped")
OPEN_ACTION_STATUSES: Final[tuple[ActionStatus, ...]] = ("not_started", "under_way")
"""Statuses of actions still to be done: these are carried into the next round."""
ACTION_TEXT_MAX = 500
ACTION_OWNER_MAX = 120
ACTION_REASON_MAX = 300
ACTIONS_MAX: Final = 250
"""The most actions one session's plan may hold. A real plan has a handful to a few dozen (the
shipped bank has 103 lessons, and a recommendation makes one action); the limit exists so that
a session is always small enough to be read again: with every note and action at its limit on
the shipped bank it stays under half of the 5 MB a session file may be
(tests/test_session_size.py computes that worst case)."""
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _iso_day(value: object) -> object:
    # Only a day written YYYY-MM-DD, or a date itself: pydantic's lax mode would also take a
    # number of seconds, which no one means as a due date.
    if isinstance(value, datetime):
        raise PhraseValueError(Phrase("session_day_not_moment"))
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise PhraseValueError(Phrase("session_day_not_in_calendar", day=value)) from None
    raise PhraseValueError(Phrase("problem_date"))


Day = Annotated[date, BeforeValidator(_iso_day)]
"""A calendar day, written `YYYY-MM-DD` in the file."""
ActionText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=ACTION_TEXT_MAX),
    BeforeValidator(cleaned_text),
]
ActionOwner = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=ACTION_OWNER_MAX),
    BeforeValidator(cleaned),
]
ActionReason = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=ACTION_REASON_MAX),
    BeforeValidator(cleaned_text),
]


class _Model(BaseModel):
    # Strict: the app writes these files itself, so a wrongly typed value means a damaged
    # or mis-edited file, not something to coerce. Unknown fields are refused rather than
    # silently dropped on the next save.
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class SessionMeta(_Model):
    """Who is answering, for which service, and at which point in the work."""

    team: Team
    """Name of the team or project, as the team wants to see it (1–120 characters)."""
    organisation: Detail = ""
    """The municipality, NAV office or other organisation."""
    service_area: Detail = ""
    """The service the team works on, e.g. `Flyktningtjenesten`."""
    respondent: Detail = ""
    """Who answers, in individual mode; empty when the team answers together."""
    role: Detail = ""
    """The respondent's role, e.g. `leder` or `veileder`."""
    mode: Mode = "team"
    """`team`: the team answers together; `individual`: one member answers alone."""
    phase: Phase = "before_inviting"
    """When the check is taken: before inviting citizens, after the first meeting, or as an
    evaluation; a facilitator compares the same team across phases."""


class Answer(_Model):
    """The answer to one question, with the team's note and flag."""

    value: OptionValue | None = None
    """The chosen option's value (0–4), or `None` when not answered or unknown."""
    unknown: bool = False
    """The team answered «Vet ikke»: unknown, which is not the same as zero."""
    not_applicable: bool = False
    """The team answered «Gjelder ikke oss»: neither unknown nor a score."""
    note: Note = ""
    """Free text the team wrote (at most `NOTE_MAX` characters); may hold sensitive
    information, so exports can leave it out."""
    flagged: bool = False
    """The team marked the question to come back to or discuss."""
    answered_at: UtcDatetime | None = None
    """When `value` or `unknown` was last set; `None` if never."""
    bank_version: Annotated[str, StringConstraints(min_length=1, max_length=32)] | None = None
    """The bank version the answer was given with, when newer than the session's bank (the
    team answered again after the questions changed); `None` otherwise."""

    @model_validator(mode="after")
    def _unknown_has_no_value(self) -> Answer:
        if self.unknown and self.value is not None:
            raise PhraseValueError(Phrase("session_unknown_with_value"))
        if self.not_applicable and (self.unknown or self.value is not None):
            raise PhraseValueError(Phrase("session_not_applicable_with_value"))
        return self

    @property
    def is_answered(self) -> bool:
        """Whether the question has a value or was answered «Vet ikke» or «Gjelder ikke oss»."""
        return self.value is not None or self.unknown or self.not_applicable

    @property
    def is_empty(self) -> bool:
        """Whether the answer holds nothing worth keeping."""
        return not self.is_answered and not self.note and not self.flagged


class Action(_Model):
    """Something the team will do about a recommendation: who does it, by when, and how it goes.

    Made from a lesson the results recommend («tiltak»), or written by the team itself.
    """

    id: SessionId
    """Unique id (uuid4 hex). Kept when the action is carried into the next round, so the
    same action can be followed from one session to the next."""
    lesson_id: ItemId | None = None
    """The lesson the action answers; `None` for an action the team wrote on its own."""
    question_ids: list[ItemId] = []
    """The questions whose answers the action is meant to improve (the recommendation's)."""
    text: ActionText
    """What the team will do, in its own words (1–500 characters); prefilled from the lesson."""
    owner: ActionOwner = ""
    """Who is responsible («ansvarlig»), or empty when no one is yet."""
    due: Day | None = None
    """The day it should be done by («frist»), or `None` when there is no deadline."""
    status: ActionStatus = "not_started"
    """`not_started`, `under_way`, `done` or `dropped`."""
    dropped_reason: ActionReason = ""
    """Why the action was dropped: required when `status` is `dropped`, empty otherwise."""
    carried_from: SessionId | None = None
    """The session of an earlier round the action was carried over from, if any."""
    created_at: UtcDatetime
    """When the action was made (UTC); kept when it is carried over."""
    updated_at: UtcDatetime
    """When the action last changed (UTC)."""

    @model_validator(mode="after")
    def _reason_when_dropped(self) -> Action:
        if self.status == "dropped" and not self.dropped_reason:
            raise PhraseValueError(Phrase("session_dropped_needs_reason"))
        if self.status != "dropped" and self.dropped_reason:
            raise PhraseValueError(Phrase("session_reason_only_dropped"))
        return self

    @property
    def is_open(self) -> bool:
        """Whether the action is still to be done (not started or under way)."""
        return self.status in OPEN_ACTION_STATUSES

    def updated(self, now: datetime | None = None, **changes: object) -> Action:
        """A validated copy with `changes`; leaving `dropped` clears the reason.

        Raises `ValidationError` when the result is not a valid action.
        """
        data = self.model_dump() | changes
        if data.get("status") != "dropped" and "dropped_reason" not in changes:
            data["dropped_reason"] = ""
        data["updated_at"] = _utc(now)
        return Action.model_validate(data)


def new_action(
    text: str,
    *,
    lesson_id: str | None = None,
    question_ids: Iterable[str] = (),
    owner: str = "",
    due: date | None = None,
    status: ActionStatus = "not_started",
    dropped_reason: str = "",
    now: datetime | None = None,
) -> Action:
    """A new action with a fresh id. Raises `ValidationError` when a field is not valid."""
    moment = _utc(now)
    return Action.model_validate(
        {
            "id": uuid.uuid4().hex,
            "lesson_id": lesson_id,
            "question_ids": list(question_ids),
            "text": text,
            "owner": owner,
            "due": due,
            "status": status,
            "dropped_reason": dropped_reason,
            "created_at": moment,
            "updated_at": moment,
        }
    )


class BankRef(_Model):
    """Which bank a session was made with, exactly."""

    id: ItemId
    """The bank's id."""
    version: Annotated[
        str, StringConstraints(min_length=1, max_length=32), BeforeValidator(cleaned)
    ]
    """The bank's version."""
    content_hash: Annotated[str, StringConstraints(min_length=1, max_length=128)]
    """The bank's content hash; when it differs from the current bank's, the bank has changed."""

    @classmethod
    def of(cls, bank: Bank) -> BankRef:
        """A reference to `bank`."""
        return cls(id=bank.info.id, version=bank.info.version, content_hash=bank.content_hash)


class Session(_Model):
    """One run of the readiness check: who answered, with which bank, and the answers."""

    schema_version: Literal[2] = SCHEMA_VERSION
    """Version of this file format; the app reads 1 and 2, writes 2, and refuses others."""
    id: SessionId
    """Unique id (uuid4 hex); also the file name."""
    meta: SessionMeta
    """Team, organisation, respondent, mode and phase."""
    bank: BankRef
    """The bank the session was made with."""
    answers: dict[ItemId, Answer] = {}
    """Answers by question id. Answers to questions the bank no longer has are kept."""
    status: Status = "in_progress"
    """`complete` once the team has finished and seen the result."""
    created_at: UtcDatetime
    """When the session was started (UTC)."""
    updated_at: UtcDatetime
    """When the session last changed (UTC)."""
    language: Lang = "nb"
    """The language the team works in."""
    actions: Annotated[list[Action], Field(max_length=ACTIONS_MAX)] = []
    """The team's action plan: what it will do about the recommendations, in the order the
    actions were made (at most `ACTIONS_MAX`). New in schema version 2."""

    @model_validator(mode="after")
    def _unique_action_ids(self) -> Session:
        ids = [action.id for action in self.actions]
        if len(set(ids)) != len(ids):
            raise PhraseValueError(Phrase("session_action_ids_twice"))
        return self

    def answer(self, question_id: str) -> Answer:
        """The answer to `question_id`; an empty answer if there is none."""
        return self.answers.get(question_id) or Answer()

    def with_answer(
        self,
        question_id: str,
        value: int | None = None,
        unknown: bool = False,
        now: datetime | None = None,
        not_applicable: bool = False,
        bank_version: str | None = None,
    ) -> Session:
        """A copy with `question_id` answered `value`, «Vet ikke» if `unknown`, or «Gjelder
        ikke oss» if `not_applicable`.

        With none, the answer is cleared. The note and flag are kept either way. `bank_version`
        is recorded when the answer is given with a bank newer than the session's.
        """
        moment = _utc(now)
        answered = value is not None or unknown or not_applicable
        newer = bank_version if bank_version != self.bank.version else None
        return self._with(
            question_id,
            moment,
            value=value,
            unknown=unknown,
            not_applicable=not_applicable,
            answered_at=moment if answered else None,
            bank_version=newer if answered else None,
        )

    def with_note(self, question_id: str, note: str, now: datetime | None = None) -> Session:
        """A copy with the note on `question_id` replaced by `note`."""
        return self._with(question_id, _utc(now), note=note)

    def with_flag(self, question_id: str, flagged: bool, now: datetime | None = None) -> Session:
        """A copy with `question_id` flagged (or not) to come back to."""
        return self._with(question_id, _utc(now), flagged=flagged)

    def with_status(self, status: Status, now: datetime | None = None) -> Session:
        """A copy with `status`."""
        return self.model_copy(update={"status": status, "updated_at": _utc(now)})

    def action(self, action_id: str) -> Action | None:
        """The action with `action_id`, if the session has it."""
        return next((action for action in self.actions if action.id == action_id), None)

    @property
    def plan_full(self) -> bool:
        """Whether the plan holds `ACTIONS_MAX` actions: no new one can be added."""
        return len(self.actions) >= ACTIONS_MAX

    def with_action(self, action: Action, now: datetime | None = None) -> Session:
        """A copy with `action` added, or replacing the action with the same id in its place.

        Raises `PlanFullError` when `action` is new and the plan is full (`ACTIONS_MAX`).
        """
        actions = list(self.actions)
        index = next((i for i, old in enumerate(actions) if old.id == action.id), None)
        if index is None:
            if self.plan_full:
                raise PlanFullError(Phrase("plan_full", most=ACTIONS_MAX))
            actions.append(action)
        else:
            actions[index] = action
        return self.model_copy(update={"actions": actions, "updated_at": _utc(now)})

    def without_action(self, action_id: str, now: datetime | None = None) -> Session:
        """A copy without the action `action_id` (unchanged apart from the time if absent)."""
        actions = [action for action in self.actions if action.id != action_id]
        return self.model_copy(update={"actions": actions, "updated_at": _utc(now)})

    def answer_values(self) -> dict[str, AnswerValue]:
        """Values of the answered questions, `"unknown"` for «Vet ikke», `"not_applicable"`
        for «Gjelder ikke oss»; what scoring reads."""
        values: dict[str, AnswerValue] = {}
        for question_id, answer in self.answers.items():
            if answer.unknown:
                values[question_id] = "unknown"
            elif answer.not_applicable:
                values[question_id] = "not_applicable"
            elif answer.value is not None:
                values[question_id] = answer.value
        return values

    def _with(self, question_id: str, now: datetime, **changes: object) -> Session:
        if not is_item_id(question_id):
            raise ValueError(f"not a question id: {question_id!r}")
        # Built anew rather than with model_copy, which would skip validation.
        answer = Answer.model_validate(self.answer(question_id).model_dump() | changes)
        answers = dict(self.answers)
        if answer.is_empty:
            answers.pop(question_id, None)
        else:
            answers[question_id] = answer
        return self.model_copy(update={"answers": answers, "updated_at": now})


def new_session(
    meta: SessionMeta, bank: Bank, now: datetime | None = None, language: Lang = "nb"
) -> Session:
    """A fresh, unanswered session for `meta` with `bank`."""
    moment = _utc(now)
    return Session(
        id=uuid.uuid4().hex,
        meta=meta,
        bank=BankRef.of(bank),
        created_at=moment,
        updated_at=moment,
        language=language,
    )


def orphaned_answers(session: Session, bank: Bank) -> list[str]:
    """Ids of answered (or noted) questions that `bank` no longer has, in session order."""
    known = {question.id for question in bank.questions}
    return [question_id for question_id in session.answers if question_id not in known]


def open_questions(session: Session, bank: Bank) -> list[str]:
    """Ids of `bank`'s questions with neither a value nor «Vet ikke», in bank order."""
    return [q.id for q in bank.questions if not session.answer(q.id).is_answered]


def bank_changed(session: Session, bank: Bank) -> bool:
    """Whether `bank` differs from the bank the session was made with."""
    return session.bank.content_hash != bank.content_hash


def session_to_json(session: Session) -> str:
    """The session as stable, readable JSON: fields in model order, ending with a newline."""
    return session.model_dump_json(indent=2) + "\n"


def session_from_json(text: str, source: str = "<text>") -> Session:
    """Parse and validate a session; raises `SessionFileError` naming `source` and the problem.

    No other exception escapes, whatever `text` holds.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise SessionFileError(source, json_reason(error)) from None
    except (ValueError, RecursionError):
        # Integers too long to convert, or nesting too deep to parse.
        raise SessionFileError(source, Phrase("file_reason_not_json_app")) from None
    if not isinstance(data, dict):
        raise SessionFileError(source, Phrase("file_reason_not_session", kind0=_json_kind(data)))
    version = _check_schema_version(data, source)
    if version == 1:
        data = _from_version_1(data, source)
    try:
        return Session.model_validate(data)
    except ValidationError as error:
        problems = _describe(error.errors(include_url=False))
        raise SessionFileError(source, Phrase("file_reason_format", problems)) from None


def _check_schema_version(data: dict[str, Any], source: str) -> int:
    *first, last = (str(version) for version in READABLE_VERSIONS)
    readable = Phrase("list_two", ", ".join(first), last) if first else last
    if "schema_version" not in data:
        raise SessionFileError(source, Phrase("file_reason_no_schema", readable))
    version = data["schema_version"]
    # `type(...) is int`, because True == 1 and 1.0 == 1 would pass an equality check.
    if type(version) is not int or version not in READABLE_VERSIONS:
        shown = version if type(version) is int else _json_kind(version)
        raise SessionFileError(source, Phrase("file_reason_bad_schema", shown, readable))
    return version


def _from_version_1(data: dict[str, Any], source: str) -> dict[str, Any]:
    # Version 1 is version 2 without actions; anything else stays as strict as before.
    if "actions" in data:
        raise SessionFileError(source, Phrase("session_actions_in_version_1"))
    return data | {"schema_version": SCHEMA_VERSION}


def _describe(errors: list[ErrorDetails]) -> list[Phrase]:
    problems = [_describe_one(error) for error in errors[:MAX_REPORTED_ERRORS]]
    if len(errors) > MAX_REPORTED_ERRORS:
        problems.append(Phrase("session_more_problems", count=len(errors) - MAX_REPORTED_ERRORS))
    return problems


def _describe_one(error: ErrorDetails) -> Phrase:
    loc = [_shown(part) for part in error["loc"]]
    if loc[-1:] == ["[key]"]:
        not_id = Phrase("session_not_question_id", key=loc[-2])
        return Phrase("problem_at_field", field=".".join(loc[:-2]), problem=not_id)
    field = ".".join(loc)
    key = _FRIENDLY_MESSAGES.get((error["type"], field), "")
    key = key or _FRIENDLY_MESSAGES.get((error["type"], ""), "")
    reason = Phrase(key) if key else validation_reason(error)
    return Phrase("problem_at_field", field=field, problem=reason) if field else reason


def _shown(part: str | int) -> str:
    # Keys come from the file: keep them short and free of terminal control characters.
    text = str(part)
    text = text if len(text) <= 40 else text[:40] + "…"
    return text if text.isprintable() else repr(text)


def _json_kind(value: object) -> Words:
    if isinstance(value, str):
        return json.dumps(value[:40])
    kinds: list[tuple[type, str]] = [
        (dict, "an object"),
        (list, "an array"),
        (bool, "true or false"),
        (int, "a number"),
        (float, "a number"),
    ]
    kind = next((kind for cls, kind in kinds if isinstance(value, cls)), "null")
    return Phrase(f"json_kind_{kind}")


def _utc(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("timestamps must be timezone-aware")
    return now.astimezone(UTC)
