"""How the app enters a team round: a member joins by code and name, a facilitator leads one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App

from ..domain.bank_models import Bank
from ..domain.errors import CocreateError
from ..domain.round_store import RoundStore
from ..domain.storage import SessionStore
from ..domain.team_round import (
    CODE_LENGTH,
    RoundError,
    TeamRound,
    normalise_code,
    revote_waiting,
)
from ..i18n import t
from .base import app_lang
from .dialogs.round_fields import RoundFieldsDialog

if TYPE_CHECKING:
    from .shell import Navigation


class RoundFlow:
    """Opens the round dialogs and screens on `app`; knows nothing of the app's other screens."""

    def __init__(
        self,
        app: App[Any],
        navigation: Navigation,
        bank: Callable[[], Bank],
        store: SessionStore,
        data_dir: Path,
        clock: Callable[[], datetime],
    ) -> None:
        self._app = app
        self._navigation = navigation
        self._bank = bank
        self._data_dir = data_dir
        self._clock = clock
        self.rounds = RoundStore(data_dir, store)

    def join(self) -> None:
        """Ask for the code and the member's name, then open the member's own questions."""
        fields = [("round-code", "round_code", ""), ("round-name", "round_name", "")]
        self._app.push_screen(
            RoundFieldsDialog("round_join", "round_join_body", fields), self._joined
        )

    def _joined(self, values: tuple[str, ...] | None) -> None:
        if values is None:
            return
        code, name = values
        lang = app_lang(self._app)
        try:
            team_round, session = self.rounds.join(code, name, self._bank(), self._clock(), lang)
        except CocreateError as error:
            self._app.notify(error.words(app_lang(self._app)), severity="error", timeout=10)
            return
        member = team_round.member(name)
        shown = member.name if member is not None else name
        self._app.notify(t("round_joined_as", lang).format(name=shown), timeout=10)
        revote = revote_waiting(team_round, self._bank(), session)
        if revote is not None or session.status != "complete":
            self._navigation.open_questions(session, revote)
        else:
            self._navigation.open_session(session.id, in_round=True)

    def lead(self) -> None:
        """Ask for a team name (a new round) or a code (a round already started)."""
        fields = [("round-team", "round_team", "")]
        dialog = RoundFieldsDialog(
            "round_lead", "round_lead_body", fields, missing_key="round_lead_missing"
        )
        self._app.push_screen(dialog, self._lead_chosen)

    def _lead_chosen(self, values: tuple[str, ...] | None) -> None:
        if values is None:
            return
        text = values[0]
        try:
            code = self._existing_code(text)
            if code is None:
                code = self.rounds.create(text, self._bank(), self._clock()).code
            self.open(code)
        except CocreateError as error:
            self._app.notify(error.words(app_lang(self._app)), severity="error", timeout=10)

    def _existing_code(self, text: str) -> str | None:
        # A team may well be called something six letters long: only a round that exists is
        # taken as a code.
        if len("".join(text.split())) != CODE_LENGTH:
            return None
        try:
            code = normalise_code(text)
        except RoundError:
            return None
        return code if self.rounds.path_for(code).exists() else None

    def open(self, code: str) -> None:
        """Show the facilitator's screen of the round `code`."""
        from .screens.team_round import RoundScreen

        screen = RoundScreen(self.rounds, self._bank(), code, self._clock, self._show_result)
        self._app.push_screen(screen)

    def _show_result(self, team_round: TeamRound) -> None:
        from .screens.round_result import RoundResultScreen

        screen = RoundResultScreen(self._bank(), team_round, self._data_dir, self._clock)
        self._app.push_screen(screen)
