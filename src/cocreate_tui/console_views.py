"""Readable terminal output of a bank and of an assessment, drawn with rich."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .domain.bank_models import Bank, Lang
from .domain.scoring import AnswerValue, Assessment
from .i18n import t

BAR_WIDTH = 20


def score_bar(score: float | None, width: int = BAR_WIDTH) -> str:
    """A text bar with the number beside it, so meaning never rests on colour alone."""
    if score is None:
        return "·" * width
    filled = round(score / 100 * width)
    return "█" * filled + "░" * (width - filled) + f" {score:5.1f}"


def render_bank(bank: Bank, lang: Lang, console: Console | None = None) -> None:
    """Print the bank's dimensions, lessons and questions as tables."""
    console = console or Console()
    console.print(f"[b]{bank.info.title.get(lang)}[/b]  {bank.info.id} {bank.info.version}")
    console.print(bank.info.source)
    dims = Table(title=t("dimensions", lang))
    for column in ("id", t("dimension", lang), t("questions", lang)):
        dims.add_column(column)
    for d in bank.dimensions:
        dims.add_row(d.id, d.name.get(lang), str(len(bank.questions_in(d.id))))
    console.print(dims)
    lessons = Table(title=t("lessons", lang))
    for column in ("id", t("kind", lang), t("section", lang), t("lessons", lang)):
        lessons.add_column(column)
    for lesson in bank.lessons:
        kind = t("blocker", lang) if lesson.kind == "blocker" else t("advice", lang)
        lessons.add_row(lesson.id, kind, lesson.section, lesson.title.get(lang))
    console.print(lessons)
    questions = Table(title=t("questions", lang))
    for column in ("id", t("dimension", lang), t("questions", lang)):
        questions.add_column(column)
    for q in bank.questions:
        questions.add_row(q.id, q.dimension, q.text.get(lang))
    console.print(questions)


def _answered(bank: Bank, question_id: str, answers: Mapping[str, AnswerValue], lang: Lang) -> str:
    """A question and the answer given, as the team would recognise them."""
    question = bank.question(question_id)
    if question is None:
        return question_id
    value = answers.get(question_id)
    option = question.option(value) if isinstance(value, int) else None
    chosen = option.label.get(lang) if option else t("unknown", lang)
    return f"{question.text.get(lang)} «{chosen}»"


def render_assessment(
    bank: Bank,
    assessment: Assessment,
    lang: Lang,
    answers: Mapping[str, AnswerValue] | None = None,
    notes: Mapping[str, str] | None = None,
    console: Console | None = None,
) -> None:
    """Print the verdict: level, scores, blockers, recommendations, ambition, unknowns, notes."""
    console = console or Console()
    level = getattr(bank.policy.levels, assessment.level)
    console.print(f"[b]{t('level', lang)}: {escape(level.label.get(lang))}[/b]")
    console.print(level.summary.get(lang), markup=False)
    if assessment.undetermined_reason:
        console.print(t(f"undetermined_{assessment.undetermined_reason}", lang))
    overall = "–" if assessment.overall is None else f"{assessment.overall:.0f}/100"
    console.print(
        f"{t('overall', lang)}: {overall}   {t('coverage', lang)}: {assessment.coverage:.0%}"
    )
    table = Table(show_header=True)
    table.add_column(t("dimension", lang))
    table.add_column(t("score", lang))
    table.add_column(t("coverage", lang), justify="right")
    for dim in bank.dimensions:
        result = assessment.dimensions[dim.id]
        table.add_row(
            dim.name.get(lang), score_bar(result.score), f"{result.answered}/{result.total}"
        )
    console.print(table)
    if assessment.recommendations:
        console.print(f"\n[b]{t('recommendations_heading', lang)}[/b]")
    for index, rec in enumerate(assessment.recommendations, start=1):
        lesson = bank.lesson(rec.lesson_id)
        mark = escape(f"[{t('blocker', lang)}] ") if rec.blocker else ""
        console.print(
            f"{index}. {mark}[b]{escape(lesson.title.get(lang))}[/b] ({escape(lesson.section)})"
        )
        console.print(f"   {lesson.advice.get(lang)}", markup=False)
        quoted = lesson.quote if lesson.quote.startswith("«") else f"«{lesson.quote}»"
        console.print(f"   {quoted}", markup=False)
        console.print(f"   {t('because_of', lang)}:")
        for question_id in rec.questions:
            console.print(f"   – {_answered(bank, question_id, answers or {}, lang)}", markup=False)
    console.print(f"\n[b]{t('ambition_heading', lang)}[/b]")
    ambition_name = getattr(bank.policy.ambition, assessment.ambition.level).get(lang)
    console.print(f"{t('ambition', lang)}: {ambition_name}", markup=False)
    for advice in assessment.ambition.advice:
        console.print(f"- {advice.text_nb if lang == 'nb' else advice.text_en}", markup=False)
    if assessment.unknown:
        console.print(f"\n[b]{t('clarify_heading', lang)}[/b]")
        for question_id in assessment.unknown:
            question = bank.question(question_id)
            console.print(f"- {question.text.get(lang) if question else question_id}", markup=False)
    if assessment.ignored:
        console.print(f"\n{t('ignored_answers', lang)}: {', '.join(assessment.ignored)}")
    if notes:
        console.print(f"\n[b]{t('notes_heading', lang)}[/b]")
        for question_id, note in notes.items():
            console.print(f"- {question_id}: {note}", markup=False)
