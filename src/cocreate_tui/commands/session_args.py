"""Resolve the session ids (or unique id prefixes) given on the command line."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from ..domain.errors import CocreateError
from ..domain.paths import data_dir
from ..domain.phrases import Phrase
from ..domain.sessions import Session
from ..domain.storage import SessionStore


def store_for(args: argparse.Namespace) -> SessionStore:
    """The session store of the data folder the user chose."""
    return SessionStore(data_dir(getattr(args, "data_dir", None)))


def find_sessions(store: SessionStore, prefixes: Sequence[str]) -> list[Session]:
    """The sessions named by `prefixes`, in the order given.

    Raises `CocreateError`: not found, ambiguous, unreadable, or two prefixes naming the same
    session.
    """
    sessions = [store.find(prefix) for prefix in prefixes]
    seen: dict[str, str] = {}
    for prefix, session in zip(prefixes, sessions, strict=True):
        if session.id in seen:
            same = Phrase("msg_same_session", repr(seen[session.id]), repr(prefix), session.id)
            raise CocreateError(same)
        seen[session.id] = prefix
    return sessions
