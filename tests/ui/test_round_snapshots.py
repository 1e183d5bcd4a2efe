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
from cocreate_tui.ui.app import CocreateApp
from cocreate_tui.ui.screens.start import StartScreen
from cocreate_tui.ui.screens.team_round import RoundScreen

from .conftest import wait_for_screen
from .round_helpers import revealed_round


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
