"""An assessment as a Markdown document, and its private export that never overwrites a file."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from ...i18n import t
from ..bank_models import Bank, Lang, Question
from ..drift import session_drift
from ..fileio import slug, write_new
from ..human_format import local_day, percent
from ..paths import ensure_private_dir
from ..scoring import Assessment, Recommendation, top_recommendations
from ..sessions import Session
from ..text_safety import md_inline as _inline
from ..verdict_words import (
    area_note,
    clarify_first,
    drift_line,
    figures_line,
    law_lines,
    lesson_quote,
    reason_lines,
    stop_line,
)
from .plan_export import plan_markdown_lines

EXPORTS_FOLDER = "exports"
SLUG_FALLBACK = "assessment"


def assessment_markdown(
    bank: Bank,
    session: Session,
    assessment: Assessment,
    lang: Lang,
    include_notes: bool = True,
    today: date | None = None,
) -> str:
    """The assessment of `session` as a Markdown document in `lang`.

    The verdict comes first, then what must be fixed before inviting citizens (blockers), the
    scores, the ranked advice, the team's action plan, the ambition, what to clarify and the
    notes. Notes may hold sensitive information, so `include_notes=False` leaves them out and
    says so; the action plan is meant to be shared and stays. Actions due before `today` (the
    local date by default) are marked overdue.
    """
    lines: list[str] = []
    shown, rest = top_recommendations(bank, assessment)
    undetermined = assessment.level == "undetermined"
    lines += _title(bank, session, lang)
    lines += _verdict(bank, session, assessment, lang)
    if undetermined:
        # What to clarify decides the verdict, so it comes before any advice.
        lines += _to_clarify(bank, assessment, lang)
    lines += _lessons(bank, session, [r for r in shown if r.blocker], lang, "blockers_heading")
    lines += _dimension_table(bank, assessment, lang)
    advice = [r for r in shown if not r.blocker]
    lines += _lessons(bank, session, advice, lang, "recommendations_heading")
    if rest:
        lines += [f"_{t('md_more_in_appendix', lang).format(count=len(rest))}_", ""]
    lines += plan_markdown_lines(bank, session, lang, today or date.today())
    lines += _ambition(bank, assessment, lang)
    if not undetermined:
        lines += _to_clarify(bank, assessment, lang)
    lines += _not_applicable(bank, assessment, lang)
    lines += _notes(bank, session, lang) if include_notes else _notes_left_out(lang)
    lines += _ignored(session, assessment, lang)
    lines += _lessons(bank, session, rest, lang, "appendix_heading", first=len(advice) + 1)
    lines += _source(bank, lang)
    return "\n".join(lines).rstrip() + "\n"


def export_file_name(team: str, moment: datetime) -> str:
    """`<team-slug>-<YYYY-MM-DD-HHMM>.md`: safe on every file system."""
    return f"{slug(team, fallback=SLUG_FALLBACK)}-{moment:%Y-%m-%d-%H%M}.md"


def write_export(data_dir: Path, file_name: str, text: str) -> Path:
    """Write `text` to `<data_dir>/exports/<file_name>` and return the path it got.

    The file is private (0600) in a private folder (0700), appears whole or not at all, and never
    replaces an existing file: `-2`, `-3` … is added to the name instead. Raises `OSError`.
    """
    folder = ensure_private_dir(data_dir / EXPORTS_FOLDER)
    wanted = folder / file_name
    stem, suffix = wanted.stem, wanted.suffix
    data = text.encode("utf-8")
    for number in range(1, 1000):
        target = wanted if number == 1 else wanted.with_name(f"{stem}-{number}{suffix}")
        try:
            write_new(target, data)
        except FileExistsError:
            continue
        return target
    raise FileExistsError(f"too many exports named {wanted.name} in {wanted.parent}")


# --- sections ---------------------------------------------------------------------------------


def _title(bank: Bank, session: Session, lang: Lang) -> list[str]:
    meta = session.meta
    details = [
        meta.organisation,
        meta.service_area,
        t(f"phase_{meta.phase}", lang),
        t(f"mode_{meta.mode}", lang),
    ]
    if meta.respondent or meta.role:
        details.append(", ".join(part for part in (meta.respondent, meta.role) if part))
    when = local_day(session.updated_at, lang)
    return [
        f"# {_inline(bank.info.title.get(lang))}: {_inline(meta.team)}",
        "",
        " · ".join(_inline(part) for part in details if part) + "  ",
        f"{t('md_updated', lang)}: {when}",
        "",
    ]


def _verdict(bank: Bank, session: Session, assessment: Assessment, lang: Lang) -> list[str]:
    level = getattr(bank.policy.levels, assessment.level)
    lines = [
        f"## {t('level', lang)}: {_inline(level.label.get(lang))}",
        "",
        _inline(level.summary.get(lang)),
        "",
    ]
    for advice in assessment.verdict_advice:
        lines.append(f"- {_inline(advice.text.get(lang))}")
    if assessment.verdict_advice:
        lines.append("")
    for reason in reason_lines(bank, assessment, lang):
        lines += [_inline(reason.text), ""]
        if reason.items:
            lines += [*(f"- {_inline(item)}" for item in reason.items), ""]
    drift = drift_line(session_drift(bank, session), lang)
    if drift:
        lines += [f"_{_inline(drift)}_", ""]
    if assessment.overall_shown and assessment.overall is not None:
        overall = f"{assessment.overall:.0f}/100"
        coverage = percent(assessment.coverage * 100, lang)
        lines += [f"{t('overall', lang)}: **{overall}** · {t('coverage', lang)}: {coverage}", ""]
    else:
        # Too few answers for an honest headline: say what the figures rest on instead.
        lines += [f"**{_inline(figures_line(assessment, lang))}**", ""]
    return lines


def _dimension_table(bank: Bank, assessment: Assessment, lang: Lang) -> list[str]:
    lines = [
        f"## {t('dimensions', lang)}",
        "",
        f"| {t('dimension', lang)} | {t('score', lang)} | {t('coverage', lang)} |",
        "| --- | ---: | ---: |",
    ]
    for dimension in bank.dimensions:
        result = assessment.dimensions[dimension.id]
        name = _inline(dimension.name.get(lang))
        if dimension.kind == "ambition":
            name += f" ({t('ambition', lang).lower()})"
        score = t("no_score", lang) if result.score is None else f"{result.score:.0f}"
        if result.score is None and result.not_applicable:
            score = t("not_applicable", lang)
        note = area_note(result, lang)
        counts = f"{result.answered}/{result.total}" + (f" ({note})" if note else "")
        lines.append(f"| {name} | {score} | {counts} |")
    return [*lines, ""]


def _lessons(
    bank: Bank,
    session: Session,
    chosen: list[Recommendation],
    lang: Lang,
    heading: str,
    first: int = 1,
) -> list[str]:
    if not chosen:
        return []
    lines = [f"## {t(heading, lang)}", ""]
    for number, rec in enumerate(chosen, start=first):
        lesson = bank.lesson(rec.lesson_id)
        lines.append(
            f"{number}. **{_inline(lesson.title.get(lang))}** "
            f"({t('report_ref', lang).format(section=_inline(lesson.section))})  "
        )
        if rec.blocker and lesson.stop_quote:
            lines.append(f"   **{_inline(stop_line(lesson, lang))}**  ")
        lines += [f"   {_inline(lesson.advice.get(lang))}", ""]
        for line in law_lines(lesson, lang):
            lines += [f"   {_inline(line)}", ""]
        quote = lesson_quote(lesson, after_stop=rec.blocker)
        if quote:
            lines += [f"   > {_inline(quote)}", ""]
        lines += [
            f"   {t('because_of', lang).capitalize()}:",
            "",
        ]
        for question_id in rec.questions:
            lines.append(f"   - {_answered(bank, session, question_id, lang)}")
        lines.append("")
    return lines


def _ambition(bank: Bank, assessment: Assessment, lang: Lang) -> list[str]:
    ambition = getattr(bank.policy.ambition, assessment.ambition.level).get(lang)
    lines = [f"## {t('ambition_heading', lang)}", "", f"{t('ambition', lang)}: **{ambition}**", ""]
    for advice in assessment.ambition.advice:
        lines.append(f"- {_inline(advice.text.get(lang))}")
    return [*lines, ""] if assessment.ambition.advice else lines


def _to_clarify(bank: Bank, assessment: Assessment, lang: Lang) -> list[str]:
    if not assessment.unknown and not assessment.unanswered:
        return []
    lines = [f"## {t('clarify_heading', lang)}", ""]
    # The questions that decide a precondition first: only they can change the verdict.
    first = clarify_first(assessment)
    for question_id in first:
        lines.append(f"- {_question_text(bank.question(question_id), question_id, lang)}")
    if first:
        lines.append("")
    unanswered = [q for q in assessment.unanswered if q not in first]
    if unanswered:
        lines += [f"{t('unanswered_heading', lang)}:", ""]
        for question_id in unanswered:
            lines.append(f"- {_question_text(bank.question(question_id), question_id, lang)}")
        lines.append("")
    return lines


def _not_applicable(bank: Bank, assessment: Assessment, lang: Lang) -> list[str]:
    if not assessment.not_applicable:
        return []
    lines = [f"## {t('not_applicable_heading', lang)}", ""]
    for question_id in assessment.not_applicable:
        lines.append(f"- {_question_text(bank.question(question_id), question_id, lang)}")
    return [*lines, ""]


def _notes(bank: Bank, session: Session, lang: Lang) -> list[str]:
    order = {question.id: index for index, question in enumerate(bank.questions)}
    noted = sorted(
        ((qid, answer.note) for qid, answer in session.answers.items() if answer.note.strip()),
        key=lambda item: (order.get(item[0], len(order)), item[0]),
    )
    if not noted:
        return []
    lines = [f"## {t('notes_heading', lang)}", ""]
    for question_id, note in noted:
        question = bank.question(question_id)
        lines.append(f"- **{_question_text(question, question_id, lang)}**  ")
        lines += [f"  {_inline(line)}  " for line in note.strip().splitlines() if line.strip()]
    return [*lines, ""]


def _notes_left_out(lang: Lang) -> list[str]:
    return [f"## {t('notes_heading', lang)}", "", f"_{t('md_notes_left_out', lang)}_", ""]


def _ignored(session: Session, assessment: Assessment, lang: Lang) -> list[str]:
    if not assessment.ignored:
        return []
    lines = [f"## {t('ignored_answers', lang)}", ""]
    for question_id in assessment.ignored:
        answer = session.answer(question_id)
        value = t("unknown", lang) if answer.unknown else str(answer.value)
        lines.append(f"- `{question_id}`: {value}" if answer.is_answered else f"- `{question_id}`")
    return [*lines, ""]


def _source(bank: Bank, lang: Lang) -> list[str]:
    return [
        "---",
        "",
        f"{t('md_source', lang)}: {_inline(bank.info.source)}  ",
        f"{t('md_bank', lang)}: {_inline(bank.info.id)} {_inline(bank.info.version)}",
    ]


# --- helpers ----------------------------------------------------------------------------------


def _answered(bank: Bank, session: Session, question_id: str, lang: Lang) -> str:
    question = bank.question(question_id)
    text = _question_text(question, question_id, lang)
    answer = session.answer(question_id)
    option = question.option(answer.value) if question and answer.value is not None else None
    if answer.not_applicable:
        return f"{text} – «{t('not_applicable', lang)}»"
    return f"{text} – «{_inline(option.label.get(lang))}»" if option else text


def _question_text(question: Question | None, question_id: str, lang: Lang) -> str:
    if question is None:
        return f"`{question_id}` ({t('md_removed_question', lang)})"
    return _inline(question.text.get(lang))
