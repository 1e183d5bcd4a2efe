"""Resolve the session ids (or unique id prefixes) given on the command line."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from ..domain.errors import CocreateError
from ..domain.paths import data_dir
from ..domain.phrases import Phrase
from ..domain.round_store import RoundStore
from ..domain.sessions import Session
from ..domain.storage import SessionStore


def store_for(args: argparse.Namespace) -> SessionStore:
    """The session store of the data folder the user chose."""
    return SessionStore(data_dir(getattr(args, "data_dir", None)))


def find_session(store: SessionStore, prefix: str) -> Session:
    """The session named by `prefix`; raises `CocreateError` as `find_sessions` does."""
    return find_sessions(store, [prefix])[0]


def find_sessions(store: SessionStore, prefixes: Sequence[str]) -> list[Session]:
    """The sessions named by `prefixes`, in the order given.

    Raises `CocreateError`: not found, ambiguous, unreadable, two prefixes naming the same
    session, or a member's session in a team round not revealed yet (`SealedSessionError`).
    """
    sessions = [store.find(prefix) for prefix in prefixes]
    seen: dict[str, str] = {}
    for prefix, session in zip(prefixes, sessions, strict=True):
        if session.id in seen:
            same = Phrase("msg_same_session", repr(seen[session.id]), repr(prefix), session.id)
            raise CocreateError(same)
        seen[session.id] = prefix
    # Until the facilitator reveals a round, its members' answers are no one else's to read.
    RoundStore(store.data_dir, store).refuse_sealed(seen)
    return sessions
