"""Pilot tests: whole assessments by keyboard and by mouse, saved at every step, and resumed."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.content import Content
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable, OptionList, Static

from cocreate_tui.domain.bank_loader import BankError, load_bank
from cocreate_tui.domain.bank_location import shipped_bank_dir
from cocreate_tui.domain.bank_models import Bank, Lang, Question
from cocreate_tui.domain.human_format import number
from cocreate_tui.domain.scoring import Assessment, assess
from cocreate_tui.domain.sessions import SessionMeta, new_session
from cocreate_tui.domain.storage import SessionStore
from cocreate_tui.i18n import t
from cocreate_tui.ui.dialogs.confirm import ConfirmDialog
from cocreate_tui.ui.dialogs.export import ExportDialog
from cocreate_tui.ui.dialogs.help import HelpDialog
from cocreate_tui.ui.dialogs.why_ask import WhyAskDialog
from cocreate_tui.ui.dialogs.why_score import WhyScoreDialog
from cocreate_tui.ui.screens.action_plan import ActionPlanScreen
from cocreate_tui.ui.screens.intro import IntroScreen
from cocreate_tui.ui.screens.new_session import NewSessionScreen
from cocreate_tui.ui.screens.questions import QuestionsScreen
from cocreate_tui.ui.screens.results import ResultsScreen
from cocreate_tui.ui.screens.review import ReviewScreen
from cocreate_tui.ui.screens.saved import SavedScreen
from cocreate_tui.ui.screens.session_review import SessionReviewScreen
from cocreate_tui.ui.screens.start import StartScreen
from cocreate_tui.ui.screens.too_small import TooSmallScreen
from cocreate_tui.ui.widgets.answer_options import AnswerOptions
from cocreate_tui.ui.widgets.score_list import ScoreList

from ..language_check import check_all
from ..platform_guards import assert_private
from .conftest import (
    AppFactory,
    TickingClock,
    only_session,
    type_text,
    wait_for_screen,
    wait_until,
)
from .screen_text import flowing, screen_lines

# --- helpers ---------------------------------------------------------------------------------


def text_of(widget: Widget) -> str:
    """The plain text a Static shows."""
    rendered = widget.render()
    return str(rendered) if isinstance(rendered, Content) else str(getattr(rendered, "plain", ""))


def plain(renderable: Any, width: int = 100) -> str:
    """A Rich renderable (e.g. an option's prompt) as plain text."""
    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined,no-any-return]


def question_on_screen(pilot: Pilot[Any]) -> str:
    return text_of(pilot.app.screen.query_one("#q-text", Static))


async def click_option(pilot: Pilot[Any], option_list: OptionList, index: int) -> None:
    """Click the `index`th option of a list, wherever wrapping has put it."""
    option_list.scroll_to_highlight()
    line = option_list._index_to_line[index]  # where the option starts, after wrapping
    top = option_list.styles.border_top[0] != ""
    await pilot.click(option_list, offset=(4, line + int(top) - option_list.scroll_offset.y))


async def answer_and_check(
    pilot: Pilot[Any], data_dir: Path, question_id: str, keys: tuple[str, ...], expected: Any
) -> None:
    """Press `keys` on `question_id` and check the file holds the answer at once."""
    bank: Bank = pilot.app.bank  # type: ignore[attr-defined]
    question = bank.question(question_id)
    assert question is not None
    assert question_on_screen(pilot) == question.text.get(pilot.app.lang)  # type: ignore[attr-defined]
    await pilot.press(*keys)
    answer = only_session(data_dir).answer(question_id)
    assert (answer.unknown if expected == "unknown" else answer.value) == (
        True if expected == "unknown" else expected
    )


def check_results_match_engine(pilot: Pilot[Any], bank: Bank, assessment: Assessment) -> None:
    """What the results screen shows is what the scoring engine says, in the same order."""
    screen = pilot.app.screen
    lang = pilot.app.lang  # type: ignore[attr-defined]
    level = getattr(bank.policy.levels, assessment.level)
    assert text_of(screen.query_one("#verdict-label", Static)) == level.label.get(lang)
    prompts = [str(option.prompt) for option in screen.query_one(ScoreList).options]
    assert len(prompts) == len(bank.dimensions)
    for dimension, prompt in zip(bank.dimensions, prompts, strict=True):
        result = assessment.dimensions[dimension.id]
        assert prompt.startswith(dimension.name.get(lang))
        if result.score is not None:
            # In the language's own way of writing numbers: 70,0 in Norwegian.
            assert f"{number(result.score, lang, 1):>5}" in prompt
        assert f"{result.answered} av {result.total}" in prompt or lang == "en"
    lessons = [text_of(widget) for widget in screen.query(".lesson")]
    expected = [bank.lesson(rec.lesson_id) for rec in assessment.recommendations]
    assert len(lessons) == len(expected)
    for shown, lesson in zip(lessons, expected, strict=True):
        assert lesson.title.get(lang) in shown
        assert lesson.section in shown
        assert lesson.quote in shown
    ambition = getattr(bank.policy.ambition, assessment.ambition.level).get(lang)
    assert any(ambition in text_of(w) for w in screen.query(".section-body"))


# --- the whole assessment by keyboard, quit half-way, resume ---------------------------------


async def test_keyboard_assessment_saved_at_every_step_and_resumed(
    make_app: AppFactory, data_dir: Path, demo_bank: Bank
) -> None:
    clock = TickingClock()
    app = make_app(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, StartScreen)
        await pilot.press("n")
        form = await wait_for_screen(pilot, NewSessionScreen)
        await pilot.press("enter")  # no name: the form says so and stays
        assert form.query_one("#team-error").display
        assert isinstance(app.screen, NewSessionScreen)
        await type_text(pilot, "Team Larvik")
        assert not form.query_one("#team-error").display
        await pilot.press("tab")
        await type_text(pilot, "Larvik kommune")
        await pilot.press("enter")
        await wait_for_screen(pilot, IntroScreen)
        session = only_session(data_dir)  # saved before the first answer
        assert session.meta.team == "Team Larvik"
        assert session.meta.organisation == "Larvik kommune"
        await pilot.press("enter")
        await wait_for_screen(pilot, QuestionsScreen)

        await answer_and_check(pilot, data_dir, "und_difference", ("down", "down", "enter"), 2)
        await answer_and_check(pilot, data_dir, "und_open_outcome", ("3",), 4)
        await answer_and_check(pilot, data_dir, "anchor_leadership", ("4",), 3)
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: not app.is_running, "the app to quit")

    half_way = only_session(data_dir)
    assert half_way.status == "in_progress"
    assert set(half_way.answer_values()) == {
        "und_difference",
        "und_open_outcome",
        "anchor_leadership",
    }

    app = make_app(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        start = await wait_for_screen(pilot, StartScreen)
        listing = start.query_one("#continue-list", OptionList)
        await wait_until(pilot, lambda: listing.option_count == 1, "the unfinished session")
        await pilot.press("tab", "enter")
        await wait_for_screen(pilot, QuestionsScreen)
        # Continues where the team left off, with every earlier answer kept.
        await answer_and_check(pilot, data_dir, "anchor_across", ("3",), 4)
        await pilot.press("p")  # back: the answer is shown, not lost
        options = app.screen.query_one(AnswerOptions)
        assert options.highlighted == 2
        assert plain(options.get_option_at_index(2).prompt).startswith("● 3")
        assert plain(options.get_option_at_index(0).prompt).startswith("○ 1")
        await pilot.press("n")
        await pilot.press("f", "tab")
        await type_text(pilot, "Lederen er usikker, men positiv")  # letters never trigger keys
        await pilot.press("escape")
        await answer_and_check(pilot, data_dir, "lead_control", ("2",), 2)
        saved = only_session(data_dir).answer("lead_control")
        assert saved.flagged
        assert saved.note == "Lederen er usikker, men positiv"
        await answer_and_check(pilot, data_dir, "time_calendar", ("v",), "unknown")
        await answer_and_check(pilot, data_dir, "ambition_duration", ("3",), 4)

        review = await wait_for_screen(pilot, ReviewScreen)  # everything answered
        listed = [option.id for option in review.query_one(OptionList).options if option.id]
        assert listed == ["review_unknown:time_calendar", "review_flagged:lead_control"]
        await pilot.press("r")
        await wait_for_screen(pilot, ResultsScreen)
        finished = only_session(data_dir)
        assert finished.status == "complete"
        check_results_match_engine(pilot, demo_bank, assess(demo_bank, finished.answer_values()))

        await pilot.press("w")  # why this score, for the highlighted area
        await wait_for_screen(pilot, WhyScoreDialog)
        await pilot.press("escape")
        await wait_for_screen(pilot, ResultsScreen)
        await pilot.press("e")
        await wait_for_screen(pilot, ExportDialog)  # there are notes: ask first
        await pilot.press("enter")  # «Uten notater» is the default
        await app.workers.wait_for_complete()
        exported = list((data_dir / "exports").glob("*.md"))
        assert len(exported) == 1
        assert exported[0].name.startswith("team-larvik-2024-03-01-")
        assert_private(exported[0])
        shown = text_of(app.screen.query_one("#export-path", Static))
        assert str(exported[0]) in shown.replace("\n", "")
        assert "Lederen er usikker" not in exported[0].read_text(encoding="utf-8")


# --- the whole assessment by mouse -----------------------------------------------------------


async def test_mouse_assessment(make_app: AppFactory, data_dir: Path, demo_bank: Bank) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        start = await wait_for_screen(pilot, StartScreen)
        await click_option(pilot, start.query_one("#start-menu", OptionList), 0)
        form = await wait_for_screen(pilot, NewSessionScreen)
        await pilot.click("#field-team")
        await type_text(pilot, "Team Horten")
        await pilot.click(list(form.query("#field-mode Choice"))[1])
        await pilot.click(list(form.query("#field-phase Choice"))[2])
        await pilot.click("#begin")
        await wait_for_screen(pilot, IntroScreen)
        meta = only_session(data_dir).meta
        assert (meta.team, meta.mode, meta.phase) == ("Team Horten", "individual", "evaluation")
        await pilot.click("#intro-continue")
        screen = await wait_for_screen(pilot, QuestionsScreen)

        options = screen.query_one(AnswerOptions)
        await click_option(pilot, options, 4)  # «Alle kan forklare …»
        assert only_session(data_dir).answer("und_difference").value == 4
        await click_option(pilot, options, 2)
        assert only_session(data_dir).answer("und_open_outcome").value == 4
        await pilot.click("#previous")
        assert question_on_screen(pilot) == demo_bank.questions[1].text.nb
        await pilot.click("#next")
        # The sidebar jumps to an area: the first open question there.
        sidebar = screen.query_one("#sidebar", OptionList)
        await click_option(pilot, sidebar, 2)
        assert question_on_screen(pilot) == demo_bank.question("lead_control").text.nb
        await click_option(pilot, options, 3)  # «Vet ikke», after the divider
        assert only_session(data_dir).answer("lead_control").unknown
        await pilot.click("#why")
        await wait_for_screen(pilot, WhyAskDialog)
        await pilot.click("#close")
        await wait_for_screen(pilot, QuestionsScreen)
        await click_option(pilot, options, 2)  # time_calendar
        assert only_session(data_dir).answer("time_calendar").value == 4
        await click_option(pilot, options, 0)  # ambition_duration: one meeting
        assert only_session(data_dir).answer("ambition_duration").value == 0
        await pilot.click("#review")
        review = await wait_for_screen(pilot, ReviewScreen)
        open_ids = [o.id for o in review.query_one(OptionList).options if o.id]
        assert open_ids[:2] == ["review_open:anchor_leadership", "review_open:anchor_across"]
        await pilot.click("#finish")
        await wait_for_screen(pilot, ConfirmDialog)  # two questions are still open
        await pilot.click("#yes")
        await wait_for_screen(pilot, ResultsScreen)
        session = only_session(data_dir)
        assert session.status == "complete"
        check_results_match_engine(pilot, demo_bank, assess(demo_bank, session.answer_values()))

        await click_option(pilot, app.screen.query_one(ScoreList), 0)
        dialog = await wait_for_screen(pilot, WhyScoreDialog)
        assert demo_bank.question("und_difference").text.nb in " ".join(
            text_of(w) for w in dialog.query(Static)
        )
        await pilot.click("#close")
        await wait_for_screen(pilot, ResultsScreen)
        await pilot.click("#export")
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: bool(list((data_dir / "exports").glob("*.md"))))
        await pilot.click("#close")
        await wait_for_screen(pilot, StartScreen)


# --- the shipped bank, once it validates ------------------------------------------------------


def _shipped_or_skip() -> Bank:
    try:
        return load_bank(shipped_bank_dir())
    except BankError:
        pytest.skip("the shipped bank does not validate yet")


async def _read_question(pilot: Pilot[Any], question: Question, lang: Lang) -> list[str]:
    """Every text of the question on screen, read from the screen: the question, then each
    option and «Vet ikke» (scrolled to with ↓ where they do not fit); the screens seen."""
    app = pilot.app
    await pilot.wait_for_scheduled_animations()
    screens = [screen_lines(app)]
    assert question.text.get(lang) in flowing(screens[0]), f"{question.id}: question text"
    labels = [option.label.get(lang) for option in question.options]
    labels.append(t("unknown", lang))
    if question.not_applicable:
        labels.append(t("not_applicable", lang))
    unseen = [label for label in labels if label not in flowing(screens[0])]
    for _ in labels[1:]:  # not all in view: move the highlight down through them, as a user
        if not unseen:
            break
        await pilot.press("down")
        await pilot.wait_for_scheduled_animations()
        screens.append(screen_lines(app))
        unseen = [label for label in unseen if label not in flowing(screens[-1])]
    assert not unseen, f"{question.id} ({lang}): not on screen: {unseen}\n" + "\n".join(screens[-1])
    return ["\n".join(lines) for lines in screens]


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
async def test_every_question_of_the_shipped_bank_by_keyboard(
    make_app: AppFactory, data_dir: Path, lang: Lang
) -> None:
    # The whole walk with the real bank at 80×24, in each language: every question's text and
    # every option are on the screen (read back from it), and no English in nb or nn.
    bank = _shipped_or_skip()
    app = make_app(bank=bank, lang=lang)
    seen: list[tuple[str, str]] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, StartScreen)
        await pilot.press("n")
        await wait_for_screen(pilot, NewSessionScreen)
        await type_text(pilot, "Team")
        seen.append(("form", "\n".join(screen_lines(app))))
        await pilot.press("enter")
        await wait_for_screen(pilot, IntroScreen)
        seen.append(("intro", "\n".join(screen_lines(app))))
        await pilot.press("enter")
        await wait_for_screen(pilot, QuestionsScreen)
        for index, question in enumerate(bank.questions):
            screens = await _read_question(pilot, question, lang)
            seen += [(question.id, screen) for screen in screens]
            key = "v" if index % 7 == 3 else str(1 + index % len(question.options))
            await pilot.press(key)
        await wait_for_screen(pilot, ReviewScreen)
        seen.append(("review", "\n".join(screen_lines(app))))
        session = only_session(data_dir)
        assert len(session.answer_values()) == len(bank.questions)
        await pilot.press("r")
        await wait_for_screen(pilot, ResultsScreen)
        results = app.screen
        seen.append(("results", "\n".join(screen_lines(app))))
        check_results_match_engine(pilot, bank, assess(bank, session.answer_values()))
        await pilot.press("e")  # no notes: exported at once, and the path is shown
        await wait_until(pilot, lambda: results.query_one("#export-path").display, "exported")
        await pilot.wait_for_scheduled_animations()
        seen.append(("exported", "\n".join(screen_lines(app))))
        await pilot.press("p")
        await wait_for_screen(pilot, ActionPlanScreen)
        seen.append(("plan", "\n".join(screen_lines(app))))
    assert (data_dir / "exports").is_dir()
    check_all(seen, lang)


# --- details ---------------------------------------------------------------------------------


async def test_a_session_from_an_older_bank_keeps_its_removed_answers(
    make_app: AppFactory, data_dir: Path, demo_bank: Bank
) -> None:
    store = SessionStore(data_dir)
    old = new_session(SessionMeta(team="Team Gammel"), demo_bank)
    old = old.model_copy(update={"bank": old.bank.model_copy(update={"content_hash": "old"})})
    old = old.with_answer("und_difference", 3).with_answer("removed_question", 2)
    old = old.with_note("removed_question", "Fra forrige versjon")
    store.save(old)

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        start = await wait_for_screen(pilot, StartScreen)
        listing = start.query_one("#continue-list", OptionList)
        await wait_until(pilot, lambda: listing.option_count == 1)
        await pilot.press("tab", "enter")
        await wait_for_screen(pilot, QuestionsScreen)
        assert question_on_screen(pilot) == demo_bank.questions[1].text.nb  # new ones are open
        await pilot.press("2")
        await pilot.press("r")
        review = await wait_for_screen(pilot, ReviewScreen)
        prompts = " ".join(str(option.prompt) for option in review.query_one(OptionList).options)
        assert "removed_question" in prompts
    kept = only_session(data_dir)
    assert kept.answer("removed_question").value == 2
    assert kept.answer("removed_question").note == "Fra forrige versjon"
    assert kept.answer("und_open_outcome").value == 2


async def test_a_small_terminal_gets_a_clear_message(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(50, 15)) as pilot:
        screen = await wait_for_screen(pilot, TooSmallScreen)
        message = text_of(screen.query_one("#too-small-message", Static))
        assert "50×15" in message and "60×20" in message
        await pilot.press("n")  # keys do nothing behind the message
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await wait_for_screen(pilot, StartScreen)


async def test_language_switch_rerenders_and_is_recorded(
    make_app: AppFactory, data_dir: Path, demo_bank: Bank
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        start = await wait_for_screen(pilot, StartScreen)
        await pilot.press("l")  # bokmål → nynorsk → English
        await wait_until(pilot, lambda: app.lang == "nn")
        await pilot.press("l")
        await wait_until(pilot, lambda: app.lang == "en")
        menu = app.screen.query_one("#start-menu", OptionList)
        assert str(menu.get_option_at_index(0).prompt) == "Start a new assessment"
        assert start is app.screen
        await pilot.press("n")
        await wait_for_screen(pilot, NewSessionScreen)
        await type_text(pilot, "Team")
        await pilot.press("enter")
        await wait_for_screen(pilot, IntroScreen)
        await pilot.press("enter")
        await wait_for_screen(pilot, QuestionsScreen)
        assert question_on_screen(pilot) == demo_bank.questions[0].text.en
        assert only_session(data_dir).language == "en"
        app.action_set_language("nn")
        first = demo_bank.questions[0].text
        assert first.get("nn") != first.nb  # from the demo bank's lang/nn.toml
        await wait_until(pilot, lambda: question_on_screen(pilot) == first.get("nn"))
        assert only_session(data_dir).language == "nn"
        footer_descriptions = {b.binding.description for b in app.screen.active_bindings.values()}
        assert "Veit ikkje" in footer_descriptions
        app.action_switch_language()  # nynorsk → English → bokmål
        await wait_until(pilot, lambda: only_session(data_dir).language == "en")
        app.action_switch_language()
        await wait_until(pilot, lambda: only_session(data_dir).language == "nb")


async def test_help_and_command_palette(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, StartScreen)
        await pilot.press("question_mark")
        await wait_for_screen(pilot, HelpDialog)
        await pilot.press("escape")
        await wait_for_screen(pilot, StartScreen)
        await pilot.press("f1")
        await wait_for_screen(pilot, HelpDialog)
        await pilot.press("escape")
        await wait_for_screen(pilot, StartScreen)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "CommandPalette")
        await type_text(pilot, "Lagrede vurderinger")
        await pilot.pause()
        await pilot.press("enter")
        await wait_for_screen(pilot, SavedScreen)


async def test_saved_list_opens_sessions_and_lists_broken_files_apart(
    make_app: AppFactory, data_dir: Path, demo_bank: Bank
) -> None:
    store = SessionStore(data_dir)
    done = new_session(SessionMeta(team="Ferdig team"), demo_bank).with_answer("und_difference", 4)
    store.save(done.with_status("complete"))
    store.save(new_session(SessionMeta(team="Halvveis"), demo_bank))
    (data_dir / "sessions" / "broken.json").write_text("{not json", encoding="utf-8")

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, StartScreen)
        await pilot.press("s")
        saved = await wait_for_screen(pilot, SavedScreen)
        table = saved.query_one(DataTable)
        await wait_until(pilot, lambda: table.row_count == 2, "two rows")
        assert "broken.json" in text_of(saved.query_one("#saved-unreadable", Static))
        teams = {str(table.get_row_at(index)[0]) for index in range(2)}
        assert teams == {"Ferdig team", "Halvveis"}
        row = next(i for i in range(2) if str(table.get_row_at(i)[0]) == "Ferdig team")
        table.move_cursor(row=row)
        await pilot.press("enter")
        # A finished one opens read-only, as a review of its results and answers.
        await wait_for_screen(pilot, SessionReviewScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, SavedScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        row = next(i for i in range(2) if str(table.get_row_at(i)[0]) == "Halvveis")
        table.move_cursor(row=row)
        await pilot.click("#open")
        await wait_for_screen(pilot, QuestionsScreen)


async def test_notes_are_saved_when_leaving_the_question_and_on_quit(
    make_app: AppFactory, data_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, StartScreen)
        await pilot.press("n")
        await wait_for_screen(pilot, NewSessionScreen)
        await type_text(pilot, "Team")
        await pilot.press("enter")
        await wait_for_screen(pilot, IntroScreen)
        await pilot.press("enter")
        await wait_for_screen(pilot, QuestionsScreen)
        await pilot.press("tab")
        await type_text(pilot, "nfrpu 1 2")  # all bound keys elsewhere; here they are text
        assert question_on_screen(pilot).startswith("Kan alle")
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: not app.is_running)
    assert only_session(data_dir).answer("und_difference").note == "nfrpu 1 2"


async def test_light_and_dark_themes_and_the_palette_on_the_questions(
    make_app: AppFactory, data_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, StartScreen)
        assert app.current_theme.dark
        await pilot.press("ctrl+t")
        assert not app.current_theme.dark
        await pilot.press("n")
        await wait_for_screen(pilot, NewSessionScreen)
        await type_text(pilot, "Team")
        await pilot.press("enter")
        await wait_for_screen(pilot, IntroScreen)
        await pilot.press("enter")
        await wait_for_screen(pilot, QuestionsScreen)
        await pilot.press("tab")
        await type_text(pilot, "Notat")
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "CommandPalette")
        await type_text(pilot, "Til start")
        await pilot.pause()
        await pilot.press("enter")
        await wait_for_screen(pilot, StartScreen)
    assert only_session(data_dir).answer("und_difference").note == "Notat"
