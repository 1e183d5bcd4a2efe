"""The navigator opens a given session's questions for the team-round and other flows."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cocreate_tui.domain import platform_support
from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.sessions import SessionMeta, new_session
from cocreate_tui.domain.storage import SessionStore
from cocreate_tui.ui.dialogs.open_elsewhere import OpenElsewhereDialog
from cocreate_tui.ui.screens.questions import QuestionsScreen
from cocreate_tui.ui.screens.results import ResultsScreen
from cocreate_tui.ui.screens.start import StartScreen
from cocreate_tui.ui.shell import shell_of

from ..reliability.test_two_windows import lock_held_by_parent
from .conftest import AppFactory, only_session, wait_for_screen


async def test_open_questions_edits_the_session_from_where_it_was_left(
    make_app: AppFactory, data_dir: Path, demo_bank: Bank
) -> None:
    first, second = demo_bank.questions[0].id, demo_bank.questions[1].id
    session = new_session(SessionMeta(team="Team Nav"), demo_bank).with_answer(first, 2)
    SessionStore(data_dir).save(session)
    lock = SessionStore(data_dir).directory / f"{session.id}.lock"
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        start = await wait_for_screen(pilot, StartScreen)
        shell_of(start).navigator.open_questions(session)
        screen = await wait_for_screen(pilot, QuestionsScreen)
        assert screen.question.id == second
        assert json.loads(lock.read_text(encoding="utf-8"))["pid"] == os.getpid()
        await pilot.press("1")  # answered and saved at once, through the keeper it opened
        await pilot.pause()
        assert second in only_session(data_dir).answer_values()
        app.navigator.open_results()
        await wait_for_screen(pilot, ResultsScreen)


async def test_open_questions_of_a_session_open_elsewhere_asks_first(
    make_app: AppFactory, data_dir: Path, demo_bank: Bank
) -> None:
    session = new_session(SessionMeta(team="Team Nav"), demo_bank)
    SessionStore(data_dir).save(session)
    lock_held_by_parent(data_dir, session.id)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, StartScreen)
        app.navigator.open_questions(session, demo_bank.questions[0].id)
        await wait_for_screen(pilot, OpenElsewhereDialog)
        assert app.desk.keeper is None


async def test_a_lock_whose_process_cannot_be_checked_asks_first(
    make_app: AppFactory, data_dir: Path, demo_bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Windows without a way to ask (signal 0 there would be Ctrl+C to the other window):
    # the app must not go on as if it held the lock.
    session = new_session(SessionMeta(team="Team Nav"), demo_bank)
    SessionStore(data_dir).save(session)
    lock_held_by_parent(data_dir, session.id)
    monkeypatch.setattr(platform_support, "SYSTEM", platform_support.WINDOWS)
    monkeypatch.setattr(platform_support, "_windows_drive_type", lambda root: 3)

    def cannot_ask(pid: int) -> bool:
        raise ImportError("psutil")

    def windows_kill(pid: int, signal_number: int) -> None:
        # What Windows answers os.kill(pid, 0) for a process that leads no console group; the
        # app used to take this error for «the folder cannot hold a lock» and go on as owner.
        raise OSError(22, "The parameter is incorrect")

    monkeypatch.setattr(platform_support, "_pid_exists", cannot_ask)
    monkeypatch.setattr(os, "kill", windows_kill)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, StartScreen)
        app.navigator.open_questions(session, demo_bank.questions[0].id)
        await wait_for_screen(pilot, OpenElsewhereDialog)
        assert app.desk.keeper is None
