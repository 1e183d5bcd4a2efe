"""Messages that screens post up to the app, which owns navigation between screens."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class OpenSession(Message):
    """Open the saved session `session_id`: continue it, or show its results if complete."""

    session_id: str


@dataclass
class OpenActionPlan(Message):
    """Open the action plan of the saved session `session_id`."""

    session_id: str
