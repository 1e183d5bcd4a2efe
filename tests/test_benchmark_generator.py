"""The benchmark session generator: valid, deterministic sessions the store can list."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.sessions import session_from_json, session_to_json
from cocreate_tui.domain.storage import SessionStore

from .platform_guards import assert_private

SCRIPT = Path(__file__).parents[1] / "benchmarks" / "generate_sessions.py"


def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_sessions", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_same_seed_same_sessions_and_all_valid(tiny_bank: Bank) -> None:
    gen = generator()
    first = [session_to_json(s) for s in gen.generate_sessions(tiny_bank, 60, seed=7)]
    again = [session_to_json(s) for s in gen.generate_sessions(tiny_bank, 60, seed=7)]
    other = [session_to_json(s) for s in gen.generate_sessions(tiny_bank, 60, seed=8)]
    assert first == again and first != other
    sessions = [session_from_json(text) for text in first]
    assert len({s.id for s in sessions}) == 60
    question_ids = {q.id for q in tiny_bank.questions}
    assert all(set(s.answers) <= question_ids for s in sessions)
    assert {s.meta.mode for s in sessions} == {"team", "individual"}
    assert {s.status for s in sessions} == {"complete", "in_progress"}
    assert any(a.unknown for s in sessions for a in s.answers.values())
    assert any(s.meta.phase == "after_first_meeting" for s in sessions)


def test_written_sessions_are_listed_and_private(tiny_bank: Bank, tmp_path: Path) -> None:
    assert generator().write_sessions(tmp_path / "data", 25, tiny_bank) == 25
    listing = SessionStore(tmp_path / "data").list()
    assert len(listing.sessions) == 25 and listing.unreadable == []
    path = listing.sessions[0].path
    assert_private(path, path.parent)


def test_command_line_uses_the_shipped_bank(shipped_bank: Bank, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(tmp_path / "bench"), "12"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.startswith("12 sessions in ")
    sessions = [
        SessionStore(tmp_path / "bench").load(path.stem)
        for path in (tmp_path / "bench" / "sessions").glob("*.json")
    ]
    assert len(sessions) == 12
    shipped = {q.id for q in shipped_bank.questions}
    assert all(s.bank.content_hash == shipped_bank.content_hash for s in sessions)
    assert all(set(s.answers) <= shipped for s in sessions)
