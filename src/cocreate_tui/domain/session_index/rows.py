"""A session as the index's rows, scored with the bank, and those rows written and deleted."""

from __future__ import annotations

import json
import sqlite3
import unicodedata
import zlib
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Final, NamedTuple

from cocreate_tui.domain.bank_source import BankSource
from cocreate_tui.domain.session_files import SESSION_SUFFIX

from .records import AnswersRow, FileRow, IndexedSession, ListingRow, Scores, SessionRow
from .schema import ANSWERS, FILES, LISTING, SESSIONS, set_meta

if TYPE_CHECKING:
    from cocreate_tui.domain.bank_models import Bank
    from cocreate_tui.domain.scoring import AnswerValue
    from cocreate_tui.domain.sessions import Session

RACY_NS: Final = 2_000_000_000
"""A file read less than this long after it changed is read again on the next refresh: a second
edit of the same size within one tick of the file system's clock would leave its stamp unchanged
(the "racy git" problem). Two seconds covers the coarsest clocks in use (FAT)."""
SEARCHED_FIELDS: Final = ("team", "organisation", "service_area", "respondent", "role")
"""Free-text fields that the filter searches, with the phase and status."""

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_NORDIC_LAST: Final = str.maketrans({"æ": "{", "ø": "|", "å": "}"})
"""Sort keys put æ, ø and å after z, in Norwegian order (the characters after z in ASCII)."""
_SCORED_UPDATE: Final = (
    f"UPDATE sessions SET {', '.join(f'{name} = ?' for name in Scores._fields[:-1])} WHERE id = ?"
)
"""Stores a `Scores` record but its JSON tail, which goes to the listing."""
# Made once: a save writes one row of each.
_INSERT_FILE: Final = FILES.insert("INSERT")
_INSERT_SESSION: Final = SESSIONS.insert()
_INSERT_LISTING: Final = LISTING.insert()
_INSERT_ANSWERS: Final = ANSWERS.insert()

Entry = tuple[str, int, int, int]
"""A file in the sessions folder: name, size, mtime_ns, ctime_ns (a plain tuple: a chunk of
them is hashed with marshal, which takes no named tuples)."""
Read = tuple[Entry, IndexedSession | None, str]
"""A file read while refreshing: its stamp, its rows (None if unreadable), and its answer
values as JSON, or the reason it cannot be read."""


class Scoring:
    """The bank to score with: its hash at once, the bank itself only when something is scored."""

    def __init__(
        self, content_hash: str | None, load: Callable[[], Bank], bank: Bank | None = None
    ) -> None:
        self.content_hash = content_hash
        self.load = load
        self.bank = bank

    def get(self) -> Bank:
        """The bank, loaded the first time it is asked for."""
        if self.bank is None:
            self.bank = self.load()
        return self.bank

    @classmethod
    def of(cls, bank: Bank | BankSource | None) -> Scoring | None:
        """The scoring for a bank or a bank folder; None without one."""
        if bank is None:
            return None
        if isinstance(bank, BankSource):
            return cls(bank.content_hash, bank.load)
        return cls(bank.content_hash, lambda: bank, bank)


class StoredAnswers(NamedTuple):
    """What the index keeps of a session to score it again: its answers and their bank versions."""

    values: dict[str, AnswerValue]
    bank_version: str
    """The bank version the session was made with."""
    answered_with: dict[str, str]
    """Per question, a newer bank version its answer was given with (see `Answer.bank_version`)."""


def stored_answers(session: Session) -> StoredAnswers:
    """What the index keeps of `session` to score it again with another bank."""
    answered_with = {
        qid: answer.bank_version
        for qid, answer in session.answers.items()
        if answer.is_answered and answer.bank_version
    }
    return StoredAnswers(session.answer_values(), session.bank.version, answered_with)


def indexed_session(session: Session, file: str, bank: Bank | None) -> tuple[IndexedSession, str]:
    """`session`'s rows as saved in `file`, scored with `bank`, and its stored answers as JSON."""
    stored = stored_answers(session)
    return _indexed(session, file, bank, stored), compact_json(stored)


def _indexed(
    session: Session, file: str, bank: Bank | None, stored: StoredAnswers
) -> IndexedSession:
    meta = session.meta
    updated = session.updated_at.isoformat()
    values = stored.values
    scores = score_columns(bank, stored, file) if bank is not None else _unscored(file)
    answered = len(values)
    head_fields = (
        ("id", session.id),
        ("team", meta.team),
        ("organisation", meta.organisation),
        ("service_area", meta.service_area),
        ("phase", meta.phase),
        ("mode", meta.mode),
        ("respondent", meta.respondent),
        ("status", session.status),
    )
    json_head = (
        "{"
        + ", ".join(f'"{key}": {encode_basestring(value)}' for key, value in head_fields)
        + f', "answered": {answered}, "updated_at": {encode_basestring(updated)}, "file": "'
    )
    searched = (getattr(meta, name).casefold() for name in SEARCHED_FIELDS)
    row = SessionRow(
        id=session.id,
        file=file,
        team=meta.team,
        organisation=meta.organisation,
        service_area=meta.service_area,
        phase=meta.phase,
        mode=meta.mode,
        respondent=meta.respondent,
        role=meta.role,
        status=session.status,
        language=session.language,
        answered=answered,
        unknown=sum(1 for value in values.values() if value == "unknown"),
        total=scores.total,
        level=scores.level,
        overall=scores.overall,
        scored_with=scores.scored_with,
        bank_hash=session.bank.content_hash,
        created_at=session.created_at.isoformat(),
        created_us=_microseconds(session.created_at),
        updated_at=updated,
        updated_us=_microseconds(session.updated_at),
        team_key=sort_key(meta.team),
        organisation_key=sort_key(meta.organisation),
        service_area_key=sort_key(meta.service_area),
        respondent_key=sort_key(meta.respondent),
        search="\x1f".join([*searched, meta.phase, session.status]),
    )
    return IndexedSession(row, json_head, scores.json_tail)


def score_columns(bank: Bank, stored: StoredAnswers, file: str) -> Scores:
    """Total, level, overall, the bank's hash and the JSON tail, scored with `bank`."""
    from cocreate_tui.domain.drift import bank_drift
    from cocreate_tui.domain.scoring import assess

    # As `cocreate show` and the review score it: answers whose options the bank has changed
    # since they were given are kept in the file but not scored (domain.drift).
    drift = bank_drift(bank, stored.bank_version, stored.values, stored.answered_with)
    values = stored.values
    if drift.changed:
        values = {qid: value for qid, value in values.items() if qid not in drift.changed}
    assessment = assess(bank, values)
    # Rounded as `cocreate score --json` rounds it; none while too few answers make it honest.
    shown = assessment.overall is not None and assessment.overall_shown
    overall = round(assessment.overall, 1) if shown and assessment.overall is not None else None
    tail = _json_tail(file, assessment.level, overall)
    return Scores(len(bank.questions), assessment.level, overall, bank.content_hash, tail)


def _unscored(file: str) -> Scores:
    return Scores(None, None, None, None, _json_tail(file, None, None))


def _json_tail(file: str, level: str | None, overall: float | None) -> str:
    level_text = "null" if level is None else encode_basestring(level)
    overall_text = "null" if overall is None else repr(overall)
    name = encode_basestring(file)[1:-1]
    return f'{name}", "level": {level_text}, "overall": {overall_text}}}'


def unzip(blob: bytes) -> StoredAnswers:
    """A session's stored answers as the `answers` table keeps them."""
    values, bank_version, answered_with = json.loads(zlib.decompress(blob))
    return StoredAnswers(values, bank_version, answered_with)


def compact_json(stored: StoredAnswers) -> str:
    """A session's stored answers as compact JSON: `[values, bank version, answered with]`."""
    return json.dumps(stored, separators=(",", ":"), ensure_ascii=False)


def _microseconds(moment: datetime) -> int:
    return (moment - _EPOCH) // timedelta(microseconds=1)


def sort_key(text: str) -> str:
    """`text` as it sorts: case and accents ignored, æ ø å last, as in Norwegian."""
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_NORDIC_LAST))
    return "".join(char for char in folded if not unicodedata.combining(char))


# --- writing -----------------------------------------------------------------------------------


def forget_fingerprint(connection: sqlite3.Connection, scored_with: str | None) -> None:
    """Note that the folder has changed, so the next refresh compares file by file."""
    set_meta(connection, "fingerprint", None)
    note_scored_with(connection, scored_with)


def note_scored_with(connection: sqlite3.Connection, scored_with: str | None) -> None:
    """Note rows just written scored with the bank `scored_with` (None: unscored)."""
    # Rows just written with another bank (or none) make the scores as a whole stale: the
    # next refresh with a bank looks for rows to score again.
    current = connection.execute("SELECT value FROM meta WHERE key = 'scored_with'").fetchone()
    if current is not None and current[0] != scored_with:
        set_meta(connection, "scored_with", None)


def delete_files(connection: sqlite3.Connection, names: Sequence[str]) -> None:
    """Drop every row of the files `names`."""
    # A readable file is always named after its session's id, so every delete is by key.
    ids = [(name.removesuffix(SESSION_SUFFIX),) for name in names]
    connection.executemany(
        "DELETE FROM listing WHERE id = ?1 "
        "AND updated_us = (SELECT updated_us FROM sessions WHERE id = ?1)",
        ids,
    )
    connection.executemany("DELETE FROM answers WHERE id = ?", ids)
    connection.executemany("DELETE FROM sessions WHERE id = ?", ids)
    connection.executemany("DELETE FROM files WHERE name = ?", [(name,) for name in names])


def write_read_files(connection: sqlite3.Connection, read: list[Read], started: int) -> None:
    """Write the rows of files read by a refresh that began at `started`."""
    readable: list[tuple[Entry, IndexedSession, str]] = []
    unreadable: list[tuple[Entry, str]] = []
    for entry, indexed, text in read:
        if indexed is None:
            unreadable.append((entry, text))
        else:
            readable.append((entry, indexed, text))
    write_sessions(connection, readable, started)
    delete_files(connection, [entry[0] for entry, _ in unreadable])
    connection.executemany(
        _INSERT_FILE,
        [FileRow(*entry, _is_racy(entry, started), reason) for entry, reason in unreadable],
    )


def write_sessions(
    connection: sqlite3.Connection,
    rows: list[tuple[Entry, IndexedSession, str]],
    started: int,
) -> None:
    """Write readable files' rows; `started` is when the refresh began (0: saved by us)."""
    # Deleted first: a file edited behind our back may now hold another id.
    delete_files(connection, [entry[0] for entry, _, _ in rows])
    connection.executemany(
        _INSERT_FILE,
        [FileRow(*entry, _is_racy(entry, started), None) for entry, _, _ in rows],
    )
    connection.executemany(_INSERT_SESSION, [indexed.row for _, indexed, _ in rows])
    connection.executemany(
        _INSERT_LISTING,
        [
            ListingRow(indexed.row.updated_us, indexed.row.id, indexed.json_head, indexed.json_tail)
            for _, indexed, _ in rows
        ],
    )
    connection.executemany(
        _INSERT_ANSWERS,
        # Compressed: a 50-question session's values are 1.2 KB of JSON, 0.3 KB zipped.
        [AnswersRow(indexed.row.id, zlib.compress(values.encode())) for _, indexed, values in rows],
    )


def write_scores(
    connection: sqlite3.Connection, scores: list[tuple[tuple[str, int], Scores]]
) -> None:
    """Store new scores: `(session id, updated_us)` and `score_columns`' result for each."""
    connection.executemany(_SCORED_UPDATE, [(*columns[:-1], key[0]) for key, columns in scores])
    connection.executemany(
        "UPDATE listing SET json_tail = ? WHERE updated_us = ? AND id = ?",
        [(columns.json_tail, key[1], key[0]) for key, columns in scores],
    )


def _is_racy(entry: Entry, started: int) -> int:
    # Our own saves (started = 0) are never racy: we wrote what the stamp belongs to.
    return int(started > 0 and max(entry[2], entry[3]) >= started - RACY_NS)
