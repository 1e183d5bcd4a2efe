"""A full disk or a read-only data folder: a plain message, nothing lost, a way to save elsewhere.

The tests run as root, where chmod does not stop writes, so the failures are made by replacing
`os.replace` or `os.write` with functions that raise the error the disk would give.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.session_files import read_session_file
from cocreate_tui.domain.sessions import SessionMeta, new_session
from cocreate_tui.domain.storage import SessionStore
from cocreate_tui.ui.dialogs.save_failed import SaveFailedDialog
from cocreate_tui.ui.messages import OpenSession
from cocreate_tui.ui.screens.new_session import NewSessionScreen
from cocreate_tui.ui.screens.questions import QuestionsScreen
from cocreate_tui.ui.screens.start import StartScreen

from ..platform_guards import assert_private
from ..ui.conftest import AppFactory, only_session, type_text, wait_for_screen, wait_until

REAL_REPLACE = os.replace
REAL_WRITE = os.write


def failing(name: str, number: int) -> Callable[..., Any]:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise OSError(number, os.strerror(number))

    return fail


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.startswith(".tmp-"))


@pytest.mark.parametrize(
    ("failing_call", "number", "message"),
    [
        ("write", errno.ENOSPC, "Disken er full."),
        ("replace", errno.EROFS, "Appen får ikke skrive til mappen."),
        ("replace", errno.EACCES, "Appen får ikke skrive til mappen."),
    ],
)
async def test_a_failed_save_keeps_the_answers_and_offers_a_copy_elsewhere(
    failing_call: str,
    number: int,
    message: str,
    make_app: AppFactory,
    data_dir: Path,
    demo_bank: Bank,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = SessionStore(data_dir)
    original = new_session(SessionMeta(team="Team Holmestrand"), demo_bank)
    store.save(original)
    saved_before = store.path_for(original.id).read_bytes()
    elsewhere = tmp_path / "minnepinne" / "kopier"

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, StartScreen)
        app.post_message(OpenSession(original.id))
        await wait_for_screen(pilot, QuestionsScreen)

        monkeypatch.setattr(os, failing_call, failing(failing_call, number))
        await pilot.press("3")  # this answer cannot be written
        dialog = await wait_for_screen(pilot, SaveFailedDialog)
        texts = " ".join(str(w.render()) for w in dialog.query(Static))
        assert message in texts and "Ingenting er tapt" in texts
        keeper = app.desk.keeper
        assert keeper is not None and keeper.unsaved
        assert set(keeper.session.answer_values()) == {"und_difference"}  # kept in memory
        assert store.path_for(original.id).read_bytes() == saved_before  # old save intact
        assert leftovers(data_dir) == []  # nothing half-written

        # «Prøv igjen» while the disk still fails: the dialog comes back.
        await pilot.click("#retry")
        await wait_until(pilot, lambda: isinstance(app.screen, SaveFailedDialog), "again")
        dialog = app.screen

        # «Lagre en kopi et annet sted»: the copy must be written, so the real calls return.
        monkeypatch.setattr(os, "replace", REAL_REPLACE)
        monkeypatch.setattr(os, "write", REAL_WRITE)
        field = dialog.query_one("#copy-folder", Input)
        field.value = str(elsewhere)  # set, not typed: a long path costs seconds key by key
        field.focus()
        await pilot.press("enter")
        copy_path = elsewhere / f"{original.id}.json"
        await wait_until(pilot, copy_path.exists, "the copy")
        shown = str(dialog.query_one("#copy-result", Static).render())
        assert str(copy_path) in shown.replace("\n", "")
        copied = read_session_file(copy_path)
        assert copied.answer_values() == keeper.session.answer_values()
        assert_private(copy_path, elsewhere)
        assert leftovers(elsewhere) == []

        # «Fortsett uten å lagre nå»: the next change writes everything, now that it can.
        await pilot.click("#later")
        await wait_for_screen(pilot, QuestionsScreen)
        await pilot.press("3")
        await wait_until(pilot, lambda: len(only_session(data_dir).answer_values()) == 2)
        assert not keeper.unsaved
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: not app.is_running)
    assert leftovers(tmp_path) == []


async def test_after_continue_later_a_new_failure_is_a_toast_not_a_dialog(
    make_app: AppFactory, data_dir: Path, demo_bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SessionStore(data_dir)
    original = new_session(SessionMeta(team="Team Horten"), demo_bank)
    store.save(original)
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_for_screen(pilot, StartScreen)
        app.post_message(OpenSession(original.id))
        await wait_for_screen(pilot, QuestionsScreen)
        monkeypatch.setattr(os, "replace", failing("replace", errno.ENOSPC))
        await pilot.press("3")
        await wait_for_screen(pilot, SaveFailedDialog)
        await pilot.press("escape")  # = «Fortsett uten å lagre nå»
        await wait_for_screen(pilot, QuestionsScreen)
        await pilot.press("3")
        await wait_until(pilot, lambda: len(app.desk.keeper.session.answer_values()) == 2)  # type: ignore[union-attr]
        assert isinstance(app.screen, QuestionsScreen)
        assert any("ikke lagret ennå" in n.message for n in app._notifications)
        monkeypatch.setattr(os, "replace", REAL_REPLACE)
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: not app.is_running)
    # Quitting does not save by itself; the last change that could be written is on disk.
    assert leftovers(data_dir) == []


async def test_a_new_assessment_in_a_folder_that_cannot_be_written_still_starts(
    make_app: AppFactory, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "replace", failing("replace", errno.EROFS))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, StartScreen)
        await pilot.press("n")
        await wait_for_screen(pilot, NewSessionScreen)
        await type_text(pilot, "Team Lesevern")
        await pilot.press("enter")
        await wait_for_screen(pilot, SaveFailedDialog)
        assert app.desk.keeper is not None and app.desk.keeper.session.meta.team == "Team Lesevern"
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, SaveFailedDialog))
    assert leftovers(data_dir) == []


async def test_a_session_grown_too_large_to_read_is_not_saved_and_nothing_is_lost(
    make_app: AppFactory,
    data_dir: Path,
    demo_bank: Bank,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cocreate_tui.domain import storage

    store = SessionStore(data_dir)
    original = new_session(SessionMeta(team="Team Larvik"), demo_bank)
    path = store.save(original)
    saved_before = path.read_bytes()
    elsewhere = tmp_path / "kopier"

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, StartScreen)
        app.post_message(OpenSession(original.id))
        await wait_for_screen(pilot, QuestionsScreen)
        # The cap as it would stand after many long notes: the next answer goes over it.
        monkeypatch.setattr(storage, "MAX_FILE_BYTES", len(saved_before) + 10)
        await pilot.press("3")
        dialog = await wait_for_screen(pilot, SaveFailedDialog)
        texts = " ".join(str(w.render()) for w in dialog.query(Static)).replace("\n", " ")
        assert "Vurderingen er blitt for stor til å lagres." in texts
        assert "Ingenting er tapt" in texts and str(path) in texts
        keeper = app.desk.keeper
        assert keeper is not None and keeper.unsaved
        assert set(keeper.session.answer_values()) == {"und_difference"}  # kept in memory
        assert path.read_bytes() == saved_before  # the last save, readable, is untouched

        # A copy elsewhere would be as large: refused in the dialog, no file written.
        field = dialog.query_one("#copy-folder", Input)
        field.value = str(elsewhere)
        field.focus()
        await pilot.press("enter")
        result = dialog.query_one("#copy-result", Static)
        await wait_until(pilot, lambda: "større enn" in str(result.render()), "the refusal")
        assert not (elsewhere / f"{original.id}.json").exists()

        # «Fortsett uten å lagre nå», then the team makes room (here: the cap as it was).
        await pilot.click("#later")
        await wait_for_screen(pilot, QuestionsScreen)
        monkeypatch.setattr(storage, "MAX_FILE_BYTES", storage.MAX_FILE_BYTES * 100)
        await pilot.press("3")
        await wait_until(pilot, lambda: len(only_session(data_dir).answer_values()) == 2)
        assert not keeper.unsaved
    assert leftovers(tmp_path) == []
