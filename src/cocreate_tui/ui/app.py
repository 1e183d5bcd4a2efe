"""The Textual app: a thin shell holding the bank, the store and the language.

Moving between screens is the `Navigator`'s (`ui/navigator.py`); the session being edited, its
lock and failed saves are the `SessionDesk`'s (`ui/session_desk.py`). Screens reach the app only
through the `Shell` Protocol (`ui/shell.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import reactive
from textual.screen import Screen

from ..domain.bank_source import BankSource
from ..domain.problem_words import os_reason
from ..domain.settings import save_language
from ..domain.storage import SessionStore
from ..i18n import languages, t
from .base import Localised
from .messages import BankLoaded, OpenActionPlan, OpenSession
from .navigator import Navigator
from .screens.start import StartScreen
from .screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen
from .session_desk import SessionDesk

# The other screens and dialogs are imported where they are first opened: importing them all
# up front took ~50 ms of the time to the first frame. The bank and session models (pydantic,
# ~100 ms and ~11 MB) likewise: the first frame needs neither, and a worker loads the bank
# right after it (see `on_ready`).
if TYPE_CHECKING:
    from textual.command import Provider

    from ..domain.bank_loader import BankError
    from ..domain.bank_models import Bank, Lang
    from .navigator import NavigatorHost
    from .shell import Shell

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
    # Textual declares these on App as instance attributes (its ClassVar sits inside a union,
    # which mypy reads as none), so a ClassVar here would be an incompatible override.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide"), (120, "-very-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # noqa: RUF012
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
        self.desk = SessionDesk(self, store, clock)
        """The session open for editing, its lock, and failed saves."""
        self._navigator = Navigator(self, self, self.desk)
        self.first_frame_shown = False
        """Whether the first frame is on screen (`Ready`): background work waits for it."""

    @property
    def navigator(self) -> Navigator:
        """Moves between screens."""
        return self._navigator

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

    def _handle_exception(self, error: Exception) -> None:  # a Textual hook (textual_internals)
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

        # Textual types is_open's argument as App[object], which App[None] is not (App is
        # invariant in its result type); it only looks at the screen stack.
        palette_open = CommandPalette.is_open(cast("App[object]", self))
        if self.use_command_palette and not palette_open:
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
        """Show the app in the next language of the catalogues (bokmål, nynorsk, English …)."""
        codes = languages()
        self.lang = codes[(codes.index(self.lang) + 1) % len(codes)] if self.lang in codes else "nb"

    def action_set_language(self, code: str) -> None:
        """Show the app in the language `code` (one of the catalogues')."""
        if code in languages():
            self.lang = code

    async def watch_lang(self, lang: Lang) -> None:
        self.title = self.bank_title(lang)
        self.desk.save(lambda keeper: keeper.set_language(lang))
        try:
            # Remembered for the next run (`--lang` still overrides it).
            save_language(self.data_dir, lang)
        except OSError as error:
            self.notify(f"{self.data_dir}: {os_reason(error).text(lang)}", severity="warning")
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
        self.navigator.flush_notes()
        self.desk.release_locks()
        self.exit()

    def on_unmount(self) -> None:
        self.desk.release_locks()

    # --- navigation: the navigator's; the actions are what keys and the palette call --------

    def action_home(self) -> None:
        """Go back to the start screen; a note being typed is saved first."""
        self.navigator.home()

    def action_new_assessment(self) -> None:
        """Start a new assessment: the short form first."""
        self.navigator.new_assessment()

    def action_saved(self) -> None:
        """Show the saved assessments."""
        self.navigator.saved()

    def action_about(self) -> None:
        """Show what samskaping is, and the report the check rests on."""
        self.navigator.about()

    def action_intro(self) -> None:
        """Show what samskaping is and is not, and thin and thick co-creation."""
        self.navigator.intro()

    def action_join_round(self) -> None:
        """Join a team round as a member: code and name, then the member's own questions."""
        self.navigator.join_round()

    def action_lead_round(self) -> None:
        """Start or open a team round as its facilitator."""
        self.navigator.lead_round()

    def action_open_plan(self) -> None:
        """Show the action plan of the session that is open."""
        self.navigator.open_plan()

    def action_next_round(self) -> None:
        """Start the next round for the open session's team, from its open actions."""
        self.navigator.next_round()

    @on(OpenSession)
    def _open_session(self, message: OpenSession) -> None:
        self.navigator.open_session(message.session_id)

    @on(OpenActionPlan)
    def _open_action_plan(self, message: OpenActionPlan) -> None:
        self.navigator.open_action_plan(message.session_id)


if TYPE_CHECKING:
    # The App is what screens reach through `shell_of()` and what the navigator is given: mypy
    # checks here that it keeps the promises of both Protocols.
    def _is_shell(app: CocreateApp) -> Shell:
        return app

    def _is_host(app: CocreateApp) -> NavigatorHost:
        return app
