"""Team rounds on disk: `rounds/<code>.json`, changed only under a lock by atomic replace."""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path

from .bank_models import Bank, Lang
from .errors import CocreateError, SessionFileError, StorageError
from .fileio import write_atomic
from .paths import ensure_private_dir, rounds_dir
from .phrases import Phrase
from .problem_words import os_reason
from .session_files import read_capped_text
from .sessions import Session, new_session
from .storage import SessionStore
from .team_round import (
    RoundError,
    TeamRound,
    already_joined,
    hides_until_reveal,
    member_meta,
    new_join_code,
    new_round,
    normalise_code,
    round_from_json,
    round_to_json,
    state_words,
    with_member,
)

LOCK_WAIT_SECONDS = 5.0
"""How long a change waits for another process's change to the same round to finish."""
STALE_LOCK_SECONDS = 30.0
"""A lock this old was left by a process that died mid-change; it is taken over."""
_RETRY_SECONDS = 0.005
MAX_CODE_TRIES = 20
DEVICE_VARIABLE = "COCREATE_DEVICE"
"""Set by `cocreate serve` for a participant's app: that browser's own key (see `join`)."""


class NameTakenError(RoundError):
    """A browser asked to join under a name another member (or another browser) has taken."""


class SealedSessionError(RoundError):
    """A member's session asked for by anyone but the member before their round's reveal."""

    def __init__(self, team_round: TeamRound, session_id: str) -> None:
        member = next(m for m in team_round.members if m.session_id == session_id)
        super().__init__(
            Phrase(
                "round_session_sealed",
                name=member.name,
                code=team_round.code,
                team=team_round.team,
            )
        )
        self.code = team_round.code
        """The round the session belongs to."""


def device_digest(device: str) -> str:
    """What the round file keeps of a browser's key: its SHA-256, never the key itself."""
    return hashlib.sha256(device.encode("utf-8")).hexdigest()


class RoundStore:
    """The rounds folder of a data folder, and the member sessions in its sessions folder.

    A member only ever writes their own session file; the round file is changed by one
    process at a time (a lock file), read–changed–replaced atomically, so members joining
    at once and a facilitator agreeing at the same time lose nothing.
    """

    def __init__(self, data_dir: Path, sessions: SessionStore | None = None) -> None:
        self.directory = rounds_dir(data_dir)
        self.sessions = sessions or SessionStore(data_dir)
        self._read: dict[str, tuple[tuple[int, int], TeamRound | None]] = {}
        """Round files as last read, by name, with the stamp they were read at."""

    def path_for(self, code: str) -> Path:
        """The file of the round with `code` (checked: the code becomes a file name)."""
        return self.directory / f"{normalise_code(code)}.json"

    def create(self, team: str, bank: Bank, now: datetime, code: str | None = None) -> TeamRound:
        """A new round with a fresh join code (or `code`, if free), saved.

        Raises `RoundError` or `StorageError`.
        """
        for _ in range(MAX_CODE_TRIES):
            team_round = new_round(team, bank, code or new_join_code(), now)
            with self._locked(team_round.code):
                if not self.path_for(team_round.code).exists():
                    self._write(team_round)
                    return team_round
        raise StorageError(Phrase("round_no_free_code"))

    def load(self, code: str) -> TeamRound:
        """The round with `code`. Raises `RoundError` if there is none or it cannot be read."""
        path = self.path_for(code)
        try:
            text = read_capped_text(path)
        except SessionFileError as error:
            if not path.exists():
                raise RoundError(Phrase("round_no_such", code=normalise_code(code))) from None
            raise RoundError(error.said) from None
        team_round = round_from_json(text, str(path))
        if team_round.code != path.stem:
            raise RoundError(
                Phrase("file_problem", source=str(path), reason=Phrase("round_name_mismatch"))
            )
        return team_round

    def update(self, code: str, change: Callable[[TeamRound], TeamRound]) -> TeamRound:
        """Apply `change` to the round as it is on disk now, under the lock, and save it.

        `change` may raise `RoundError`; the file is then left as it was. Returns the round.
        """
        with self._locked(normalise_code(code)):
            before = self.load(code)
            after = change(before)
            if after is not before:
                self._write(after)
            return after

    def join(
        self,
        code: str,
        name: str,
        bank: Bank,
        now: datetime,
        lang: Lang = "nb",
        device: str | None = None,
    ) -> tuple[TeamRound, Session]:
        """Join `name` to the round, or find them again if they already joined.

        A new member gets a fresh individual session (saved first, so the round never names a
        session that does not exist). `device` is a browser's own key (workshop mode): a member
        joined with one is found again only with the same key, and a name that joined without
        one cannot be taken from a browser, nor one joined with a key from a terminal. Raises
        `RoundError` (`NameTakenError` for those) or `StorageError`.
        """
        team_round = self.load(code)
        digest = device_digest(device) if device is not None else None
        existing = team_round.member(name)
        if existing is not None:
            # Found again only from where they joined: a member's answers are theirs alone
            # until the reveal, so a name joined from a browser is not handed to a terminal.
            if existing.device != digest:
                raise NameTakenError(already_joined(existing.name, team_round.code))
            return team_round, self._member_session(existing.session_id)
        self._check_bank(team_round, bank)
        session = new_session(member_meta(team_round, name), bank, now=now, language=lang)

        def add(current: TeamRound) -> TeamRound:
            if current.member(name) is not None:
                return current  # joined from another window meanwhile
            return with_member(current, name, session.id, now, digest)

        # Checked (state, name) before the session file is written.
        if team_round.state != "answering":
            state = state_words(team_round.state)
            raise RoundError(Phrase("round_closed", code=team_round.code, state=state))
        with_member(team_round, name, session.id, now, digest)
        self.sessions.save(session)
        team_round = self.update(code, add)
        member = team_round.member(name)
        assert member is not None
        if member.session_id != session.id:
            # Another window joined the same name first. The session saved here is nobody's:
            # written a moment ago by this call, with nothing in it, it is removed, so the
            # facilitator's list has no stray blank assessment.
            with contextlib.suppress(FileNotFoundError):
                self.sessions.path_for(session.id).unlink()
            if digest is not None and member.device != digest:
                raise NameTakenError(already_joined(member.name, team_round.code))
            return team_round, self._member_session(member.session_id)  # theirs
        return team_round, session

    def join_problem(self, code: str) -> str | None:
        """None when members may open round `code` (to answer, or to vote again); otherwise
        "missing" (no such round, or unreadable) or "closed" (the team has agreed)."""
        try:
            team_round = self.load(code)
        except RoundError:
            return "missing"
        return "closed" if team_round.state == "agreed" else None

    def sealing_round(self, session_id: str) -> TeamRound | None:
        """The round that hides `session_id` until its reveal (see `hides_until_reveal`), or
        None: every path that shows a session to someone asks this first."""
        return next(
            (r for r in self._all_rounds() if hides_until_reveal(r, session_id)),
            None,
        )

    def sealed_sessions(self) -> dict[str, TeamRound]:
        """Every session hidden until its round's reveal, by id, with its round."""
        return {
            member.session_id: team_round
            for team_round in self._all_rounds()
            for member in team_round.members
            if hides_until_reveal(team_round, member.session_id)
        }

    def refuse_sealed(self, session_ids: Iterable[str]) -> None:
        """Raise `SealedSessionError` for the first of `session_ids` hidden until a reveal."""
        for session_id in session_ids:
            team_round = self.sealing_round(session_id)
            if team_round is not None:
                raise SealedSessionError(team_round, session_id)

    def _all_rounds(self) -> list[TeamRound]:
        """Every round in the folder that can be read; a file is parsed again only once it
        has changed (a list of sessions asks on every scroll)."""
        try:
            with os.scandir(self.directory) as scan:
                names = sorted(e.name for e in scan if e.name.endswith(".json"))
        except OSError:
            return []
        read = {}
        for name in names:
            path = self.directory / name
            stamp = _stat(path)
            known = self._read.get(name)
            if known is None or known[0] != stamp:
                try:
                    known = (stamp, self.load(path.stem))
                except RoundError:
                    known = (stamp, None)  # not a round, or unreadable: it hides nothing
            read[name] = known
        self._read = read
        return [team_round for _, team_round in read.values() if team_round is not None]

    def member_sessions(self, team_round: TeamRound) -> dict[str, Session]:
        """Each member's session by name; members whose file cannot be read are left out."""
        sessions = {}
        for member in team_round.members:
            with contextlib.suppress(CocreateError):
                sessions[member.name] = self.sessions.load(member.session_id)
        return sessions

    def stamp(self, team_round: TeamRound) -> tuple[tuple[int, int], ...]:
        """The modification times and sizes of the round file and its members' session files:
        when it changes, something in the round has. Cheap enough to poll (one stat a file)."""
        paths = [self.path_for(team_round.code)]
        paths += [self.sessions.path_for(m.session_id) for m in team_round.members]
        return tuple(_stat(path) for path in paths)

    def _member_session(self, session_id: str) -> Session:
        return self.sessions.load(session_id)

    def _check_bank(self, team_round: TeamRound, bank: Bank) -> None:
        if team_round.bank.content_hash != bank.content_hash:
            bank_name = f"{team_round.bank.id} {team_round.bank.version}"
            raise RoundError(Phrase("round_other_bank", code=team_round.code, bank=bank_name))

    def _write(self, team_round: TeamRound) -> None:
        path = self.path_for(team_round.code)
        try:
            ensure_private_dir(self.directory)
            write_atomic(path, round_to_json(team_round).encode("utf-8"))
        except OSError as error:
            failed = Phrase("round_save_failed", path=str(path), reason=os_reason(error))
            raise StorageError(failed) from error

    @contextlib.contextmanager
    def _locked(self, code: str) -> Iterator[None]:
        lock = self.directory / f"{code}.lock"
        try:
            ensure_private_dir(self.directory)
        except OSError as error:
            failed = Phrase(
                "round_folder_failed", folder=str(self.directory), reason=os_reason(error)
            )
            raise StorageError(failed) from error
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                os.close(os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
                break
            except FileExistsError:
                if _age(lock) > STALE_LOCK_SECONDS:
                    with contextlib.suppress(FileNotFoundError):
                        lock.unlink()
                    continue
                if time.monotonic() > deadline:
                    raise StorageError(Phrase("round_busy", code=code)) from None
                # Another process holds it for the few milliseconds of a read and a write.
                time.sleep(_RETRY_SECONDS)
        try:
            yield
        finally:
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except FileNotFoundError:
        return 0.0


def _stat(path: Path) -> tuple[int, int]:
    try:
        status = path.stat()
    except OSError:
        return (0, -1)
    return (status.st_mtime_ns, status.st_size)
