"""The session being answered: every change is applied in memory and saved to disk at once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from ..domain.bank_models import Lang
from ..domain.errors import StorageError
from ..domain.sessions import Action, Session, Status
from ..domain.storage import SessionStore

Clock = Callable[[], datetime]
SaveFailed = Callable[[StorageError], None]


class SessionKeeper:
    """Holds the current session and writes each change atomically before returning.

    The copy in memory is the truth: if a save fails (`StorageError`), the change is kept and the
    next save writes it too, so nothing the team typed is lost while the app runs. With
    `on_save_failed`, a failed save of a change is handed to it instead of raised, so the
    screens carry on with the change while the app tells the team what is wrong.
    """

    def __init__(
        self,
        store: SessionStore,
        session: Session,
        clock: Clock,
        on_save_failed: SaveFailed | None = None,
    ) -> None:
        self._store = store
        self._session = session
        self._clock = clock
        self._on_save_failed = on_save_failed
        self.unsaved = False
        """Whether the copy in memory holds changes the last save could not write."""
        self.bank_version: str | None = None
        """The version of the bank answers are given with, recorded on each answer when it is
        newer than the session's (so a changed question answered again counts again)."""

    @property
    def session(self) -> Session:
        """The session as it is now."""
        return self._session

    def save(self) -> None:
        """Write the session as it is now. Raises `StorageError`."""
        try:
            self._store.save(self._session)
        except StorageError:
            self.unsaved = True
            raise
        self.unsaved = False

    def answer(self, question_id: str, value: int) -> None:
        """Answer `question_id` with the option `value`, and save."""
        self._change(
            self._session.with_answer(
                question_id, value, now=self._clock(), bank_version=self.bank_version
            )
        )

    def answer_unknown(self, question_id: str) -> None:
        """Answer `question_id` «Vet ikke», and save."""
        self._change(
            self._session.with_answer(
                question_id, unknown=True, now=self._clock(), bank_version=self.bank_version
            )
        )

    def answer_not_applicable(self, question_id: str) -> None:
        """Answer `question_id` «Gjelder ikke oss», and save."""
        self._change(
            self._session.with_answer(
                question_id, not_applicable=True, now=self._clock(), bank_version=self.bank_version
            )
        )

    def set_note(self, question_id: str, note: str) -> None:
        """Replace the note on `question_id`, and save; nothing happens if it is unchanged."""
        if self._session.answer(question_id).note != note:
            self._change(self._session.with_note(question_id, note, now=self._clock()))

    def set_flag(self, question_id: str, flagged: bool) -> None:
        """Flag `question_id` to come back to (or not), and save."""
        self._change(self._session.with_flag(question_id, flagged, now=self._clock()))

    def set_status(self, status: Status) -> None:
        """Mark the session in progress or complete, and save; nothing happens if unchanged."""
        if self._session.status != status:
            self._change(self._session.with_status(status, now=self._clock()))

    def set_language(self, lang: Lang) -> None:
        """Record the language the team works in, and save; nothing happens if unchanged."""
        if self._session.language != lang:
            self._change(self._session.model_copy(update={"language": lang}))

    def save_action(self, action: Action) -> None:
        """Add `action` to the plan, or replace the action with its id, and save."""
        if self._session.action(action.id) != action:
            self._change(self._session.with_action(action, now=self._clock()))

    def remove_action(self, action_id: str) -> None:
        """Take the action `action_id` out of the plan, and save."""
        if self._session.action(action_id) is not None:
            self._change(self._session.without_action(action_id, now=self._clock()))

    def _change(self, session: Session) -> None:
        self._session = session
        try:
            self.save()
        except StorageError as error:
            if self._on_save_failed is None:
                raise
            self._on_save_failed(error)
