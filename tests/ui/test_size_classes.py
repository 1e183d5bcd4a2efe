"""Screens get their size classes before their first frame, the same ones Textual gives them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual import events

from cocreate_tui.ui.base import breakpoint_classes
from cocreate_tui.ui.screens.saved import SavedScreen
from cocreate_tui.ui.screens.start import StartScreen

from .conftest import AppFactory, wait_for_screen


@pytest.mark.parametrize("size", [(80, 24), (110, 30), (120, 40), (160, 50)])
async def test_the_early_classes_are_those_textual_sets_on_resize(
    make_app: AppFactory, data_dir: Path, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        start = await wait_for_screen(pilot, StartScreen)
        await pilot.pause()
        expected = {name for name, on in breakpoint_classes(start, app.size).items() if on}
        assert expected  # one width class and one height class at least
        assert expected <= start.classes  # Textual's own Resize handler has run by now


async def test_a_pushed_screen_has_its_size_classes_at_mount(
    make_app: AppFactory, data_dir: Path
) -> None:
    seen: list[frozenset[str]] = []

    class Watched(SavedScreen):
        def on_mount(self) -> None:
            # Runs before the screen's own handlers up the class tree, so the classes are
            # checked once SizedFromTheStart has set them, at the end of mounting.
            self.call_later(lambda: seen.append(frozenset(self.classes)))

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, StartScreen)
        screen = Watched(app.store, lambda: app.bank)
        await app.push_screen(screen)
        await pilot.pause()
    assert seen and "-very-wide" in seen[0] and "-tall" in seen[0]


async def test_a_screen_made_in_a_running_app_is_not_styled_twice_for_its_size(
    make_app: AppFactory, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its size classes are set when it is made, so its widgets are styled with them the first
    # time; set on mount, every widget was styled once more (~5 ms for the start screen).
    from textual.dom import DOMNode

    restyled: list[str] = []
    update_classes = DOMNode.update_classes

    def noted(node: DOMNode, classes: Any, update: bool = True, animate: bool = True) -> Any:
        before = set(node.classes)
        result = update_classes(node, classes, update, animate)
        if update and set(node.classes) != before and isinstance(node, SavedScreen):
            restyled.append(type(node).__name__)
        return result

    monkeypatch.setattr(DOMNode, "update_classes", noted)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, StartScreen)
        screen = SavedScreen(app.store, lambda: app.bank)
        assert {"-very-wide", "-tall"} <= screen.classes  # before it is even pushed
        await app.push_screen(screen)
        await pilot.pause()
    assert restyled == []


async def test_a_screen_first_shown_is_not_restyled_whole_and_later_resumes_are(
    make_app: AppFactory, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Textual restyles a resumed screen's whole tree; the first time, just after its widgets
    # were styled, that was the same work twice.
    from textual.css.stylesheet import Stylesheet

    restyled: list[str] = []
    update_nodes = Stylesheet.update_nodes

    def noted(sheet: Stylesheet, nodes: Any, animate: bool = False) -> None:
        nodes = list(nodes)
        if len(nodes) > 1 and isinstance(nodes[0], SavedScreen):
            restyled.append("whole")
        update_nodes(sheet, nodes, animate)

    monkeypatch.setattr(Stylesheet, "update_nodes", noted)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, StartScreen)
        screen = SavedScreen(app.store, lambda: app.bank)
        await app.push_screen(screen)
        await wait_for_screen(pilot, SavedScreen)
        await pilot.pause()
        assert restyled == []
        screen.post_message(events.ScreenResume())  # as Textual resumes a screen later
        await pilot.pause()
        assert restyled  # restyled whole, as Textual does
