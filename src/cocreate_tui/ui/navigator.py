"""Navigation between the wizard's screens: which screen opens, with what, and what follows it.

The app owns one `Navigator` (`app.navigator`); screens reach it through `shell_of(self)` (see
`ui/shell.py`), never through the App class. Its API:

- `home()`: back to the start screen, saving a note being typed.
- `new_assessment()`: the short form, the introduction, then the questions.
- `saved()`, `about()`, `intro()`: those screens, once each on the stack.
- `open_session(session_id, in_round=False)`: load a saved session and take its lock; its
  questions to continue, or its results if complete. If another window holds it, offer to
  read it or to continue in a copy. A member's session in a round not revealed yet is
  refused, unless the member opens it through the round (`in_round`).
- `open_questions(session, question_id=None, notice="")`: edit `session` in this window (its
  lock taken) from `question_id`, by default where it was left; finishing shows the results.
  If another window holds it, the same offer as `open_session`.
- `open_results()`: the results of the session open for editing.
- `open_plan()`: the action plan of the session open for editing.
- `open_action_plan(session_id)`: the action plan of a saved session, then back to what was open.
- `next_round()`: the team's next round from the open session's open actions.
- `join_round()`: a member joins a team round by code and name, then answers alone.
- `lead_round()`, `open_round(code)`: the facilitator's screen of a team round.

The session being edited, its lock and failed saves are the `SessionDesk`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from textual.app import App

from ..domain.errors import CocreateError
from ..domain.storage import SessionStore
from .base import app_lang, translate
from .screens.start import StartScreen
from .session_desk import SessionDesk

# Screens, dialogs and the session models are imported where they are first opened: importing
# them all up front took ~50 ms of the time to the first frame.
if TYPE_CHECKING:
    from ..domain.bank_models import Bank, Lang
    from ..domain.session_lock import LockHolder
    from ..domain.sessions import Phase, Session, SessionMeta
    from .round_flow import RoundFlow
    from .screens.action_plan import ActionPlanScreen
    from .screens.questions import QuestionsOutcome
    from .screens.results import ResultsOutcome
    from .session_keeper import SessionKeeper


class NavigatorHost(Protocol):
    """What the navigator needs of the app besides its screen stack."""

    store: SessionStore
    data_dir: Path
    clock: Callable[[], datetime]
    lang: Lang

    @property
    def bank(self) -> Bank:
        """The question bank, loaded on first use."""

    def prefetch_bank(self) -> None:
        """Load the bank in a worker now."""


class Navigator:
    """Opens the wizard's screens in `app` and decides what follows each one."""

    def __init__(self, app: App[Any], host: NavigatorHost, desk: SessionDesk) -> None:
        self._app = app
        self._host = host
        self._desk = desk
        self._rounds: RoundFlow | None = None

    def _tr(self, key: str, **values: object) -> str:
        return translate(self._app, key, **values)

    # --- the menu ----------------------------------------------------------------------------

    def home(self) -> None:
        """Back to the start screen; a note being typed is saved first."""
        self.flush_notes()
        app = self._app
        while len(app.screen_stack) > 1 and not isinstance(app.screen, StartScreen):
            app.pop_screen()
        self._desk.keeper = None

    def flush_notes(self) -> None:
        """Save the note being typed on any questions screen open."""
        from .screens.questions import QuestionsScreen

        for screen in self._app.screen_stack:
            if isinstance(screen, QuestionsScreen):
                screen.flush_note()

    def new_assessment(self) -> None:
        """Start a new assessment: the short form first."""
        from .screens.new_session import NewSessionScreen

        self._app.push_screen(NewSessionScreen(), self._start_session)
        self._host.prefetch_bank()  # loaded while the team fills in the form

    def saved(self) -> None:
        """Show the saved assessments."""
        from .screens.saved import SavedScreen

        host = self._host
        if not isinstance(self._app.screen, SavedScreen):
            self._app.push_screen(SavedScreen(host.store, lambda: host.bank, host.clock))

    def about(self) -> None:
        """Show what samskaping is, and the report the check rests on."""
        from .screens.about import AboutScreen

        if not isinstance(self._app.screen, AboutScreen):
            self._app.push_screen(AboutScreen(self._host.bank, self._host.data_dir))

    def intro(self) -> None:
        """Show what samskaping is and is not, and thin and thick co-creation."""
        from .screens.intro import IntroScreen

        if not isinstance(self._app.screen, IntroScreen):
            self._app.push_screen(IntroScreen(starting=False))

    def _start_session(self, meta: SessionMeta | None) -> None:
        from ..domain.sessions import new_session
        from .screens.intro import IntroScreen

        if meta is None:
            return
        host = self._host
        session = new_session(meta, host.bank, now=host.clock(), language=host.lang)
        if not self._take(session):
            return
        first = host.bank.questions[0].id
        self._app.push_screen(IntroScreen(starting=True), lambda _: self._show_questions(first))

    def _take(self, session: Session) -> bool:
        """Hold the new `session` for editing and save it; False (nothing held) if refused."""
        self._desk.claim(session.id)
        self._desk.keeper = self._desk.new_keeper(session, self._host.bank.info.version)
        if not self._desk.save(lambda keeper: keeper.save()):
            self._desk.keeper = None
            return False
        return True

    # --- a session: its questions and results ------------------------------------------------

    def open_session(self, session_id: str, in_round: bool = False) -> None:
        """Open a saved session: its questions to continue, or its results if complete.

        `in_round`: the member opens their own session through the round they joined; from
        anywhere else, a round not revealed yet keeps its members' sessions to themselves.
        """
        if not in_round and self._hidden_until_reveal(session_id):
            return
        session = self._load(session_id)
        if session is None:
            return
        holder = self._desk.claim(session.id)
        if holder is not None:
            self._offer_open_elsewhere(session, holder)
            return
        self._open_for_editing(session)

    def open_questions(
        self, session: Session, question_id: str | None = None, notice: str = ""
    ) -> None:
        """Edit `session` in this window (holding its lock) from `question_id`, by default
        where it was left off; finishing shows its results."""
        from .progress import resume_question

        holder = self._desk.claim(session.id)
        if holder is not None:
            self._offer_open_elsewhere(session, holder)
            return
        self._desk.keeper = self._desk.new_keeper(session, self._host.bank.info.version)
        target = question_id or resume_question(self._host.bank, session)
        self._show_questions(target, notice)

    def _hidden_until_reveal(self, session_id: str) -> bool:
        from .sealed import refused_before_reveal

        return refused_before_reveal(self._app, self._round_flow().rounds, [session_id])

    def _load(self, session_id: str) -> Session | None:
        try:
            return self._host.store.load(session_id)
        except CocreateError as error:
            self._app.notify(
                error.words(app_lang(self._app)), title=self._tr("open_failed"), severity="error"
            )
            return None

    def _open_for_editing(self, session: Session) -> None:
        from .progress import resume_question

        self._desk.keeper = self._desk.new_keeper(session, self._host.bank.info.version)
        if session.language != self._host.lang:
            self._host.lang = session.language
        if session.status == "complete":
            self.open_results()
            return
        bank = self._host.bank
        self._show_questions(resume_question(bank, session), self._bank_notice(session))

    def _bank_notice(self, session: Session) -> str:
        from ..domain.drift import session_drift
        from ..domain.sessions import bank_changed, orphaned_answers
        from ..domain.verdict_words import drift_line

        bank = self._host.bank
        if not bank_changed(session, bank):
            return ""
        removed = len(orphaned_answers(session, bank))
        notice = self._tr("bank_changed_notice", removed=removed)
        drift = drift_line(session_drift(bank, session), self._host.lang)
        return f"{drift}\n{notice}" if drift else notice

    def _show_questions(self, question_id: str, notice: str = "") -> None:
        keeper = self._desk.keeper
        if keeper is None:
            return
        from .screens.questions import QuestionsScreen

        screen = QuestionsScreen(self._host.bank, keeper, question_id, notice=notice)
        self._app.push_screen(screen, self._after_questions)

    def _after_questions(self, outcome: QuestionsOutcome | None) -> None:
        if outcome == "finish" and self._desk.keeper is not None:
            self._desk.save(lambda keeper: keeper.set_status("complete"))
            self.open_results()
        else:
            self._desk.keeper = None

    def open_results(self) -> None:
        """The results of the session open for editing."""
        keeper = self._desk.keeper
        if keeper is None:
            return
        self._push_results(keeper.session, keeper)

    def _push_results(self, session: Session, keeper: SessionKeeper | None) -> None:
        from ..domain.drift import scored_answers
        from ..domain.scoring import assess
        from .screens.results import ResultsScreen

        host = self._host
        assessment = assess(host.bank, scored_answers(host.bank, session))
        if keeper is None:
            # Nothing here holds a keeper, so nothing can write the original.
            screen = ResultsScreen(
                host.bank, session, assessment, host.data_dir, host.clock, read_only=True
            )
            self._app.push_screen(screen)
            return
        screen = ResultsScreen(
            host.bank, session, assessment, host.data_dir, host.clock, keeper=keeper
        )
        self._app.push_screen(screen, self._after_results)

    def _after_results(self, outcome: ResultsOutcome | None) -> None:
        from .progress import next_open

        keeper = self._desk.keeper
        if outcome == "edit" and keeper is not None:
            session = keeper.session
            bank = self._host.bank
            target = next_open(bank, session, None) or bank.questions[0].id
            self._show_questions(target, self._bank_notice(session))
        else:
            self._desk.keeper = None

    # --- the action plan and the next round --------------------------------------------------

    def open_plan(self) -> None:
        """Show the action plan of the session that is open."""
        from .screens.action_plan import ActionPlanScreen

        keeper = self._desk.keeper
        if keeper is not None and not isinstance(self._app.screen, ActionPlanScreen):
            self._app.push_screen(self._plan_screen(keeper))

    def _plan_screen(self, keeper: SessionKeeper) -> ActionPlanScreen:
        from .screens.action_plan import ActionPlanScreen

        # The sessions carried actions came from, so the plan can show what improved since.
        earlier_ids = {a.carried_from for a in keeper.session.actions if a.carried_from}
        earlier = []
        for session_id in sorted(earlier_ids):
            try:
                earlier.append(self._host.store.load(session_id))
            except CocreateError:
                continue
        return ActionPlanScreen(self._host.bank, keeper, self._host.clock, earlier)

    def open_action_plan(self, session_id: str) -> None:
        """The action plan of the saved session `session_id`, then back to what was open."""
        if self._hidden_until_reveal(session_id):
            return
        session = self._load(session_id)
        if session is None:
            return
        desk = self._desk
        before = desk.keeper
        holder = desk.claim(session.id)
        if holder is not None:
            self._offer_open_elsewhere(session, holder)
            return
        keeper = desk.keeper = desk.new_keeper(session, self._host.bank.info.version)

        def closed(_: None) -> None:
            desk.keeper = before
            if before is not None:
                desk.claim(before.session.id)

        self._app.push_screen(self._plan_screen(keeper), closed)

    def next_round(self) -> None:
        """Start the next round for the open session's team, from its open actions."""
        from ..domain.action_plan import next_phase
        from ..domain.drift import scored_answers
        from ..domain.scoring import assess
        from .dialogs.next_round import NextRoundDialog

        keeper = self._desk.keeper
        if keeper is None:
            return
        session = keeper.session
        open_actions = sum(action.is_open for action in session.actions)
        level = assess(self._host.bank, scored_answers(self._host.bank, session)).level
        phase = next_phase(session.meta.phase, level)
        dialog = NextRoundDialog(session.meta.team, open_actions, phase)
        self._app.push_screen(dialog, self._start_next_round)

    def _start_next_round(self, phase: Phase | None) -> None:
        from ..domain.action_plan import carry_over, next_round_meta

        keeper = self._desk.keeper
        if phase is None or keeper is None:
            return
        host = self._host
        previous = keeper.session
        meta = next_round_meta(previous.meta, phase)
        session = carry_over(previous, meta, host.bank, now=host.clock(), language=host.lang)
        self.home()
        self._desk.claim(session.id)
        self._desk.keeper = self._desk.new_keeper(session, self._host.bank.info.version)
        if not self._desk.save(lambda keeper: keeper.save()):
            return
        self._show_questions(host.bank.questions[0].id)
        self._app.notify(self._tr("next_round_started", count=len(session.actions)), timeout=15)

    # --- a session another window has open ---------------------------------------------------

    def _offer_open_elsewhere(self, session: Session, holder: LockHolder) -> None:
        from .dialogs.open_elsewhere import OpenElsewhereChoice, OpenElsewhereDialog

        def chosen(choice: OpenElsewhereChoice | None) -> None:
            if choice == "read_only":
                self._desk.keeper = None
                self._push_results(session, None)
            elif choice == "copy":
                self._continue_in_copy(session)

        self._app.push_screen(OpenElsewhereDialog(session.meta.team, holder), chosen)

    def _continue_in_copy(self, session: Session) -> None:
        from ..domain.session_copy import copy_of

        copy = copy_of(session, self._tr("open_elsewhere_copy_suffix"), self._host.clock())
        self._desk.claim(copy.id)
        self._open_for_editing(copy)
        if self._desk.save(lambda keeper: keeper.save()):
            self._app.notify(self._tr("open_elsewhere_copied", team=copy.meta.team), timeout=15)

    # --- team rounds («Stå samlet») -----------------------------------------------------------

    def _round_flow(self) -> RoundFlow:
        from .round_flow import RoundFlow

        if self._rounds is None:
            host = self._host
            self._rounds = RoundFlow(
                self._app, self, lambda: host.bank, host.store, host.data_dir, host.clock
            )
        return self._rounds

    def join_round(self) -> None:
        """A member joins a team round: code and name, then their own questions."""
        self._round_flow().join()
        self._host.prefetch_bank()

    def lead_round(self) -> None:
        """Start a team round (a team name) or open one (its code), as its facilitator."""
        self._round_flow().lead()
        self._host.prefetch_bank()

    def open_round(self, code: str) -> None:
        """The facilitator's screen of the team round `code`."""
        self._round_flow().open(code)
