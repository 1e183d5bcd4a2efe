"""A copy of a session under a new id, for when the original is open in another window."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from .sessions import TEAM_MAX, Session


def copy_of(session: Session, suffix: str, now: datetime | None = None) -> Session:
    """`session` with a new id and `suffix` after the team name; answers, notes, actions kept."""
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    # The suffix must survive, so the copy is told apart from the original in every list.
    team = session.meta.team[: TEAM_MAX - len(suffix)] + suffix
    meta = session.meta.model_copy(update={"team": team})
    return session.model_copy(
        update={"id": uuid.uuid4().hex, "meta": meta, "created_at": moment, "updated_at": moment}
    )
