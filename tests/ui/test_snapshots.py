"""Snapshots of the wizard's walk at 80×24 in bokmål, nynorsk and English, and of its main
screens at 120×40 in bokmål and English.

Update them only after looking at the report: `pytest tests/ui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from cocreate_tui.domain.bank_models import Bank, Lang
from cocreate_tui.domain.sessions import Session, SessionMeta, new_session
from cocreate_tui.domain.storage import SessionStore
from cocreate_tui.ui.dialogs.export import ExportDialog
from cocreate_tui.ui.dialogs.why_ask import WhyAskDialog
from cocreate_tui.ui.messages import OpenSession
from cocreate_tui.ui.screens.about import AboutScreen
from cocreate_tui.ui.screens.intro import IntroScreen
from cocreate_tui.ui.screens.new_session import NewSessionScreen
from cocreate_tui.ui.screens.questions import QuestionsScreen
from cocreate_tui.ui.screens.results import ResultsScreen
from cocreate_tui.ui.screens.review import ReviewScreen
from cocreate_tui.ui.screens.start import StartScreen

from .conftest import START, AppFactory, wait_for_screen, wait_until

SESSION_ID = "0123456789abcdef0123456789abcdef"

RunBefore = Callable[[Pilot[Any]], Awaitable[None]]


def _session(bank: Bank, lang: Lang, answers: dict[str, int | str]) -> Session:
    meta = SessionMeta(
        team="Flyktningtjenesten Larvik", organisation="Larvik kommune", service_area="NAV"
    )
    session = new_session(meta, bank, now=START, language=lang)
    session = session.model_copy(update={"id": SESSION_ID})
    for minute, (question_id, value) in enumerate(answers.items(), start=1):
        moment = START + timedelta(minutes=minute)
        if value == "unknown":
            session = session.with_answer(question_id, unknown=True, now=moment)
        else:
            assert isinstance(value, int)
            session = session.with_answer(question_id, value, now=moment)
    return session


def _seed(data_dir: Path, session: Session) -> None:
    SessionStore(data_dir).save(session)


async def _settled(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _start(pilot: Pilot[Any]) -> None:
    start = await wait_for_screen(pilot, StartScreen)
    await wait_until(pilot, lambda: start.query_one("#continue-list").display)
    await _settled(pilot)


async def _metadata(pilot: Pilot[Any]) -> None:
    await _start(pilot)
    await pilot.press("n")
    form = await wait_for_screen(pilot, NewSessionScreen)
    form.query_one("#field-team", Input).insert_text_at_cursor("Flyktningtjenesten")
    await _settled(pilot)


async def _intro(pilot: Pilot[Any]) -> None:
    await _metadata(pilot)
    await pilot.press("ctrl+s")
    await wait_for_screen(pilot, IntroScreen)
    await _settled(pilot)


async def _about(pilot: Pilot[Any]) -> None:
    await _start(pilot)
    await pilot.press("a")
    await wait_for_screen(pilot, AboutScreen)
    await _settled(pilot)


async def _open_seeded(pilot: Pilot[Any]) -> None:
    await wait_for_screen(pilot, StartScreen)
    await _settled(pilot)
    pilot.app.post_message(OpenSession(SESSION_ID))


async def _question(pilot: Pilot[Any]) -> None:
    await _open_seeded(pilot)
    await wait_for_screen(pilot, QuestionsScreen)
    await pilot.press("f")
    await _settled(pilot)


async def _why(pilot: Pilot[Any]) -> None:
    await _question(pilot)
    await pilot.press("h")
    await wait_for_screen(pilot, WhyAskDialog)
    await _settled(pilot)


async def _review(pilot: Pilot[Any]) -> None:
    await _question(pilot)
    await pilot.press("r")
    await wait_for_screen(pilot, ReviewScreen)
    await _settled(pilot)


async def _results(pilot: Pilot[Any]) -> None:
    await _open_seeded(pilot)
    await wait_for_screen(pilot, ResultsScreen)
    await _settled(pilot)


async def _export(pilot: Pilot[Any]) -> None:
    await _results(pilot)
    await pilot.press("e")
    await wait_for_screen(pilot, ExportDialog)
    await _settled(pilot)


IN_PROGRESS = {"und_difference": 1, "und_open_outcome": 2}
COMPLETE = {
    "und_difference": 1,
    "und_open_outcome": 2,
    "anchor_leadership": 1,
    "anchor_across": 2,
    "lead_control": 2,
    "time_calendar": "unknown",
    "ambition_duration": 4,
}
NOTES = {"time_calendar": "Spør lederen om høsten"}
"""Notes on the complete session in the export state: the export then asks about them."""

STATES: dict[str, tuple[RunBefore, dict[str, int | str], bool, dict[str, str]]] = {
    # state: (steps, the seeded session's answers, whether it is complete, its notes), in the
    # order of the walk
    "start": (_start, IN_PROGRESS, False, {}),
    "metadata": (_metadata, IN_PROGRESS, False, {}),
    "intro": (_intro, IN_PROGRESS, False, {}),
    "question": (_question, IN_PROGRESS, False, {}),
    "why": (_why, IN_PROGRESS, False, {}),
    "review": (_review, IN_PROGRESS, False, {}),
    "results": (_results, COMPLETE, True, {}),
    "export": (_export, COMPLETE, True, NOTES),
    "about": (_about, IN_PROGRESS, False, {}),
}
WIDE = ["start", "metadata", "question", "review", "results"]
"""States also shown at 120×40 (in bokmål and English): the layouts that change with width."""
CASES: list[tuple[str, tuple[int, int], Lang]] = [
    *((state, (80, 24), lang) for state in STATES for lang in ("nb", "nn", "en")),
    *((state, (120, 40), lang) for state in WIDE for lang in ("nb", "en")),
]
"""Every state of the walk in every shipped language at 80×24, the wide layouts at 120×40; the
nynorsk texts come from nn.po and from the demo bank's lang/nn.toml."""


@pytest.mark.parametrize(
    ("state", "size", "lang"),
    CASES,
    ids=[f"{state}-{size[0]}x{size[1]}-{lang}" for state, size, lang in CASES],
)
def test_screen(
    snap_compare: Any,
    make_app: AppFactory,
    demo_bank: Bank,
    data_dir: Path,
    state: str,
    size: tuple[int, int],
    lang: Lang,
) -> None:
    steps, answers, complete, notes = STATES[state]
    session = _session(demo_bank, lang, answers)
    for question_id, note in notes.items():
        session = session.with_note(question_id, note, now=START + timedelta(minutes=30))
    if complete:
        session = session.with_status("complete", now=START + timedelta(hours=1))
    _seed(data_dir, session)
    assert snap_compare(make_app(lang=lang), terminal_size=size, run_before=steps)
