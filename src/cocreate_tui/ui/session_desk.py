"""The session open for editing in this window: its keeper, its lock, and saves that fail."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App

from ..domain.errors import CocreateError, StorageError
from ..domain.session_lock import LockHolder, SessionLock
from ..domain.storage import SessionStore, save_copy, write_failure_kind
from .base import app_lang, translate

# The session models (pydantic) are imported where a session is opened, not at start-up.
if TYPE_CHECKING:
    from datetime import datetime

    from ..domain.sessions import Session
    from .session_keeper import SessionKeeper


class SessionDesk:
    """Holds the one session this window edits, the locks that keep other windows off it,
    and tells the team plainly, once, when a change could not be written to disk."""

    def __init__(self, app: App[Any], store: SessionStore, clock: Callable[[], datetime]) -> None:
        self._app = app
        self._store = store
        self._clock = clock
        self._current: SessionKeeper | None = None
        self._locks: dict[str, SessionLock] = {}
        self._quiet_save_failures = False
        self._save_dialog_shown = False

    @property
    def keeper(self) -> SessionKeeper | None:
        """The session open for editing, if any."""
        return self._current

    @keeper.setter
    def keeper(self, keeper: SessionKeeper | None) -> None:
        # Whenever the open session changes, the locks of sessions no longer open are let go,
        # so another window can take them.
        if keeper is not self._current:
            self._quiet_save_failures = False
        self._current = keeper
        keep = {keeper.session.id} if keeper is not None else set()
        for session_id in [held for held in self._locks if held not in keep]:
            self._locks.pop(session_id).release()

    def new_keeper(self, session: Session, bank_version: str | None = None) -> SessionKeeper:
        """A keeper for `session` whose failed saves come to this desk; answers given with a
        bank newer than the session's record its `bank_version`."""
        from .session_keeper import SessionKeeper

        keeper = SessionKeeper(self._store, session, self._clock, on_save_failed=self.save_failed)
        keeper.bank_version = bank_version
        return keeper

    def claim(self, session_id: str) -> LockHolder | None:
        """Lock the session for this window: None when it is ours now, else who has it open."""
        if session_id in self._locks:
            return None
        lock = SessionLock(self._store.directory, session_id)
        try:
            holder = lock.acquire()
        except OSError:
            # A folder that cannot be written cannot hold a lock either; the save will say why.
            return None
        if holder is None:
            self._locks[session_id] = lock
        return holder

    def release_locks(self) -> None:
        """Let other windows open the sessions this one had open."""
        for lock in self._locks.values():
            lock.release()
        self._locks.clear()

    def save(
        self, change: Callable[[SessionKeeper], None], keeper: SessionKeeper | None = None
    ) -> bool:
        """Apply `change` to `keeper` (the open session's by default), which saves it.

        False when there is nothing open or the change was refused; a change that could not be
        written is kept in memory and counts as made (the dialog offers a way to a disk).
        """
        target = keeper or self._current
        if target is None:
            return False
        try:
            change(target)
        except StorageError as error:
            # The change is kept in memory; the dialog offers a way to get it onto a disk.
            self.save_failed(error)
        except CocreateError as error:
            self._app.notify(
                error.words(app_lang(self._app)),
                title=self._tr("save_failed"),
                severity="error",
                timeout=30,
            )
            return False
        return True

    def save_failed(self, error: StorageError) -> None:
        """A change could not be written: say so plainly, once, and offer a way out."""
        from .dialogs.save_failed import SaveFailedDialog

        keeper = self._current
        if keeper is None or self._save_dialog_shown:
            return
        if self._quiet_save_failures:
            self._app.notify(self._tr("save_failed_still"), severity="warning", timeout=5)
            return
        dialog = SaveFailedDialog(
            write_failure_kind(error),
            error.words(app_lang(self._app)),
            lambda folder: save_copy(keeper.session, folder),
            Path.home(),
        )
        self._save_dialog_shown = True
        # Pushed after the current handler, so it lands on top of a screen it is about to push.
        self._app.call_later(self._app.push_screen, dialog, self._after_save_failed)

    def _after_save_failed(self, choice: str | None) -> None:
        self._save_dialog_shown = False
        keeper = self._current
        if keeper is None:
            return
        if choice != "retry":
            # «Fortsett uten å lagre nå»: the next change tries again, with a toast, not a dialog.
            self._quiet_save_failures = True
            return
        try:
            keeper.save()
        except StorageError as error:
            self.save_failed(error)
            return
        self._app.notify(self._tr("save_recovered"))

    def _tr(self, key: str) -> str:
        return translate(self._app, key)
