"""Markdown exports of a session, a comparison and a merge, for sharing and printing."""

from __future__ import annotations

from collections.abc import Sequence

from ...i18n import t
from ..bank_models import Bank, Lang
from ..compare import Comparison, ComparisonStep
from ..human_format import local_day
from ..merge import Merge, QuestionMerge
from ..scoring import Assessment, Recommendation, top_recommendations
from ..sessions import Session
from ..text_safety import md_inline as md
from ..verdict_words import (
    clarify_first,
    figures_line,
    law_lines,
    lesson_quote,
    reason_lines,
    stop_line,
)
from .common import (
    DISAGREEMENT_QUOTE,
    DISAGREEMENT_SECTION,
    answer_words,
    changed_answer_table,
    day,
    delta_words,
    dimension_words,
    level_change_words,
    level_summary,
    level_words,
    question_words,
    score_words,
    section_words,
    session_label,
)
from .plan_export import progress_markdown_lines
from .report_markdown import assessment_markdown


def session_markdown(
    bank: Bank, session: Session, assessment: Assessment, lang: Lang, include_notes: bool = True
) -> str:
    """One session, as the app's own Markdown report (report_markdown) writes it.

    Without notes, the statement every export makes is put right under the title as well, so a
    reader sees it before anything else.
    """
    text = assessment_markdown(bank, session, assessment, lang, include_notes)
    if include_notes:
        return text
    title, _, rest = text.partition("\n")
    return "\n".join([title, "", *_notes_statement(lang, include_notes)]) + rest


def comparison_markdown(
    bank: Bank, comparison: Comparison, lang: Lang, include_notes: bool = True
) -> str:
    """Sessions in time order, the change from first to last, and each step in between."""
    teams = ", ".join(comparison.teams)
    lines = [f"# {t('comparison_title', lang)}: {md(teams)}", ""]
    lines += _notes_statement(lang, include_notes)
    if len(comparison.teams) > 1:
        lines += [f"_{md(t('several_teams', lang).format(teams=teams))}_", ""]
    lines += [f"## {t('sessions_compared', lang)}", ""]
    lines += _table(
        [
            t("session", lang),
            t("team", lang),
            t("phase", lang),
            t("level", lang),
            t("overall", lang),
        ],
        [
            [
                f"{local_day(c.session.created_at, lang)} `{c.session.id[:8]}`",
                md(c.session.meta.team),
                t(f"phase_{c.session.meta.phase}", lang),
                md(level_words(bank, c.assessment.level, lang)),
                score_words(c.assessment.overall),
            ]
            for c in comparison.sessions
        ],
    )
    if comparison.mixed_banks:
        lines += ["", f"**{t('banks_heading', lang)}**", ""]
        for use in comparison.banks:
            current = f" ({t('current_bank', lang)})" if use.current else ""
            lines.append(f"- {md(use.id)} {md(use.version)}{current}: {len(use.session_ids)}")
    if len(comparison.steps) > 1:
        lines += ["", f"## {t('overall_change_heading', lang)}"]
        lines += _step(bank, comparison.overall_change, lang, include_notes, "###")
    for step in comparison.steps:
        title = t("step_heading", lang).format(
            before=session_label(step.before.session, lang),
            after=session_label(step.after.session, lang),
        )
        lines += ["", f"## {md(title)}"]
        lines += _step(bank, step, lang, include_notes, "###")
    if comparison.not_in_bank:
        lines += ["", f"{t('ignored_answers', lang)}: {md(', '.join(comparison.not_in_bank))}"]
    return _end(lines, lang, bank.info.source)


def merge_markdown(bank: Bank, merge: Merge, lang: Lang, include_notes: bool = True) -> str:
    """Who answered, where they disagree, the merged verdict and the spread per question."""
    lines = [f"# {t('merge_title', lang)}: {md(merge.name)}", ""]
    lines += _notes_statement(lang, include_notes)
    if len(merge.teams) > 1:
        lines += [f"_{md(t('several_teams', lang).format(teams=', '.join(merge.teams)))}_", ""]
    lines += [f"## {t('members_heading', lang)}", ""]
    lines += _table(
        [t("respondent", lang), t("role", lang), t("created", lang), t("session", lang)],
        [
            [
                md(m.name),
                md(m.session.meta.role),
                day(m.session.created_at, lang),
                f"`{m.session_id[:8]}`",
            ]
            for m in merge.members
        ],
    )
    lines += ["", f"## {t('disagreements_heading', lang)}", ""]
    if merge.disagreements:
        lines += [
            t("disagreements_why", lang),
            "",
            f"> «{DISAGREEMENT_QUOTE}» ({DISAGREEMENT_SECTION})",
        ]
        for question in merge.disagreements:
            lines += ["", f"### {md(question_words(bank, question.question_id, lang))}", ""]
            lines += [
                f"- {md(a.member)}: {md(answer_words(bank, question.question_id, a.value, lang))}"
                for a in question.answers
            ]
    else:
        lines.append(t("no_disagreements", lang))
    lines += ["", f"## {t('merged_verdict', lang)}", "", t("merged_rule", lang)]
    lines += _assessment(bank, merge.assessment, lang, heading="###")
    lines += ["", f"## {t('distribution', lang)}", ""]
    lines += _table(
        [
            t("questions", lang),
            t("distribution", lang),
            t("unknown", lang),
            t("median", lang),
            t("spread", lang),
            t("merged_answer", lang),
        ],
        [_distribution_row(bank, q, lang) for q in merge.questions],
    )
    if include_notes:
        noted = [q for q in merge.questions if any(a.note.strip() for a in q.answers)]
        if noted:
            lines += ["", f"## {t('notes_heading', lang)}", "", t("merged_member_note", lang)]
        for question in noted:
            lines += ["", f"**{md(question_words(bank, question.question_id, lang))}**", ""]
            lines += [f"- {md(a.member)}: {md(a.note)}" for a in question.answers if a.note.strip()]
    if merge.not_in_bank:
        lines += ["", f"{t('ignored_answers', lang)}: {md(', '.join(merge.not_in_bank))}"]
    return _end(lines, lang, bank.info.source)


def _notes_statement(lang: Lang, include_notes: bool) -> list[str]:
    if include_notes:
        return []
    return [f"**{t('notes_left_out', lang)}.** {t('notes_left_out_why', lang)}", ""]


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return lines


def _assessment(bank: Bank, assessment: Assessment, lang: Lang, heading: str) -> list[str]:
    lines = ["", f"{heading} {t('level', lang)}: {md(level_words(bank, assessment.level, lang))}"]
    lines += ["", md(level_summary(bank, assessment.level, lang))]
    for advice in assessment.verdict_advice:
        lines += ["", f"- {md(advice.text.get(lang))}"]
    for reason in reason_lines(bank, assessment, lang):
        lines += ["", md(reason.text)]
        if reason.items:
            lines += ["", *(f"- {md(item)}" for item in reason.items)]
    lines += ["", f"**{md(figures_line(assessment, lang))}**", ""]
    lines += _table(
        [t("dimension", lang), t("score", lang), t("coverage", lang)],
        [
            [
                md(dimension_words(bank, d.id, lang)),
                score_words(assessment.dimensions[d.id].score),
                f"{assessment.dimensions[d.id].answered}/{assessment.dimensions[d.id].total}",
            ]
            for d in bank.dimensions
        ],
    )
    undetermined = assessment.level == "undetermined"
    if undetermined:
        lines += _clarify(bank, assessment, lang, heading)
    shown, rest = top_recommendations(bank, assessment)
    lines += ["", f"{heading} {t('recommendations_heading', lang)}", ""]
    if not assessment.recommendations:
        lines.append(t("no_recommendations", lang))
    lines += _recommendation_lines(bank, shown, lang)
    if rest:
        lines += [f"_{t('md_more_in_appendix', lang).format(count=len(rest))}_", ""]
    ambition = getattr(bank.policy.ambition, assessment.ambition.level).get(lang)
    lines += ["", f"{heading} {t('ambition_heading', lang)}", ""]
    lines.append(f"{t('ambition', lang)}: {md(ambition)}")
    for advice in assessment.ambition.advice:
        lines.append(f"- {md(advice.text.get(lang))}")
    if not undetermined:
        lines += _clarify(bank, assessment, lang, heading)
    if assessment.not_applicable:
        lines += ["", f"{heading} {t('not_applicable_heading', lang)}", ""]
        lines += [f"- {md(question_words(bank, q, lang))}" for q in assessment.not_applicable]
    if rest:
        lines += ["", f"{heading} {t('appendix_heading', lang)}", ""]
        lines += _recommendation_lines(bank, rest, lang, first=len(shown) + 1)
    return lines


def _clarify(bank: Bank, assessment: Assessment, lang: Lang, heading: str) -> list[str]:
    to_clarify = clarify_first(assessment)
    if not to_clarify:
        return []
    lines = ["", f"{heading} {t('clarify_heading', lang)}", ""]
    return lines + [f"- {md(question_words(bank, q, lang))}" for q in to_clarify]


def _recommendation_lines(
    bank: Bank, recommendations: list[Recommendation], lang: Lang, first: int = 1
) -> list[str]:
    lines: list[str] = []
    for index, rec in enumerate(recommendations, start=first):
        lesson = bank.lesson(rec.lesson_id)
        mark = f"**[{t('blocker', lang)}]** " if rec.blocker else ""
        because = ", ".join(md(question_words(bank, q, lang)) for q in rec.questions)
        # Blank lines between the parts, so no renderer runs the quote into the next line.
        lines += [
            f"{index}. {mark}**{md(lesson.title.get(lang))}** ({md(section_words(lesson, lang))})",
            "",
        ]
        if rec.blocker and lesson.stop_quote:
            lines += [f"   **{md(stop_line(lesson, lang))}**", ""]
        lines += [f"   {md(lesson.advice.get(lang))}", ""]
        for line in law_lines(lesson, lang):
            lines += [f"   {md(line)}", ""]
        quote = lesson_quote(lesson, after_stop=rec.blocker)
        if quote:
            lines += [f"   > {md(quote)}", ""]
        lines += [
            f"   _{t('because_of', lang)}:_ {because}",
            "",
        ]
    return lines


def _step(
    bank: Bank, step: ComparisonStep, lang: Lang, include_notes: bool, heading: str
) -> list[str]:
    before = level_words(bank, step.level_before, lang)
    after = level_words(bank, step.level_after, lang)
    changed = level_change_words(step, lang)
    shown = f"{md(before)} → {md(after)}" if step.level_changed else md(after)
    lines = ["", f"**{changed}:** {shown}"]
    if step.shared_only:
        lines += ["", f"_{t('shared_only', lang)}_"]
        if step.left_out:
            left_out = ", ".join(md(question_words(bank, q, lang)) for q in step.left_out)
            lines += ["", f"{t('left_out_questions', lang)}: {left_out}"]
    lines.append("")
    rows = [
        [
            f"**{t('overall', lang)}**",
            score_words(step.overall_before),
            score_words(step.overall_after),
            delta_words(step.overall_delta),
        ]
    ]
    rows += [
        [
            md(dimension_words(bank, d.dimension_id, lang)),
            score_words(d.before),
            score_words(d.after),
            delta_words(d.delta),
        ]
        for d in step.dimensions
    ]
    lines += _table(
        [t("dimension", lang), t("before", lang), t("after", lang), t("change", lang)], rows
    )
    lines += ["", f"{heading} {t('changed_answers_heading', lang)}", ""]
    if not step.changed_answers:
        lines.append(t("no_changed_answers", lang))
    else:
        header, answer_rows = changed_answer_table(bank, step, lang, include_notes, md)
        lines += _table(header, answer_rows)
    for key, lessons in (
        ("blockers_raised_heading", step.blockers_raised),
        ("blockers_cleared_heading", step.blockers_cleared),
    ):
        if lessons:
            lines += ["", f"{heading} {t(key, lang)}", ""]
            for lesson_id in lessons:
                lesson = bank.lesson(lesson_id)
                lines.append(f"- **{md(lesson.title.get(lang))}** ({md(lesson.section)})")
    if step.actions:
        lines += progress_markdown_lines(bank, step.actions, lang, heading)
    return lines


def _distribution_row(bank: Bank, question: QuestionMerge, lang: Lang) -> list[str]:
    counts = ", ".join(
        f"{md(answer_words(bank, question.question_id, value, lang))}: {n}"
        for value, n in question.distribution.items()
        if n
    )
    return [
        md(question_words(bank, question.question_id, lang)),
        counts or "–",
        str(question.unknown),
        "–" if question.median is None else f"{question.median:g}",
        "–" if question.spread is None else str(question.spread),
        md(answer_words(bank, question.question_id, question.merged, lang)),
    ]


def _end(lines: list[str], lang: Lang, source: str) -> str:
    lines += ["", "---", "", f"{t('source', lang)}: {md(source)}", "", f"_{t('footer', lang)}_"]
    return "\n".join(lines) + "\n"
