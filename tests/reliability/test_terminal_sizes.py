"""Terminal sizes from 40×12 to 250×80: the whole walk works, and below 60×20 a clear message.

At each size the test walks start → new form → intro → questions → review → results, opens
help and about, and checks that the app never crashes. Below the minimum it checks the message,
that keys do nothing behind it, and that resizing up brings back the very screen that was there.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.ui.dialogs.help import HelpDialog
from cocreate_tui.ui.screens.about import AboutScreen
from cocreate_tui.ui.screens.intro import IntroScreen
from cocreate_tui.ui.screens.new_session import NewSessionScreen
from cocreate_tui.ui.screens.questions import QuestionsScreen
from cocreate_tui.ui.screens.results import ResultsScreen
from cocreate_tui.ui.screens.review import ReviewScreen
from cocreate_tui.ui.screens.start import StartScreen
from cocreate_tui.ui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen

from ..ui.conftest import AppFactory, type_text, wait_for_screen

SIZES = [(40, 12), (59, 19), (60, 20), (80, 24), (120, 40), (250, 80)]


def too_small(size: tuple[int, int]) -> bool:
    return size[0] < MIN_WIDTH or size[1] < MIN_HEIGHT


async def check_too_small(pilot: Pilot[Any], size: tuple[int, int]) -> None:
    screen = await wait_for_screen(pilot, TooSmallScreen)
    message = str(screen.query_one("#too-small-message", Static).render())
    assert f"{size[0]}×{size[1]}" in message and f"{MIN_WIDTH}×{MIN_HEIGHT}" in message


async def walk(pilot: Pilot[Any], bank: Bank, shrink_to: tuple[int, int] | None) -> None:
    """The whole way through; with `shrink_to`, the terminal shrinks and grows on the way."""
    app = pilot.app
    size = (app.size.width, app.size.height)

    async def squeeze(expected: type[Any]) -> None:
        if shrink_to is None:
            return
        await pilot.resize_terminal(*shrink_to)
        await check_too_small(pilot, shrink_to)
        await pilot.press("n", "escape", "enter")  # nothing reaches the screen behind it
        await pilot.resize_terminal(*size)
        assert await wait_for_screen(pilot, expected)

    await wait_for_screen(pilot, StartScreen)
    await pilot.press("question_mark")
    await wait_for_screen(pilot, HelpDialog)
    await pilot.press("escape")
    await wait_for_screen(pilot, StartScreen)
    await pilot.press("a")
    await wait_for_screen(pilot, AboutScreen)
    await squeeze(AboutScreen)
    await pilot.press("escape")
    await wait_for_screen(pilot, StartScreen)
    await pilot.press("n")
    await wait_for_screen(pilot, NewSessionScreen)
    await type_text(pilot, "Team")
    await squeeze(NewSessionScreen)
    await pilot.press("enter")
    await wait_for_screen(pilot, IntroScreen)
    await pilot.press("enter")
    await wait_for_screen(pilot, QuestionsScreen)
    await squeeze(QuestionsScreen)
    for _ in bank.questions:
        await pilot.press("1")
    await wait_for_screen(pilot, ReviewScreen)
    await squeeze(ReviewScreen)
    await pilot.press("r")
    await wait_for_screen(pilot, ResultsScreen)
    await squeeze(ResultsScreen)
    await pilot.press("question_mark")
    await wait_for_screen(pilot, HelpDialog)
    await pilot.press("escape")
    await wait_for_screen(pilot, ResultsScreen)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_every_size_walks_through_or_says_it_is_too_small(
    size: tuple[int, int], make_app: AppFactory, demo_bank: Bank
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        if too_small(size):
            await check_too_small(pilot, size)
            await pilot.press("n")
            assert isinstance(app.screen, TooSmallScreen)
            await pilot.resize_terminal(MIN_WIDTH, MIN_HEIGHT)
            await wait_for_screen(pilot, StartScreen)
            await walk(pilot, demo_bank, shrink_to=size)
        else:
            await walk(pilot, demo_bank, shrink_to=None)
        assert app.is_running  # no exception has stopped it
