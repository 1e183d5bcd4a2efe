"""Snapshots of the action plan at 80×24 in bokmål, nynorsk and English, and at 120×40.

Update them only after looking at the report:
`pytest tests/ui/test_plan_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from cocreate_tui.domain.bank_models import Bank, Lang
from cocreate_tui.domain.sessions import Action, Session, SessionMeta, new_action, new_session
from cocreate_tui.domain.storage import SessionStore
from cocreate_tui.ui.messages import OpenSession
from cocreate_tui.ui.screens.action_plan import ActionPlanScreen
from cocreate_tui.ui.screens.results import ResultsScreen
from cocreate_tui.ui.screens.start import StartScreen

from .conftest import START, AppFactory, wait_for_screen

CASES: list[tuple[tuple[int, int], Lang]] = [
    *(((80, 24), lang) for lang in ("nb", "nn", "en")),
    *(((120, 40), lang) for lang in ("nb", "en")),
]
SESSION_ID = "0123456789abcdef0123456789abcdef"
ANSWERS = {
    "und_difference": 1,
    "und_open_outcome": 2,
    "anchor_leadership": 1,
    "anchor_across": 2,
    "lead_control": 2,
    "time_calendar": 1,
    "ambition_duration": 4,
}


def _action(number: int, text: str, **fields: Any) -> Action:
    made = new_action(text, now=START - timedelta(days=20), **fields)
    return made.model_copy(update={"id": f"{number:032x}"})


def _session(bank: Bank, lang: Lang) -> Session:
    meta = SessionMeta(team="Horten helse og omsorg", organisation="Horten kommune")
    session = new_session(meta, bank, now=START, language=lang)
    session = session.model_copy(update={"id": SESSION_ID})
    for question_id, value in ANSWERS.items():
        session = session.with_answer(question_id, value, now=START)
    actions = [
        _action(
            1,
            "Sørg for at ledelsen har sagt ja til både mål, tid og arbeidsmåte før innbyggerne "
            "inviteres.",
            lesson_id="anchor-first",
            question_ids=["anchor_leadership"],
            owner="Kari Nordmann, enhetsleder",
            due=date(2024, 2, 20),
        ),
        _action(
            2,
            "Snakk med barnevernet og skolen om hva vi vil, så ingen blir bremseklosser.",
            lesson_id="anchor-across",
            question_ids=["anchor_across"],
            owner="Per",
            due=date(2024, 3, 20),
            status="under_way",
        ),
        _action(
            3,
            "Sett av faste møter i kalenderen.",
            lesson_id="take-time",
            question_ids=["time_calendar"],
            due=date(2024, 2, 1),
            status="done",
        ),
        _action(
            4,
            "Kurs i samskaping for hele tjenesten.",
            status="dropped",
            dropped_reason="Vi lærer heller av å gjøre det sammen",
        ),
        _action(5, "Samle hjemmefronten før vi starter igjen."),
    ]
    for action in actions:
        session = session.with_action(action, now=START)
    return session.with_status("complete", now=START + timedelta(hours=1))


async def _plan(pilot: Pilot[Any]) -> None:
    await wait_for_screen(pilot, StartScreen)
    await pilot.app.workers.wait_for_complete()
    pilot.app.post_message(OpenSession(SESSION_ID))
    await wait_for_screen(pilot, ResultsScreen)
    await pilot.press("p")
    await wait_for_screen(pilot, ActionPlanScreen)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize(
    ("size", "lang"), CASES, ids=[f"{size[0]}x{size[1]}-{lang}" for size, lang in CASES]
)
def test_action_plan(
    snap_compare: Any,
    make_app: AppFactory,
    demo_bank: Bank,
    data_dir: Path,
    size: tuple[int, int],
    lang: Lang,
) -> None:
    SessionStore(data_dir).save(_session(demo_bank, lang))
    assert snap_compare(make_app(lang=lang), terminal_size=size, run_before=_plan)
