"""The Textual app: holds the bank, the sessions and the language, and moves between screens."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import reactive
from textual.screen import Screen

from ..domain.bank_source import BankSource
from ..domain.errors import CocreateError, StorageError
from ..domain.session_lock import LockHolder, SessionLock
from ..domain.storage import SessionStore, save_copy, write_failure_kind
from ..i18n import t
from .base import Localised
from .messages import BankLoaded, OpenActionPlan, OpenSession
from .screens.start import StartScreen
from .screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen

# The other screens and dialogs are imported where they are first opened: importing them all
# up front took ~50 ms of the time to the first frame. The bank and session models (pydantic,
# ~100 ms and ~11 MB) likewise: the first frame needs neither, and a worker loads the bank
# right after it (see `on_ready`).
if TYPE_CHECKING:
    from textual.command import Provider

    from ..domain.bank_loader import BankError
    from ..domain.bank_models import Bank, Lang
    from ..domain.sessions import Phase, Session, SessionMeta
    from .screens.action_plan import ActionPlanScreen
    from .screens.questions import QuestionsOutcome
    from .screens.results import ResultsOutcome
    from .session_keeper import SessionKeeper

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


def cocreate_commands() -> type[Provider]:
    """The palette's own commands, imported when the palette first opens (`textual.command`
    and the widgets it brings cost ~17 ms at start-up)."""
    from .commands import CocreateCommands

    return CocreateCommands


def local_now() -> datetime:
    """The time now, in the local time zone."""
    return datetime.now().astimezone()


class CocreateApp(App[None]):
    """Er vi klare for samskaping? The readiness check as a wizard."""

    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {cocreate_commands}
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
        bank: Bank | BankSource,
        store: SessionStore,
        data_dir: Path,
        *,
        lang: Lang = "nb",
        clock: Callable[[], datetime] = local_now,
        cursor_blink: bool = True,
    ) -> None:
        """The app for `bank`, keeping sessions in `store` and exports under `data_dir`.

        A `BankSource` is loaded in a worker right after the first frame (or at once, by the
        first screen that needs it); a broken one ends the app with exit code 1, and
        `bank_error` then holds the problems for the command line to print.
        `clock` gives the time stamps; `cursor_blink=False` makes screenshots repeatable.
        """
        super().__init__()
        self._bank_source = bank if isinstance(bank, BankSource) else None
        self._bank: Bank | None = bank.loaded if isinstance(bank, BankSource) else bank
        self.bank_error: BankError | None = None
        """Why the bank could not be loaded, when that ended the app."""
        self.store = store
        self.data_dir = data_dir
        self.clock = clock
        self.cursor_blink = cursor_blink
        self.set_reactive(CocreateApp.lang, lang)
        self.title = self.bank_title(lang)
        self._current: SessionKeeper | None = None
        self._locks: dict[str, SessionLock] = {}
        self._quiet_save_failures = False
        self._save_dialog_shown = False
        self.first_frame_shown = False
        """Whether the first frame is on screen (`Ready`): background work waits for it."""

    @property
    def _keeper(self) -> SessionKeeper | None:
        """The session open for editing, if any."""
        return self._current

    @_keeper.setter
    def _keeper(self, keeper: SessionKeeper | None) -> None:
        # Whenever the open session changes, the locks of sessions no longer open are let go,
        # so another window can take them.
        if keeper is not self._current:
            self._quiet_save_failures = False
        self._current = keeper
        keep = {keeper.session.id} if keeper is not None else set()
        for session_id in [held for held in self._locks if held not in keep]:
            self._locks.pop(session_id).release()

    @property
    def bank(self) -> Bank:
        """The question bank, loaded on first use, in whichever thread asks first.

        Nothing loads it before the first frame. A broken bank raises `BankError`, which ends
        the app with exit code 1 (see `_handle_exception`).
        """
        if self._bank is None:
            assert self._bank_source is not None
            self._bank = self._bank_source.load()
            self.post_message(BankLoaded())  # thread-safe; the header then shows its title
        return self._bank

    def loaded_bank(self) -> Bank | None:
        """The bank, loading it if need be (call off the event loop); None if it is broken."""
        from ..domain.bank_loader import BankError

        try:
            return self.bank
        except BankError as error:
            self.post_message(BankLoaded(error))
            return None

    def prefetch_bank(self) -> None:
        """Load the bank in a worker now, so the screen about to need it does not wait."""
        if self._bank is None:
            self._load_bank()

    @work(thread=True, group="bank")
    def _load_bank(self) -> None:
        self.loaded_bank()

    @on(BankLoaded)
    def _bank_loaded(self, message: BankLoaded) -> None:
        if message.error is None:
            self.title = self.bank_title(self.lang)
        else:
            self._end_with_bank_error(message.error)

    def _end_with_bank_error(self, error: BankError) -> None:
        # Only the installed bank gets here, changed or damaged since it was tested: a bank
        # given with --bank is checked before the app starts. The command line prints the
        # problems after exit, as it does for a bank given with --bank.
        if self.bank_error is None:
            self.bank_error = error
            self.exit(return_code=1)

    def _handle_exception(self, error: Exception) -> None:
        # A bank found broken where a screen needed it ends the app with its problems named,
        # not with a traceback. (Textual's hook for errors in handlers and workers alike.)
        from textual.worker import WorkerFailed

        from ..domain.bank_loader import BankError

        cause = error.error if isinstance(error, WorkerFailed) else error
        if isinstance(cause, BankError):
            self._end_with_bank_error(cause)
            return
        super()._handle_exception(error)

    def bank_title(self, lang: Lang) -> str:
        """The bank's title in `lang`; until the bank is loaded, the app's own name.

        The shipped bank's title is the app's name (a test holds them equal), so the first
        frame shows the right title without reading the bank.
        """
        return self._bank.info.title.get(lang) if self._bank is not None else t("app_name", lang)

    def get_default_screen(self) -> Screen[None]:
        return StartScreen(self.store)

    def on_ready(self) -> None:
        # Work that is not needed for the first frame starts once it is on screen: threads
        # started earlier would share the interpreter with drawing it.
        self.first_frame_shown = True
        if isinstance(self.screen, StartScreen):
            self.screen.load_unfinished()

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
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            placeholder = self.tr("palette_placeholder")
            self.push_screen(CommandPalette(id="--command-palette", placeholder=placeholder))

    def action_change_theme(self) -> None:
        """Choose among Textual's themes, dark and light."""
        from textual.command import CommandPalette
        from textual.theme import ThemeProvider

        placeholder = self.tr("theme_placeholder")
        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=placeholder))

    def action_toggle_theme(self) -> None:
        """Switch between the light and the dark theme (light suits a projector)."""
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def action_switch_language(self) -> None:
        """Switch between Norwegian and English."""
        self.lang = "en" if self.lang == "nb" else "nb"

    async def watch_lang(self, lang: Lang) -> None:
        self.title = self.bank_title(lang)
        if self._keeper is not None:
            self._save(lambda keeper: keeper.set_language(lang))
        for screen in self.screen_stack:
            if isinstance(screen, Localised):
                await screen.apply_language()

    def action_help(self) -> None:
        """Show the keys and how the check works."""
        from .dialogs.help import HelpDialog

        if not isinstance(self.screen, HelpDialog | TooSmallScreen):
            self.push_screen(HelpDialog())

    def action_help_quit(self) -> None:
        self.notify(self.tr("quit_hint"), title=self.tr("quit_hint_title"))

    async def action_quit(self) -> None:
        self._flush_notes()
        self.release_locks()
        self.exit()

    def on_unmount(self) -> None:
        self.release_locks()

    def release_locks(self) -> None:
        """Let other windows open the sessions this one had open."""
        for lock in self._locks.values():
            lock.release()
        self._locks.clear()

    # --- navigation --------------------------------------------------------------------------

    def action_home(self) -> None:
        """Go back to the start screen; a note being typed is saved first."""
        self._flush_notes()
        while len(self.screen_stack) > 1 and not isinstance(self.screen, StartScreen):
            self.pop_screen()
        self._keeper = None

    def _flush_notes(self) -> None:
        """Save the note being typed on any questions screen open."""
        from .screens.questions import QuestionsScreen

        for screen in self.screen_stack:
            if isinstance(screen, QuestionsScreen):
                screen.flush_note()

    def action_new_assessment(self) -> None:
        """Start a new assessment: the short form first."""
        from .screens.new_session import NewSessionScreen

        self.push_screen(NewSessionScreen(), self._start_session)
        self.prefetch_bank()  # loaded while the team fills in the form

    def action_saved(self) -> None:
        """Show the saved assessments."""
        from .screens.saved import SavedScreen

        if not isinstance(self.screen, SavedScreen):
            self.push_screen(SavedScreen(self.store, lambda: self.bank, self.clock))

    def action_about(self) -> None:
        """Show what samskaping is, and the report the check rests on."""
        from .screens.about import AboutScreen

        if not isinstance(self.screen, AboutScreen):
            self.push_screen(AboutScreen(self.bank, self.data_dir))

    def action_intro(self) -> None:
        """Show what samskaping is and is not, and thin and thick co-creation."""
        from .screens.intro import IntroScreen

        if not isinstance(self.screen, IntroScreen):
            self.push_screen(IntroScreen(starting=False))

    def _start_session(self, meta: SessionMeta | None) -> None:
        from ..domain.sessions import new_session
        from .screens.intro import IntroScreen

        if meta is None:
            return
        session = new_session(meta, self.bank, now=self.clock(), language=self.lang)
        self._claim(session.id)
        self._keeper = self._new_keeper(session)
        if not self._save(lambda k: k.save()):
            self._keeper = None
            return
        first = self.bank.questions[0].id
        self.push_screen(IntroScreen(starting=True), lambda _: self._show_questions(first))

    @on(OpenSession)
    def _open_session(self, message: OpenSession) -> None:
        try:
            session = self.store.load(message.session_id)
        except CocreateError as error:
            self.notify(error.message, title=self.tr("open_failed"), severity="error")
            return
        holder = self._claim(session.id)
        if holder is not None:
            self._offer_open_elsewhere(session, holder)
            return
        self._open_for_editing(session)

    def _open_for_editing(self, session: Session) -> None:
        from .progress import resume_question

        self._keeper = self._new_keeper(session)
        if session.language != self.lang:
            self.lang = session.language
        if session.status == "complete":
            self._show_results()
            return
        self._show_questions(resume_question(self.bank, session), self._bank_notice(session))

    def _bank_notice(self, session: Session) -> str:
        from ..domain.sessions import bank_changed, orphaned_answers

        if not bank_changed(session, self.bank):
            return ""
        removed = len(orphaned_answers(session, self.bank))
        return self.tr("bank_changed_notice", removed=removed)

    def _show_questions(self, question_id: str, notice: str = "") -> None:
        if self._keeper is None:
            return
        from .screens.questions import QuestionsScreen

        screen = QuestionsScreen(self.bank, self._keeper, question_id, notice=notice)
        self.push_screen(screen, self._after_questions)

    def _after_questions(self, outcome: QuestionsOutcome | None) -> None:
        if outcome == "finish" and self._keeper is not None:
            self._save(lambda keeper: keeper.set_status("complete"))
            self._show_results()
        else:
            self._keeper = None

    def _show_results(self) -> None:
        from ..domain.scoring import assess
        from .screens.results import ResultsScreen

        if self._keeper is None:
            return
        session = self._keeper.session
        assessment = assess(self.bank, session.answer_values())
        screen = ResultsScreen(
            self.bank, session, assessment, self.data_dir, self.clock, keeper=self._keeper
        )
        self.push_screen(screen, self._after_results)

    def _after_results(self, outcome: ResultsOutcome | None) -> None:
        from .progress import next_open

        if outcome == "edit" and self._keeper is not None:
            session = self._keeper.session
            target = next_open(self.bank, session, None) or self.bank.questions[0].id
            self._show_questions(target, self._bank_notice(session))
        else:
            self._keeper = None

    # --- the action plan and the next round --------------------------------------------------

    def action_open_plan(self) -> None:
        """Show the action plan of the session that is open."""
        from .screens.action_plan import ActionPlanScreen

        if self._keeper is not None and not isinstance(self.screen, ActionPlanScreen):
            self.push_screen(self._plan_screen(self._keeper))

    def _plan_screen(self, keeper: SessionKeeper) -> ActionPlanScreen:
        from .screens.action_plan import ActionPlanScreen

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
        holder = self._claim(session.id)
        if holder is not None:
            self._offer_open_elsewhere(session, holder)
            return
        self._keeper = self._new_keeper(session)

        def closed(_: None) -> None:
            self._keeper = before
            if before is not None:
                self._claim(before.session.id)

        self.push_screen(self._plan_screen(self._keeper), closed)

    def action_next_round(self) -> None:
        """Start the next round for the open session's team, from its open actions."""
        from ..domain.action_plan import next_phase
        from ..domain.scoring import assess
        from .dialogs.next_round import NextRoundDialog

        if self._keeper is None:
            return
        session = self._keeper.session
        open_actions = sum(action.is_open for action in session.actions)
        level = assess(self.bank, session.answer_values()).level
        phase = next_phase(session.meta.phase, level)
        dialog = NextRoundDialog(session.meta.team, open_actions, phase)
        self.push_screen(dialog, self._start_next_round)

    def _start_next_round(self, phase: Phase | None) -> None:
        from ..domain.action_plan import carry_over, next_round_meta

        if phase is None or self._keeper is None:
            return
        previous = self._keeper.session
        meta = next_round_meta(previous.meta, phase)
        session = carry_over(previous, meta, self.bank, now=self.clock(), language=self.lang)
        self.action_home()
        self._claim(session.id)
        self._keeper = self._new_keeper(session)
        if not self._save(lambda k: k.save()):
            return
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
        except StorageError as error:
            # The change is kept in memory; the dialog offers a way to get it onto a disk.
            self._save_failed(error)
        except CocreateError as error:
            self.notify(error.message, title=self.tr("save_failed"), severity="error", timeout=30)
            return False
        return True

    # --- two windows, one session; a disk that will not take a save ---------------------------

    def _new_keeper(self, session: Session) -> SessionKeeper:
        from .session_keeper import SessionKeeper

        return SessionKeeper(self.store, session, self.clock, on_save_failed=self._save_failed)

    def _claim(self, session_id: str) -> LockHolder | None:
        """Lock the session for this window: None when it is ours now, else who has it open."""
        if session_id in self._locks:
            return None
        lock = SessionLock(self.store.directory, session_id)
        try:
            holder = lock.acquire()
        except OSError:
            # A folder that cannot be written cannot hold a lock either; the save will say why.
            return None
        if holder is None:
            self._locks[session_id] = lock
        return holder

    def _offer_open_elsewhere(self, session: Session, holder: LockHolder) -> None:
        from .dialogs.open_elsewhere import OpenElsewhereChoice, OpenElsewhereDialog

        def chosen(choice: OpenElsewhereChoice | None) -> None:
            if choice == "read_only":
                self._show_read_only(session)
            elif choice == "copy":
                self._continue_in_copy(session)

        self.push_screen(OpenElsewhereDialog(session.meta.team, holder), chosen)

    def _show_read_only(self, session: Session) -> None:
        from ..domain.scoring import assess
        from .screens.results import ResultsScreen

        # Nothing here holds a keeper, so nothing can write the original.
        self._keeper = None
        assessment = assess(self.bank, session.answer_values())
        screen = ResultsScreen(
            self.bank, session, assessment, self.data_dir, self.clock, read_only=True
        )
        self.push_screen(screen)

    def _continue_in_copy(self, session: Session) -> None:
        from ..domain.session_copy import copy_of

        copy = copy_of(session, self.tr("open_elsewhere_copy_suffix"), self.clock())
        self._claim(copy.id)
        self._open_for_editing(copy)
        if self._save(lambda k: k.save()):
            self.notify(self.tr("open_elsewhere_copied", team=copy.meta.team), timeout=15)

    def _save_failed(self, error: StorageError) -> None:
        """A change could not be written: say so plainly, once, and offer a way out."""
        from .dialogs.save_failed import SaveFailedDialog

        keeper = self._keeper
        if keeper is None or self._save_dialog_shown:
            return
        if self._quiet_save_failures:
            self.notify(self.tr("save_failed_still"), severity="warning", timeout=5)
            return
        dialog = SaveFailedDialog(
            write_failure_kind(error),
            error.message,
            lambda folder: save_copy(keeper.session, folder),
            Path.home(),
        )
        self._save_dialog_shown = True
        # Pushed after the current handler, so it lands on top of a screen it is about to push.
        self.call_later(self.push_screen, dialog, self._after_save_failed)

    def _after_save_failed(self, choice: str | None) -> None:
        self._save_dialog_shown = False
        keeper = self._keeper
        if keeper is None:
            return
        if choice != "retry":
            # «Fortsett uten å lagre nå»: the next change tries again, with a toast, not a dialog.
            self._quiet_save_failures = True
            return
        try:
            keeper.save()
        except StorageError as error:
            self._save_failed(error)
            return
        self.notify(self.tr("save_recovered"))
