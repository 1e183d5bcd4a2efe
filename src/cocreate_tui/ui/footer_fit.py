"""Which keys the compact footer leaves out so that the rest fit on one line."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import groupby

from rich.cells import cell_len
from textual.binding import Binding

HELP_ACTION = "help"
CLOSE_KEY = "escape"

KEY_GAP = 1
"""The margin after each key in the compact footer (`Footer.-compact FooterKey`)."""
GROUP_PADDING = 1
"""The padding before a compact group's keys (`KeyGroup.-compact`)."""


def essential(binding: Binding) -> bool:
    """Whether the footer always shows `binding`: help, and the screen's way back (Escape)."""
    return binding.action == HELP_ACTION or CLOSE_KEY in binding.key.split(",")


def key_width(binding: Binding, key_display: str) -> int:
    """The columns one ungrouped key takes in the compact footer, its margin included."""
    return cell_len(key_display) + 1 + cell_len(binding.description) + KEY_GAP


def part_width(bindings: Sequence[Binding], display: Callable[[Binding], str]) -> int:
    """The columns one part of the footer takes: a key, or a group boxed with its label."""
    if len(bindings) == 1 or bindings[0].group is None:
        return sum(key_width(binding, display(binding)) for binding in bindings)
    group = bindings[0].group
    keys = sum(cell_len(display(binding)) for binding in bindings)
    if not group.compact:
        keys += 2 * len(bindings)  # `FooterKey.-grouped` has a margin either side
    # The group's padding and margin, then its label and the label's margin (app.tcss).
    return GROUP_PADDING + keys + KEY_GAP + cell_len(group.description) + KEY_GAP


def footer_width(bindings: Iterable[Binding], display: Callable[[Binding], str]) -> int:
    """The columns the footer's keys take, as Textual's Footer groups them."""
    return sum(part_width(list(part), display) for _, part in groupby(bindings, lambda b: b.group))


def left_out(
    shown: Sequence[Binding],
    display: Callable[[Binding], str],
    room: int,
    drop_first: Sequence[str] = (),
) -> set[str]:
    """The actions to leave out of the footer so the keys of `shown` fit in `room` columns.

    `shown` holds the footer's keys in order (one binding per action). Those named in
    `drop_first` go first, in that order; then the others from the right, never an essential
    key. The last key's margin may fall outside `room`: nothing is drawn in it.
    """
    order = [action for action in drop_first if any(b.action == action for b in shown)]
    order += [b.action for b in reversed(shown) if not essential(b) and b.action not in order]
    dropped: set[str] = set()
    for action in [None, *order]:
        if action is not None:
            dropped.add(action)
        kept = [binding for binding in shown if binding.action not in dropped]
        if footer_width(kept, display) - KEY_GAP <= room:
            break
    return dropped
