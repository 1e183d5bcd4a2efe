"""No escape sequence from data reaches a terminal: the real commands, run in a pseudo-terminal.

Sessions are written raw, as an old version or a hostile sender could have written them, with
an OSC 52 clipboard write, a title change and a cursor move in every free-text field; a file in
the sessions folder is named with one; an answers file has one in a key. Every command that
prints them runs in a real pseudo-terminal (and piped), and the bytes it writes are checked.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cocreate_tui.domain.bank_loader import load_bank
from cocreate_tui.domain.sessions import session_to_json
from cocreate_tui.domain.text_safety import clean_line, clean_text

from ..facilitator_helpers import build
from ..tiny_bank import write_tiny_bank
from ..ui.pty_terminal import DEADLINE, Terminal, wait_for

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

CLIPBOARD = "\x1b]52;c;SGFja2VkIQ==\x07"
TITLE = "\x1b]0;pwned\x1b\\"
CURSOR = "\x1b[2J\x1b[H"
HOSTILE = CLIPBOARD + TITLE + CURSOR + "\x9b31m\u202e"
ODD_NAME = f"odd{CLIPBOARD}.json"
SGR = re.compile(rb"\x1b\[[0-9;]*m")
"""Rich's own colours: the one kind of sequence a command may write to a terminal."""


@pytest.fixture
def world(tmp_path: Path) -> dict[str, Path | str]:
    bank_dir = write_tiny_bank(tmp_path / "bank")
    bank = load_bank(bank_dir)
    data = tmp_path / "data"
    sessions = data / "sessions"
    sessions.mkdir(parents=True)
    ids = []
    for name in ("Larvik", "Horten"):
        session = build(bank, {"anchor_up": 3, "calendar": 1}, {"anchor_up": "notat"}, team=name)
        raw = json.loads(session_to_json(session))
        raw["meta"]["team"] = f"{name}{HOSTILE}"
        raw["meta"]["respondent"] = f"Kari{HOSTILE}"
        raw["answers"]["anchor_up"]["note"] = f"Notat{HOSTILE}\nlinje to"
        (sessions / f"{session.id}.json").write_text(json.dumps(raw), encoding="utf-8")
        ids.append(session.id)
    (sessions / ODD_NAME).write_text("{}", encoding="utf-8")
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"answers": {f"q{CLIPBOARD}": 1}}), encoding="utf-8")
    return {"bank": bank_dir, "data": data, "a": ids[0], "b": ids[1], "answers": answers}


def _commands(world: dict[str, Path | str]) -> dict[str, list[str]]:
    a, b = str(world["a"]), str(world["b"])
    return {
        "list": ["list"],
        "list --json": ["list", "--json"],
        "show": ["show", a],
        "export md": ["export", a, "--format", "md"],
        "export csv": ["export", a, "--format", "csv"],
        "compare": ["compare", a, b],
        "merge": ["merge", a, b, "--name", "Felles"],
        "score (bad key)": ["score", str(world["answers"])],
        "import (broken)": ["import", str(Path(str(world["data"])) / "sessions" / ODD_NAME)],
    }


def _base(world: dict[str, Path | str]) -> list[str]:
    return [
        sys.executable,
        "-m",
        "cocreate_tui",
        "--bank",
        str(world["bank"]),
        "--data-dir",
        str(world["data"]),
    ]


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")} | {
        "TERM": "xterm-256color",
        "COLUMNS": "100",
        "LINES": "30",
    }


def test_hostile_text_is_cleaned_as_it_comes_in() -> None:
    assert clean_line(f"Larvik{HOSTILE}") == "Larvik]52;c;SGFja2VkIQ==]0;pwned\\[2J[H31m"
    assert "\x1b" not in clean_text(f"a{HOSTILE}\nb") and "\n" in clean_text("a\nb")
    assert clean_line("Lar\u200bvik\u200d") == "Larvik"
    assert clean_text("a\ud800b") == "ab"


@pytest.mark.parametrize(
    "name",
    [
        "list",
        "list --json",
        "show",
        "export md",
        "export csv",
        "compare",
        "merge",
        "score (bad key)",
        "import (broken)",
    ],
)
def test_no_escape_from_data_reaches_a_terminal(
    world: dict[str, Path | str], name: str, tmp_path: Path
) -> None:
    command = [*_base(world), *_commands(world)[name]]
    # Piped: not one ESC or C1 byte, and no traceback.
    piped = subprocess.run(command, check=False, capture_output=True, timeout=DEADLINE, env=_env())
    for stream in (piped.stdout, piped.stderr):
        assert b"\x1b" not in stream and "\x9b".encode() not in stream, stream[:400]
        assert b"Traceback" not in stream
    # In a pseudo-terminal: Rich's colours only.
    terminal = Terminal(command, _env())
    try:
        terminal.process.wait(timeout=DEADLINE)
        wait_for(lambda: not terminal._reader.is_alive(), "the end of the output")
    finally:
        terminal.kill()
    with terminal._lock:
        raw = bytes(terminal._output)
    assert raw, "the command printed nothing"
    rest = SGR.sub(b"", raw)
    assert b"\x1b" not in rest and "\x9b".encode() not in rest, rest[:400]
    assert b"Traceback" not in raw


def test_the_app_draws_no_escape_from_a_team_name(world: dict[str, Path | str]) -> None:
    # The start screen lists unfinished sessions: the hostile team names are on it.
    terminal = Terminal(_base(world), _env())
    try:
        wait_for(lambda: "Larvik" in terminal.text() and "Horten" in terminal.text(), "the list")
    finally:
        terminal.kill()
    with terminal._lock:
        raw = bytes(terminal._output)
    assert b"\x1b]52;" not in raw  # the clipboard write
    assert b"\x1b]0;pwned" not in raw  # the title
    assert "\u202e".encode() not in raw  # the bidi override
