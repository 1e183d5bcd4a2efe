"""The trash folder: deleted sessions are moved there, listed, and can be restored unchanged."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final

from .errors import CocreateError, SessionFileError, SessionNotFoundError, StorageError
from .paths import ensure_private_dir
from .phrases import Phrase, Words
from .platform_support import rename_without_replacing
from .problem_words import os_reason
from .session_files import read_session_file
from .storage import SessionStore

TRASH_NAME: Final = "trash"
SUFFIX: Final = ".json"


class TrashError(CocreateError):
    """A session could not be moved to the trash, or back from it; nothing was overwritten."""


@dataclass(frozen=True)
class TrashItem:
    """One session file in the trash."""

    id: str
    """The session id (the file's name without `.json`)."""
    path: Path
    """The file in the trash folder."""
    team: str
    """The team's name, or empty if the file cannot be read."""
    updated_at: datetime | None
    """When the session last changed, or None if the file cannot be read."""
    reason: Words = ""
    """Why the file cannot be read as a session; empty when it can."""


def trash_dir(data_dir: Path) -> Path:
    """The trash folder of a data folder."""
    return data_dir / TRASH_NAME


def move_to_trash(store: SessionStore, data_dir: Path, session_id: str) -> Path:
    """Move the session file `session_id` into the trash (0700) and drop it from the index.

    The file keeps its mode (0600) and content. Raises `SessionNotFoundError` when there is
    no such session, `SessionOpenElsewhereError` when another window holds it, `TrashError`
    when the trash already holds a file of that id or the move fails; the session is then left
    where it was.
    """
    source = store.path_for(session_id)
    if not source.is_file():
        raise SessionNotFoundError(Phrase("msg_no_session", session_id))
    store.refuse_if_open_elsewhere(session_id, "trashed")
    folder = trash_dir(data_dir)
    target = folder / f"{session_id}{SUFFIX}"
    try:
        ensure_private_dir(folder)
        _move_without_overwrite(source, target)
    except FileExistsError as error:
        raise TrashError(Phrase("trash_already_holds", id=session_id, path=str(target))) from error
    except OSError as error:
        failed = Phrase("trash_move_failed", path=str(source))
        raise TrashError(Phrase("storage_with_reason", failed, os_reason(error))) from error
    store.index.remove(session_id)
    return target


def restore_from_trash(store: SessionStore, data_dir: Path, session_id: str) -> Path:
    """Move the session `session_id` from the trash back to the sessions folder.

    Never overwrites: if a session with that id exists, raises `TrashError` and leaves both
    files as they are. The index gets the restored session at once.
    """
    source = trash_dir(data_dir) / f"{session_id}{SUFFIX}"
    target = store.path_for(session_id)
    if not source.is_file():
        raise SessionNotFoundError(Phrase("trash_no_session", id=session_id))
    if target.exists():
        raise TrashError(Phrase("trash_restore_exists", id=session_id, path=str(target)))
    try:
        ensure_private_dir(store.directory)
        _move_without_overwrite(source, target)
    except FileExistsError as error:
        raise TrashError(Phrase("trash_restore_exists", id=session_id, path=str(target))) from error
    except OSError as error:
        failed = Phrase("trash_restore_failed", path=str(source))
        raise StorageError(Phrase("storage_with_reason", failed, os_reason(error))) from error
    # If it cannot be read, the next refresh lists it with the reason.
    with contextlib.suppress(CocreateError):
        store.index.upsert(read_session_file(target), target)
    return target


def list_trash(data_dir: Path) -> list[TrashItem]:
    """The sessions in the trash, most recently changed first; unreadable files last, by name."""
    folder = trash_dir(data_dir)
    try:
        paths = sorted(p for p in folder.iterdir() if p.suffix == SUFFIX and p.is_file())
    except FileNotFoundError:
        return []
    except OSError as error:
        unreadable = Phrase("trash_folder_unreadable", folder=str(folder))
        raise StorageError(Phrase("storage_with_reason", unreadable, os_reason(error))) from error
    readable: list[TrashItem] = []
    broken: list[TrashItem] = []
    for path in paths:
        try:
            session = read_session_file(path)
        except CocreateError as error:
            reason = error.reason if isinstance(error, SessionFileError) else error.said
            broken.append(TrashItem(path.stem, path, "", None, reason))
            continue
        readable.append(TrashItem(session.id, path, session.meta.team, session.updated_at))
    readable.sort(key=lambda item: (item.updated_at or datetime.min, item.id), reverse=True)
    return readable + broken


def _move_without_overwrite(source: Path, target: Path) -> None:
    """Move `source` to `target`; raises FileExistsError if `target` exists (never replaces)."""
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:
        # No hard links here (some file systems): a rename that never replaces.
        rename_without_replacing(source, target)
        return
    os.unlink(source)
