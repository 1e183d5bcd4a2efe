"""Base classes for screens and dialogs that speak the app's language, footer included."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from textual import events
from textual.binding import ActiveBinding, Binding
from textual.dom import DOMNode
from textual.geometry import Size
from textual.screen import ModalScreen, Screen

from ..i18n import known, languages, t
from .footer_fit import key_width, left_out
from .textual_internals import breakpoint_names

if TYPE_CHECKING:
    from ..domain.bank_models import Lang

ResultType = TypeVar("ResultType")

PALETTE_ACTION = "command_palette"


def app_lang(node: DOMNode) -> Lang:
    """The language the app speaks now: `nb` unless the app says otherwise."""
    lang = getattr(node.app, "lang", "nb")
    return lang if isinstance(lang, str) and lang in languages() else "nb"


def translate(node: DOMNode, key: str, **values: object) -> str:
    """The UI string `key` in the app's language, with `{placeholders}` filled from `values`."""
    text = t(key, app_lang(node))
    return text.format(**values) if values else text


def localised_binding(binding: Binding, lang: Lang) -> Binding:
    """`binding` with its description (an i18n key) and group description translated."""
    description = binding.description
    if binding.action == PALETTE_ACTION:
        description = "key_palette"
    changes: dict[str, Any] = {}
    if description and known(description):
        changes["description"] = t(description, lang)
    if binding.tooltip and known(binding.tooltip):
        changes["tooltip"] = t(binding.tooltip, lang)
    if binding.group is not None and known(binding.group.description):
        changes["group"] = replace(binding.group, description=t(binding.group.description, lang))
    return replace(binding, **changes) if changes else binding


class Localised:
    """Mixin for screens: `tr()` for texts, and a footer that shows bindings in the language."""

    def tr(self, key: str, **values: object) -> str:
        """The UI string `key` in the app's language."""
        assert isinstance(self, DOMNode)
        return translate(self, key, **values)

    @property
    def lang(self) -> Lang:
        """The app's language."""
        assert isinstance(self, DOMNode)
        return app_lang(self)

    _footer_left_out: set[str] | None = None
    """The actions the footer was last told to leave out."""

    FOOTER_DROP_FIRST: ClassVar[tuple[str, ...]] = ()
    """Actions whose keys the footer leaves out first, in this order, when they do not all fit
    on its line; then others from the right, never Help nor Escape's. The keys work whether
    shown or not, and help and the command palette list them all."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The active bindings, with descriptions in the app's language (read by the Footer)."""
        localised = self._localised_bindings()
        hidden = self._footer_left_out = self._left_out_of_footer(localised)
        return {
            key: active._replace(binding=replace(active.binding, show=False))
            if active.binding.action in hidden
            else active
            for key, active in localised.items()
        }

    def _localised_bindings(self) -> dict[str, ActiveBinding]:
        """The screen's active bindings, with descriptions in the app's language."""
        assert isinstance(self, DOMNode)
        # A mixin: the Screen that has active_bindings comes after it in the class's bases,
        # which mypy cannot see from here.
        bindings: dict[str, ActiveBinding] = super().active_bindings  # type: ignore[misc]
        lang = self.lang
        return {
            key: active._replace(binding=localised_binding(active.binding, lang))
            for key, active in bindings.items()
        }

    def _left_out_of_footer(self, bindings: dict[str, ActiveBinding]) -> set[str]:
        """The actions whose keys would not fit on the footer's line at the app's width."""
        assert isinstance(self, DOMNode)
        app = self.app
        shown: dict[str, Binding] = {}
        for key, active in bindings.items():
            binding = active.binding
            if key != app.COMMAND_PALETTE_BINDING and binding.show:
                shown.setdefault(binding.action, binding)
        room = app.size.width
        palette = bindings.get(app.COMMAND_PALETTE_BINDING)
        if palette is not None and app.ENABLE_COMMAND_PALETTE:
            # Docked right after a one-column border, with a key's margin.
            room -= 1 + key_width(palette.binding, app.get_key_display(palette.binding))
        return left_out(list(shown.values()), app.get_key_display, room, self.FOOTER_DROP_FIRST)

    def on_resize(self, event: events.Resize) -> None:
        """Show the keys that fit the footer at the new width, if they are others."""
        # Textual calls every class's handler in turn: a screen's own on_resize comes first.
        assert isinstance(self, Screen)
        # Only then: refreshing the bindings composes the footer anew, one more frame. Before
        # the footer first asked (None), it will measure at its own width when it does.
        told = self._footer_left_out
        if told is not None and self._left_out_of_footer(self._localised_bindings()) != told:
            self.refresh_bindings()

    async def apply_language(self) -> None:
        """Show the screen in the app's new language; by default it is composed anew."""
        assert isinstance(self, Screen)
        await self.recompose()
        self.refresh_bindings()


class SizedFromTheStart:
    """Gives a screen its size classes (`-wide`, `-tall`, …) before its widgets are styled.

    Textual sets them on the screen's first Resize, which comes after the first frame is drawn:
    every widget was then styled and drawn a second time (the saved table alone, ~20 ms). Set
    when the screen is made, they are there when its widgets are first styled; set on mount,
    the widgets, styled by then, were styled once more (~5 ms for the start screen).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        screen = cast(Screen[object], self)
        try:
            size = screen.app.size
        except RuntimeError:  # no app running (a screen made in a test): set on mount
            return
        screen.update_classes(breakpoint_classes(screen, size), update=False)

    def on_mount(self) -> None:
        # The app's size may have changed since the screen was made; unchanged classes cost
        # nothing (update_classes compares first).
        screen = cast(Screen[object], self)
        screen.update_classes(breakpoint_classes(screen, screen.app.size), animate=False)


class StyledOnceWhenShown:
    """Spares a screen the restyle of all its widgets when it is first shown.

    Textual restyles a screen's whole tree each time it is resumed, so that it catches up with
    what changed while it was hidden. The first time, the screen has just been composed and
    every widget styled: styling them all again cost ~4 ms for the start screen, more for the
    question screen, on every screen opened. Later resumes restyle as before.
    """

    _shown_before = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:  # a Textual hook
        if not self._shown_before:
            self._shown_before = True
            event.refresh_styles = False
        super()._on_screen_resume(event)  # type: ignore[misc]


def breakpoint_classes(screen: Screen[object], size: Size) -> dict[str, bool]:
    """The breakpoint classes Textual gives `screen` at `size`, as its Resize handler does."""
    app = screen.app
    horizontal = (
        app.HORIZONTAL_BREAKPOINTS
        if screen.HORIZONTAL_BREAKPOINTS is None
        else screen.HORIZONTAL_BREAKPOINTS
    ) or []
    vertical = (
        app.VERTICAL_BREAKPOINTS
        if screen.VERTICAL_BREAKPOINTS is None
        else screen.VERTICAL_BREAKPOINTS
    ) or []
    classes = {name: False for _, name in (*horizontal, *vertical)}
    for name in breakpoint_names(screen, size.width, horizontal):
        classes[name] = True
    for name in breakpoint_names(screen, size.height, vertical):
        classes[name] = True
    return classes


class BaseScreen(SizedFromTheStart, StyledOnceWhenShown, Localised, Screen[ResultType]):
    """A full screen of the wizard."""


class BaseDialog(SizedFromTheStart, StyledOnceWhenShown, Localised, ModalScreen[ResultType]):
    """A modal dialog of the wizard; it returns its answer with `dismiss()`."""
