"""The domain parts behind the two-window and full-disk dialogs: copies, save-elsewhere, kinds."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from cocreate_tui.domain.errors import StorageError
from cocreate_tui.domain.session_copy import TEAM_MAX, copy_of
from cocreate_tui.domain.session_files import read_session_file
from cocreate_tui.domain.storage import SessionStore, save_copy, write_failure_kind
from cocreate_tui.ui.session_keeper import SessionKeeper

from ..platform_guards import assert_private, modes_only
from ..session_helpers import make_bank, make_session


def test_a_copy_has_a_new_id_and_keeps_everything_else() -> None:
    original = make_session(team="Team Larvik", bank=make_bank())
    copy = copy_of(original, " (kopi)")
    assert copy.id != original.id
    assert copy.meta.team == "Team Larvik (kopi)"
    assert copy.answers == original.answers and copy.actions == original.actions
    assert copy.meta.model_copy(update={"team": "x"}) == original.meta.model_copy(
        update={"team": "x"}
    )
    long = copy_of(make_session(team="T" * TEAM_MAX, bank=make_bank()), " (kopi)")
    assert len(long.meta.team) == TEAM_MAX and long.meta.team.endswith(" (kopi)")


def test_save_copy_writes_a_private_readable_file(tmp_path: Path) -> None:
    session = make_session(team="Kopi", bank=make_bank())
    folder = tmp_path / "ny" / "mappe"
    path = save_copy(session, folder)
    assert read_session_file(path) == session
    assert_private(path, folder)


@modes_only
def test_save_copy_leaves_the_mode_of_an_existing_folder_alone(tmp_path: Path) -> None:
    # An existing folder is the user's own: its mode is left alone.
    session = make_session(team="Kopi", bank=make_bank())
    own = tmp_path / "egen"
    own.mkdir(mode=0o755)
    own.chmod(0o755)
    save_copy(session, own)
    assert stat.S_IMODE(own.stat().st_mode) == 0o755


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        (errno.ENOSPC, "full"),
        (errno.EROFS, "read_only"),
        (errno.EACCES, "read_only"),
        (errno.EIO, "other"),
    ],
)
def test_failures_are_sorted_into_plain_kinds(
    number: int, kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: Any, **kwargs: Any) -> None:
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(StorageError) as caught:
        save_copy(make_session(bank=make_bank()), tmp_path)
    assert write_failure_kind(caught.value) == kind
    assert list(tmp_path.iterdir()) == []  # no temp file left behind


def test_the_keeper_hands_a_failed_change_to_its_handler_and_keeps_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SessionStore(tmp_path)
    session = make_session(bank=make_bank())
    store.save(session)
    failures: list[StorageError] = []
    keeper = SessionKeeper(
        store, session, clock=lambda: session.updated_at, on_save_failed=failures.append
    )

    def full(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    real = os.replace
    monkeypatch.setattr(os, "replace", full)
    keeper.set_flag("q1", True)
    assert len(failures) == 1 and keeper.unsaved and keeper.session.answer("q1").flagged
    monkeypatch.setattr(os, "replace", real)
    keeper.set_flag("q2", True)  # the next change writes both
    assert not keeper.unsaved
    saved = store.load(session.id)
    assert saved.answer("q1").flagged and saved.answer("q2").flagged
