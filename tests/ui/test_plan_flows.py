"""Pilot tests of the action plan: make, edit, complete and drop actions, reopen, next round."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, RadioSet, Static, TextArea

from cocreate_tui.domain.bank_models import Bank, Lang
from cocreate_tui.domain.scoring import assess
from cocreate_tui.domain.sessions import Session, SessionMeta, new_action, new_session
from cocreate_tui.domain.storage import SessionStore
from cocreate_tui.i18n import t
from cocreate_tui.ui.dialogs.action_form import ActionFormDialog
from cocreate_tui.ui.dialogs.next_round import NextRoundDialog
from cocreate_tui.ui.messages import OpenSession
from cocreate_tui.ui.screens.action_plan import ActionPlanScreen
from cocreate_tui.ui.screens.questions import QuestionsScreen
from cocreate_tui.ui.screens.results import LessonCard, ResultsScreen
from cocreate_tui.ui.screens.review import ReviewScreen
from cocreate_tui.ui.screens.saved import SavedScreen
from cocreate_tui.ui.screens.start import StartScreen

from .conftest import START, AppFactory, saved_sessions, type_text, wait_for_screen, wait_until
from .screen_text import screen_lines
from .test_flows import text_of

NOT_READY = {
    "und_difference": 1,
    "und_open_outcome": 2,
    "anchor_leadership": 1,
    "anchor_across": 2,
    "lead_control": 2,
    "ambition_duration": 4,
}


def seed(data_dir: Path, bank: Bank, *actions: Any, language: Lang = "nb") -> Session:
    """A finished, not-ready session of Horten, saved, with `actions`."""
    meta = SessionMeta(team="Horten", organisation="Horten kommune")
    session = new_session(meta, bank, START, language=language)
    for question_id, value in NOT_READY.items():
        session = session.with_answer(question_id, value, now=START)
    for action in actions:
        session = session.with_action(action, now=START)
    session = session.with_status("complete", now=START)
    SessionStore(data_dir).save(session)
    return session


def stored(data_dir: Path, session_id: str) -> Session:
    return next(s for s in saved_sessions(data_dir) if s.id == session_id)


def rows(table: DataTable[Any]) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def open_results(pilot: Pilot[Any], session_id: str) -> ResultsScreen:
    await wait_for_screen(pilot, StartScreen)
    pilot.app.post_message(OpenSession(session_id))
    screen: ResultsScreen = await wait_for_screen(pilot, ResultsScreen)
    return screen


async def form(pilot: Pilot[Any]) -> ActionFormDialog:
    dialog: ActionFormDialog = await wait_for_screen(pilot, ActionFormDialog)
    return dialog


async def replace_text(pilot: Pilot[Any], field: Input, text: str) -> None:
    field.focus()
    field.value = ""
    await type_text(pilot, text)


async def test_make_edit_complete_and_drop_actions_then_find_them_again(
    make_app: AppFactory, data_dir: Path, demo_bank: Bank
) -> None:
    session = seed(data_dir, demo_bank)
    recommendations = assess(demo_bank, session.answer_values()).recommendations
    blocker = recommendations[0]
    assert blocker.blocker

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        results = await open_results(pilot, session.id)
        # t with no card chosen takes the first blocker; the text is the lesson's advice.
        await pilot.press("t")
        dialog = await form(pilot)
        lesson = demo_bank.lesson(blocker.lesson_id)
        assert dialog.query_one("#action-text", TextArea).text == lesson.advice.nb
        assert lesson.title.nb in text_of(dialog.query_one("#action-lesson", Static))
        assert app.focused is dialog.query_one("#action-owner")
        await type_text(pilot, "Kari")
        await pilot.press("tab")
        await type_text(pilot, "2024-13-01")
        await pilot.press("enter")
        # A wrong date is said in place, and nothing is saved.
        assert isinstance(app.screen, ActionFormDialog)
        assert dialog.query_one("#due-error").display
        assert "DD.MM.ÅÅÅÅ" in text_of(dialog.query_one("#due-error", Static))
        assert stored(data_dir, session.id).actions == []
        await replace_text(pilot, dialog.query_one("#action-due", Input), "20.02.2024")
        assert not dialog.query_one("#due-error").display
        await pilot.press("enter")
        await wait_for_screen(pilot, ResultsScreen)
        [first] = stored(data_dir, session.id).actions
        assert (first.lesson_id, first.owner, first.due) == (
            blocker.lesson_id,
            "Kari",
            date(2024, 2, 20),
        )
        assert first.question_ids == blocker.questions
        card = next(c for c in results.query(LessonCard) if c.recommendation == blocker)
        assert "Tiltak: Ikke startet – forsinket · Kari" in text_of(card)

        # A second card, chosen by focus, becomes an action as it is.
        second_card = next(c for c in results.query(LessonCard) if c.recommendation != blocker)
        second_card.focus()
        await pilot.press("t")
        await form(pilot)
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, ResultsScreen)
        assert len(stored(data_dir, session.id).actions) == 2

        # The plan: overdue in words; edit, complete and drop.
        await pilot.press("p")
        plan = await wait_for_screen(pilot, ActionPlanScreen)
        table = plan.query_one("#plan-table", DataTable)
        assert rows(table)[0][:2] == ["20.02.2024", "Ikke startet – forsinket"]
        assert "2 tiltak: 2 gjenstår, 1 forsinket" in text_of(
            plan.query_one("#plan-summary", Static)
        )
        await pilot.press("e")
        dialog = await form(pilot)
        await replace_text(pilot, dialog.query_one("#action-owner", Input), "Kari og Per")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, ActionPlanScreen)
        assert stored(data_dir, session.id).action(first.id).owner == "Kari og Per"  # type: ignore[union-attr]
        await pilot.press("g")
        assert stored(data_dir, session.id).action(first.id).status == "done"  # type: ignore[union-attr]
        # Done goes to the end of the plan, and the highlight goes with it.
        assert rows(table)[-1][:2] == ["20.02.2024", "Gjort"]
        assert table.cursor_row == table.row_count - 1

        second_id = next(a.id for a in stored(data_dir, session.id).actions if a.id != first.id)
        table.move_cursor(row=table.get_row_index(second_id))
        await pilot.press("x")
        dialog = await form(pilot)
        assert dialog.query_one("#reason-field").display
        assert app.focused is dialog.query_one("#action-reason")
        await pilot.press("ctrl+s")  # no reason: refused, in place
        assert dialog.query_one("#reason-error").display
        assert stored(data_dir, session.id).action(second_id).status == "not_started"  # type: ignore[union-attr]
        await type_text(pilot, "Styringsgruppen tar det")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, ActionPlanScreen)
        dropped = stored(data_dir, session.id).action(second_id)
        assert dropped is not None
        assert (dropped.status, dropped.dropped_reason) == ("dropped", "Styringsgruppen tar det")

        # An action of the team's own, not tied to any advice.
        await pilot.press("a")
        dialog = await form(pilot)
        assert app.focused is dialog.query_one("#action-text")
        await pilot.press("ctrl+s")  # no text: refused
        assert dialog.query_one("#text-error").display
        await type_text(pilot, "Samle hjemmefronten")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, ActionPlanScreen)
        assert "3 tiltak: 1 gjenstår, 0 forsinket, 1 gjort, 1 droppet" in text_of(
            plan.query_one("#plan-summary", Static)
        )
        await pilot.press("s")
        assert [row[1] for row in rows(table)] == ["Ikke startet", "Gjort", "Droppet"]
        await pilot.press("escape")
        await wait_for_screen(pilot, ResultsScreen)

    # A new app on the same folder: the saved list counts them, and the plan has them all.
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, StartScreen)
        await pilot.press("s")
        saved = await wait_for_screen(pilot, SavedScreen)
        saved_table = saved.query_one("#saved-table", DataTable)
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: rows(saved_table)[0][-1] == "1 gjenstår, 0 forsinket")
        await pilot.press("p")
        plan = await wait_for_screen(pilot, ActionPlanScreen)
        table = plan.query_one("#plan-table", DataTable)
        statuses = {row[2]: row[1] for row in rows(table)}
        assert statuses["Samle hjemmefronten"] == "Ikke startet"
        assert sorted(statuses.values()) == ["Droppet", "Gjort", "Ikke startet"]
        table.move_cursor(row=[row[1] for row in rows(table)].index("Droppet"))
        await pilot.pause()
        assert "Styringsgruppen tar det" in text_of(plan.query_one("#plan-detail", Static))
        await pilot.press("escape")
        await wait_for_screen(pilot, SavedScreen)


async def test_next_round_starts_from_the_open_actions(
    make_app: AppFactory, data_dir: Path, demo_bank: Bank
) -> None:
    answers = {question_id: value for question_id, value in NOT_READY.items()}
    blocker = assess(demo_bank, answers).recommendations[0]
    open_action = new_action(
        "Forankre hos ledelsen",
        lesson_id=blocker.lesson_id,
        question_ids=blocker.questions,
        owner="Kari",
        due=date(2024, 4, 1),
        now=START,
    )
    done = new_action("Snakk med etatene", status="done", now=START)
    first = seed(data_dir, demo_bank, open_action, done)

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_results(pilot, first.id)
        await pilot.press("p")
        await wait_for_screen(pilot, ActionPlanScreen)
        await pilot.press("r")
        dialog = await wait_for_screen(pilot, NextRoundDialog)
        # Not ready: the team gets its house in order and takes the check again before inviting.
        assert dialog.query_one("#next-round-phase", RadioSet).pressed_button.name == (  # type: ignore[union-attr]
            "before_inviting"
        )
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, QuestionsScreen)
        second = next(s for s in saved_sessions(data_dir) if s.id != first.id)
        assert (second.meta.team, second.meta.phase) == ("Horten", "before_inviting")
        assert second.answers == {}
        assert [(a.id, a.carried_from) for a in second.actions] == [(open_action.id, first.id)]
        # The new round is answered, every question at its best this time.
        for question in demo_bank.questions:
            await pilot.press(str(len(question.options)))
        await wait_until(
            pilot,
            lambda: len(stored(data_dir, second.id).answers) == len(demo_bank.questions),
            "every answer saved",
        )
        await wait_for_screen(pilot, ReviewScreen)
        await pilot.press("r")
        await wait_for_screen(pilot, ResultsScreen)
        await pilot.press("p")
        plan = await wait_for_screen(pilot, ActionPlanScreen)
        detail = text_of(plan.query_one("#plan-detail", Static))
        assert "fra forrige runde" in detail
        assert "Svarene siden sist: Ja, alle svarene ble bedre" in detail


async def test_an_action_in_english_and_a_cancelled_form_saves_nothing(
    make_app: AppFactory, data_dir: Path, demo_bank: Bank
) -> None:
    session = seed(data_dir, demo_bank, language="en")
    app = make_app(lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_results(pilot, session.id)
        await pilot.press("t")
        dialog = await form(pilot)
        assert "From the advice" in text_of(dialog.query_one("#action-lesson", Static))
        await pilot.press("escape")
        await wait_for_screen(pilot, ResultsScreen)
        assert stored(data_dir, session.id).actions == []
        await pilot.press("p")
        plan = await wait_for_screen(pilot, ActionPlanScreen)
        assert "No actions yet" in text_of(plan.query_one("#plan-empty", Static))
        assert not plan.query_one("#plan-table").display
        assert session.updated_at == stored(data_dir, session.id).updated_at


async def test_switching_language_in_the_form_keeps_what_was_typed(
    make_app: AppFactory, data_dir: Path, demo_bank: Bank
) -> None:
    session = seed(data_dir, demo_bank)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_results(pilot, session.id)
        await pilot.press("t")
        dialog = await form(pilot)
        await type_text(pilot, "Kari")
        app.action_set_language("en")
        await wait_until(
            pilot,
            lambda: dialog.query_one("#action-form").border_title == "New action",
            "the form in English",
        )
        await pilot.pause()
        assert dialog.query_one("#action-owner", Input).value == "Kari"
        assert not dialog.query_one("#reason-field").display
        assert not dialog.query_one("#due-error").display
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, ResultsScreen)
        [action] = stored(data_dir, session.id).actions
        assert action.owner == "Kari"
        assert stored(data_dir, session.id).language == "en"


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
async def test_an_empty_plan_says_how_to_make_an_action_and_offers_no_keys_for_one(
    make_app: AppFactory, data_dir: Path, demo_bank: Bank, lang: Lang
) -> None:
    session = seed(data_dir, demo_bank, language=lang)
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_results(pilot, session.id)
        await pilot.press("p")
        plan: ActionPlanScreen = await wait_for_screen(pilot, ActionPlanScreen)
        await pilot.pause()
        # No «0 tiltak: 0 gjenstår, …»: the plan says there is none yet, and how to make one.
        assert not plan.query_one("#plan-summary").display
        assert text_of(plan.query_one("#plan-empty", Static)) == t("plan_empty", lang)
        footer = screen_lines(app)[-1]
        for key in ("key_edit_action", "key_done", "key_drop"):
            assert t(key, lang) not in footer, footer
        assert f"a {t('key_new_action', lang)}" in footer.replace("\xa0", " ")
        await pilot.press("g")  # a key that needs an action does nothing, and says nothing
        assert app.screen is plan

        await pilot.press("a")
        dialog = await form(pilot)
        await type_text(pilot, "Snakk med lederen")
        dialog.query_one("#action-owner", Input).focus()
        await pilot.press("enter")
        await wait_for_screen(pilot, ActionPlanScreen)
        await pilot.pause()
        assert plan.query_one("#plan-summary").display
        assert not plan.query_one("#plan-empty").display
        footer = screen_lines(app)[-1]
        for key in ("key_edit_action", "key_done", "key_drop"):
            assert t(key, lang) in footer, footer


async def test_a_full_plan_says_so_and_opens_no_form_from_the_plan_or_the_results(
    make_app: AppFactory, data_dir: Path, demo_bank: Bank
) -> None:
    from cocreate_tui.domain.sessions import ACTIONS_MAX

    session = seed(data_dir, demo_bank)
    full = session.model_copy(
        update={"actions": [new_action(f"Tiltak {n}", now=START) for n in range(ACTIONS_MAX)]}
    )
    SessionStore(data_dir).save(full)
    said = t("plan_full", "nb").format(most=ACTIONS_MAX)
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        results = await open_results(pilot, session.id)
        await pilot.press("t")  # an action from the first piece of advice: no room for it
        await wait_until(pilot, lambda: any(n.message == said for n in app._notifications))
        assert app.screen is results
        app.clear_notifications()
        await pilot.press("p")
        plan = await wait_for_screen(pilot, ActionPlanScreen)
        await pilot.press("a")
        await wait_until(pilot, lambda: any(n.message == said for n in app._notifications))
        assert app.screen is plan  # no form: nothing typed is turned away
    assert len(stored(data_dir, session.id).actions) == ACTIONS_MAX
