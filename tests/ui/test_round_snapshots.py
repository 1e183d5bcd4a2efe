"""Snapshots of the team round's reveal, at the smallest size and a wide one.

Update them only after looking at the report:
`pytest tests/ui/test_round_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.round_store import RoundStore
from cocreate_tui.domain.team_round import agree, reveal
from cocreate_tui.ui.app import CocreateApp
from cocreate_tui.ui.screens.start import StartScreen
from cocreate_tui.ui.screens.team_round import RoundScreen

from .conftest import START, wait_for_screen

ANSWERS = {
    "Kari": {"und_difference": 4, "anchor_leadership": 4, "lead_control": 4, "time_calendar": 2},
    "Ola": {"und_difference": 3, "anchor_leadership": 3, "lead_control": 4, "time_calendar": 2},
    "Per": {"und_difference": 3, "anchor_leadership": 2, "lead_control": 2, "time_calendar": 0},
    "Siri": {"und_difference": 4, "anchor_leadership": 3, "lead_control": 4, "time_calendar": 2},
    "Ali": {"und_difference": 2, "anchor_leadership": 1, "lead_control": 4, "time_calendar": 2},
}


def revealed_round(bank: Bank, data_dir: Path) -> str:
    """A round of five with answers revealed and one question agreed, at fixed times."""
    store = RoundStore(data_dir)
    code = store.create("Flyktningtjenesten", bank, START, code="KVT7RN").code
    for name, answers in ANSWERS.items():
        _, session = store.join(code, name, bank, START)
        for question_id, value in answers.items():
            session = session.with_answer(question_id, value=value, now=START)
        store.sessions.save(session)
    store.update(code, lambda r: reveal(r, bank, store.member_sessions(r), START))
    store.update(
        code, lambda r: agree(r, bank, "lead_control", 4, "Lederen sa det på møtet", START)
    )
    return code


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_the_reveal(
    snap_compare: Any, make_app: Any, demo_bank: Bank, data_dir: Path, size: tuple[int, int]
) -> None:
    code = revealed_round(demo_bank, data_dir)
    app: CocreateApp = make_app()

    async def open_round(pilot: Pilot[Any]) -> None:
        await wait_for_screen(pilot, StartScreen)
        app.navigator.open_round(code)
        await wait_for_screen(pilot, RoundScreen)

    assert snap_compare(app, terminal_size=size, run_before=open_round)
