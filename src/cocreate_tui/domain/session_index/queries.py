"""Reading the index: pages of sessions sorted and filtered, counts, the listing, level labels."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final

from .records import IndexRow, SessionRow
from .schema import SORT_KEYS, set_meta

if TYPE_CHECKING:
    from cocreate_tui.domain.bank_models import Bank

SPARSE_PAGE: Final = 100
"""Rows a query without a limit is taken to want, when choosing how to read a rare match."""
_NULLABLE_SORTS: Final = frozenset({"total", "level", "overall"})
SCORE_SORTS: Final = frozenset({"level", "overall"})
"""The sorts that would tell a session's result: by them a hidden session sorts as unscored."""
_ROW_SELECT: Final = ", ".join(
    f"s.{name}" if name in SessionRow._fields else f"f.{name}" for name in IndexRow._fields
)
"""`IndexRow`'s fields, from `sessions` (s) where it has them, else from `files` (f)."""
_DATETIMES: Final = tuple(
    position for position, name in enumerate(IndexRow._fields) if name.endswith("_at")
)
"""Where `IndexRow` has a time, stored as ISO 8601 text."""
LISTING_SQL: Final = (
    "SELECT CAST(group_concat(json_head || ? || json_tail, ?) AS BLOB) FROM "
    "(SELECT json_head, json_tail FROM listing ORDER BY updated_us DESC, id DESC)"
)
"""Every listing line, newest first, as one UTF-8 blob. group_concat keeps the order of the
subquery's rows (SQLite has no ORDER BY inside an aggregate before 3.44); a test checks it."""
UNREADABLE_SQL: Final = (
    "SELECT name, reason, size, mtime_ns FROM files WHERE reason IS NOT NULL ORDER BY name"
)


def query_sql(
    clause: str,
    sort_key: str,
    descending: bool,
    offset: int,
    limit: int | None,
    matching: int | None,
    hidden: int = 0,
) -> str:
    """The SQL of a page of `IndexRow`s; its parameters are the filter's, then the `hidden`
    session ids (sorted as if they had no score), then limit and offset."""
    if sort_key not in SORT_KEYS:
        raise ValueError(f"cannot sort by {sort_key!r}; choose one of {', '.join(SORT_KEYS)}")
    direction = "DESC" if descending else "ASC"
    nulls = " NULLS LAST" if sort_key in _NULLABLE_SORTS else ""
    column = SORT_KEYS[sort_key]
    if hidden and sort_key in SCORE_SORTS:
        # A round member's score is not shown before the reveal; a sort by it must not give
        # away either where the member stands, so they sort with the sessions without one.
        marks = ", ".join("?" * hidden)
        column = f"(CASE WHEN s.id IN ({marks}) THEN NULL ELSE {column} END)"
    # SQLite walks the sort column's index and stops after the page: quick when matches
    # are common, but for a rare match it visits most rows out of order (52 ms for 289
    # of 50,000). Then one pass over the table, keeping only the page's best (the unary
    # + keeps SQLite off the index), is quicker (17 ms).
    rows_wanted = max(0, offset) + (SPARSE_PAGE if limit is None else max(0, limit))
    sparse = bool(clause) and matching is not None and matching < 4 * rows_wanted
    order = f"+{column}" if sparse else column
    return (
        f"SELECT {_ROW_SELECT} FROM sessions s JOIN files f ON f.name = s.file{clause} "
        f"ORDER BY {order} {direction}{nulls}, s.id {direction} "
        "LIMIT ? OFFSET ?"
    )


def index_row(row: tuple[Any, ...]) -> IndexRow:
    """An `IndexRow` from a row selected by `query_sql`."""
    values = list(row)
    for position in _DATETIMES:
        values[position] = datetime.fromisoformat(values[position])
    return IndexRow._make(values)


def where(
    filter_text: str, status: str | None, labels: Mapping[str, str] | None
) -> tuple[str, list[Any]]:
    """The WHERE clause (or nothing) of a filter, and its parameters."""
    clauses: list[str] = []
    parameters: list[Any] = []
    if status is not None:
        clauses.append("s.status = ?")
        parameters.append(status)
    for word in filter_text.casefold().split():
        codes = [code for code, label in (labels or {}).items() if word in label.casefold()]
        matches = ["instr(s.search, ?) > 0", *("s.phase = ? OR s.status = ?" for _ in codes)]
        clauses.append("(" + " OR ".join(matches) + ")")
        parameters.append(word)
        for code in codes:
            parameters.extend((code, code))
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), parameters


def level_labels_of(bank: Bank) -> dict[str, dict[str, str]]:
    """The bank's label of each verdict level, by level and language."""
    levels = bank.policy.levels
    return {
        level: text.label.by_language()
        for level, text in (
            ("not_ready", levels.not_ready),
            ("strengthen", levels.strengthen),
            ("thin", levels.thin),
            ("thick", levels.thick),
            ("undetermined", levels.undetermined),
        )
    }


def store_level_labels(connection: sqlite3.Connection, bank: Bank) -> None:
    """Keep the bank's level labels in `meta`, for lists drawn before the bank is loaded."""
    # Kept with the hash of the bank they are from: they stay right for that bank whether or
    # not every row is scored with it yet (rows not scored show no level at all).
    value = json.dumps({"bank": bank.content_hash, "labels": level_labels_of(bank)})
    set_meta(connection, "level_labels", value)


def labels_for(stored: str | None, content_hash: str) -> dict[str, dict[str, str]] | None:
    """The labels in a stored `level_labels` value if they are from the bank `content_hash`."""
    try:
        value = json.loads(stored or "")
    except ValueError:
        return None
    if not isinstance(value, dict) or value.get("bank") != content_hash:
        return None
    labels = value.get("labels")
    return labels if isinstance(labels, dict) else None
