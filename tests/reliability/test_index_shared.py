"""The index stays sound when several index objects and processes use one data folder at once.

Closing any descriptor of a database file drops every POSIX lock the process holds on it. The
index once opened its own file to set its mode, so a second index object in a process (every
`SessionStore`) silently dropped the locks of the first; a `cocreate` in another process then
took itself for the last user, removed the shared-memory file, and the first object's next
write left an index SQLite called malformed (the benchmarks ran into it).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from cocreate_tui.domain.bank_loader import load_bank
from cocreate_tui.domain.bank_location import shipped_bank_dir
from cocreate_tui.domain.sessions import SessionMeta, new_session
from cocreate_tui.domain.storage import SessionStore

OTHER_PROCESS = """
import sys
from pathlib import Path
from cocreate_tui.domain.bank_loader import load_bank
from cocreate_tui.domain.bank_location import shipped_bank_dir
from cocreate_tui.domain.sessions import SessionMeta, new_session
from cocreate_tui.domain.storage import SessionStore
bank = load_bank(shipped_bank_dir())
store = SessionStore(Path(sys.argv[1]), bank)
store.index.refresh()
for number in range(10):
    store.save(new_session(SessionMeta(team=f"Annen prosess {number}"), bank))
store.index.refresh()
"""


def test_two_index_objects_and_another_process_leave_the_index_sound(tmp_path: Path) -> None:
    bank = load_bank(shipped_bank_dir())
    first = SessionStore(tmp_path, bank)
    for number in range(5):
        first.save(new_session(SessionMeta(team=f"Først {number}"), bank))
    first.index.refresh()
    for round_number in range(2):
        # A second index object in this process, as every new SessionStore makes.
        second = SessionStore(tmp_path, bank)
        second.save(new_session(SessionMeta(team="Andre"), bank))
        second.index.record_pending()  # written now, as its next read or its exit would
        subprocess.run([sys.executable, "-c", OTHER_PROCESS, str(tmp_path)], check=True)
        first.save(new_session(SessionMeta(team=f"Først igjen {round_number}"), bank))
        first.index.record_pending()
        with sqlite3.connect(tmp_path / "index.sqlite3") as check:
            assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            count = check.execute("SELECT count(*) FROM sessions").fetchone()[0]
        assert count == len(list((tmp_path / "sessions").glob("*.json")))
    assert len(first.index.query(limit=1000)) == 5 + 2 * 12
