"""The index's rows as named records: each table's fields, in column order, with their types."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from cocreate_tui.domain.phrases import Words
    from cocreate_tui.domain.sessions import Mode, Phase, Status

# A table's columns are generated from its record (see `schema.Table`): a new column is a new
# field here, in the place it takes in the table, and the value `rows.session_rows` gives it.


class SessionRow(NamedTuple):
    """One `sessions` row: one readable session file, scored with the current bank if any."""

    id: str
    file: str
    team: str
    organisation: str
    service_area: str
    phase: str
    mode: str
    respondent: str
    role: str
    status: str
    language: str
    answered: int
    unknown: int
    total: int | None
    level: str | None
    overall: float | None
    scored_with: str | None
    """The content hash of the bank `total`, `level` and `overall` are from; None: unscored."""
    bank_hash: str
    created_at: str
    created_us: int
    updated_at: str
    updated_us: int
    team_key: str
    organisation_key: str
    service_area_key: str
    respondent_key: str
    search: str
    """The searched fields, casefolded, then the phase and status, joined by \\x1f."""


class FileRow(NamedTuple):
    """One `files` row: a candidate file and its stamp, `reason` set when it cannot be read."""

    name: str
    size: int
    mtime_ns: int
    ctime_ns: int
    racy: int
    """1 if read too soon after it changed: it is read again on the next refresh."""
    reason: str | None


class ListingRow(NamedTuple):
    """One `listing` row: a session's `cocreate list --json` object, split where the folder goes."""

    updated_us: int
    id: str
    json_head: str
    json_tail: str


class AnswersRow(NamedTuple):
    """One `answers` row: a session's answers and their bank versions, zlib-compressed JSON."""

    id: str
    answer_values: bytes


class MetaRow(NamedTuple):
    """One `meta` row: the fingerprint, the bank the scores are from, the level labels."""

    key: str
    value: str | None


class Scores(NamedTuple):
    """A session's columns that depend on the bank, and its listing's JSON tail."""

    total: int | None
    level: str | None
    overall: float | None
    scored_with: str | None
    json_tail: str


class IndexedSession(NamedTuple):
    """What the index stores of one session: its `sessions` row and its listing's JSON."""

    row: SessionRow
    json_head: str
    json_tail: str


class IndexRow(NamedTuple):
    """One readable session as the index knows it; level and overall are from the current bank."""

    id: str
    """The session id."""
    team: str
    """The team's name."""
    organisation: str
    """The organisation, or empty."""
    service_area: str
    """The service area, or empty."""
    phase: Phase
    """When in the work the check was taken."""
    mode: Mode
    """Whether the team answered together or one member alone."""
    respondent: str
    """Who answered, in individual mode."""
    role: str
    """The respondent's role, or empty."""
    status: Status
    """In progress or complete."""
    language: str
    """The language the team works in."""
    answered: int
    """How many questions have a value or «Vet ikke» (answers to removed questions count)."""
    unknown: int
    """How many questions were answered «Vet ikke»."""
    total: int | None
    """How many questions the current bank has; None when indexed without a bank."""
    level: str | None
    """The verdict with the current bank (`not_ready`, `strengthen`, `thin`, `thick`,
    `undetermined`)."""
    overall: float | None
    """The overall score with the current bank, 0–100 to one decimal; None if undetermined."""
    bank_hash: str
    """Content hash of the bank the session was made with."""
    created_at: datetime
    """When the session was started (UTC)."""
    updated_at: datetime
    """When the session last changed (UTC)."""
    file: str
    """The file's name in the sessions folder."""
    size: int
    """The file's size in bytes when it was indexed."""
    mtime_ns: int
    """The file's modification time when it was indexed."""


class UnreadableFile(NamedTuple):
    """A file in the sessions folder that could not be read as a session; it is left as it is."""

    path: Path
    """The file."""
    reason: Words
    """What is wrong (worded in the reader's language by `phrases.worded`)."""
    size: int = 0
    """The file's size when it was last tried."""
    mtime_ns: int = 0
    """The file's modification time when it was last tried."""


class RefreshReport(NamedTuple):
    """What a refresh did: useful to tests and benchmarks, and to say why a refresh was slow."""

    read: int = 0
    """Files (re-)read because they were new, changed, or read too soon after a change."""
    removed: int = 0
    """Files gone from the folder, dropped from the index."""
    rescored: int = 0
    """Sessions scored again because the bank changed."""
    rebuilt: bool = False
    """Whether the index file was missing, corrupt or outdated and built anew."""
