"""Small helpers every export format shares: notes removed, answers and levels in words."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from ...i18n import t
from ..bank_models import Bank, Lang, Lesson, LevelId
from ..compare import ComparisonStep
from ..human_format import local_day, local_time
from ..scoring import NOT_APPLICABLE, UNKNOWN, AnswerValue
from ..sessions import Answer, Session


def without_notes(session: Session) -> Session:
    """A copy of `session` with every note removed; answers left holding nothing are dropped."""
    answers: dict[str, Answer] = {}
    for question_id, answer in session.answers.items():
        stripped = answer.model_copy(update={"note": ""})
        if not stripped.is_empty:
            answers[question_id] = stripped
    # Validated anew rather than copied, so the result is a session like any other.
    return Session.model_validate(session.model_dump() | {"answers": answers})


def answer_words(bank: Bank, question_id: str, value: AnswerValue | None, lang: Lang) -> str:
    """An answer as the team saw it: the option's label, «Vet ikke», «Gjelder ikke oss» or
    «Ikke besvart»."""
    if value is None:
        return t("not_answered", lang)
    if value == UNKNOWN:
        return t("unknown", lang)
    if value == NOT_APPLICABLE:
        return t("not_applicable", lang)
    question = bank.question(question_id)
    option = question.option(value) if question is not None else None
    return option.label.get(lang) if option is not None else str(value)


def question_words(bank: Bank, question_id: str, lang: Lang) -> str:
    """The question's text, or its id when the bank no longer has it."""
    question = bank.question(question_id)
    return question.text.get(lang) if question is not None else question_id


def dimension_words(bank: Bank, dimension_id: str, lang: Lang) -> str:
    """The dimension's name."""
    return bank.dimension(dimension_id).name.get(lang)


def level_words(bank: Bank, level: LevelId, lang: Lang) -> str:
    """The verdict level's label."""
    return str(getattr(bank.policy.levels, level).label.get(lang))


def level_summary(bank: Bank, level: LevelId, lang: Lang) -> str:
    """What the verdict level means and what to do next."""
    return str(getattr(bank.policy.levels, level).summary.get(lang))


def score_words(score: float | None) -> str:
    """A score rounded to a whole number, or a dash when there is none."""
    return "–" if score is None else f"{score:.0f}"


def delta_words(delta: float | None) -> str:
    """A signed change, e.g. `+12` or `−5`, or a dash when it cannot be computed."""
    if delta is None:
        return "–"
    rounded = round(delta)
    if rounded == 0:
        return "0"
    # A true minus sign reads better in print than a hyphen.
    return f"+{rounded}" if rounded > 0 else f"−{-rounded}"


def section_words(lesson: Lesson, lang: Lang) -> str:
    """Where in the report a lesson rests: «Kapittel 3.7», or «Appendiks 1 – …» as it is."""
    # "Kapittel Appendiks 1" would be wrong; only numbered sections take the word.
    section = lesson.section
    return f"{t('section', lang)} {section}" if section[:1].isdigit() else section


def day(moment: datetime, lang: Lang) -> str:
    """A moment as the reader's language writes it, in local time: `01.03.2024 10:00`."""
    return local_time(moment, lang)


def meta_rows(session: Session, lang: Lang) -> list[tuple[str, str]]:
    """The session's metadata as (label, value) rows; empty fields left out."""
    meta = session.meta
    rows = [
        (t("team", lang), meta.team),
        (t("organisation", lang), meta.organisation),
        (t("service_area", lang), meta.service_area),
        (t("respondent", lang), meta.respondent),
        (t("role", lang), meta.role),
        (t("mode", lang), t(f"mode_{meta.mode}", lang)),
        (t("phase", lang), t(f"phase_{meta.phase}", lang)),
        (t("status", lang), t(f"status_{session.status}", lang)),
        (t("created", lang), day(session.created_at, lang)),
        (t("updated", lang), day(session.updated_at, lang)),
        (t("bank_used", lang), f"{session.bank.id} {session.bank.version}"),
        (t("session", lang), session.id),
    ]
    return [(label, value) for label, value in rows if value]


def session_label(session: Session, lang: Lang) -> str:
    """A short name for a session in a comparison: date and phase."""
    phase = t(f"phase_{session.meta.phase}", lang).lower()
    return f"{local_day(session.created_at, lang)} ({phase})"


DISAGREEMENT_QUOTE = (
    "Det er dumt å møte innbyggere i samskaping når man ikke står samlet i egen organisasjon."
)
"""Why disagreements matter, verbatim from the report."""
DISAGREEMENT_SECTION = "Appendiks 1 – Forberedelsesfasen"


def changed_answer_table(
    bank: Bank,
    step: ComparisonStep,
    lang: Lang,
    include_notes: bool,
    escape: Callable[[str], str],
) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a step's changed answers, each cell escaped for the target format."""
    header = [t("questions", lang), t("before", lang), t("after", lang)]
    header += [t("note", lang)] if include_notes else []
    rows = []
    for change in step.changed_answers:
        row = [
            escape(question_words(bank, change.question_id, lang)),
            escape(answer_words(bank, change.question_id, change.before, lang)),
            escape(answer_words(bank, change.question_id, change.after, lang)),
        ]
        if include_notes:
            row.append(escape(change.note_after))
        rows.append(row)
    return header, rows


def level_change_words(step: ComparisonStep, lang: Lang) -> str:
    """Whether the verdict is the same, better or weaker (or only changed, when either side is
    undetermined), in the order not_ready < strengthen < thin < thick."""
    if not step.level_changed:
        return t("level_unchanged", lang)
    direction = step.level_direction
    return t(f"level_{direction}" if direction in ("better", "worse") else "level_changed", lang)
