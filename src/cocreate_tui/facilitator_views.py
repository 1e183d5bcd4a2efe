"""Readable terminal output for facilitators: the session list, one session, compare, merge."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.markdown import Markdown
from rich.table import Table

from .console_views import render_assessment
from .domain.bank_models import Bank, Lang
from .domain.drift import session_drift
from .domain.exports.common import meta_rows
from .domain.human_format import local_time
from .domain.phrases import worded
from .domain.scoring import Assessment
from .domain.sessions import Session, orphaned_answers
from .domain.storage import ListResult
from .domain.text_safety import escape_markup
from .i18n import t

SHORT_ID = 8


def unique_prefix_length(ids: list[str], shortest: int = SHORT_ID) -> int:
    """How many characters of each id tell them all apart (at least `shortest`).

    Eight hex digits collide once there are tens of thousands of sessions; an id shown in the
    list must be one that `show` and `export` then find alone.
    """
    longest = max((len(i) for i in ids), default=0)
    length = shortest
    while length < longest and len({i[:length] for i in ids}) < len(ids):
        length += 1
    return length


TEAM_MIN_WIDTH = 16
OTHER_COLUMNS_WIDTH = 58
"""What the list's other columns and their padding take at 80 columns: the team gets the rest."""


def render_session_list(listing: ListResult, lang: Lang, console: Console | None = None) -> None:
    """A table of the saved sessions, then the unreadable files with their reasons."""
    console = console or Console()
    if not listing.sessions:
        console.print(t("list_empty", lang))
    else:
        # A light frame leaves room for the words at the usual 80 columns.
        shown_id = unique_prefix_length([s.id for s in listing.sessions])
        table = Table(
            title=t("sessions", lang), box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False
        )
        table.add_column("id", no_wrap=True)
        # Who: the team, its organisation and the one who answered, a line each cut with «…»
        # (wrapped, a long name took a dozen lines at 80 columns; `show` gives them in full).
        team_width = max(TEAM_MIN_WIDTH, console.width - OTHER_COLUMNS_WIDTH)
        table.add_column(
            t("team", lang), max_width=team_width, no_wrap=True, overflow="ellipsis", ratio=1
        )
        table.add_column(t("phase", lang), min_width=10)
        table.add_column(t("status", lang), min_width=11)
        table.add_column(t("updated", lang), no_wrap=True)
        for s in listing.sessions:
            who = [escape_markup(s.team)]
            who += [
                f"[dim]{escape_markup(text)}[/dim]"
                for text in (s.organisation, s.respondent)
                if text
            ]
            table.add_row(
                s.id[:shown_id],
                "\n".join(who),
                # The saved list's short words: the full ones wrap over three lines here.
                t(f"saved_phase_{s.phase}", lang),
                f"{t(f'status_{s.status}', lang)}\n" + t("answered_n", lang).format(n=s.answered),
                local_time(s.updated_at, lang),
            )
        console.print(table)
    if listing.unreadable:
        console.print(f"\n[b]{t('unreadable_heading', lang)}[/b]")
        for unreadable in listing.unreadable:
            reason = worded(unreadable.reason, lang)
            # Soft-wrapped (left to the terminal): a path broken by a newline cannot be copied.
            console.print(f"- {unreadable.path}: {reason}", markup=False, soft_wrap=True)


def render_session(
    bank: Bank,
    session: Session,
    assessment: Assessment,
    lang: Lang,
    include_notes: bool = True,
    console: Console | None = None,
) -> None:
    """Who answered and when, then the verdict as `cocreate score` shows it."""
    console = console or Console()
    console.print(f"[b]{t('session_report_title', lang)}[/b]")
    for label, value in meta_rows(session, lang):
        console.print(f"{label}: {value}", markup=False)
    if session.bank.content_hash != bank.content_hash:
        old = f"{session.bank.id} {session.bank.version}"
        new = f"{bank.info.id} {bank.info.version}"
        console.print(t("bank_differs", lang).format(old=old, new=new), markup=False)
    console.print()
    # Escaped, because render_assessment prints notes as rich markup and a note is free text.
    notes = (
        {q: escape_markup(a.note) for q, a in session.answers.items() if a.note}
        if include_notes
        else None
    )
    drift = session_drift(bank, session)
    render_assessment(bank, assessment, lang, notes=notes, console=console, drift=drift)
    if drift.changed:
        console.print(f"\n[b]{t('drift_changed', lang)}[/b]")
        for question_id in drift.changed:
            question = bank.question(question_id)
            console.print(f"- {question.text.get(lang) if question else question_id}", markup=False)
    if not include_notes:
        console.print(f"\n{t('notes_left_out', lang)}.")
    orphaned = orphaned_answers(session, bank)
    if orphaned and not assessment.ignored:
        console.print(f"\n{t('ignored_answers', lang)}: {', '.join(orphaned)}", markup=False)


def render_markdown(text: str, console: Console | None = None) -> None:
    """Print a Markdown export, laid out for the terminal."""
    (console or Console()).print(Markdown(text))
