"""Two windows, one session: the second is told so and offered a read-only view or a copy.

The other window is stood in for by a lock file naming a live process (this test's parent),
or by a second app in the same process; either way the original file must not change.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import Button, Static

from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.sessions import Session, SessionMeta, new_session
from cocreate_tui.domain.storage import SessionStore
from cocreate_tui.ui.dialogs.open_elsewhere import OpenElsewhereDialog
from cocreate_tui.ui.messages import OpenActionPlan, OpenSession
from cocreate_tui.ui.screens.questions import QuestionsScreen
from cocreate_tui.ui.screens.results import ResultsScreen
from cocreate_tui.ui.screens.start import StartScreen

from ..ui.conftest import AppFactory, saved_sessions, wait_for_screen, wait_until


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def saved_original(data_dir: Path, bank: Bank) -> Session:
    session = new_session(SessionMeta(team="Team Larvik"), bank)
    session = session.with_answer("und_difference", 3).with_note("und_difference", "Et notat")
    SessionStore(data_dir).save(session)
    return session


def lock_held_by_parent(data_dir: Path, session_id: str) -> Path:
    # The parent process (pytest's, or xdist's controller) is alive for the whole test.
    lock = SessionStore(data_dir).directory / f"{session_id}.lock"
    since = datetime(2024, 3, 1, 8, 30, tzinfo=UTC).isoformat()
    holder = {"pid": os.getppid(), "host": platform.node(), "since": since}
    lock.write_text(json.dumps(holder), encoding="utf-8")
    return lock


def text_of(widget: Static) -> str:
    return str(widget.render())


@pytest.mark.parametrize("choice", ["read-only", "copy", "cancel"])
async def test_a_session_open_elsewhere_is_offered_read_only_or_a_copy(
    choice: str, make_app: AppFactory, data_dir: Path, demo_bank: Bank
) -> None:
    original = saved_original(data_dir, demo_bank)
    path = SessionStore(data_dir).path_for(original.id)
    before = digest(path)
    lock = lock_held_by_parent(data_dir, original.id)
    lock_before = lock.read_bytes()

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, StartScreen)
        app.post_message(OpenSession(original.id))
        dialog = await wait_for_screen(pilot, OpenElsewhereDialog)
        body = text_of(dialog.query_one("#open-elsewhere-body", Static))
        assert "åpen i et annet vindu" in body
        assert platform.node() in body and "01.03.2024 08:30" in body
        labels = {str(button.label) for button in dialog.query(Button)}
        assert labels == {"Se den uten å endre", "Lag en kopi og fortsett", "Avbryt"}
        await pilot.click(f"#{choice}")

        if choice == "read-only":
            results = await wait_for_screen(pilot, ResultsScreen)
            assert results.query("#read-only-note") and not results.query("#edit")
            # Nothing that would change the session is offered, in the footer or by its key.
            shown = {binding.action for _, binding, enabled, _ in app.active_bindings.values()}
            assert not shown & {"edit", "make_action", "open_plan", "next_round"}
            await pilot.press("p")
            await pilot.pause()
            assert isinstance(app.screen, ResultsScreen)
            await pilot.press("b")  # «tilbake til spørsmålene» is not offered
            await pilot.pause()
            assert isinstance(app.screen, ResultsScreen)
            await pilot.press("escape")
            await wait_for_screen(pilot, StartScreen)
        elif choice == "copy":
            await wait_for_screen(pilot, QuestionsScreen)
            await pilot.press("3")  # an answer in the copy
            copies = [s for s in saved_sessions(data_dir) if s.id != original.id]
            assert len(copies) == 1
            copy = copies[0]
            assert copy.meta.team == "Team Larvik (kopi)"
            assert copy.answer("und_difference").note == "Et notat"
            assert copy.answer_values()["und_difference"] == 3
            assert len(copy.answer_values()) == 2  # the original's answer, and the new one
            assert (data_dir / "sessions" / f"{copy.id}.lock").exists()  # the copy is ours
        else:
            await wait_for_screen(pilot, StartScreen)
            assert [s.id for s in saved_sessions(data_dir)] == [original.id]
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: not app.is_running, "the app to quit")

    assert digest(path) == before  # the original is never written
    assert lock.read_bytes() == lock_before  # nor the other window's lock
    # Only the other window's lock is left: this window let go of everything it took.
    assert [p.name for p in lock.parent.glob("*.lock")] == [lock.name]


async def test_the_lock_is_taken_while_editing_and_let_go_on_close_and_quit(
    make_app: AppFactory, data_dir: Path, demo_bank: Bank
) -> None:
    original = saved_original(data_dir, demo_bank)
    lock = SessionStore(data_dir).directory / f"{original.id}.lock"
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, StartScreen)
        app.post_message(OpenSession(original.id))
        await wait_for_screen(pilot, QuestionsScreen)
        assert json.loads(lock.read_text(encoding="utf-8"))["pid"] == os.getpid()
        await pilot.press("escape")  # back to the start: the session is closed
        await wait_for_screen(pilot, StartScreen)
        await wait_until(pilot, lambda: not lock.exists(), "the lock to be let go")
        app.post_message(OpenSession(original.id))
        await wait_for_screen(pilot, QuestionsScreen)
        assert lock.exists()
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: not app.is_running, "the app to quit")
    assert not lock.exists()


async def test_two_apps_on_one_data_folder(
    make_app: AppFactory, data_dir: Path, demo_bank: Bank
) -> None:
    original = saved_original(data_dir, demo_bank)
    path = SessionStore(data_dir).path_for(original.id)
    first, second = make_app(), make_app()
    async with first.run_test(size=(100, 30)) as one:
        await wait_for_screen(one, StartScreen)
        first.post_message(OpenSession(original.id))
        await wait_for_screen(one, QuestionsScreen)
        await one.press("4")
        before = digest(path)
        async with second.run_test(size=(100, 30)) as two:
            await wait_for_screen(two, StartScreen)
            second.post_message(OpenSession(original.id))
            await wait_for_screen(two, OpenElsewhereDialog)
            await two.click("#cancel")
            await wait_for_screen(two, StartScreen)
        assert digest(path) == before
        await one.press("ctrl+q")
        await wait_until(one, lambda: not first.is_running)


async def test_the_lock_is_let_go_when_the_app_stops_without_quitting(
    make_app: AppFactory, data_dir: Path, demo_bank: Bank
) -> None:
    original = saved_original(data_dir, demo_bank)
    lock = SessionStore(data_dir).directory / f"{original.id}.lock"
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, StartScreen)
        app.post_message(OpenSession(original.id))
        await wait_for_screen(pilot, QuestionsScreen)
        assert lock.exists()
    assert not lock.exists()  # e.g. the terminal closed: the app unmounts and lets go


async def test_the_action_plan_of_a_session_open_elsewhere_asks_first(
    make_app: AppFactory, data_dir: Path, demo_bank: Bank
) -> None:
    original = saved_original(data_dir, demo_bank)
    path = SessionStore(data_dir).path_for(original.id)
    before = digest(path)
    lock_held_by_parent(data_dir, original.id)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, StartScreen)
        app.post_message(OpenActionPlan(original.id))
        await wait_for_screen(pilot, OpenElsewhereDialog)
        await pilot.press("escape")
        await wait_for_screen(pilot, StartScreen)
    assert digest(path) == before
