"""The index's tables are generated from its records, and still make the version-2 schema."""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from cocreate_tui.domain.session_index import schema
from cocreate_tui.domain.session_index.queries import index_row, query_sql
from cocreate_tui.domain.session_index.records import FileRow, IndexRow, SessionRow

# The version-2 schema as it was written by hand before the records generated it: an index
# file made by an earlier release must stay valid (same version, same columns).
VERSION_2 = {
    "meta": [("key", "TEXT", 1, 1), ("value", "TEXT", 0, 0)],
    "files": [
        ("name", "TEXT", 1, 1),
        ("size", "INTEGER", 1, 0),
        ("mtime_ns", "INTEGER", 1, 0),
        ("ctime_ns", "INTEGER", 1, 0),
        ("racy", "INTEGER", 1, 0),
        ("reason", "TEXT", 0, 0),
    ],
    "listing": [
        ("updated_us", "INTEGER", 1, 1),
        ("id", "TEXT", 1, 2),
        ("json_head", "TEXT", 1, 0),
        ("json_tail", "TEXT", 1, 0),
    ],
    "answers": [("id", "TEXT", 1, 1), ("answer_values", "BLOB", 1, 0)],
}
SESSIONS_V2 = (
    "id TEXT PK, file TEXT, team TEXT, organisation TEXT, service_area TEXT, phase TEXT, "
    "mode TEXT, respondent TEXT, role TEXT, status TEXT, language TEXT, answered INTEGER, "
    "unknown INTEGER, total INTEGER?, level TEXT?, overall REAL?, scored_with TEXT?, "
    "bank_hash TEXT, created_at TEXT, created_us INTEGER, updated_at TEXT, updated_us INTEGER, "
    "team_key TEXT, organisation_key TEXT, service_area_key TEXT, respondent_key TEXT, "
    "search TEXT"
)


def _columns(connection: sqlite3.Connection, table: str) -> list[tuple[str, str, int, int]]:
    return [
        (name, kind, notnull, pk)
        for _, name, kind, notnull, _, pk in connection.execute(f"PRAGMA table_info({table})")
    ]


def test_the_generated_schema_is_the_version_2_schema() -> None:
    connection = schema.open_memory()
    for table, columns in VERSION_2.items():
        assert _columns(connection, table) == columns, table
    sessions = ", ".join(
        f"{name} {kind}" + (" PK" if pk else "" if notnull else "?")
        for name, kind, notnull, pk in _columns(connection, "sessions")
    )
    assert sessions == SESSIONS_V2
    without_rowid = {
        name
        for name, sql in connection.execute("SELECT name, sql FROM sqlite_master WHERE sql != ''")
        if sql and sql.endswith("WITHOUT ROWID")
    }
    assert without_rowid == {"meta", "files", "listing", "answers"}
    # Versions 3 to 5 have version 2's tables; the number changed so that an index built
    # before text was cleaned as it is read (text_safety, 3), whose answers do not keep their
    # bank versions (4), or that keeps why a file cannot be read in English rather than as a
    # phrase to word in the reader's language (5), is rebuilt rather than shown.
    assert schema.SCHEMA_VERSION == 5


def test_a_new_field_is_a_new_column_in_the_ddl_and_the_insert() -> None:
    class Widened(NamedTuple):
        id: str
        note: str | None
        weight: float | None

    table = schema.Table("widened", Widened, ("id",))
    assert table.ddl() == (
        "CREATE TABLE IF NOT EXISTS widened (\n"
        "    id TEXT PRIMARY KEY,\n    note TEXT,\n    weight REAL\n) WITHOUT ROWID"
    )
    assert table.insert() == "INSERT OR REPLACE INTO widened (id, note, weight) VALUES (?, ?, ?)"


def test_index_rows_are_selected_from_the_tables_and_read_back_by_name() -> None:
    assert all(name in SessionRow._fields or name in FileRow._fields for name in IndexRow._fields)
    connection = schema.open_memory()
    session = SessionRow(
        *("x",) * 11, 3, 1, 50, "thin", 61.5, "hash", "made-with", "2026-01-02T03:04:05+00:00",
        1, "2026-02-03T04:05:06+00:00", 2, *("k",) * 4, "search",
    )  # fmt: skip
    connection.execute(schema.SESSIONS.insert(), session._replace(id="s1", file="s1.json"))
    connection.execute(schema.FILES.insert(), FileRow("s1.json", 10, 20, 30, 0, None))
    sql = query_sql("", "updated_at", True, 0, None, None)
    (row,) = [index_row(found) for found in connection.execute(sql, [-1, 0])]
    assert (row.id, row.file, row.size, row.mtime_ns) == ("s1", "s1.json", 10, 20)
    assert (row.answered, row.unknown, row.total, row.level, row.overall) == (
        3,
        1,
        50,
        "thin",
        61.5,
    )
    assert row.bank_hash == "made-with"
    assert row.created_at.isoformat() == "2026-01-02T03:04:05+00:00"
    assert row.updated_at.isoformat() == "2026-02-03T04:05:06+00:00"
