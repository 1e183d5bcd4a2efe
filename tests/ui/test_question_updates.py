"""The question screen updated in place: the same picture as widgets built anew, drawn once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import Footer, OptionList, TextArea
from textual.widgets._footer import FooterKey

from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.ui.screens.intro import IntroScreen
from cocreate_tui.ui.screens.new_session import NewSessionScreen
from cocreate_tui.ui.screens.questions import MAX_OPTIONS, QuestionsScreen
from cocreate_tui.ui.screens.start import StartScreen
from cocreate_tui.ui.widgets.answer_options import AnswerOptions
from cocreate_tui.ui.widgets.dimension_sidebar import DimensionSidebar
from cocreate_tui.ui.widgets.note_box import NoteBox
from cocreate_tui.ui.widgets.steady_footer import SteadyFooter

from .conftest import AppFactory, only_session, type_text, wait_for_screen, wait_until


async def open_questions(pilot: Pilot[Any]) -> QuestionsScreen:
    """Start a new assessment and come to its first question."""
    await wait_for_screen(pilot, StartScreen)
    await pilot.press("n")
    await wait_for_screen(pilot, NewSessionScreen)
    await type_text(pilot, "Team")
    await pilot.press("enter")
    await wait_for_screen(pilot, IntroScreen)
    await pilot.press("enter")
    screen: QuestionsScreen = await wait_for_screen(pilot, QuestionsScreen)
    return screen


def footer_keys(footer: Footer) -> list[tuple[str, str, bool]]:
    """The keys a footer shows: key, description, and whether it is dimmed (disabled)."""
    return [
        (key.key, key.description, bool(key.rich_style.dim))
        for key in footer.query(FooterKey)
        if all(node.display for node in key.ancestors_with_self if node is not footer.screen)
    ]


async def test_the_footer_dims_the_digits_a_question_has_no_option_for_without_a_rebuild(
    make_app: AppFactory, demo_bank: Bank
) -> None:
    counts = [len(question.options) for question in demo_bank.questions[:3]]
    assert counts[0] != counts[1], "the demo bank's first questions have different counts"
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_questions(pilot)
        footer = screen.query_one(SteadyFooter)
        keys = list(footer.query(FooterKey))
        for move, count in (("n", counts[1]), ("n", counts[2]), ("p", counts[1])):
            await pilot.press(move)
            await pilot.pause()
            digits = [(k, off) for k, _, off in footer_keys(footer) if k.isdigit() and k != "0"]
            # Every digit stays where it is; those beyond this question's options are dimmed.
            assert digits == [(str(n), n > count) for n in range(1, MAX_OPTIONS + 1)]
            # Dimmed or not in place: the same keys, not composed anew.
            assert list(footer.query(FooterKey)) == keys
        in_place = footer_keys(footer)
        footer.call_later(footer.recompose)  # as Textual's Footer would
        await wait_until(pilot, lambda: list(footer.query(FooterKey)) != keys, "a new footer")
        assert footer_keys(footer) == in_place


def drawn(sidebar: DimensionSidebar) -> list[str]:
    return [strip.text for strip in sidebar.render_lines(sidebar.region.reset_offset)]


def drawn_anew(sidebar: DimensionSidebar) -> list[str]:
    """The sidebar as it is drawn with every row drawn anew."""
    highlighted = sidebar.highlighted
    sidebar.set_options(list(sidebar.options))
    sidebar.highlighted = highlighted
    return drawn(sidebar)


async def test_the_sidebar_redraws_the_rows_that_change(
    make_app: AppFactory, demo_bank: Bank
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_questions(pilot)
        sidebar = screen.query_one(DimensionSidebar)
        options = list(sidebar.options)
        first = demo_bank.questions_in(demo_bank.dimensions[0].id)
        assert len(first) > 1, "a count changes while the highlight stays"
        for number in range(1, len(first) + 2):
            await pilot.press("1")
            await pilot.pause()
            assert list(sidebar.options) == options  # rows changed in place
            lines = drawn(sidebar)
            assert lines == drawn_anew(sidebar)
            assert f"{min(number, len(first))}/{len(first)}" in lines[1]  # under the border


def layout_and_picture(screen: QuestionsScreen) -> tuple[dict[str, Region], str]:
    """Where each widget with an id is, and the screen as drawn."""
    regions = {str(widget.id): widget.region for widget in screen.walk_children() if widget.id}
    return regions, screen.app.export_screenshot()


async def test_a_question_that_takes_the_same_room_is_shown_as_a_layout_would_show_it(
    make_app: AppFactory, demo_bank: Bank
) -> None:
    # Position, text, progress and options are updated without a layout when their content
    # takes the room the last one took; a layout done afterwards must change nothing.
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_questions(pilot)
        for _ in range(len(demo_bank.questions) - 1):
            await pilot.press("1")
            await pilot.pause()
            shown = layout_and_picture(screen)
            for widget in screen.walk_children(with_self=True):
                widget.refresh(layout=True)  # each measured anew, none from its caches
            await pilot.pause()
            assert layout_and_picture(screen) == shown, screen.question.id


@pytest.mark.parametrize("size", [(120, 40), (80, 30)])
async def test_the_next_question_lays_out_nothing_unless_the_footer_changes(
    make_app: AppFactory, demo_bank: Bank, size: tuple[int, int]
) -> None:
    # The options fill the room between the question and the note, and the question's text
    # has room for two lines: another number of options, or of lines up to two, leaves every
    # widget where it was. A layout of the screen's ~40 widgets was two thirds of the answers'
    # extra cost. Only a change of the footer's keys (a «g» shown or hidden) lays it out.
    # (Under 30 rows the text takes only the lines it needs: the options need the row more.)
    heights = {len(question.options) for question in demo_bank.questions}
    assert len(heights) > 1, "the demo bank's questions have options of one count only"
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await open_questions(pilot)
        await pilot.pause()
        layouts: list[str] = []
        reflow = screen._compositor.reflow

        def counted(*args: Any) -> Any:
            layouts.append(screen.question.id)
            return reflow(*args)

        screen._compositor.reflow = counted  # type: ignore[method-assign]
        unexpected = []
        for _ in range(len(demo_bank.questions) - 1):
            footer_before = screen._binding_state
            layouts.clear()
            await pilot.press("1")
            await pilot.pause()
            if layouts and screen._binding_state[2] == footer_before[2]:  # type: ignore[index]
                unexpected.append(screen.question.id)
        assert not unexpected


async def test_a_list_of_options_taller_than_its_room_gets_its_scrollbar(
    make_app: AppFactory, demo_bank: Bank
) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await open_questions(pilot)
        options = screen.query_one(AnswerOptions)
        scrollbars = []
        for _ in range(3):
            await pilot.pause()
            room = options.scrollable_content_region.height
            scrollbars.append((options.virtual_size.height > room, options.show_vertical_scrollbar))
            await pilot.press("n")
        assert all(needed == shown for needed, shown in scrollbars), scrollbars
        assert any(needed for needed, _ in scrollbars), "no list overflows at 60×20"


async def test_the_footer_hides_the_question_keys_under_the_sidebar_in_place(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_questions(pilot)
        footer = screen.query_one(SteadyFooter)
        keys = list(footer.query(FooterKey))
        before = footer_keys(footer)
        await pilot.press("s")  # on a narrow screen the sidebar covers the question
        await pilot.pause()
        covered = footer_keys(footer)
        assert {key for key, _, _ in covered}.isdisjoint({"1", "0", "f"})
        assert list(footer.query(FooterKey)) == keys
        footer.call_later(footer.recompose)
        await wait_until(pilot, lambda: list(footer.query(FooterKey)) != keys, "a new footer")
        assert footer_keys(footer) == covered
        await pilot.press("escape")  # the rebuilt footer lacks those keys: it is rebuilt again
        await wait_until(pilot, lambda: footer_keys(footer) == before, "the question's keys")


async def test_the_note_area_is_mounted_only_when_the_note_is_opened(
    make_app: AppFactory, data_dir: Path
) -> None:
    # A TextArea is ~2.6 MB of the wizard's memory; most questions never get a note.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_questions(pilot)
        await pilot.press("n", "p")
        assert len(screen.query(TextArea)) == 0
        await pilot.press("tab")
        await wait_until(pilot, lambda: isinstance(screen.focused, TextArea), "the note area")
        assert len(screen.query(TextArea)) == 1
        assert not screen.query_one(NoteBox).display
        await type_text(pilot, "Lederen")
        await pilot.press("escape", "escape")  # out of the note, then out of the questions
        start = await wait_for_screen(pilot, StartScreen)
        listing = start.query_one("#continue-list", OptionList)
        await wait_until(pilot, lambda: listing.option_count == 1, "the unfinished session")
        await pilot.press("tab", "enter")
        screen = await wait_for_screen(pilot, QuestionsScreen)
        await pilot.pause()
        box = screen.query_one(NoteBox)
        assert len(screen.query(TextArea)) == 0 and not box.has_class("-placeholder")
        await pilot.click(box)  # a click opens it as Tab does, with the note in it
        await wait_until(pilot, lambda: isinstance(screen.focused, TextArea), "the note area")
        area = screen.query_one(TextArea)
        assert area.text == "Lederen"
        area.move_cursor(area.document.end)
        await type_text(pilot, " er med")
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: not app.is_running)
    assert only_session(data_dir).answer("und_difference").note == "Lederen er med"


async def test_a_note_stops_at_the_files_limit_and_shows_its_length_near_it(
    make_app: AppFactory, data_dir: Path
) -> None:
    # A note past NOTE_MAX could not be saved; a paste past it keeps what fits, with a bell,
    # and the count shows only near the limit.
    from textual import events

    from cocreate_tui.domain.text_safety import NOTE_MAX

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_questions(pilot)
        await pilot.press("tab")
        await wait_until(pilot, lambda: isinstance(screen.focused, TextArea), "the note area")
        area = screen.query_one(TextArea)
        await type_text(pilot, "Kort")
        assert area.border_subtitle == ""
        area.post_message(events.Paste("x" * NOTE_MAX))
        await wait_until(pilot, lambda: len(area.text) == NOTE_MAX, "the note filled up")
        assert area.text == "Kort" + "x" * (NOTE_MAX - 4)
        assert area.border_subtitle == "Fullt: 2\u202f000 tegn"  # a narrow no-break space
        # Grown to its full height, the whole area is in view with the length under it (the
        # options above it give it the room).
        page = screen.query_one("#main")
        await wait_until(
            pilot,
            lambda: (
                area.outer_size.height == 6
                and area.region.y + area.outer_size.height <= page.region.bottom
            ),
            "the whole note area in view",
        )
        await pilot.press("y")  # nothing more goes in
        assert len(area.text) == NOTE_MAX
        await pilot.press("backspace", "backspace", "backspace")
        await wait_until(pilot, lambda: len(area.text) == NOTE_MAX - 3, "three characters gone")
        assert area.border_subtitle == "1\u202f997 av 2\u202f000 tegn"
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: not app.is_running)
    assert len(only_session(data_dir).answer("und_difference").note) == NOTE_MAX - 3
