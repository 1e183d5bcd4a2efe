"""How the app refuses a member's session before its round's reveal: the reason, and the way in
for the member themselves («Bli med i en teamrunde»)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.dom import DOMNode

from .base import app_lang, translate

if TYPE_CHECKING:
    from ..domain.round_store import RoundStore


def refused_before_reveal(node: DOMNode, rounds: RoundStore, session_ids: Iterable[str]) -> bool:
    """Say why and return True if one of `session_ids` is a member's session in a round not
    revealed yet; False if all may be shown."""
    from ..domain.round_store import SealedSessionError

    try:
        rounds.refuse_sealed(session_ids)
    except SealedSessionError as error:
        hint = translate(node, "round_session_sealed_hint")
        # Not markup: a team or member name is text, whatever brackets it holds.
        node.app.notify(
            f"{error.words(app_lang(node))}\n\n{hint}", severity="warning", timeout=15, markup=False
        )
        return True
    return False
