"""A footer that shows or hides its keys in place when only which keys apply has changed."""

from __future__ import annotations

from itertools import groupby

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

from ..textual_internals import (
    FooterKey,
    FooterLabel,
    KeyGroup,
    footer_bindings_ready,
    footer_key_enabled,
    set_footer_key_enabled,
)

Shown = dict[str, tuple[Binding, bool, str]]
"""What the footer shows, as Textual's Footer picks it: per action its binding, whether it is
enabled, and its tooltip."""
State = tuple[Shown, ActiveBinding | None]
"""What the footer shows, and the command palette's key (shown apart, on the right)."""


class SteadyFooter(Footer):
    """Textual's Footer, not composed anew when a key comes or goes or is enabled or not.

    Textual's Footer rebuilds all its keys after the next frame whenever the screen's bindings
    may have changed; on the question screen that is whenever a question has another number of
    options than the last (digit keys come and go), which cost one more layout and two more
    frames. As long as every key to be shown is already there, this one hides the others, and
    the picture is the same as the rebuilt footer's.
    """

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__(compact=compact)
        self._composed: State = ({}, None)
        """What the footer's keys were composed from."""

    def compose(self) -> ComposeResult:
        self._composed = _state(self.screen) if footer_bindings_ready(self) else ({}, None)
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        attached = self.is_attached and screen is self.screen and screen.app.app_focus
        ready = footer_bindings_ready(self)
        if not (attached and ready and self._update_in_place(_state(screen))):
            super().bindings_changed(screen)

    def _update_in_place(self, state: State) -> bool:
        """Show exactly the keys `state` names if they are all there; False if they are not."""
        shown, palette = state
        composed, composed_palette = self._composed
        if palette != composed_palette:
            return False
        same = all(
            composed.get(action, (None,))[0] == binding and composed[action][2] == tooltip
            for action, (binding, _, tooltip) in shown.items()
        )
        if not same or list(shown) != [action for action in composed if action in shown]:
            return False
        if _runs(list(shown), shown) != _kept_runs(composed, shown):
            return False
        # Only what changes is set: setting a widget's `display`, even to what it shows
        # already, can ask for a layout of the footer and one more frame.
        for key in self.query(FooterKey):
            if key.has_class("-command-palette"):
                continue
            entry = shown.get(key.action)
            _show(key, entry is not None)
            enabled = entry is not None and entry[1]
            if footer_key_enabled(key) != enabled:
                set_footer_key_enabled(key, enabled)
        for group in self.query(KeyGroup):
            shown_group = any(key.display for key in group.query(FooterKey))
            _show(group, shown_group)
            label = _label_after(group)
            if label is not None:
                _show(label, shown_group)
        return True


def _show(widget: Widget, shown: bool) -> None:
    if widget.display != shown:
        widget.display = shown


def _state(screen: Screen[object]) -> State:
    """The bindings Textual's Footer would show (the first of each action), and the palette's."""
    active = screen.active_bindings
    shown: Shown = {}
    for _, binding, enabled, tooltip in active.values():
        if binding.show and binding.action not in shown:
            shown[binding.action] = (binding, enabled, tooltip)
    return shown, active.get(screen.app.COMMAND_PALETTE_BINDING)


def _runs(actions: list[str], bindings: Shown) -> list[tuple[Binding.Group | None, int]]:
    """The footer's parts: runs of actions in one group (boxed when more than one), in order."""
    runs = groupby(actions, lambda action: bindings[action][0].group)
    return [(group, len(list(members))) for group, members in runs]


def _kept_runs(composed: Shown, shown: Shown) -> list[tuple[Binding.Group | None, int]]:
    """The composed footer's parts with only the `shown` actions left in them.

    A group boxed with several keys must keep several, or Textual's Footer would draw it as
    one plain key; a part left empty disappears. Two parts of one group that come together
    would be one box in Textual's Footer: `_runs` then differs, and the footer is rebuilt.
    """
    kept = []
    for group, members in groupby(composed, lambda action: composed[action][0].group):
        actions = list(members)
        left = [action for action in actions if action in shown]
        boxed = group is not None and len(actions) > 1
        if boxed and len(left) == 1:
            return []
        if left:
            kept.append((group, len(left)))
    return kept


def _label_after(group: KeyGroup) -> FooterLabel | None:
    """The label Textual's Footer puts after a group of keys."""
    parent = group.parent
    if parent is None:
        return None
    siblings = list(parent.children)
    index = siblings.index(group)
    following = siblings[index + 1] if index + 1 < len(siblings) else None
    return following if isinstance(following, FooterLabel) else None
