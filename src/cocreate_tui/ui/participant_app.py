"""A team round member's app in workshop mode: their name, then their own questions, nothing else.

`cocreate serve` runs it (`cocreate --participant CODE`) for a browser that joined with the
participants' key and the round's code; `cocreate round join CODE --name NAME` runs it at a
terminal with the name given, straight into that member's questions. It has no start screen,
no saved list, no palette and no way to open any session but the member's own; leaving ends
it, and with it the tab's app.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.screen import Screen

from ..domain.bank_source import BankSource
from ..domain.storage import SessionStore
from .app import CocreateApp, local_now
from .navigator import Navigator

if TYPE_CHECKING:
    from ..domain.bank_models import Bank, Lang
    from ..domain.session_lock import LockHolder
    from ..domain.sessions import Session
    from ..domain.team_round import TeamRound
    from .screens.questions import QuestionsOutcome

BLOCKED_ACTIONS = frozenset(
    {
        "new_assessment",
        "saved",
        "about",
        "intro",
        "join_round",
        "lead_round",
        "open_plan",
        "next_round",
        "command_palette",
        "change_theme",
    }
)
"""App actions that would open something beyond the member's own questions."""


class ParticipantNavigator(Navigator):
    """Opens the member's own questions and nothing else; finishing goes back to their page."""

    def _shut(self, *_: object, **__: object) -> None:
        """A door of the wizard that a member's app does not have: it opens nothing."""

    # Everything that would show another session, or the folder's list, does nothing here.
    new_assessment = saved = about = intro = open_results = open_plan = next_round = _shut
    open_session = open_action_plan = join_round = lead_round = open_round = _shut

    def _offer_open_elsewhere(self, session: Session, holder: LockHolder) -> None:
        # Another tab of the same member has it open: no read-only view, no copy outside the
        # round, only the plain reason.
        self._app.notify(self._tr("participant_open_elsewhere"), severity="warning", timeout=10)

    def _after_questions(self, outcome: QuestionsOutcome | None) -> None:
        if outcome == "finish" and self._desk.keeper is not None:
            self._desk.save(lambda keeper: keeper.set_status("complete"))
        self._desk.keeper = None


class ParticipantApp(CocreateApp):
    """The member's page of team round `team_round`: name, own questions, leave."""

    ENABLE_COMMAND_PALETTE = False
    COMMANDS: ClassVar[set[Any]] = set()

    def __init__(
        self,
        bank: Bank | BankSource,
        store: SessionStore,
        data_dir: Path,
        team_round: TeamRound,
        *,
        device: str | None = None,
        member_name: str | None = None,
        lang: Lang = "nb",
        clock: Callable[[], datetime] = local_now,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__(bank, store, data_dir, lang=lang, clock=clock, cursor_blink=cursor_blink)
        self.team_round = team_round
        self.device = device
        self.member_name = member_name
        """The member's name when already given (`cocreate round join` at a terminal)."""
        self._navigator = ParticipantNavigator(self, self, self.desk)

    def get_default_screen(self) -> Screen[None]:
        from ..domain.round_store import RoundStore
        from .screens.participant import ParticipantScreen

        rounds = RoundStore(self.data_dir, self.store)
        return ParticipantScreen(self.team_round, rounds, self.clock, self.device, self.member_name)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in BLOCKED_ACTIONS:
            return False
        return super().check_action(action, parameters)

    def on_ready(self) -> None:
        self.first_frame_shown = True
        self.prefetch_bank()
