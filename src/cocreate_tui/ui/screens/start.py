"""The start screen: a new assessment, unfinished ones to continue, saved ones, language, about."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from ...domain.errors import CocreateError
from ...domain.paths import has_round_files
from ...domain.storage import SessionStore, SessionSummary
from ...domain.synced_folders import cloud_service
from ...i18n import languages, own_words
from ..base import BaseScreen
from ..messages import OpenSession
from ..shell import shell_of
from ..timefmt import local_time

MENU = (
    ("new", "start_new", "app.new_assessment"),
    ("join", "round_join", "app.join_round"),
    ("lead", "round_lead", "app.lead_round"),
    ("saved", "start_saved", "app.saved"),
    ("about", "start_about", "app.about"),
)
"""Menu entries: option id, i18n key, action; then one entry per other language."""
LANGUAGE_PREFIX = "lang-"
UNFINISHED_SHOWN = 20
"""Unfinished sessions listed here, most recent first; the rest are under «Lagrede vurderinger»."""
MORE_ID = "more"


class StartScreen(BaseScreen[None]):
    """What the team sees first: start, continue, or read about samskaping."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "app.new_assessment", "key_new"),
        Binding("s", "app.saved", "key_saved"),
        Binding("a", "app.about", "key_about"),
        Binding("l", "app.switch_language", "key_language"),
    ]

    AUTO_FOCUS = "#start-menu"

    def __init__(self, store: SessionStore) -> None:
        super().__init__()
        self._store = store
        self._unfinished: list[SessionSummary] | None = None
        self._questions = 0
        """How many questions the bank has, for sessions the index has not scored yet."""

    def compose(self) -> ComposeResult:
        # Few widgets on purpose: this is the first frame, and every widget costs ~2 ms of it.
        yield Header()
        with VerticalScroll(id="start-page"):
            yield Static(self._introduction(), id="start-intro", markup=False)
            folder = shell_of(self).data_dir
            service = cloud_service(folder)
            if service is not None:
                # Notes may hold what the team is bound to keep secret (taushetsplikt): say so
                # before anything is written. Only this screen warns, so it is said once.
                warning = self.tr("synced_folder_warning", folder=folder, service=service)
                yield Static(warning, id="start-synced-warning", markup=False)
                # On a short terminal (80×24) the whole text pushed «Fortsett der dere slapp»
                # below the fold: there the stylesheet shows this one line instead, with
                # the whole text (and the folder) a mouse-over away.
                short = self.tr("synced_folder_warning_short", service=service)
                compact = Static(short, id="start-synced-short", markup=False)
                compact.tooltip = warning
                yield compact
            with Grid(id="start-columns"):
                menu = OptionList(
                    *(Option(self.tr(key), id=option_id) for option_id, key, _ in MENU),
                    # Each language offers itself in its own words («På nynorsk», «In English»).
                    *(
                        Option(own_words("language_menu", code), id=LANGUAGE_PREFIX + code)
                        for code in languages()
                        if code != self.lang
                    ),
                    id="start-menu",
                )
                menu.border_title = self.tr("start_menu_title")
                yield menu
                unfinished = OptionList(id="continue-list")
                unfinished.border_title = self.tr("start_continue_title")
                # Shown once there is something to continue; until then the box below stands in.
                unfinished.display = False
                yield unfinished
                empty = Static(id="continue-empty", markup=False)
                empty.border_title = self.tr("start_continue_title")
                yield empty
        yield Footer(compact=True)

    def _introduction(self) -> Content:
        title = shell_of(self).bank_title(self.lang)
        return Content.assemble((title, "bold $primary"), "\n\n", self.tr("start_lead"))

    def on_screen_resume(self) -> None:
        # At start-up the app asks for the list once the first frame is drawn (`on_ready`).
        if shell_of(self).first_frame_shown:
            self.load_unfinished()

    async def apply_language(self) -> None:
        await super().apply_language()
        self.query_one("#start-menu", OptionList).focus()
        self._show_unfinished()

    def on_top(self) -> bool:
        """Whether this screen is the one shown (not `is_current`, which a screen under
        another also is while that one is still being drawn over it)."""
        return self.app.screen is self

    @work(exclusive=True, group="unfinished")
    async def load_unfinished(self) -> None:
        """The unfinished sessions, most recent first: the index's answer at once, then the
        answer after comparing it with the folder, both off the event loop."""
        # One more than is shown tells whether there are more to point to.
        wanted = UNFINISHED_SHOWN + 1
        try:
            quick = await asyncio.to_thread(self._unfinished_shown, wanted, refresh=False)
            # Once another screen is on top (the saved assessments, opened at once), the folder
            # walk and the bank would compete with drawing it: left to that screen, and to
            # this one's next showing (`on_screen_resume`).
            if not self.on_top():
                return
            await self._show(quick)
            if not self.on_top():
                return
            # Stopped between chunks of files if another screen comes on top meanwhile.
            stop = lambda: not self.on_top()  # noqa: E731
            fresh = await asyncio.to_thread(self._unfinished_shown, wanted, stop=stop)
            if fresh != quick and self.on_top():
                await self._show(fresh)
        except CocreateError as error:
            self._unfinished = []
            self._show_unfinished()
            self.notify(error.words(self.lang), severity="error")

    def _unfinished_shown(
        self, wanted: int, refresh: bool = True, stop: Callable[[], bool] | None = None
    ) -> list[SessionSummary]:
        """The `wanted` most recent unfinished sessions but members' sessions in rounds not
        revealed yet: those are the members' own, reached through «Bli med i en teamrunde»."""
        sealed: set[str] = set()
        folder = self._store.data_dir
        if has_round_files(folder):
            from ...domain.round_store import RoundStore  # only now: it brings pydantic

            sealed = set(RoundStore(folder, self._store).sealed_sessions())
        found = self._store.unfinished(wanted + len(sealed), refresh=refresh, stop=stop)
        return [summary for summary in found if summary.id not in sealed][:wanted]

    async def _show(self, unfinished: list[SessionSummary]) -> None:
        if not self.on_top():
            return
        if unfinished and any(summary.total is None for summary in unfinished[:UNFINISHED_SHOWN]):
            # The index does not know the bank's size yet: the bank itself tells, loaded off
            # the event loop (None if it is broken; the app then ends and says why).
            bank = await asyncio.to_thread(shell_of(self).loaded_bank)
            if bank is None:
                return
            self._questions = len(bank.questions)
        self._unfinished = unfinished
        self._show_unfinished()

    def _show_unfinished(self) -> None:
        if self._unfinished is None:
            return
        shown = self._unfinished[:UNFINISHED_SHOWN]
        options = [
            Option(self._describe(summary, summary.total or self._questions), id=summary.id)
            for summary in shown
        ]
        if len(self._unfinished) > UNFINISHED_SHOWN:
            options.append(Option(self.tr("start_continue_more"), id=MORE_ID))
        listing = self.query_one("#continue-list", OptionList)
        listing.set_options(options)
        listing.display = bool(options)
        if options:
            listing.highlighted = 0
        empty = self.query_one("#continue-empty", Static)
        empty.update(self.tr("start_no_unfinished"))
        empty.display = not options

    def _describe(self, summary: SessionSummary, total: int) -> Content:
        details = self.tr(
            "start_continue_item",
            phase=self.tr(f"phase_{summary.phase}"),
            answered=summary.answered,
            total=total,
            updated=local_time(summary.updated_at, self.lang),
        )
        return Content.assemble((summary.team, "bold"), "\n", details)

    @on(OptionList.OptionSelected, "#start-menu")
    async def _menu_chosen(self, event: OptionList.OptionSelected) -> None:
        chosen = event.option.id or ""
        if chosen.startswith(LANGUAGE_PREFIX):
            await self.run_action(f"app.set_language('{chosen.removeprefix(LANGUAGE_PREFIX)}')")
            return
        action = next(action for option_id, _, action in MENU if option_id == chosen)
        await self.run_action(action)

    @on(OptionList.OptionSelected, "#continue-list")
    async def _continue_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == MORE_ID:
            await self.run_action("app.saved")
        elif event.option.id is not None:
            self.post_message(OpenSession(event.option.id))
