"""Command palette entries for the main actions, in the app's language and fit to the screen."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..i18n import t
from .base import app_lang


@dataclass(frozen=True)
class PaletteCommand:
    """One palette entry: i18n keys of its name and help, and the action it runs."""

    name_key: str
    help_key: str
    action: str
    """An action string, run on the screen the palette was opened from (`app.` for the app)."""


APP_COMMANDS = (
    PaletteCommand("cmd_new", "cmd_new_help", "app.new_assessment"),
    PaletteCommand("cmd_saved", "cmd_saved_help", "app.saved"),
    PaletteCommand("cmd_language", "cmd_language_help", "app.switch_language"),
    PaletteCommand("cmd_intro", "cmd_intro_help", "app.intro"),
    PaletteCommand("cmd_about", "cmd_about_help", "app.about"),
    PaletteCommand("cmd_help", "cmd_help_help", "app.help"),
    PaletteCommand("cmd_theme", "cmd_theme_help", "app.toggle_theme"),
    PaletteCommand("cmd_home", "cmd_home_help", "app.home"),
)


class CocreateCommands(Provider):
    """The wizard's main actions, plus those of the screen the palette was opened from."""

    def _commands(self) -> Iterator[tuple[str, str, str]]:
        lang = app_lang(self.screen)
        screen_commands: tuple[PaletteCommand, ...] = getattr(self.screen, "PALETTE", ())
        for command in (*screen_commands, *APP_COMMANDS):
            # What the screen refuses (e.g. editing a read-only view) is not offered here either.
            local = "." not in command.action
            if local and self.screen.check_action(command.action, ()) is False:
                continue
            yield t(command.name_key, lang), t(command.help_key, lang), command.action

    async def _run(self, action: str) -> None:
        await self.screen.run_action(action)

    async def discover(self) -> Hits:
        for name, help_text, action in self._commands():
            yield DiscoveryHit(name, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(name), partial(self._run, action), help=help_text
                )
