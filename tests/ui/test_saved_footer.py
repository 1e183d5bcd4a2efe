"""The saved screen's footer fits the terminal: fewer keys shown when narrow, all keys working."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from cocreate_tui.ui.screens.saved import SavedScreen
from cocreate_tui.ui.screens.start import StartScreen
from cocreate_tui.ui.screens.trash import TrashScreen
from cocreate_tui.ui.textual_internals import FooterKey

from .conftest import AppFactory, wait_for_screen, wait_until

SECONDARY = {"merge", "trash", "plan", "delete", "sort"}


async def open_saved(pilot: Pilot[None]) -> SavedScreen:
    """From the start screen, the saved assessments."""
    await wait_for_screen(pilot, StartScreen)
    await pilot.press("s")
    return await wait_for_screen(pilot, SavedScreen)


def shown_actions(screen: SavedScreen) -> set[str]:
    return {
        active.binding.action for active in screen.active_bindings.values() if active.binding.show
    }


@pytest.mark.parametrize(
    ("width", "hidden"),
    [(80, SECONDARY), (150, set())],
)
async def test_the_footer_leaves_out_secondary_keys_when_narrow(
    make_app: AppFactory, data_dir: Path, width: int, hidden: set[str]
) -> None:
    app = make_app()
    async with app.run_test(size=(width, 30)) as pilot:
        saved = await open_saved(pilot)
        shown = shown_actions(saved)
        assert not shown & hidden
        assert SECONDARY - hidden <= shown
        assert {"focus_filter", "toggle_select", "compare", "export"} <= shown
        assert {"close", "help"} <= shown


async def test_a_key_left_out_of_the_footer_still_works(
    make_app: AppFactory, data_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_saved(pilot)
        await pilot.press("t")
        await wait_for_screen(pilot, TrashScreen)


async def test_widening_the_terminal_brings_the_left_out_keys_back(
    make_app: AppFactory, data_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        saved = await open_saved(pilot)
        await pilot.pause()
        assert not {key.action for key in saved.query(FooterKey)} & SECONDARY
        await pilot.resize_terminal(150, 30)
        await wait_until(
            pilot,
            lambda: {key.action for key in saved.query(FooterKey)} >= SECONDARY,
            "the footer composed with every key",
        )
