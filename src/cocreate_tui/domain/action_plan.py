"""The team's action plan: overdue actions, sorting, the next round, and whether actions helped."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final, Literal

from .bank_models import Bank, Lang, LevelId, Question
from .scoring import AnswerValue, Recommendation
from .sessions import (
    ACTION_STATUSES,
    ACTION_TEXT_MAX,
    Action,
    Phase,
    Session,
    SessionMeta,
    new_action,
    new_session,
)

SortKey = Literal["due", "status"]
"""What the plan is sorted by: the due date, or the status."""
QuestionChange = Literal["better", "same", "worse", "unknown"]
"""How one answer moved between two rounds; `unknown` when either side has no known option."""
Outcome = Literal["all", "some", "none", "unknown"]
"""Whether the answers an action was meant to improve did improve: all of them, some, none, or
cannot tell (no answers to compare, or an action that names no questions)."""

STATUS_ORDER: Final = {status: index for index, status in enumerate(ACTION_STATUSES)}
NEXT_PHASE: Final[dict[Phase, Phase]] = {
    "before_inviting": "after_first_meeting",
    "after_first_meeting": "evaluation",
    "evaluation": "evaluation",
}
"""The phase a next round is most likely taken in, once the team was ready to go on."""


@dataclass(frozen=True)
class ActionCounts:
    """How many actions a plan has, and how they stand."""

    total: int
    open: int
    """Not started or under way."""
    overdue: int
    """Open, with a due date before today."""
    done: int
    dropped: int


@dataclass(frozen=True)
class QuestionProgress:
    """One answer an action was meant to improve, before and after."""

    question_id: str
    before: AnswerValue | None
    """The earlier answer: an option value, `"unknown"` for «Vet ikke», or None."""
    after: AnswerValue | None
    change: QuestionChange


@dataclass(frozen=True)
class ActionProgress:
    """An action of the earlier round, as it stands now, and what happened to its answers."""

    action: Action
    """The latest copy of the action: the later session's, if the action was carried there."""
    questions: list[QuestionProgress]
    outcome: Outcome
    carried: bool
    """Whether the later session has the action (it was carried over into that round)."""


DAY_FIRST = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", re.ASCII)
"""A day as Norwegians write it: 20.02.2027, or 20.2.2027."""


def parse_due(text: str) -> date | None:
    """A due date typed as `DD.MM.YYYY` (as Norwegian writes it; `D.M.YYYY` too) or as
    `YYYY-MM-DD` (as English shows it), in any language; None when `text` is blank.

    Raises ValueError when it is not a day written one of those ways.
    """
    text = text.strip()
    if not text:
        return None
    day_first = DAY_FIRST.fullmatch(text)
    if day_first is not None:
        day, month, year = (int(part) for part in day_first.groups())
        return date(year, month, day)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text, re.ASCII):
        raise ValueError(f"not a date written DD.MM.YYYY or YYYY-MM-DD: {text!r}")
    return date.fromisoformat(text)


def is_overdue(action: Action, today: date) -> bool:
    """Whether `action` is still open and its due date has passed."""
    return action.is_open and action.due is not None and action.due < today


def count_actions(actions: Iterable[Action], today: date) -> ActionCounts:
    """The counts of `actions`: total, open, overdue, done and dropped."""
    listed = list(actions)
    return ActionCounts(
        total=len(listed),
        open=sum(action.is_open for action in listed),
        overdue=sum(is_overdue(action, today) for action in listed),
        done=sum(action.status == "done" for action in listed),
        dropped=sum(action.status == "dropped" for action in listed),
    )


def sort_actions(actions: Iterable[Action], by: SortKey, today: date) -> list[Action]:
    """`actions` sorted by due date or by status; ties keep the order they were made in.

    By due date, open actions come first, soonest (most overdue) first and those without a
    date last, then the done and dropped ones: what is left to do leads the plan. By status:
    not started, under way, done, dropped, overdue first within each.
    """

    def due_key(action: Action) -> tuple[int, date]:
        return (0, action.due) if action.due is not None else (1, date.max)

    def key(action: Action) -> tuple[object, ...]:
        status = (STATUS_ORDER[action.status], not is_overdue(action, today))
        if by == "due":
            return (not action.is_open, due_key(action), *status)
        return (*status, due_key(action))

    return sorted(actions, key=key)


def action_from_recommendation(
    bank: Bank, recommendation: Recommendation, lang: Lang, now: datetime | None = None
) -> Action:
    """A new, not yet started action for `recommendation`, its text the lesson's advice."""
    lesson = bank.lesson(recommendation.lesson_id)
    return new_action(
        lesson.advice.get(lang)[:ACTION_TEXT_MAX],
        lesson_id=lesson.id,
        question_ids=recommendation.questions,
        now=now,
    )


def actions_for_lesson(session: Session, lesson_id: str) -> list[Action]:
    """The session's actions made from the lesson `lesson_id`, in the order they were made."""
    return [action for action in session.actions if action.lesson_id == lesson_id]


def next_phase(phase: Phase, level: LevelId) -> Phase:
    """The phase to offer first for the next round after a round at `phase` with `level`.

    A team that was not ready prepares internally and takes the check again before inviting,
    as Horten did (3.7): stop, get the home front in order, then start again. A team told to
    strengthen its weak areas first does the same.
    """
    return phase if level in ("not_ready", "strengthen") else NEXT_PHASE[phase]


def next_round_meta(meta: SessionMeta, phase: Phase) -> SessionMeta:
    """The same team, organisation, service and respondent, at `phase`."""
    return meta.model_copy(update={"phase": phase})


def carry_over(
    previous: Session,
    meta: SessionMeta,
    bank: Bank,
    now: datetime | None = None,
    language: Lang | None = None,
) -> Session:
    """The next round: a new, unanswered session for `meta` that starts from `previous`'s plan.

    Only open actions (not started or under way) are carried, with their id, text, owner, due
    date and status, and `carried_from` set to `previous`. Done and dropped actions stay in
    `previous` as its history, where a comparison of the two rounds still shows them: the new
    round's plan is what is left to do, not a record of everything ever planned.
    """
    session = new_session(meta, bank, now=now, language=language or previous.language)
    carried = [
        action.model_copy(update={"carried_from": previous.id})
        for action in previous.actions
        if action.is_open
    ]
    return session.model_copy(update={"actions": carried})


def action_progress(before: Session, after: Session, bank: Bank) -> list[ActionProgress]:
    """For each action of `before`, whether the answers it was meant to improve improved in
    `after`; its status is taken from `after` when the action was carried there.

    Answers are compared by their place among the question's options in `bank`.
    """
    old = before.answer_values()
    new = after.answer_values()
    progress = []
    for action in before.actions:
        latest = after.action(action.id)
        questions = [
            QuestionProgress(
                question_id,
                old.get(question_id),
                new.get(question_id),
                _change(bank.question(question_id), old.get(question_id), new.get(question_id)),
            )
            for question_id in action.question_ids
        ]
        progress.append(
            ActionProgress(
                action=latest or action,
                questions=questions,
                outcome=_outcome([q.change for q in questions]),
                carried=latest is not None,
            )
        )
    return progress


def progress_by_action(
    previous: Sequence[Session], current: Session, bank: Bank
) -> dict[str, ActionProgress]:
    """Progress of `current`'s carried actions against the sessions they came from, by id."""
    found: dict[str, ActionProgress] = {}
    for earlier in previous:
        for item in action_progress(earlier, current, bank):
            if item.carried and item.action.carried_from == earlier.id:
                found[item.action.id] = item
    return found


def _change(
    question: Question | None, before: AnswerValue | None, after: AnswerValue | None
) -> QuestionChange:
    start = _position(question, before)
    end = _position(question, after)
    if start is None or end is None:
        return "unknown"
    if end > start:
        return "better"
    return "same" if end == start else "worse"


def _outcome(changes: Sequence[QuestionChange]) -> Outcome:
    better = sum(change == "better" for change in changes)
    known = sum(change != "unknown" for change in changes)
    if better and better == len(changes):
        return "all"
    if better:
        return "some"
    return "none" if known else "unknown"


def _position(question: Question | None, value: AnswerValue | None) -> int | None:
    if question is None or not isinstance(value, int):
        return None
    values = [option.value for option in question.options]
    return values.index(value) if value in values else None
