"""Import session files sent by teams: validate each, never overwrite, say why any is refused."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CocreateError, SessionFileError, SessionNotFoundError
from .phrases import Phrase, Words
from .session_files import read_capped_text
from .sessions import Session, session_from_json, session_to_json
from .storage import SessionStore


@dataclass(frozen=True)
class ImportReport:
    """What happened to each file: imported under an id, or rejected with a reason."""

    imported: list[tuple[Path, str]] = field(default_factory=list)
    """(file, id it was saved under), in the order given."""
    rejected: list[tuple[Path, Words]] = field(default_factory=list)
    """(file, why it was not imported), in the order given."""

    @property
    def ok(self) -> bool:
        """Whether every file was imported."""
        return not self.rejected


def import_files(store: SessionStore, paths: Iterable[Path], as_copy: bool = False) -> ImportReport:
    """Import each session file in `paths` into `store`; the files themselves are only read.

    A session whose id is already saved is refused, unless `as_copy`: then it is saved under a
    new id, with its metadata, answers and timestamps unchanged.
    """
    report = ImportReport()
    for path in paths:
        try:
            session = read_import_file(path)
            session_id = _import_one(store, session, as_copy)
        except CocreateError as error:
            reason = error.reason if isinstance(error, SessionFileError) else error.said
            report.rejected.append((path, reason))
        else:
            report.imported.append((path, session_id))
    return report


def read_import_file(path: Path) -> Session:
    """The session in `path`, whatever the file is called; raises `SessionFileError`."""
    # Unlike files in the sessions folder, a file sent by e-mail may be renamed
    # ("Horten (1).json"), so its name need not match the id inside it.
    return session_from_json(read_capped_text(path), source=str(path))


def _import_one(store: SessionStore, session: Session, as_copy: bool) -> str:
    existing = _existing(store, session.id)
    if existing is not None:
        if not as_copy:
            same = session_to_json(existing) == session_to_json(session)
            key = "exchange_already_saved_same" if same else "exchange_already_saved_differs"
            raise CocreateError(Phrase(key, id=session.id))
        session = session.model_copy(update={"id": _free_id(store)})
    try:
        store.save_new(session)
    except FileExistsError:
        # Another import took the id between the check above and now: nothing is replaced.
        raise CocreateError(Phrase("exchange_saved_meanwhile", id=session.id)) from None
    return session.id


def _existing(store: SessionStore, session_id: str) -> Session | None:
    path = store.path_for(session_id)
    if not path.exists():
        return None
    try:
        return store.load(session_id)
    except SessionNotFoundError:
        return None
    except SessionFileError as error:
        # A broken file already holds the id: it is the user's to repair, never to replace.
        raise CocreateError(
            Phrase("exchange_broken_exists", id=session_id, reason=error.reason)
        ) from None


def _free_id(store: SessionStore) -> str:
    while True:
        candidate = uuid.uuid4().hex
        if not store.path_for(candidate).exists():
            return candidate
