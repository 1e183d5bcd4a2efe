"""A round member's own page in workshop mode: their name, their progress, on to the questions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, Header, Input, Static

from ...domain.errors import CocreateError
from ...domain.round_store import NameTakenError, RoundStore
from ...domain.sessions import Session
from ...domain.team_round import TeamRound, member_vote, revote_waiting
from ..base import BaseScreen
from ..shell import shell_of
from ..widgets.text_field import TextField

POLL_SECONDS = 1.0
"""How often a member looks whether the team asks to vote again."""
REVOTE_NOTICE_SECONDS = 30
"""Long enough to be read by someone thinking about a question, not just glanced at."""


class ParticipantScreen(BaseScreen[None]):
    """Asks the member's name, joins them, and after the questions shows how far they came."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "app.quit", "key_participant_leave"),
    ]

    def __init__(
        self,
        team_round: TeamRound,
        rounds: RoundStore,
        clock: Callable[[], datetime],
        device: str | None,
        name: str | None = None,
    ) -> None:
        super().__init__()
        self.team_round = team_round
        self._rounds = rounds
        self._clock = clock
        self._device = device
        self.session: Session | None = None
        """The member's own session, once joined."""
        self.name_given = ""
        self._name = name
        """The name given before the page opened: joined at once, as if typed and sent."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="participant"):
            yield Static(id="participant-title", markup=False)
            yield Static(self.tr("participant_intro"), id="participant-intro", markup=False)
            yield TextField(id="participant-name", placeholder=self.tr("round_name"))
            yield Static(id="participant-status", markup=False)
            with Horizontal(classes="button-row"):
                yield Button(
                    self.tr("participant_continue"), id="participant-continue", compact=True
                )
                yield Button(self.tr("participant_leave"), id="participant-leave", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        team_round = self.team_round
        title = self.tr("participant_title", code=team_round.code, team=team_round.team)
        self.query_one("#participant-title", Static).update(title)
        self.query_one("#participant-continue").display = False
        # Focused by hand, as the new-assessment form does: AUTO_FOCUS lost it to the leave
        # button in a browser tab.
        field = self.query_one("#participant-name", Input)
        field.focus()
        self.set_interval(POLL_SECONDS, self._poll)
        if self._name and self._name.strip():
            field.value = self._name  # the same join as typing it, so problems show the same way
            self._join(self._name.strip())

    # --- joining ---------------------------------------------------------------------------

    @on(Input.Submitted, "#participant-name")
    def _name_given(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        if name:
            self._join(name)

    @work(thread=True, exclusive=True, group="join")
    def _join(self, name: str) -> None:
        # The bank may still be loading (pydantic and TOML, ~100 ms): off the event loop.
        bank = shell_of(self).loaded_bank()
        if bank is None:
            return
        try:
            team_round, session = self._rounds.join(
                self.team_round.code, name, bank, self._clock(), self.lang, self._device
            )
        except NameTakenError:
            self.app.call_from_thread(self._name_taken, name)
            return
        except CocreateError as error:
            self.app.call_from_thread(self._say, self._why_not(error))
            return
        self.app.call_from_thread(self._joined, team_round, session, name)

    def _why_not(self, error: CocreateError) -> str:
        """The reason a join failed, in the member's language where it is the round's state."""
        try:
            state = self._rounds.load(self.team_round.code).state
        except CocreateError:
            return error.words(self.lang)
        return error.words(self.lang) if state == "answering" else self.tr("participant_too_late")

    def _name_taken(self, name: str) -> None:
        field = self.query_one("#participant-name", Input)
        field.value = ""  # ready for another name
        field.focus()
        self._say(self.tr("participant_name_taken", name=name))

    def _say(self, text: str) -> None:
        self.query_one("#participant-status", Static).update(text)

    def _joined(self, team_round: TeamRound, session: Session, name: str) -> None:
        member = team_round.member(name)
        self.name_given = member.name if member is not None else name
        self.team_round = team_round
        self.session = session
        self.query_one("#participant-name").display = False
        self.query_one("#participant-intro").display = False
        self.query_one("#participant-continue").display = True
        self._open_questions()

    # --- after the questions ----------------------------------------------------------------

    def on_screen_resume(self) -> None:
        if self.session is None:
            return
        try:
            self.session = self._rounds.sessions.load(self.session.id)
            self.team_round = self._rounds.load(self.team_round.code)
        except CocreateError as error:
            self._say(error.words(self.lang))
            return
        self._show_progress()
        self.query_one("#participant-continue").focus()

    def _show_progress(self) -> None:
        session = self.session
        bank = shell_of(self).loaded_bank()
        if session is None or bank is None:
            return
        answered = sum(member_vote(session, q) is not None for q in bank.questions)
        total = len(bank.questions)
        lines = [
            self.tr("participant_progress", name=self.name_given, answered=answered, total=total)
        ]
        if revote_waiting(self.team_round, bank, session) is not None:
            lines.append(self.tr("participant_revote"))
        elif answered >= total:
            lines.append(self.tr("round_waiting_reveal"))
        self._say("\n\n".join(lines))

    def _poll(self) -> None:
        if self.session is None:
            return
        try:
            team_round = self._rounds.load(self.team_round.code)
        except CocreateError:
            return
        if team_round == self.team_round:
            return
        asked_before = set(self.team_round.reopened.items())
        self.team_round = team_round
        if self.app.screen is self:
            self._show_progress()
        elif set(team_round.reopened.items()) - asked_before:
            # The member is among the questions: told at once, not when they come back here.
            # Their own screen then takes them to the question (see _open_questions).
            self.app.notify(self.tr("participant_revote_notice"), timeout=REVOTE_NOTICE_SECONDS)

    @on(Button.Pressed, "#participant-continue")
    def _open_questions(self) -> None:
        session = self.session
        bank = shell_of(self).loaded_bank()
        if session is None or bank is None:
            return
        revote = revote_waiting(self.team_round, bank, session)
        shell_of(self).navigator.open_questions(session, revote)

    @on(Button.Pressed, "#participant-leave")
    def _leave(self) -> None:
        self.app.exit()
