"""Self-contained, printable HTML reports: inline CSS and SVG, no scripts, nothing fetched.

Every piece of a page is `Markup`, made from a `Markup` template by `format` or `join`, which
escape whatever is not `Markup` already: text is escaped unless it is marked safe, so a value
put in without a thought is still text, never markup.
"""

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
from .html_parts import NOTHING, html_items, html_lines, html_list
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
    parts = [
        Markup("<h1>{}</h1>").format(title),
        _notes_notice(lang, include_notes),
        _meta(session, lang),
    ]
    if session.bank.content_hash != bank.content_hash:
        old = f"{session.bank.id} {session.bank.version}"
        new = f"{bank.info.id} {bank.info.version}"
        parts.append(
            Markup('<p class="notice">{}</p>').format(
                t("bank_differs", lang).format(old=old, new=new)
            )
        )
    drift = drift_line(session_drift(bank, session), lang)
    if drift:
        parts.append(Markup('<p class="notice" id="drift">{}</p>').format(drift))
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
    parts = [Markup("<h1>{}</h1>").format(title), _notes_notice(lang, include_notes)]
    if len(comparison.teams) > 1:
        notice = t("several_teams", lang).format(teams=teams)
        parts.append(Markup('<p class="notice">{}</p>').format(notice))
    rows: list[list[str | Markup]] = [
        [
            Markup("{} <code>{}</code>").format(day(c.session.created_at, lang), c.session.id[:8]),
            c.session.meta.team,
            t(f"phase_{c.session.meta.phase}", lang),
            level_words(bank, c.assessment.level, lang),
            score_words(c.assessment.overall),
        ]
        for c in comparison.sessions
    ]
    parts += [
        Markup("<h2>{}</h2>").format(t("sessions_compared", lang)),
        _table(
            [t("session", lang), t("team", lang), t("phase", lang), t("level", lang)],
            rows,
            numeric=[t("overall", lang)],
        ),
    ]
    if comparison.mixed_banks:
        current = Markup(" ({})").format(t("current_bank", lang))
        items = Markup().join(
            Markup("<li>{} {}{}: {}</li>").format(
                use.id, use.version, current if use.current else NOTHING, len(use.session_ids)
            )
            for use in comparison.banks
        )
        parts.append(Markup("<h3>{}</h3><ul>{}</ul>").format(t("banks_heading", lang), items))
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
        parts.append(Markup("<h2>{}</h2>").format(t("overall_change_heading", lang)))
        parts.append(_step(bank, comparison.overall_change, lang, include_notes))
    for step in comparison.steps:
        heading = t("step_heading", lang).format(
            before=session_label(step.before.session, lang),
            after=session_label(step.after.session, lang),
        )
        parts += [Markup("<h2>{}</h2>").format(heading), _step(bank, step, lang, include_notes)]
    if comparison.not_in_bank:
        parts.append(_ignored(comparison.not_in_bank, lang))
    return _page(title, parts, lang, bank.info.source)


def merge_html(bank: Bank, merge: Merge, lang: Lang, include_notes: bool = True) -> str:
    """Who answered, where they disagree, the merged verdict with its chart, and the spread."""
    title = f"{t('merge_title', lang)}: {merge.name}"
    parts = [Markup("<h1>{}</h1>").format(title), _notes_notice(lang, include_notes)]
    if len(merge.teams) > 1:
        notice = t("several_teams", lang).format(teams=", ".join(merge.teams))
        parts.append(Markup('<p class="notice">{}</p>').format(notice))
    parts += [
        Markup("<h2>{}</h2>").format(t("members_heading", lang)),
        _table(
            [t("respondent", lang), t("role", lang), t("created", lang), t("session", lang)],
            [
                [
                    m.name,
                    m.session.meta.role,
                    day(m.session.created_at, lang),
                    Markup("<code>{}</code>").format(m.session_id[:8]),
                ]
                for m in merge.members
            ],
        ),
        Markup("<h2>{}</h2>").format(t("disagreements_heading", lang)),
    ]
    if merge.disagreements:
        parts += [
            Markup("<p>{}</p>").format(t("disagreements_why", lang)),
            Markup("<blockquote>«{}»</blockquote>").format(DISAGREEMENT_QUOTE),
            Markup('<p class="section-ref">{}</p>').format(DISAGREEMENT_SECTION),
        ]
        for question in merge.disagreements:
            answers = Markup().join(
                Markup("<li>{}: {}</li>").format(
                    a.member, answer_words(bank, question.question_id, a.value, lang)
                )
                for a in question.answers
            )
            text = question_words(bank, question.question_id, lang)
            parts.append(Markup("<h3>{}</h3><ul>{}</ul>").format(text, answers))
    else:
        parts.append(Markup("<p>{}</p>").format(t("no_disagreements", lang)))
    parts += [
        Markup("<h2>{}</h2>").format(t("merged_verdict", lang)),
        Markup("<p>{}</p>").format(t("merged_rule", lang)),
        _assessment(bank, merge.assessment, lang),
        Markup("<h2>{}</h2>").format(t("distribution", lang)),
        _distribution(bank, merge.questions, lang),
    ]
    if include_notes:
        parts.append(_merge_notes(bank, merge, lang))
    if merge.not_in_bank:
        parts.append(_ignored(merge.not_in_bank, lang))
    return _page(title, parts, lang, bank.info.source)


_PAGE = Markup(
    "<!DOCTYPE html>\n"
    '<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
    '<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    '<meta name="referrer" content="no-referrer">\n'
    "<title>{title}</title>\n<style>{style}</style>\n</head>\n<body>\n<main>\n"
    "{body}\n</main>\n<footer><p>{source_label}: {source}</p>"
    "<p>{footer}</p></footer>\n</body>\n</html>\n"
)


def _page(title: str, parts: Sequence[Markup | str], lang: Lang, source: str) -> str:
    """The whole page around `parts`: a part that is not `Markup` is text, escaped here."""
    page = _PAGE.format(
        lang=lang,
        # Our own constants, written as they are meant to be read (quotes and all).
        policy=Markup(CSP),
        style=Markup(STYLE),
        title=title,
        body=html_lines(parts),
        source_label=t("source", lang),
        source=source,
        footer=t("footer", lang),
    )
    return str(page)


def _ignored(ignored: Sequence[str], lang: Lang) -> Markup:
    return Markup("<p>{}: {}</p>").format(t("ignored_answers", lang), ", ".join(ignored))


def _notes_notice(lang: Lang, include_notes: bool) -> Markup:
    if include_notes:
        return NOTHING
    return Markup('<p class="notice" id="notes-left-out"><strong>{}.</strong> {}</p>').format(
        t("notes_left_out", lang), t("notes_left_out_why", lang)
    )


def _meta(session: Session, lang: Lang) -> Markup:
    items = Markup().join(
        Markup("<dt>{}</dt><dd>{}</dd>").format(k, v) for k, v in meta_rows(session, lang)
    )
    return Markup('<dl class="meta">{}</dl>').format(items)


def _table(
    header: Sequence[str],
    rows: Sequence[Sequence[str | Markup]],
    numeric: Sequence[str] = (),
    marked: Sequence[bool] = (),
) -> Markup:
    """A table; the `numeric` columns come last, right-aligned.

    Every cell is text, escaped here, unless it is `Markup` (built from escaped parts). Rows
    whose entry in `marked` is true get the class `disagree`.
    """
    first = len(header)
    head = Markup().join(Markup("<th>{}</th>").format(h) for h in header)
    head += Markup().join(Markup('<th class="num">{}</th>').format(h) for h in numeric)
    body = Markup().join(
        Markup("{}{}</tr>").format(
            _DISAGREE_ROW if index < len(marked) and marked[index] else _ROW,
            Markup().join(
                (_NUMBER_CELL if column >= first else _CELL).format(cell)
                for column, cell in enumerate(row)
            ),
        )
        for index, row in enumerate(rows)
    )
    return Markup("<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>").format(head, body)


_ROW = Markup("<tr>")
_DISAGREE_ROW = Markup('<tr class="disagree">')
_CELL = Markup("<td>{}</td>")
_NUMBER_CELL = Markup('<td class="num">{}</td>')


def _reason(reason: Reason) -> Markup:
    """A cause of the verdict: its sentence, and its items as a list."""
    return Markup("<p>{}</p>{}").format(reason.text, html_list(reason.items))


def _assessment(bank: Bank, assessment: Assessment, lang: Lang) -> Markup:
    level = level_words(bank, assessment.level, lang)
    advice = html_list(
        (a.text.get(lang) for a in assessment.verdict_advice),
        Markup('<ul class="verdict-advice">{}</ul>'),
    )
    reasons = Markup().join(_reason(reason) for reason in reason_lines(bank, assessment, lang))
    verdict = Markup(
        '<section class="verdict" id="verdict"><p class="level">{}: {}</p><p>{}</p>'
        "{}{}<p><strong>{}</strong></p></section>"
    ).format(
        t("level", lang),
        level,
        level_summary(bank, assessment.level, lang),
        advice,
        reasons,
        figures_line(assessment, lang),
    )
    chart = _chart(bank, [("", assessment)], lang)
    shown, rest = top_recommendations(bank, assessment)
    clarify = NOTHING
    to_clarify = clarify_first(assessment)
    if to_clarify:
        clarify = Markup("<h2>{}</h2><ul>{}</ul>").format(
            t("clarify_heading", lang),
            html_items(question_words(bank, q, lang) for q in to_clarify),
        )
    undetermined = assessment.level == "undetermined"
    parts = [verdict, clarify if undetermined else NOTHING, chart]
    parts.append(_recommendations(bank, shown, lang, "recommendations", "recommendations_heading"))
    if rest:
        more = t("md_more_in_appendix", lang).format(count=len(rest))
        parts.append(Markup("<p><em>{}</em></p>").format(more))
    parts.append(_ambition(bank, assessment, lang))
    if not undetermined:
        parts.append(clarify)
    if assessment.not_applicable:
        parts.append(
            Markup("<h2>{}</h2><ul>{}</ul>").format(
                t("not_applicable_heading", lang),
                html_items(question_words(bank, q, lang) for q in assessment.not_applicable),
            )
        )
    if rest:
        parts.append(_recommendations(bank, rest, lang, "appendix", "appendix_heading"))
    return html_lines(parts)


_LINE_HEIGHT = 15
"""Between the lines of a dimension's name set on two (px)."""


def _chart(
    bank: Bank,
    series: Sequence[tuple[str, Assessment]],
    lang: Lang,
    short: Sequence[str] = (),
) -> Markup:
    """A horizontal bar chart of every dimension's score, one bar per assessment in `series`.

    Each bar carries its number as text, prefixed by its `short` label when there are several,
    so the chart never relies on colour alone; the legend gives the full labels.
    """
    row_height = BAR_HEIGHT * len(series) + ROW_GAP
    height = row_height * len(bank.dimensions) + ROW_GAP
    width = LABEL_WIDTH + BAR_AREA + NUMBER_WIDTH
    title = t("chart_title", lang)
    shapes = [
        Markup('<title id="chart-title">{}</title>').format(title),
        Markup('<line class="axis" x1="{x}" y1="0" x2="{x}" y2="{height}"/>').format(
            x=LABEL_WIDTH, height=height
        ),
    ]
    for row, dimension in enumerate(bank.dimensions):
        top = ROW_GAP + row * row_height
        middle = top + BAR_HEIGHT * len(series) / 2
        lines = _wrap(dimension_words(bank, dimension.id, lang))
        spans = Markup().join(
            Markup('<tspan x="{}" y="{:.1f}">{}</tspan>').format(
                LABEL_WIDTH - 8, middle + (n - (len(lines) - 1) / 2) * _LINE_HEIGHT, line
            )
            for n, line in enumerate(lines)
        )
        shapes.append(
            Markup(
                '<text class="dimension" text-anchor="end" dominant-baseline="middle">{}</text>'
            ).format(spans)
        )
        for index, (_, assessment) in enumerate(series):
            score = assessment.dimensions[dimension.id].score
            y = top + index * BAR_HEIGHT
            bar = 0.0 if score is None else BAR_AREA * score / 100
            number = t("no_score", lang) if score is None else f"{score:.0f}"
            shown = f"{short[index]}: {number}" if index < len(short) else number
            shapes.append(
                Markup(
                    '<rect class="bar" data-dimension="{}" x="{}" y="{}" width="{:.1f}" '
                    'height="{}" fill="{}"/>'
                ).format(dimension.id, LABEL_WIDTH, y + 2, bar, BAR_HEIGHT - 4, _colour(index))
            )
            shapes.append(
                Markup(
                    '<text class="score" x="{:.1f}" y="{:.1f}" dominant-baseline="middle">{}</text>'
                ).format(LABEL_WIDTH + bar + 6, y + BAR_HEIGHT / 2, shown)
            )
    legend = NOTHING
    if len(series) > 1:
        legend = Markup('<p class="legend">{}</p>').format(
            Markup().join(
                Markup('<span class="swatch" style="background:{}"></span>{}').format(
                    _colour(i), label
                )
                for i, (label, _) in enumerate(series)
            )
        )
    svg = Markup(
        '<svg class="chart" id="score-chart" role="img" aria-labelledby="chart-title" '
        'width="{width}" height="{height}" viewBox="0 0 {width} {height}">{shapes}</svg>'
    ).format(width=width, height=height, shapes=Markup().join(shapes))
    return Markup("<figure><figcaption>{}</figcaption>{}{}</figure>").format(title, svg, legend)


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
) -> Markup:
    parts = [Markup('<section id="{}"><h2>{}</h2>').format(section_id, t(heading, lang))]
    if not recommendations:
        parts.append(Markup("<p>{}</p>").format(t("no_recommendations", lang)))
    for rec in recommendations:
        lesson = bank.lesson(rec.lesson_id)
        quote = lesson_quote(lesson, after_stop=rec.blocker)
        tag = (
            Markup('<span class="tag">{}</span> ').format(t("blocker", lang))
            if rec.blocker
            else NOTHING
        )
        because = ", ".join(question_words(bank, q, lang) for q in rec.questions)
        # The bank's own source is cited once, in the footer; only other sources are named here.
        source = Markup(" · {}").format(lesson.source) if lesson.source else NOTHING
        stop = (
            Markup('<p class="stop"><strong>{}</strong></p>').format(stop_line(lesson, lang))
            if rec.blocker and lesson.stop_quote
            else NOTHING
        )
        laws = Markup().join(
            Markup('<p class="law">{}</p>').format(line) for line in law_lines(lesson, lang)
        )
        parts.append(
            Markup(
                '<article class="rec{blocker}"><h3 class="rec-title">{tag}{title}</h3>'
                '<p class="section-ref">{section}{source}</p>{stop}<p>{advice}</p>{laws}{quote}'
                "<p><em>{because_of}:</em> {because}</p></article>"
            ).format(
                blocker=" blocker" if rec.blocker else "",
                tag=tag,
                title=lesson.title.get(lang),
                section=section_words(lesson, lang),
                source=source,
                stop=stop,
                advice=lesson.advice.get(lang),
                laws=laws,
                quote=Markup("<blockquote>{}</blockquote>").format(quote) if quote else NOTHING,
                because_of=t("because_of", lang),
                because=because,
            )
        )
    parts.append(Markup("</section>"))
    return Markup().join(parts)


def _ambition(bank: Bank, assessment: Assessment, lang: Lang) -> Markup:
    name = getattr(bank.policy.ambition, assessment.ambition.level).get(lang)
    return Markup("<h2>{}</h2><p>{}: {}</p>{}").format(
        t("ambition_heading", lang),
        t("ambition", lang),
        name,
        html_list(a.text.get(lang) for a in assessment.ambition.advice),
    )


def _answers(bank: Bank, session: Session, lang: Lang, include_notes: bool) -> Markup:
    values = session.answer_values()
    header = [t("questions", lang), t("answer", lang)]
    header += [t("note", lang)] if include_notes else []
    rows = []
    for question_id in [q.id for q in bank.questions] + orphaned_answers(session, bank):
        row = [
            question_words(bank, question_id, lang),
            answer_words(bank, question_id, values.get(question_id), lang),
        ]
        if include_notes:
            row.append(session.answer(question_id).note)
        rows.append(row)
    heading = Markup("<h2>{}</h2>").format(t("answers_heading", lang))
    return heading + _table(header, rows)


def _step(bank: Bank, step: ComparisonStep, lang: Lang, include_notes: bool) -> Markup:
    before = level_words(bank, step.level_before, lang)
    after = level_words(bank, step.level_after, lang)
    changed = level_change_words(step, lang)
    shown = f"{before} → {after}" if step.level_changed else after
    parts = [Markup("<p><strong>{}:</strong> {}</p>").format(changed, shown)]
    if step.shared_only:
        parts.append(Markup('<p class="notice">{}</p>').format(t("shared_only", lang)))
        if step.left_out:
            left_out = ", ".join(question_words(bank, q, lang) for q in step.left_out)
            parts.append(Markup("<p>{}: {}</p>").format(t("left_out_questions", lang), left_out))
    rows: list[list[str | Markup]] = [
        [
            Markup("<strong>{}</strong>").format(t("overall", lang)),
            score_words(step.overall_before),
            score_words(step.overall_after),
            delta_words(step.overall_delta),
        ]
    ]
    rows += [
        [
            dimension_words(bank, d.dimension_id, lang),
            score_words(d.before),
            score_words(d.after),
            delta_words(d.delta),
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
    parts.append(Markup("<h3>{}</h3>").format(t("changed_answers_heading", lang)))
    if step.changed_answers:
        # The cells stay text: the table escapes them.
        header, answer_rows = changed_answer_table(bank, step, lang, include_notes, str)
        parts.append(_table(header, answer_rows))
    else:
        parts.append(Markup("<p>{}</p>").format(t("no_changed_answers", lang)))
    for key, lessons in (
        ("blockers_raised_heading", step.blockers_raised),
        ("blockers_cleared_heading", step.blockers_cleared),
    ):
        if lessons:
            items = Markup().join(
                Markup("<li><strong>{}</strong> ({})</li>").format(
                    bank.lesson(lesson).title.get(lang), bank.lesson(lesson).section
                )
                for lesson in lessons
            )
            parts.append(Markup("<h3>{}</h3><ul>{}</ul>").format(t(key, lang), items))
    if step.actions:
        parts.append(progress_html(bank, step.actions, lang))
    return Markup("\n").join(parts)


def _distribution(bank: Bank, questions: Sequence[QuestionMerge], lang: Lang) -> Markup:
    rows = []
    for question in questions:
        counts = ", ".join(
            f"{answer_words(bank, question.question_id, value, lang)}: {n}"
            for value, n in question.distribution.items()
            if n
        )
        rows.append(
            [
                question_words(bank, question.question_id, lang),
                counts or "–",
                answer_words(bank, question.question_id, question.merged, lang),
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


def _merge_notes(bank: Bank, merge: Merge, lang: Lang) -> Markup:
    noted = [q for q in merge.questions if any(a.note.strip() for a in q.answers)]
    if not noted:
        return NOTHING
    parts = [
        Markup("<h2>{}</h2>").format(t("notes_heading", lang)),
        Markup("<p>{}</p>").format(t("merged_member_note", lang)),
    ]
    for question in noted:
        items = Markup().join(
            Markup("<li>{}: {}</li>").format(a.member, a.note)
            for a in question.answers
            if a.note.strip()
        )
        parts.append(
            Markup("<h3>{}</h3><ul>{}</ul>").format(
                question_words(bank, question.question_id, lang), items
            )
        )
    return Markup("\n").join(parts)
