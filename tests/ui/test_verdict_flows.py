"""The wizard's side of issue 12: «Gjelder ikke oss», the words of every level path, all advice
on request, and an old session opened with a newer bank."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Static

from cocreate_tui.domain.bank_loader import load_bank
from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.drift import scored_answers
from cocreate_tui.domain.scoring import AnswerValue, assess
from cocreate_tui.domain.sessions import BankRef, Session, SessionMeta, new_session
from cocreate_tui.domain.storage import SessionStore
from cocreate_tui.ui.messages import OpenSession
from cocreate_tui.ui.screens.questions import QuestionsScreen
from cocreate_tui.ui.screens.results import ResultsScreen
from cocreate_tui.ui.screens.start import StartScreen
from cocreate_tui.ui.widgets.score_list import ScoreList

from ..level_paths import PATHS, LevelPath
from ..tiny_bank import (
    BANK,
    CHANGES_0_2,
    write_tiny_bank,
    write_top_one_bank,
)
from .conftest import START, AppFactory, only_session, wait_for_screen, wait_until
from .test_flows import text_of


def seed(
    data_dir: Path,
    bank: Bank,
    answers: dict[str, AnswerValue],
    *,
    complete: bool,
    version: str | None = None,
) -> Session:
    session = new_session(SessionMeta(team="Svarstad"), bank, START)
    if version is not None:
        ref = BankRef(id=bank.info.id, version=version, content_hash="made-with-an-older-bank")
        session = session.model_copy(update={"bank": ref})
    for question_id, value in answers.items():
        if value == "unknown":
            session = session.with_answer(question_id, unknown=True, now=START)
        elif value == "not_applicable":
            session = session.with_answer(question_id, not_applicable=True, now=START)
        else:
            assert isinstance(value, int)
            session = session.with_answer(question_id, value, now=START)
    if complete:
        session = session.with_status("complete", now=START)
    SessionStore(data_dir).save(session)
    return session


async def open_session(pilot: Pilot[Any], session_id: str, screen: type) -> Any:
    await wait_for_screen(pilot, StartScreen)
    pilot.app.post_message(OpenSession(session_id))
    return await wait_for_screen(pilot, screen)


async def test_not_applicable_is_offered_only_where_the_question_allows_it(
    make_app: AppFactory, data_dir: Path, tiny_bank: Bank
) -> None:
    session = seed(data_dir, tiny_bank, {"anchor_up": 4, "anchor_across": 4}, complete=False)
    app = make_app(bank=tiny_bank)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_session(pilot, session.id, QuestionsScreen)
        assert screen.question.id == "calendar"
        assert screen.check_action("not_applicable", ()) is True
        footer_keys = {key for key, bound in app.active_bindings.items() if bound.enabled}
        assert "g" in footer_keys
        await pilot.press("g")
        await wait_until(pilot, lambda: screen.question.id == "duration", "the next question")
        assert only_session(data_dir).answer("calendar").not_applicable
        # Here the bank offers no «Gjelder ikke oss»: the key does nothing and is not shown.
        assert screen.check_action("not_applicable", ()) is False
        footer_keys = {key for key, bound in app.active_bindings.items() if bound.enabled}
        assert "g" not in footer_keys
        await pilot.press("g")
        await pilot.pause()
        assert not only_session(data_dir).answer("duration").is_answered


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
async def test_the_results_words_match_the_cause_of_every_level(
    make_app: AppFactory, data_dir: Path, tiny_bank: Bank, path: LevelPath
) -> None:
    session = seed(data_dir, tiny_bank, path.answers, complete=True)
    app = make_app(bank=tiny_bank)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_session(pilot, session.id, ResultsScreen)
        label = getattr(tiny_bank.policy.levels, path.level).label.nb
        assert text_of(screen.query_one("#verdict-label", Static)) == label
        shown = " ".join(
            text_of(widget) for widget in screen.query("#verdict Static, .section-body, .heading")
        )
        for words in path.words:
            assert words in shown, words
        for words in path.absent:
            assert words not in shown, words


async def test_undetermined_results_lead_with_what_to_clarify(
    make_app: AppFactory, data_dir: Path, tiny_bank: Bank
) -> None:
    answers: dict[str, AnswerValue] = {"anchor_up": "unknown", "anchor_across": 0, "calendar": 0}
    assert assess(tiny_bank, answers).recommendations  # there is advice to come after
    session = seed(data_dir, tiny_bank, answers, complete=True)
    app = make_app(bank=tiny_bank)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_session(pilot, session.id, ResultsScreen)
        page = list(screen.query_one("#results-page").children)
        clarify = screen.query_one("#to-clarify", Static)
        first_lesson = next(w for w in page if w.has_class("lesson"))
        assert page.index(clarify) < page.index(first_lesson)
        assert text_of(clarify).startswith("• Forankret oppover?")


def top_one_bank(folder: Path) -> Bank:
    return load_bank(write_top_one_bank(folder))


async def test_the_results_show_the_top_advice_and_a_shows_the_rest(
    make_app: AppFactory, data_dir: Path, tmp_path: Path
) -> None:
    bank = top_one_bank(tmp_path / "bank")
    values: dict[str, AnswerValue] = {
        "anchor_up": 1,
        "anchor_across": 0,
        "calendar": 0,
        "duration": 0,
    }
    session = seed(data_dir, bank, values, complete=True)
    app = make_app(bank=bank)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_session(pilot, session.id, ResultsScreen)
        assert str(screen.query_one("#show-all", Button).label) == "1 til – trykk a for å se alle"
        more = screen.query_one("#more-advice")
        assert not more.display
        assert screen.check_action("show_all", ()) is True
        await pilot.press("a")
        await wait_until(pilot, lambda: bool(more.display), "all advice shown")
        assert "Stå samlet" in " ".join(text_of(w) for w in more.query(".lesson"))
        assert screen.check_action("show_all", ()) is False


CHANGES = CHANGES_0_2


@pytest.fixture
def newer_bank(tmp_path: Path) -> Bank:
    bank_toml = BANK.replace('version = "0.1"', 'version = "0.2"') + CHANGES
    return load_bank(write_tiny_bank(tmp_path / "newer", bank_toml=bank_toml))


FULL: dict[str, AnswerValue] = {"anchor_up": 4, "anchor_across": 4, "calendar": 3, "duration": 4}


async def test_an_old_finished_session_says_what_changed(
    make_app: AppFactory, data_dir: Path, newer_bank: Bank
) -> None:
    session = seed(data_dir, newer_bank, FULL, complete=True, version="0.1")
    app = make_app(bank=newer_bank)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_session(pilot, session.id, ResultsScreen)
        banner = text_of(screen.query_one("#verdict-drift", Static))
        assert banner.startswith(
            "Spørsmålene er endret siden denne vurderingen ble laget (bank 0.1 → 0.2)"
        )
        assert "1 er endret – svar på nytt. 1 er omformulert – se over." in banner
        # The changed answer is kept in the file but not scored: the area has no answer now.
        stored = only_session(data_dir)
        assert stored.answer("calendar").value == 3
        assert "calendar" in assess(newer_bank, scored_answers(newer_bank, stored)).unanswered
        prompts = [str(option.prompt) for option in screen.query_one("#scores", ScoreList).options]
        assert "0 av 1 besvart" in prompts[1]  # «Tid»: its only answer is to be given again


async def test_an_old_session_continued_goes_to_the_changed_question(
    make_app: AppFactory, data_dir: Path, newer_bank: Bank
) -> None:
    session = seed(data_dir, newer_bank, FULL, complete=False, version="0.1")
    app = make_app(bank=newer_bank)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_session(pilot, session.id, QuestionsScreen)
        assert screen.question.id == "calendar"
        position = text_of(screen.query_one("#q-position", Static))
        assert "Spørsmålet er endret siden dere svarte – svar på nytt" in position
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("Spørsmålene er endret siden denne vurderingen") for m in messages)
        await pilot.press("2")
        await pilot.pause()
        saved = only_session(data_dir).answer("calendar")
        assert (saved.value, saved.bank_version) == (1, "0.2")
