"""Self-contained, printable HTML reports: inline CSS and SVG, no scripts, nothing fetched."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ...i18n import t
from ..bank_models import Bank, Lang
from ..compare import Comparison, ComparisonStep
from ..drift import session_drift
from ..human_format import local_day
from ..merge import Merge, QuestionMerge
from ..scoring import Assessment, Recommendation, top_recommendations
from ..sessions import Session, orphaned_answers
from ..text_safety import Markup
from ..text_safety import html as _e
from ..verdict_words import (
    Reason,
    clarify_first,
    drift_line,
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
    meta_rows,
    question_words,
    score_words,
    section_words,
    session_label,
)
from .plan_export import plan_html, progress_html

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
"""Nothing may be loaded or run: only the inline style, and images only as data: URLs."""

SERIES_COLOURS = ("#1f5f8b", "#c26a1b", "#4b7f3a", "#7a4b8c", "#8c3b3b", "#3b6f8c")
"""Bar colours for the sessions of a comparison; every bar also carries its number as text."""

STYLE = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: #1d1d1d; background: #fff; max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem;
  line-height: 1.45; }
h1 { font-size: 1.7rem; margin-bottom: .3rem; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 2px solid #1f5f8b; }
h3 { font-size: 1.08rem; margin-bottom: .2rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; }
th, td { border: 1px solid #c9c9c9; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef3f7; }
td, li { white-space: pre-line; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; }
dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; }
.verdict { border-left: 6px solid #1f5f8b; background: #f3f7fa; padding: .6rem 1rem; }
.verdict .level { font-size: 1.25rem; font-weight: 700; }
.notice { border: 1px solid #b38600; background: #fff8e1; padding: .5rem .8rem; }
.rec { border: 1px solid #d5d5d5; border-radius: 4px; padding: .5rem .9rem; margin: .6rem 0; }
.rec.blocker { border-left: 6px solid #a33; }
.tag { display: inline-block; font-size: .8rem; font-weight: 700; color: #fff;
  background: #a33; padding: 0 .4rem; border-radius: 3px; }
.section-ref { color: #555; font-size: .9rem; }
blockquote { margin: .4rem 0; padding: .2rem .8rem; border-left: 3px solid #999; color: #333;
  font-style: italic; }
.chart { margin: .5rem 0 1rem; }
.chart text { font-size: 13px; fill: #1d1d1d; }
.chart .axis { stroke: #999; }
.legend span.swatch { display: inline-block; width: .9rem; height: .9rem; margin: 0 .3rem 0 1rem;
  vertical-align: middle; }
.disagree { background: #fff1f0; }
tr.overdue td { background: #fff1f0; }
footer { margin-top: 2.5rem; color: #555; font-size: .85rem; border-top: 1px solid #ccc; }
@media print {
  body { margin: 0; max-width: none; }
  h2 { break-after: avoid; }
  .rec, table, figure, .verdict { break-inside: avoid; }
}
"""

LABEL_WIDTH = 300
BAR_AREA = 360
NUMBER_WIDTH = 130
LABEL_LINE_CHARS = 40
"""Dimension names longer than this are set on two lines, so they stay inside the label column."""
BAR_HEIGHT = 18
ROW_GAP = 12


def session_html(
    bank: Bank, session: Session, assessment: Assessment, lang: Lang, include_notes: bool = True
) -> str:
    """One session: who answered, the verdict, a chart of the scores, recommendations, answers."""
    title = f"{t('session_report_title', lang)}: {session.meta.team}"
    parts = [f"<h1>{_e(title)}</h1>", _notes_notice(lang, include_notes), _meta(session, lang)]
    if session.bank.content_hash != bank.content_hash:
        old = f"{session.bank.id} {session.bank.version}"
        new = f"{bank.info.id} {bank.info.version}"
        parts.append(
            f'<p class="notice">{_e(t("bank_differs", lang).format(old=old, new=new))}</p>'
        )
    drift = drift_line(session_drift(bank, session), lang)
    if drift:
        parts.append(f'<p class="notice" id="drift">{_e(drift)}</p>')
    parts.append(_assessment(bank, assessment, lang))
    # The action plan is meant to be shared, so it stays when the notes are left out.
    parts.append(plan_html(bank, session, lang, date.today()))
    parts.append(_answers(bank, session, lang, include_notes))
    return _page(title, parts, lang, bank.info.source)


def comparison_html(
    bank: Bank, comparison: Comparison, lang: Lang, include_notes: bool = True
) -> str:
    """The sessions side by side in one chart, the change from first to last, and each step."""
    teams = ", ".join(comparison.teams)
    title = f"{t('comparison_title', lang)}: {teams}"
    parts = [f"<h1>{_e(title)}</h1>", _notes_notice(lang, include_notes)]
    if len(comparison.teams) > 1:
        parts.append(f'<p class="notice">{_e(t("several_teams", lang).format(teams=teams))}</p>')
    rows = [
        [
            Markup("{} <code>{}</code>").format(day(c.session.created_at, lang), c.session.id[:8]),
            _e(c.session.meta.team),
            _e(t(f"phase_{c.session.meta.phase}", lang)),
            _e(level_words(bank, c.assessment.level, lang)),
            score_words(c.assessment.overall),
        ]
        for c in comparison.sessions
    ]
    parts += [
        f"<h2>{_e(t('sessions_compared', lang))}</h2>",
        _table(
            [t("session", lang), t("team", lang), t("phase", lang), t("level", lang)],
            rows,
            numeric=[t("overall", lang)],
        ),
    ]
    if comparison.mixed_banks:
        items = "".join(
            f"<li>{_e(use.id)} {_e(use.version)}"
            f"{' (' + _e(t('current_bank', lang)) + ')' if use.current else ''}: "
            f"{len(use.session_ids)}</li>"
            for use in comparison.banks
        )
        parts.append(f"<h3>{_e(t('banks_heading', lang))}</h3><ul>{items}</ul>")
    series = [(session_label(c.session, lang), c.assessment) for c in comparison.sessions]
    parts.append(
        _chart(
            bank,
            series,
            lang,
            short=[local_day(c.session.created_at, lang) for c in comparison.sessions],
        )
    )
    if len(comparison.steps) > 1:
        parts.append(f"<h2>{_e(t('overall_change_heading', lang))}</h2>")
        parts.append(_step(bank, comparison.overall_change, lang, include_notes))
    for step in comparison.steps:
        heading = t("step_heading", lang).format(
            before=session_label(step.before.session, lang),
            after=session_label(step.after.session, lang),
        )
        parts += [f"<h2>{_e(heading)}</h2>", _step(bank, step, lang, include_notes)]
    if comparison.not_in_bank:
        ignored = ", ".join(comparison.not_in_bank)
        parts.append(f"<p>{_e(t('ignored_answers', lang))}: {_e(ignored)}</p>")
    return _page(title, parts, lang, bank.info.source)


def merge_html(bank: Bank, merge: Merge, lang: Lang, include_notes: bool = True) -> str:
    """Who answered, where they disagree, the merged verdict with its chart, and the spread."""
    title = f"{t('merge_title', lang)}: {merge.name}"
    parts = [f"<h1>{_e(title)}</h1>", _notes_notice(lang, include_notes)]
    if len(merge.teams) > 1:
        teams = ", ".join(merge.teams)
        parts.append(f'<p class="notice">{_e(t("several_teams", lang).format(teams=teams))}</p>')
    parts += [
        f"<h2>{_e(t('members_heading', lang))}</h2>",
        _table(
            [t("respondent", lang), t("role", lang), t("created", lang), t("session", lang)],
            [
                [
                    _e(m.name),
                    _e(m.session.meta.role),
                    _e(day(m.session.created_at, lang)),
                    Markup("<code>{}</code>").format(m.session_id[:8]),
                ]
                for m in merge.members
            ],
        ),
        f"<h2>{_e(t('disagreements_heading', lang))}</h2>",
    ]
    if merge.disagreements:
        parts += [
            f"<p>{_e(t('disagreements_why', lang))}</p>",
            f"<blockquote>«{_e(DISAGREEMENT_QUOTE)}»</blockquote>",
            f'<p class="section-ref">{_e(DISAGREEMENT_SECTION)}</p>',
        ]
        for question in merge.disagreements:
            answers = "".join(
                f"<li>{_e(a.member)}: {_e(answer_words(bank, question.question_id, a.value, lang))}"
                "</li>"
                for a in question.answers
            )
            text = question_words(bank, question.question_id, lang)
            parts.append(f"<h3>{_e(text)}</h3><ul>{answers}</ul>")
    else:
        parts.append(f"<p>{_e(t('no_disagreements', lang))}</p>")
    parts += [
        f"<h2>{_e(t('merged_verdict', lang))}</h2>",
        f"<p>{_e(t('merged_rule', lang))}</p>",
        _assessment(bank, merge.assessment, lang),
        f"<h2>{_e(t('distribution', lang))}</h2>",
        _distribution(bank, merge.questions, lang),
    ]
    if include_notes:
        parts.append(_merge_notes(bank, merge, lang))
    if merge.not_in_bank:
        ignored = ", ".join(merge.not_in_bank)
        parts.append(f"<p>{_e(t('ignored_answers', lang))}: {_e(ignored)}</p>")
    return _page(title, parts, lang, bank.info.source)


def _page(title: str, parts: Sequence[str], lang: Lang, source: str) -> str:
    body = "\n".join(part for part in parts if part)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{_e(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
        f"{body}\n</main>\n<footer><p>{_e(t('source', lang))}: {_e(source)}</p>"
        f"<p>{_e(t('footer', lang))}</p></footer>\n</body>\n</html>\n"
    )


def _notes_notice(lang: Lang, include_notes: bool) -> str:
    if include_notes:
        return ""
    return (
        f'<p class="notice" id="notes-left-out"><strong>{_e(t("notes_left_out", lang))}.'
        f"</strong> {_e(t('notes_left_out_why', lang))}</p>"
    )


def _meta(session: Session, lang: Lang) -> str:
    items = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in meta_rows(session, lang))
    return f'<dl class="meta">{items}</dl>'


def _table(
    header: Sequence[str],
    rows: Sequence[Sequence[str | Markup]],
    numeric: Sequence[str] = (),
    marked: Sequence[bool] = (),
) -> str:
    """A table; the `numeric` columns come last, right-aligned.

    Every cell is text, escaped here, unless it is `Markup` (built from escaped parts). Rows
    whose entry in `marked` is true get the class `disagree`.
    """
    first = len(header)
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    head += "".join(f'<th class="num">{_e(h)}</th>' for h in numeric)
    body = "".join(
        ('<tr class="disagree">' if index < len(marked) and marked[index] else "<tr>")
        + "".join(
            f'<td class="num">{_e(cell)}</td>' if column >= first else f"<td>{_e(cell)}</td>"
            for column, cell in enumerate(row)
        )
        + "</tr>"
        for index, row in enumerate(rows)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _reason(reason: Reason) -> str:
    """A cause of the verdict: its sentence, and its items as a list."""
    items = "".join(f"<li>{_e(item)}</li>" for item in reason.items)
    return f"<p>{_e(reason.text)}</p>" + (f"<ul>{items}</ul>" if items else "")


def _assessment(bank: Bank, assessment: Assessment, lang: Lang) -> str:
    level = level_words(bank, assessment.level, lang)
    advice = "".join(f"<li>{_e(a.text.get(lang))}</li>" for a in assessment.verdict_advice)
    reasons = "".join(_reason(reason) for reason in reason_lines(bank, assessment, lang))
    verdict = (
        f'<section class="verdict" id="verdict"><p class="level">{_e(t("level", lang))}: '
        f"{_e(level)}</p><p>{_e(level_summary(bank, assessment.level, lang))}</p>"
        + (f'<ul class="verdict-advice">{advice}</ul>' if advice else "")
        + f"{reasons}<p><strong>{_e(figures_line(assessment, lang))}</strong></p></section>"
    )
    chart = _chart(bank, [("", assessment)], lang)
    shown, rest = top_recommendations(bank, assessment)
    clarify = ""
    to_clarify = clarify_first(assessment)
    if to_clarify:
        items = "".join(f"<li>{_e(question_words(bank, q, lang))}</li>" for q in to_clarify)
        clarify = f"<h2>{_e(t('clarify_heading', lang))}</h2><ul>{items}</ul>"
    undetermined = assessment.level == "undetermined"
    parts = [verdict, clarify if undetermined else "", chart]
    parts.append(_recommendations(bank, shown, lang, "recommendations", "recommendations_heading"))
    if rest:
        parts.append(
            f"<p><em>{_e(t('md_more_in_appendix', lang).format(count=len(rest)))}</em></p>"
        )
    parts.append(_ambition(bank, assessment, lang))
    if not undetermined:
        parts.append(clarify)
    if assessment.not_applicable:
        items = "".join(
            f"<li>{_e(question_words(bank, q, lang))}</li>" for q in assessment.not_applicable
        )
        parts.append(f"<h2>{_e(t('not_applicable_heading', lang))}</h2><ul>{items}</ul>")
    if rest:
        parts.append(_recommendations(bank, rest, lang, "appendix", "appendix_heading"))
    return "\n".join(part for part in parts if part)


def _chart(
    bank: Bank,
    series: Sequence[tuple[str, Assessment]],
    lang: Lang,
    short: Sequence[str] = (),
) -> str:
    """A horizontal bar chart of every dimension's score, one bar per assessment in `series`.

    Each bar carries its number as text, prefixed by its `short` label when there are several,
    so the chart never relies on colour alone; the legend gives the full labels.
    """
    row_height = BAR_HEIGHT * len(series) + ROW_GAP
    height = row_height * len(bank.dimensions) + ROW_GAP
    width = LABEL_WIDTH + BAR_AREA + NUMBER_WIDTH
    title = t("chart_title", lang)
    shapes = [
        f'<title id="chart-title">{_e(title)}</title>',
        f'<line class="axis" x1="{LABEL_WIDTH}" y1="0" x2="{LABEL_WIDTH}" y2="{height}"/>',
    ]
    for row, dimension in enumerate(bank.dimensions):
        top = ROW_GAP + row * row_height
        middle = top + BAR_HEIGHT * len(series) / 2
        name = dimension_words(bank, dimension.id, lang)
        lines = _wrap(name)
        spans = "".join(
            f'<tspan x="{LABEL_WIDTH - 8}" y="{middle + (n - (len(lines) - 1) / 2) * 15:.1f}">'
            f"{_e(line)}</tspan>"
            for n, line in enumerate(lines)
        )
        shapes.append(
            f'<text class="dimension" text-anchor="end" dominant-baseline="middle">{spans}</text>'
        )
        for index, (_, assessment) in enumerate(series):
            score = assessment.dimensions[dimension.id].score
            y = top + index * BAR_HEIGHT
            colour = _colour(index)
            bar = 0.0 if score is None else BAR_AREA * score / 100
            number = t("no_score", lang) if score is None else f"{score:.0f}"
            shown = f"{short[index]}: {number}" if index < len(short) else number
            shapes.append(
                f'<rect class="bar" data-dimension="{_e(dimension.id)}" x="{LABEL_WIDTH}" '
                f'y="{y + 2}" width="{bar:.1f}" height="{BAR_HEIGHT - 4}" fill="{colour}"/>'
            )
            shapes.append(
                f'<text class="score" x="{LABEL_WIDTH + bar + 6:.1f}" y="{y + BAR_HEIGHT / 2:.1f}" '
                f'dominant-baseline="middle">{_e(shown)}</text>'
            )
    legend = ""
    if len(series) > 1:
        legend = (
            '<p class="legend">'
            + "".join(
                f'<span class="swatch" style="background:{_colour(i)}"></span>{_e(label)}'
                for i, (label, _) in enumerate(series)
            )
            + "</p>"
        )
    svg = (
        f'<svg class="chart" id="score-chart" role="img" aria-labelledby="chart-title" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        + "".join(shapes)
        + "</svg>"
    )
    return f"<figure><figcaption>{_e(title)}</figcaption>{svg}{legend}</figure>"


def _colour(index: int) -> str:
    return SERIES_COLOURS[index % len(SERIES_COLOURS)]


def _wrap(name: str) -> list[str]:
    if len(name) <= LABEL_LINE_CHARS or " " not in name:
        return [name]
    # Break at the space nearest the middle, so both lines are about as long.
    middle = len(name) // 2
    spaces = [i for i, char in enumerate(name) if char == " "]
    cut = min(spaces, key=lambda i: abs(i - middle))
    return [name[:cut], name[cut + 1 :]]


def _recommendations(
    bank: Bank, recommendations: list[Recommendation], lang: Lang, section_id: str, heading: str
) -> str:
    parts = [f'<section id="{section_id}"><h2>{_e(t(heading, lang))}</h2>']
    if not recommendations:
        parts.append(f"<p>{_e(t('no_recommendations', lang))}</p>")
    for rec in recommendations:
        lesson = bank.lesson(rec.lesson_id)
        quote = lesson_quote(lesson, after_stop=rec.blocker)
        tag = f'<span class="tag">{_e(t("blocker", lang))}</span> ' if rec.blocker else ""
        because = ", ".join(question_words(bank, q, lang) for q in rec.questions)
        # The bank's own source is cited once, in the footer; only other sources are named here.
        source = f" · {_e(lesson.source)}" if lesson.source else ""
        parts.append(
            f'<article class="rec{" blocker" if rec.blocker else ""}">'
            f'<h3 class="rec-title">{tag}{_e(lesson.title.get(lang))}</h3>'
            f'<p class="section-ref">{_e(section_words(lesson, lang))}{source}</p>'
            + (
                f'<p class="stop"><strong>{_e(stop_line(lesson, lang))}</strong></p>'
                if rec.blocker and lesson.stop_quote
                else ""
            )
            + f"<p>{_e(lesson.advice.get(lang))}</p>"
            + "".join(f'<p class="law">{_e(line)}</p>' for line in law_lines(lesson, lang))
            + (f"<blockquote>{_e(quote)}</blockquote>" if quote else "")
            + f"<p><em>{_e(t('because_of', lang))}:</em> {_e(because)}</p></article>"
        )
    parts.append("</section>")
    return "".join(parts)


def _ambition(bank: Bank, assessment: Assessment, lang: Lang) -> str:
    name = getattr(bank.policy.ambition, assessment.ambition.level).get(lang)
    advice = "".join(f"<li>{_e(a.text.get(lang))}</li>" for a in assessment.ambition.advice)
    return (
        f"<h2>{_e(t('ambition_heading', lang))}</h2>"
        f"<p>{_e(t('ambition', lang))}: {_e(name)}</p>" + (f"<ul>{advice}</ul>" if advice else "")
    )


def _answers(bank: Bank, session: Session, lang: Lang, include_notes: bool) -> str:
    values = session.answer_values()
    header = [t("questions", lang), t("answer", lang)]
    header += [t("note", lang)] if include_notes else []
    rows = []
    for question_id in [q.id for q in bank.questions] + orphaned_answers(session, bank):
        row = [
            _e(question_words(bank, question_id, lang)),
            _e(answer_words(bank, question_id, values.get(question_id), lang)),
        ]
        if include_notes:
            row.append(_e(session.answer(question_id).note))
        rows.append(row)
    return f"<h2>{_e(t('answers_heading', lang))}</h2>" + _table(header, rows)


def _step(bank: Bank, step: ComparisonStep, lang: Lang, include_notes: bool) -> str:
    before = level_words(bank, step.level_before, lang)
    after = level_words(bank, step.level_after, lang)
    changed = level_change_words(step, lang)
    shown = f"{before} → {after}" if step.level_changed else after
    parts = [f"<p><strong>{_e(changed)}:</strong> {_e(shown)}</p>"]
    if step.shared_only:
        parts.append(f'<p class="notice">{_e(t("shared_only", lang))}</p>')
        if step.left_out:
            left_out = ", ".join(question_words(bank, q, lang) for q in step.left_out)
            parts.append(f"<p>{_e(t('left_out_questions', lang))}: {_e(left_out)}</p>")
    rows = [
        [
            Markup("<strong>{}</strong>").format(t("overall", lang)),
            score_words(step.overall_before),
            score_words(step.overall_after),
            _e(delta_words(step.overall_delta)),
        ]
    ]
    rows += [
        [
            _e(dimension_words(bank, d.dimension_id, lang)),
            score_words(d.before),
            score_words(d.after),
            _e(delta_words(d.delta)),
        ]
        for d in step.dimensions
    ]
    parts.append(
        _table(
            [t("dimension", lang)],
            rows,
            numeric=[t("before", lang), t("after", lang), t("change", lang)],
        )
    )
    parts.append(f"<h3>{_e(t('changed_answers_heading', lang))}</h3>")
    if step.changed_answers:
        header, answer_rows = changed_answer_table(bank, step, lang, include_notes, _e)
        parts.append(_table(header, answer_rows))
    else:
        parts.append(f"<p>{_e(t('no_changed_answers', lang))}</p>")
    for key, lessons in (
        ("blockers_raised_heading", step.blockers_raised),
        ("blockers_cleared_heading", step.blockers_cleared),
    ):
        if lessons:
            items = "".join(
                f"<li><strong>{_e(bank.lesson(lesson).title.get(lang))}</strong> "
                f"({_e(bank.lesson(lesson).section)})</li>"
                for lesson in lessons
            )
            parts.append(f"<h3>{_e(t(key, lang))}</h3><ul>{items}</ul>")
    if step.actions:
        parts.append(progress_html(bank, step.actions, lang))
    return "\n".join(parts)


def _distribution(bank: Bank, questions: Sequence[QuestionMerge], lang: Lang) -> str:
    rows = []
    for question in questions:
        counts = ", ".join(
            f"{answer_words(bank, question.question_id, value, lang)}: {n}"
            for value, n in question.distribution.items()
            if n
        )
        rows.append(
            [
                _e(question_words(bank, question.question_id, lang)),
                _e(counts or "–"),
                _e(answer_words(bank, question.question_id, question.merged, lang)),
                str(question.unknown),
                "–" if question.median is None else f"{question.median:g}",
                "–" if question.spread is None else str(question.spread),
            ]
        )
    return _table(
        [t("questions", lang), t("distribution", lang), t("merged_answer", lang)],
        rows,
        numeric=[t("unknown", lang), t("median", lang), t("spread", lang)],
        marked=[question.disagreement for question in questions],
    )


def _merge_notes(bank: Bank, merge: Merge, lang: Lang) -> str:
    noted = [q for q in merge.questions if any(a.note.strip() for a in q.answers)]
    if not noted:
        return ""
    parts = [
        f"<h2>{_e(t('notes_heading', lang))}</h2>",
        f"<p>{_e(t('merged_member_note', lang))}</p>",
    ]
    for question in noted:
        items = "".join(
            f"<li>{_e(a.member)}: {_e(a.note)}</li>" for a in question.answers if a.note.strip()
        )
        parts.append(
            f"<h3>{_e(question_words(bank, question.question_id, lang))}</h3><ul>{items}</ul>"
        )
    return "\n".join(parts)
