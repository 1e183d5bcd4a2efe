"""Readable terminal output of a bank and of an assessment, drawn with rich."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Console
from rich.table import Table

from .domain.bank_models import AnswerCondition, Bank, Lang
from .domain.drift import Drift
from .domain.human_format import number
from .domain.scoring import AnswerValue, Assessment, top_recommendations
from .domain.text_safety import escape_markup
from .domain.verdict_words import (
    area_note,
    clarify_first,
    drift_line,
    figures_line,
    law_lines,
    lesson_quote,
    reason_lines,
    stop_line,
)
from .i18n import t

BAR_WIDTH = 20


def score_bar(score: float | None, width: int = BAR_WIDTH, *, lang: Lang) -> str:
    """A text bar with the number beside it (as `lang` writes it: 70,0 in Norwegian), so
    meaning never rests on colour alone."""
    if score is None:
        return "·" * width
    filled = round(score / 100 * width)
    return "█" * filled + "░" * (width - filled) + f" {number(score, lang, 1):>5}"


def render_bank(bank: Bank, lang: Lang, console: Console | None = None) -> None:
    """Print the bank's dimensions, lessons and questions as tables."""
    console = console or Console()
    # Every text from the bank is escaped: a custom bank's «[/b]» is text, not markup to crash on.
    title, version = escape_markup(bank.info.title.get(lang)), escape_markup(bank.info.version)
    console.print(f"[b]{title}[/b]  {bank.info.id} {version}")
    console.print(bank.info.source, markup=False)
    dims = Table(title=t("dimensions", lang))
    for column in ("id", t("dimension", lang), t("questions", lang)):
        dims.add_column(column)
    for d in bank.dimensions:
        dims.add_row(d.id, escape_markup(d.name.get(lang)), str(len(bank.questions_in(d.id))))
    console.print(dims)
    lessons = Table(title=t("lessons", lang))
    for column in ("id", t("kind", lang), t("section", lang), t("lessons", lang)):
        lessons.add_column(column)
    for lesson in bank.lessons:
        kind = t("blocker", lang) if lesson.kind == "blocker" else t("advice", lang)
        lessons.add_row(
            lesson.id, kind, escape_markup(lesson.section), escape_markup(lesson.title.get(lang))
        )
    console.print(lessons)
    for lesson in bank.lessons:
        extra = [f"  {stop_line(lesson, lang)}"] if lesson.stop_quote else []
        extra += [f"  {line}" for line in law_lines(lesson, lang)]
        if extra:
            console.print(f"{lesson.id}:", markup=False)
            for line in extra:
                console.print(line, markup=False)
    questions = Table(title=t("questions", lang))
    for column in ("id", t("dimension", lang), t("questions", lang)):
        questions.add_column(column)
    for q in bank.questions:
        na = f" [{t('not_applicable', lang)}]" if q.not_applicable else ""
        questions.add_row(q.id, q.dimension, escape_markup(q.text.get(lang) + na))
    console.print(questions)
    _render_policy(bank, lang, console)


def _condition_words(condition: AnswerCondition) -> str:
    if condition.not_applicable:
        return f"{condition.question} = not_applicable"
    bounds = [
        f"{condition.question} {sign} {bound}"
        for sign, bound in (("<=", condition.at_most), (">=", condition.at_least))
        if bound is not None
    ]
    return " and ".join(bounds)


def _render_policy(bank: Bank, lang: Lang, console: Console) -> None:
    policy = bank.policy
    console.print(
        f"strict_blockers: {str(bank.info.strict_blockers).lower()}   "
        f"min_coverage: {policy.min_coverage}   top_recommendations: {policy.top_recommendations}",
        markup=False,
    )
    for rule in policy.advice:
        parts = [f"{rule.id} (placement: {rule.placement})"]
        if rule.conditions:
            parts.append("all of: " + "; ".join(_condition_words(c) for c in rule.conditions))
        if rule.any_of:
            parts.append("any of: " + "; ".join(_condition_words(c) for c in rule.any_of))
        console.print(" – ".join(parts), markup=False)
    for change in bank.changes:
        console.print(
            f"{change.version} {change.question} {change.kind}: {change.note.get(lang)}",
            markup=False,
        )


def _answered(bank: Bank, question_id: str, answers: Mapping[str, AnswerValue], lang: Lang) -> str:
    """A question and the answer given, as the team would recognise them."""
    question = bank.question(question_id)
    if question is None:
        return question_id
    value = answers.get(question_id)
    option = question.option(value) if isinstance(value, int) else None
    chosen = (
        option.label.get(lang)
        if option
        else t("not_applicable" if value == "not_applicable" else "unknown", lang)
    )
    return f"{question.text.get(lang)} «{chosen}»"


def render_assessment(
    bank: Bank,
    assessment: Assessment,
    lang: Lang,
    answers: Mapping[str, AnswerValue] | None = None,
    notes: Mapping[str, str] | None = None,
    console: Console | None = None,
    *,
    show_all: bool = False,
    drift: Drift | None = None,
) -> None:
    """Print the verdict: level and why, figures, what to clarify (first when undetermined),
    blockers and the top recommendations (all with `show_all`), ambition, notes."""
    console = console or Console()
    level = getattr(bank.policy.levels, assessment.level)
    console.print(f"[b]{t('level', lang)}: {escape_markup(level.label.get(lang))}[/b]")
    console.print(level.summary.get(lang), markup=False)
    for advice in assessment.verdict_advice:
        console.print(f"- {advice.text.get(lang)}", markup=False)
    for reason in reason_lines(bank, assessment, lang):
        for line in reason.lines():
            console.print(line, markup=False)
    if drift is not None and drift.active:
        console.print(drift_line(drift, lang), markup=False)
    console.print(figures_line(assessment, lang), markup=False)
    table = Table(show_header=True)
    table.add_column(t("dimension", lang))
    table.add_column(t("score", lang))
    table.add_column(t("coverage", lang), justify="right")
    for dim in bank.dimensions:
        result = assessment.dimensions[dim.id]
        note = area_note(result, lang)
        table.add_row(
            escape_markup(dim.name.get(lang)),
            score_bar(result.score, lang=lang),
            f"{result.answered}/{result.total}" + (f" ({note})" if note else ""),
        )
    console.print(table)
    undetermined = assessment.level == "undetermined"
    if undetermined:
        _print_clarify(bank, assessment, lang, console)
    _print_recommendations(bank, assessment, lang, answers or {}, console, show_all=show_all)
    console.print(f"\n[b]{t('ambition_heading', lang)}[/b]")
    ambition_name = getattr(bank.policy.ambition, assessment.ambition.level).get(lang)
    console.print(f"{t('ambition', lang)}: {ambition_name}", markup=False)
    for advice in assessment.ambition.advice:
        console.print(f"- {advice.text.get(lang)}", markup=False)
    if not undetermined:
        _print_clarify(bank, assessment, lang, console)
    if assessment.not_applicable:
        console.print(f"\n[b]{t('not_applicable_heading', lang)}[/b]")
        for question_id in assessment.not_applicable:
            console.print(f"- {_question_text(bank, question_id, lang)}", markup=False)
    if assessment.ignored:
        ignored = ", ".join(assessment.ignored)
        console.print(f"\n{t('ignored_answers', lang)}: {ignored}", markup=False)
    if notes:
        console.print(f"\n[b]{t('notes_heading', lang)}[/b]")
        for question_id, note in notes.items():
            console.print(f"- {question_id}: {note}", markup=False)


def _question_text(bank: Bank, question_id: str, lang: Lang) -> str:
    question = bank.question(question_id)
    return question.text.get(lang) if question else question_id


def _print_clarify(bank: Bank, assessment: Assessment, lang: Lang, console: Console) -> None:
    # The questions that decide a precondition come first: they alone can change the verdict.
    to_clarify = clarify_first(assessment)
    if not to_clarify:
        return
    console.print(f"\n[b]{t('clarify_heading', lang)}[/b]")
    for question_id in to_clarify:
        console.print(f"- {_question_text(bank, question_id, lang)}", markup=False)


def _print_recommendations(
    bank: Bank,
    assessment: Assessment,
    lang: Lang,
    answers: Mapping[str, AnswerValue],
    console: Console,
    *,
    show_all: bool,
) -> None:
    shown, rest = top_recommendations(bank, assessment)
    if show_all:
        shown, rest = [*shown, *rest], []
    if shown:
        console.print(f"\n[b]{t('recommendations_heading', lang)}[/b]")
    for index, rec in enumerate(shown, start=1):
        lesson = bank.lesson(rec.lesson_id)
        mark = escape_markup(f"[{t('blocker', lang)}] ") if rec.blocker else ""
        title, section = escape_markup(lesson.title.get(lang)), escape_markup(lesson.section)
        console.print(f"{index}. {mark}[b]{title}[/b] ({section})")
        if rec.blocker and lesson.stop_quote:
            console.print(f"   {stop_line(lesson, lang)}", markup=False)
        console.print(f"   {lesson.advice.get(lang)}", markup=False)
        for line in law_lines(lesson, lang):
            console.print(f"   {line}", markup=False)
        quote = lesson_quote(lesson, after_stop=rec.blocker)
        if quote:
            console.print(f"   {quote}", markup=False)
        console.print(f"   {t('because_of', lang)}:")
        for question_id in rec.questions:
            console.print(f"   – {_answered(bank, question_id, answers, lang)}", markup=False)
    if rest:
        console.print(t("more_recommendations", lang).format(count=len(rest)), markup=False)
