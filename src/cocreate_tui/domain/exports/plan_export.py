"""The action plan as Markdown, CSV (for Excel and Planner), JSON and an HTML section; progress.

The CSV is separated by semicolons: Norwegian Excel uses the semicolon as its list separator
(the comma is the decimal sign), so a double-clicked file opens in columns there, and Microsoft
Planner takes tasks by way of Excel. Headers and statuses are in the team's language, because the
file is for people; the JSON is for programs and keeps stable English keys and status ids.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from ...i18n import t
from ..action_plan import ActionProgress, count_actions, is_overdue, sort_actions
from ..bank_models import Bank, Lang
from ..human_format import day, local_day
from ..sessions import Action, Session
from ..text_safety import Markup
from ..text_safety import csv_cell as _cell
from ..text_safety import md_inline as _md
from .common import answer_words, question_words
from .html_parts import NOTHING, html_items

PLAN_FORMAT = "cocreate-action-plan"
FORMAT_VERSION = 1
CSV_DELIMITER = ";"


# --- words shared by every format ------------------------------------------------------------


def status_words(action: Action, lang: Lang, today: date) -> str:
    """The status in words, with «forfalt» when the action is overdue: never colour alone."""
    words = t(f"action_status_{action.status}", lang)
    if is_overdue(action, today):
        return t("action_status_overdue", lang).format(status=words)
    return words


def summary_words(session: Session, lang: Lang, today: date) -> str:
    """E.g. «4 tiltak: 2 åpne, 1 forfalt, 1 gjort, 0 droppet»."""
    counts = count_actions(session.actions, today)
    return t("plan_summary", lang).format(
        total=counts.total,
        open=counts.open,
        overdue=counts.overdue,
        done=counts.done,
        dropped=counts.dropped,
    )


def lesson_words(bank: Bank, action: Action, lang: Lang) -> str:
    """The lesson the action comes from, with its section, or «Teamets eget tiltak»."""
    if action.lesson_id is None:
        return t("action_own", lang)
    lesson = next((item for item in bank.lessons if item.id == action.lesson_id), None)
    if lesson is None:
        return action.lesson_id
    return f"{lesson.title.get(lang)} ({lesson.section})"


def due_words(action: Action, lang: Lang) -> str:
    """The due date as the language writes a day (06.12.2026 in Norwegian), or «ingen frist»."""
    return day(action.due, lang) if action.due is not None else t("action_no_due", lang)


def owner_words(action: Action, lang: Lang) -> str:
    """The owner, or «ingen ansvarlig ennå»."""
    return action.owner or t("action_no_owner", lang)


# --- Markdown --------------------------------------------------------------------------------


def plan_markdown_lines(bank: Bank, session: Session, lang: Lang, today: date) -> list[str]:
    """The plan as Markdown lines under a `## Tiltaksplan` heading; none without actions."""
    if not session.actions:
        return []
    lines = [f"## {t('plan_title', lang)}", "", _md(summary_words(session, lang, today)), ""]
    header = [t("action_due", lang), t("action_text", lang), t("action_owner", lang)]
    header.append(t("action_status", lang))
    lines += ["| " + " | ".join(header) + " |", "|---|---|---|---|"]
    for action in sort_actions(session.actions, "due", today):
        status = _md(status_words(action, lang, today))
        if is_overdue(action, today):
            status = f"**{status}**"
        if action.status == "dropped":
            status += f": {_md(action.dropped_reason)}"
        carried = f" ({t('action_carried', lang)})" if action.carried_from else ""
        text = (
            f"{_md(action.text)} – _{t('action_lesson', lang)}: "
            f"{_md(lesson_words(bank, action, lang))}{carried}_"
        )
        due = _md(due_words(action, lang))
        lines.append(f"| {due} | {text} | {_md(owner_words(action, lang))} | {status} |")
    return [*lines, ""]


def plan_markdown(bank: Bank, session: Session, lang: Lang, today: date) -> str:
    """The action plan of `session` as a Markdown document of its own."""
    meta = session.meta
    details = [meta.organisation, meta.service_area, t(f"phase_{meta.phase}", lang)]
    lines = [
        f"# {t('plan_title', lang)}: {_md(meta.team)}",
        "",
        " · ".join(_md(part) for part in details if part) + "  ",
        f"{t('session', lang)}: `{session.id}` · {local_day(session.created_at, lang)}",
        "",
    ]
    body = plan_markdown_lines(bank, session, lang, today)
    # Not the plan screen's words («trykk a her»): this is read outside the app.
    lines += body[2:] if body else [t("plan_empty_document", lang), ""]
    return "\n".join(lines).rstrip() + "\n"


# --- CSV -------------------------------------------------------------------------------------


def _moment(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M}"


def plan_csv(bank: Bank, session: Session, lang: Lang, today: date) -> str:
    """One row per action, sorted by due date, separated by semicolons (see the module)."""
    header = [
        t("action_text", lang),
        t("action_owner", lang),
        t("action_due", lang),
        t("action_status", lang),
        t("action_overdue", lang),
        t("action_dropped_reason", lang),
        t("action_lesson", lang),
        t("action_questions", lang),
        t("team", lang),
        t("session", lang),
        t("action_id", lang),
        t("action_created", lang),
        t("updated", lang),
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(header)
    for action in sort_actions(session.actions, "due", today):
        questions = " | ".join(question_words(bank, q, lang) for q in action.question_ids)
        writer.writerow(
            [
                _cell(action.text),
                _cell(action.owner),
                action.due.isoformat() if action.due is not None else "",
                t(f"action_status_{action.status}", lang),
                t("word_yes" if is_overdue(action, today) else "word_no", lang),
                _cell(action.dropped_reason),
                _cell(lesson_words(bank, action, lang)),
                _cell(questions),
                _cell(session.meta.team),
                session.id,
                action.id,
                _moment(action.created_at),
                _moment(action.updated_at),
            ]
        )
    return buffer.getvalue()


# --- JSON ------------------------------------------------------------------------------------


def action_to_json(bank: Bank, action: Action, lang: Lang, today: date) -> dict[str, Any]:
    """One action as data, with the lesson's title and whether it is overdue today."""
    lesson = next((item for item in bank.lessons if item.id == action.lesson_id), None)
    return {
        "id": action.id,
        "lesson_id": action.lesson_id,
        "lesson_title": lesson.title.get(lang) if lesson is not None else None,
        "section": lesson.section if lesson is not None else None,
        "question_ids": list(action.question_ids),
        "text": action.text,
        "owner": action.owner,
        "due": action.due.isoformat() if action.due is not None else None,
        "status": action.status,
        "overdue": is_overdue(action, today),
        "dropped_reason": action.dropped_reason,
        "carried_from": action.carried_from,
        "created_at": action.created_at.isoformat(),
        "updated_at": action.updated_at.isoformat(),
    }


def plan_json(bank: Bank, session: Session, lang: Lang, today: date) -> str:
    """The plan as stable, indented JSON: the session, the counts and every action."""
    counts = count_actions(session.actions, today)
    data = {
        "format": PLAN_FORMAT,
        "format_version": FORMAT_VERSION,
        "today": today.isoformat(),
        "session": {
            "id": session.id,
            "team": session.meta.team,
            "organisation": session.meta.organisation,
            "service_area": session.meta.service_area,
            "phase": session.meta.phase,
            "created_at": session.created_at.isoformat(),
            "updated_at": session.updated_at.isoformat(),
        },
        "counts": {
            "total": counts.total,
            "open": counts.open,
            "overdue": counts.overdue,
            "done": counts.done,
            "dropped": counts.dropped,
        },
        "actions": [
            action_to_json(bank, action, lang, today)
            for action in sort_actions(session.actions, "due", today)
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- HTML ------------------------------------------------------------------------------------


def plan_html(bank: Bank, session: Session, lang: Lang, today: date) -> Markup:
    """The plan as an HTML section (a table); empty without actions."""
    if not session.actions:
        return NOTHING
    heads = ("action_due", "action_text", "action_owner", "action_status")
    head = Markup().join(Markup("<th>{}</th>").format(t(key, lang)) for key in heads)
    rows = []
    for action in sort_actions(session.actions, "due", today):
        overdue = is_overdue(action, today)
        status = Markup("{}").format(status_words(action, lang, today))
        if overdue:
            status = Markup("<strong>{}</strong>").format(status)
        if action.status == "dropped":
            status += Markup(": {}").format(action.dropped_reason)
        carried = (
            Markup(" ({})").format(t("action_carried", lang)) if action.carried_from else NOTHING
        )
        rows.append(
            Markup(
                "<tr{row_class}><td>{due}</td><td>{text}<br><small>{lesson_label}: {lesson}"
                "{carried}</small></td><td>{owner}</td><td>{status}</td></tr>"
            ).format(
                row_class=Markup(' class="overdue"') if overdue else NOTHING,
                due=due_words(action, lang),
                text=action.text,
                lesson_label=t("action_lesson", lang),
                lesson=lesson_words(bank, action, lang),
                carried=carried,
                owner=owner_words(action, lang),
                status=status,
            )
        )
    return Markup(
        '<section id="action-plan"><h2>{}</h2><p>{}</p>'
        "<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table></section>"
    ).format(t("plan_title", lang), summary_words(session, lang, today), head, Markup().join(rows))


# --- progress between two rounds -------------------------------------------------------------


def _change_words(bank: Bank, progress: ActionProgress, lang: Lang) -> list[str]:
    return [
        f"{question_words(bank, q.question_id, lang)}: "
        f"{answer_words(bank, q.question_id, q.before, lang)} → "
        f"{answer_words(bank, q.question_id, q.after, lang)} "
        f"({t(f'action_change_{q.change}', lang)})"
        for q in progress.questions
    ]


def progress_markdown_lines(
    bank: Bank, progress: Sequence[ActionProgress], lang: Lang, heading: str
) -> list[str]:
    """Each action of the earlier round, its status, and whether its answers improved."""
    lines = ["", f"{heading} {t('action_progress_heading', lang)}", ""]
    if not progress:
        return [*lines, t("action_progress_none", lang)]
    lines += [t("action_progress_intro", lang), ""]
    for number, item in enumerate(progress, start=1):
        action = item.action
        lines += [
            f"{number}. **{_md(action.text)}** – {_md(t(f'action_status_{action.status}', lang))}"
            f" · {t('action_outcome', lang)} **{_md(t(f'action_outcome_{item.outcome}', lang))}**",
        ]
        lines += [f"   - {_md(words)}" for words in _change_words(bank, item, lang)]
        if not item.questions:
            lines.append(f"   - {t('action_no_questions', lang)}")
    return lines


def progress_html(bank: Bank, progress: Sequence[ActionProgress], lang: Lang) -> Markup:
    """The same as `progress_markdown_lines`, as an HTML fragment."""
    heading = Markup("<h3>{}</h3>").format(t("action_progress_heading", lang))
    if not progress:
        return heading + Markup("<p>{}</p>").format(t("action_progress_none", lang))
    items = Markup().join(
        Markup(
            '<li class="action-progress" data-outcome="{outcome}"><strong>{text}</strong> – '
            "{status} · {outcome_label} <strong>{outcome_words}</strong><ul>{changes}</ul></li>"
        ).format(
            outcome=item.outcome,
            text=item.action.text,
            status=t(f"action_status_{item.action.status}", lang),
            outcome_label=t("action_outcome", lang),
            outcome_words=t(f"action_outcome_{item.outcome}", lang),
            changes=html_items(_change_words(bank, item, lang) or [t("action_no_questions", lang)]),
        )
        for item in progress
    )
    return Markup("{}<p>{}</p><ol>{}</ol>").format(heading, t("action_progress_intro", lang), items)


def progress_json(progress: Sequence[ActionProgress]) -> list[dict[str, Any]]:
    """Each action's progress as data: id, status, outcome, and every answer before/after."""
    return [
        {
            "id": item.action.id,
            "lesson_id": item.action.lesson_id,
            "text": item.action.text,
            "status": item.action.status,
            "carried": item.carried,
            "outcome": item.outcome,
            "questions": [
                {
                    "question": q.question_id,
                    "before": q.before,
                    "after": q.after,
                    "change": q.change,
                }
                for q in item.questions
            ],
        }
        for item in progress
    ]
