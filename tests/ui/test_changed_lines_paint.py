"""A partial update that asks each widget only for its changed lines writes what Textual's writes."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual._compositor import Compositor
from textual.geometry import Region
from textual.widgets import TextArea

from cocreate_tui.ui.dialogs.why_ask import WhyAskDialog
from cocreate_tui.ui.textual_internals import TEXTUAL_PARTIAL_UPDATE

from .conftest import AppFactory, wait_for_screen, wait_until
from .test_question_updates import open_questions

SIZE = (100, 30)


def changes(width: int, height: int) -> st.SearchStrategy[list[Region]]:
    """A few rectangles of changed cells anywhere on a screen of `width` × `height`."""

    @st.composite
    def region(draw: st.DrawFn) -> Region:
        x = draw(st.integers(0, width - 1))
        y = draw(st.integers(0, height - 1))
        return Region(x, y, draw(st.integers(1, width - x)), draw(st.integers(1, height - y)))

    return st.lists(region(), min_size=1, max_size=6)


def written(compositor: Compositor, update: Any, regions: list[Region], console: Any) -> str:
    """What `update` (a partial update function) writes to the terminal for `regions` changed."""
    compositor._dirty_regions.clear()
    compositor._dirty_regions.update(regions)
    chops = update(compositor)
    return "" if chops is None else chops.render_segments(console)


def assert_same_as_textual(app: Any) -> None:
    compositor = app.screen._compositor
    ours = Compositor.render_partial_update
    assert ours is not TEXTUAL_PARTIAL_UPDATE, "the changed-lines paint is not installed"

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(changes(*SIZE))
    def same(regions: list[Region]) -> None:
        theirs = written(compositor, TEXTUAL_PARTIAL_UPDATE, regions, app.console)
        assert written(compositor, ours, regions, app.console) == theirs

    same()


async def test_the_question_screen_is_painted_as_textual_paints_it(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_questions(pilot)
        await pilot.press("2", "tab")  # an answer, and the note opened under the options
        await wait_until(pilot, lambda: isinstance(screen.focused, TextArea), "the note")
        await pilot.pause()
        assert_same_as_textual(app)


async def test_a_dialog_over_the_questions_is_painted_as_textual_paints_it(
    make_app: AppFactory,
) -> None:
    # The dialog's screen is translucent: the question screen shows through it.
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_questions(pilot)
        await pilot.press("h")
        await wait_for_screen(pilot, WhyAskDialog)
        await pilot.pause()
        assert_same_as_textual(app)
