"""`cocreate round join CODE --name NAME` at a terminal opens that member's own questions, as
«Bli med i en teamrunde» does: the real command in a pseudo-terminal, real key presses."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from cocreate_tui.domain.bank_loader import load_bank
from cocreate_tui.domain.round_store import RoundStore

from .conftest import START
from .demo_bank import write_demo_bank
from .pty_terminal import Terminal, terminal_env, wait_for

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


def test_round_join_at_a_terminal_opens_the_member_s_questions(tmp_path: Path) -> None:
    bank_dir = write_demo_bank(tmp_path / "bank")
    bank = load_bank(bank_dir)
    data_dir = tmp_path / "data"
    rounds = RoundStore(data_dir)
    code = rounds.create("Flyktningtjenesten", bank, START).code
    first = bank.questions[0]

    def kari_answered() -> bool:
        member = rounds.load(code).member("Kari")
        if member is None:
            return False
        return rounds.sessions.load(member.session_id).answer(first.id).value is not None

    command = [sys.executable, "-m", "cocreate_tui", "round", "join", code.lower()]
    options = ["--name", "Kari", "--bank", str(bank_dir), "--data-dir", str(data_dir)]
    terminal = Terminal([*command, *options], terminal_env())
    try:
        # Straight to the first question: no start screen, no name to type again.
        wait_for(lambda: "spørsmål 1 av" in terminal.text(), "Kari's first question")
        assert "Start en ny vurdering" not in terminal.text()
        terminal.send(b"4")
        wait_for(kari_answered, "Kari's answer in her own session")
        terminal.send(b"\x11")  # ctrl+q
        wait_for(lambda: terminal.process.poll() is not None, "the app to end")
    finally:
        terminal.kill()
    assert terminal.process.returncode == 0
    members = rounds.load(code).members
    assert [m.name for m in members] == ["Kari"]  # joined once, by the command and the app
    session = rounds.sessions.load(members[0].session_id)
    assert session.meta.respondent == "Kari"
    assert session.answer(first.id).value == first.options[3].value  # the fourth, as pressed
