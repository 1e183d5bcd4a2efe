"""Messages that screens post up to the app, which owns navigation between screens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from ..domain.bank_loader import BankError


@dataclass
class OpenSession(Message):
    """Open the saved session `session_id`: continue it, or show its results if complete."""

    session_id: str


@dataclass
class OpenActionPlan(Message):
    """Open the action plan of the saved session `session_id`."""

    session_id: str


@dataclass
class BankLoaded(Message):
    """The bank has been loaded in the background; `error` holds its problems if it could not."""

    error: BankError | None = None
