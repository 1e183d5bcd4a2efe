"""The Textual app: holds the bank, the sessions and the language, and moves between screens."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.geometry import Size
from textual.reactive import reactive
from textual.screen import Screen
from textual.theme import ThemeProvider

from ..domain.action_plan import carry_over, next_phase, next_round_meta
from ..domain.bank_models import Bank, Lang
from ..domain.errors import CocreateError
from ..domain.scoring import assess
from ..domain.sessions import (
    Phase,
    Session,
    SessionMeta,
    bank_changed,
    new_session,
    orphaned_answers,
)
from ..domain.storage import SessionStore
from ..i18n import t
from .base import Localised
from .commands import CocreateCommands
from .dialogs.help import HelpDialog
from .dialogs.next_round import NextRoundDialog
from .messages import OpenActionPlan, OpenSession
from .progress import next_open, resume_question
from .screens.about import AboutScreen
from .screens.action_plan import ActionPlanScreen
from .screens.intro import IntroScreen
from .screens.new_session import NewSessionScreen
from .screens.questions import QuestionsOutcome, QuestionsScreen
from .screens.results import ResultsOutcome, ResultsScreen
from .screens.saved import SavedScreen
from .screens.start import StartScreen
from .screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen
from .session_keeper import SessionKeeper

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


def local_now() -> datetime:
    """The time now, in the local time zone."""
    return datetime.now().astimezone()


class CocreateApp(App[None]):
    """Er vi klare for samskaping? The readiness check as a wizard."""

    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {CocreateCommands}
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [
        (0, "-narrow"),
        (100, "-wide"),
        (120, "-very-wide"),
    ]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [(0, "-short"), (30, "-tall")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "key_help", key_display="?"),
        Binding("ctrl+t", "toggle_theme", "key_theme", show=False),
        # Not a priority binding: Ctrl+Q then queues behind keys typed just before it, so a
        # note typed in a hurry is in the field, and saved, before the app quits.
        Binding("ctrl+q", "quit", "key_quit", show=False),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    lang: reactive[Lang] = reactive("nb", init=False)
    """The language of the interface; a session records the language it was answered in."""

    def __init__(
        self,
        bank: Bank,
        store: SessionStore,
        data_dir: Path,
        *,
        lang: Lang = "nb",
        clock: Callable[[], datetime] = local_now,
        cursor_blink: bool = True,
    ) -> None:
        """The app for `bank`, keeping sessions in `store` and exports under `data_dir`.

        `clock` gives the time stamps; `cursor_blink=False` makes screenshots repeatable.
        """
        super().__init__()
        self.bank = bank
        self.store = store
        self.data_dir = data_dir
        self.clock = clock
        self.cursor_blink = cursor_blink
        self.set_reactive(CocreateApp.lang, lang)
        self.title = bank.info.title.get(lang)
        self._keeper: SessionKeeper | None = None

    def get_default_screen(self) -> Screen[None]:
        return StartScreen(self.store, self.bank)

    def tr(self, key: str, **values: object) -> str:
        """The UI string `key` in the current language."""
        text = t(key, self.lang)
        return text.format(**values) if values else text

    # --- size, theme, language, help, quit ---------------------------------------------------

    def on_mount(self) -> None:
        self._guard_size(self.size)

    def on_resize(self, event: events.Resize) -> None:
        self._guard_size(event.size)

    def _guard_size(self, size: Size) -> None:
        too_small = size.width < MIN_WIDTH or size.height < MIN_HEIGHT
        showing = isinstance(self.screen, TooSmallScreen)
        if too_small and not showing:
            self.push_screen(TooSmallScreen())
        elif showing and not too_small:
            self.pop_screen()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own palette entries that the wizard keeps, in the app's language."""
        yield SystemCommand(
            self.tr("cmd_themes"), self.tr("cmd_themes_help"), self.action_change_theme
        )
        yield SystemCommand(self.tr("cmd_quit"), self.tr("cmd_quit_help"), self.action_quit)

    def action_command_palette(self) -> None:
        """Open the command palette, with its prompt in the app's language."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            placeholder = self.tr("palette_placeholder")
            self.push_screen(CommandPalette(id="--command-palette", placeholder=placeholder))

    def action_change_theme(self) -> None:
        """Choose among Textual's themes, dark and light."""
        placeholder = self.tr("theme_placeholder")
        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=placeholder))

    def action_toggle_theme(self) -> None:
        """Switch between the light and the dark theme (light suits a projector)."""
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def action_switch_language(self) -> None:
        """Switch between Norwegian and English."""
        self.lang = "en" if self.lang == "nb" else "nb"

    async def watch_lang(self, lang: Lang) -> None:
        self.title = self.bank.info.title.get(lang)
        if self._keeper is not None:
            self._save(lambda keeper: keeper.set_language(lang))
        for screen in self.screen_stack:
            if isinstance(screen, Localised):
                await screen.apply_language()

    def action_help(self) -> None:
        """Show the keys and how the check works."""
        if not isinstance(self.screen, HelpDialog | TooSmallScreen):
            self.push_screen(HelpDialog())

    def action_help_quit(self) -> None:
        self.notify(self.tr("quit_hint"), title=self.tr("quit_hint_title"))

    async def action_quit(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, QuestionsScreen):
                screen.flush_note()
        self.exit()

    # --- navigation --------------------------------------------------------------------------

    def action_home(self) -> None:
        """Go back to the start screen; a note being typed is saved first."""
        for screen in self.screen_stack:
            if isinstance(screen, QuestionsScreen):
                screen.flush_note()
        while len(self.screen_stack) > 1 and not isinstance(self.screen, StartScreen):
            self.pop_screen()
        self._keeper = None

    def action_new_assessment(self) -> None:
        """Start a new assessment: the short form first."""
        self.push_screen(NewSessionScreen(), self._start_session)

    def action_saved(self) -> None:
        """Show the saved assessments."""
        if not isinstance(self.screen, SavedScreen):
            self.push_screen(SavedScreen(self.store, self.bank, self.clock))

    def action_about(self) -> None:
        """Show what samskaping is, and the report the check rests on."""
        if not isinstance(self.screen, AboutScreen):
            self.push_screen(AboutScreen(self.bank, self.data_dir))

    def action_intro(self) -> None:
        """Show what samskaping is and is not, and thin and thick co-creation."""
        if not isinstance(self.screen, IntroScreen):
            self.push_screen(IntroScreen(starting=False))

    def _start_session(self, meta: SessionMeta | None) -> None:
        if meta is None:
            return
        session = new_session(meta, self.bank, now=self.clock(), language=self.lang)
        keeper = SessionKeeper(self.store, session, self.clock)
        if not self._save(lambda k: k.save(), keeper):
            return
        self._keeper = keeper
        first = self.bank.questions[0].id
        self.push_screen(IntroScreen(starting=True), lambda _: self._show_questions(first))

    @on(OpenSession)
    def _open_session(self, message: OpenSession) -> None:
        try:
            session = self.store.load(message.session_id)
        except CocreateError as error:
            self.notify(error.message, title=self.tr("open_failed"), severity="error")
            return
        self._keeper = SessionKeeper(self.store, session, self.clock)
        if session.language != self.lang:
            self.lang = session.language
        if session.status == "complete":
            self._show_results()
            return
        self._show_questions(resume_question(self.bank, session), self._bank_notice(session))

    def _bank_notice(self, session: Session) -> str:
        if not bank_changed(session, self.bank):
            return ""
        removed = len(orphaned_answers(session, self.bank))
        return self.tr("bank_changed_notice", removed=removed)

    def _show_questions(self, question_id: str, notice: str = "") -> None:
        if self._keeper is None:
            return
        screen = QuestionsScreen(self.bank, self._keeper, question_id, notice=notice)
        self.push_screen(screen, self._after_questions)

    def _after_questions(self, outcome: QuestionsOutcome | None) -> None:
        if outcome == "finish" and self._keeper is not None:
            self._save(lambda keeper: keeper.set_status("complete"))
            self._show_results()
        else:
            self._keeper = None

    def _show_results(self) -> None:
        if self._keeper is None:
            return
        session = self._keeper.session
        assessment = assess(self.bank, session.answer_values())
        screen = ResultsScreen(
            self.bank, session, assessment, self.data_dir, self.clock, keeper=self._keeper
        )
        self.push_screen(screen, self._after_results)

    def _after_results(self, outcome: ResultsOutcome | None) -> None:
        if outcome == "edit" and self._keeper is not None:
            session = self._keeper.session
            target = next_open(self.bank, session, None) or self.bank.questions[0].id
            self._show_questions(target, self._bank_notice(session))
        else:
            self._keeper = None

    # --- the action plan and the next round --------------------------------------------------

    def action_open_plan(self) -> None:
        """Show the action plan of the session that is open."""
        if self._keeper is not None and not isinstance(self.screen, ActionPlanScreen):
            self.push_screen(self._plan_screen(self._keeper))

    def _plan_screen(self, keeper: SessionKeeper) -> ActionPlanScreen:
        # The sessions carried actions came from, so the plan can show what improved since.
        earlier_ids = {a.carried_from for a in keeper.session.actions if a.carried_from}
        earlier = []
        for session_id in sorted(earlier_ids):
            try:
                earlier.append(self.store.load(session_id))
            except CocreateError:
                continue
        return ActionPlanScreen(self.bank, keeper, self.clock, earlier)

    @on(OpenActionPlan)
    def _open_action_plan(self, message: OpenActionPlan) -> None:
        try:
            session = self.store.load(message.session_id)
        except CocreateError as error:
            self.notify(error.message, title=self.tr("open_failed"), severity="error")
            return
        before = self._keeper
        self._keeper = SessionKeeper(self.store, session, self.clock)

        def closed(_: None) -> None:
            self._keeper = before

        self.push_screen(self._plan_screen(self._keeper), closed)

    def action_next_round(self) -> None:
        """Start the next round for the open session's team, from its open actions."""
        if self._keeper is None:
            return
        session = self._keeper.session
        open_actions = sum(action.is_open for action in session.actions)
        level = assess(self.bank, session.answer_values()).level
        phase = next_phase(session.meta.phase, level)
        dialog = NextRoundDialog(session.meta.team, open_actions, phase)
        self.push_screen(dialog, self._start_next_round)

    def _start_next_round(self, phase: Phase | None) -> None:
        if phase is None or self._keeper is None:
            return
        previous = self._keeper.session
        meta = next_round_meta(previous.meta, phase)
        session = carry_over(previous, meta, self.bank, now=self.clock(), language=self.lang)
        keeper = SessionKeeper(self.store, session, self.clock)
        if not self._save(lambda k: k.save(), keeper):
            return
        self.action_home()
        self._keeper = keeper
        self._show_questions(self.bank.questions[0].id)
        self.notify(self.tr("next_round_started", count=len(session.actions)), timeout=15)

    def _save(
        self, change: Callable[[SessionKeeper], None], keeper: SessionKeeper | None = None
    ) -> bool:
        target = keeper or self._keeper
        if target is None:
            return False
        try:
            change(target)
        except CocreateError as error:
            self.notify(error.message, title=self.tr("save_failed"), severity="error", timeout=30)
            return False
        return True
