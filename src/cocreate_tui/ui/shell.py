"""What screens may ask of the app, as small Protocols: no screen imports the App itself."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from pathlib import Path

    from textual.dom import DOMNode

    from ..domain.bank_models import Bank, Lang
    from ..domain.sessions import Session


class Navigation(Protocol):
    """Moving between the wizard's screens; the app's `navigator` (see `ui/navigator.py`)."""

    def home(self) -> None:
        """Back to the start screen; a note being typed is saved first."""

    def new_assessment(self) -> None:
        """The short form, then the introduction, then the questions of a new session."""

    def saved(self) -> None:
        """The saved assessments."""

    def about(self) -> None:
        """What samskaping is, and the report the check rests on."""

    def intro(self) -> None:
        """What samskaping is and is not, and thin and thick co-creation."""

    def open_session(self, session_id: str, in_round: bool = False) -> None:
        """Open a saved session: its questions to continue, or its results if complete
        (`in_round`: a member's own, through the round they joined)."""

    def open_questions(
        self, session: Session, question_id: str | None = None, notice: str = ""
    ) -> None:
        """Edit `session` in this window (holding its lock) from `question_id`."""

    def open_results(self) -> None:
        """The results of the session open for editing."""

    def open_plan(self) -> None:
        """The action plan of the session open for editing."""

    def open_action_plan(self, session_id: str) -> None:
        """The action plan of the saved session `session_id`."""

    def next_round(self) -> None:
        """The team's next round, from the open session's open actions."""

    def join_round(self) -> None:
        """A member joins a team round: code and name, then their own questions."""

    def lead_round(self) -> None:
        """Start or open a team round, as its facilitator."""

    def open_round(self, code: str) -> None:
        """The facilitator's screen of the team round `code`."""


class Shell(Protocol):
    """The app as its screens see it."""

    first_frame_shown: bool
    """Whether the first frame is on screen: background work waits for it."""
    data_dir: Path
    """The data folder: sessions, exports, trash and the index."""

    @property
    def navigator(self) -> Navigation:
        """Moves between screens."""

    def bank_title(self, lang: Lang) -> str:
        """The bank's title in `lang`; until the bank is loaded, the app's own name."""

    def loaded_bank(self) -> Bank | None:
        """The bank, loading it if need be (call off the event loop); None if it is broken."""


def shell_of(node: DOMNode) -> Shell:
    """The app `node` belongs to, as a `Shell` (`CocreateApp` is one; mypy checks it there)."""
    return cast("Shell", node.app)
