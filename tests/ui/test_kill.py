"""Kill the real `cocreate` (SIGKILL) as soon as the screen shows the answers: all are on disk.

The app runs in a pseudo-terminal and gets real key presses; the test polls the session file with
a deadline, never sleeps to synchronise.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest

from cocreate_tui.domain.sessions import Session, session_from_json

from .conftest import saved_sessions
from .demo_bank import write_demo_bank
from .pty_terminal import Terminal, terminal_env, wait_for

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

AUTOSAVE_INTERVAL = 30.0
"""How often an app that saved on a timer would save («saved within 30 s»). Saved at once, an
answer is in the file long before that, and before the screen shows it."""

KEYS_AND_ANSWERS = [
    # key, question, what the file must say
    (b"1", "und_difference", 0),
    (b"3", "und_open_outcome", 4),
    (b"0", "anchor_leadership", "unknown"),
    (b"v", "anchor_across", "unknown"),
    (b"2", "lead_control", 2),
]


def session_in(data_dir: Path) -> Session | None:
    sessions = saved_sessions(data_dir)
    return sessions[0] if sessions else None


def answered(data_dir: Path, question_id: str) -> bool:
    session = session_in(data_dir)
    return session is not None and session.answer(question_id).is_answered


def start_assessment(tmp_path: Path, team: bytes) -> tuple[Terminal, Path]:
    """`cocreate` on a fresh data folder, through the form and the introduction."""
    bank = write_demo_bank(tmp_path / "bank")
    data_dir = tmp_path / "data"
    env = terminal_env()
    command = [sys.executable, "-m", "cocreate_tui", "--bank", str(bank)]
    terminal = Terminal([*command, "--data-dir", str(data_dir)], env)
    try:
        wait_for(lambda: "Start en ny vurdering" in terminal.text(), "the start screen")
        terminal.send(b"n")
        wait_for(lambda: "Team eller sak" in terminal.text(), "the form")
        terminal.send(team + b"\r")
        wait_for(lambda: session_in(data_dir) is not None, "the new session's file")
        wait_for(lambda: "Start spørsmålene" in terminal.text(), "the introduction")
        terminal.send(b"\r")
        wait_for(lambda: "spørsmål 1 av 2" in terminal.text(), "the first question")
    except BaseException:
        terminal.kill()
        raise
    return terminal, data_dir


def test_sigkill_after_the_last_keypress_loses_no_answer(tmp_path: Path) -> None:
    terminal, data_dir = start_assessment(tmp_path, b"Kill team")
    try:
        terminal.send(b"".join(key for key, _, _ in KEYS_AND_ANSWERS))  # as fast as typed
        # Killed the moment the screen counts the last answer, without looking at the file:
        # an answer saved «soon» rather than at once (a timer, a save on the next question)
        # is then missing. Waiting for the file first could not tell the two apart.
        shown = f"Besvart {len(KEYS_AND_ANSWERS)} av 7"
        wait_for(lambda: shown in terminal.text(), "the screen to count the last answer")
        os.kill(terminal.process.pid, signal.SIGKILL)
    finally:
        terminal.kill()

    assert terminal.process.returncode == -signal.SIGKILL
    session = session_in(data_dir)  # parses: a kill never leaves a half-written file
    assert session is not None
    for _, question_id, expected in KEYS_AND_ANSWERS:
        answer = session.answer(question_id)
        if expected == "unknown":
            assert answer.unknown, question_id
        else:
            assert answer.value == expected, question_id
    assert session.meta.team == "Kill team"


def test_a_note_typed_just_before_ctrl_q_is_saved(tmp_path: Path) -> None:
    terminal, data_dir = start_assessment(tmp_path, b"Quit team")
    try:
        terminal.send(b"\t")
        # In the note, letters are text: the footer offers F2, not h, for «why».
        wait_for(lambda: "f2 Hvorfor?" in terminal.text(), "the note to have focus")
        # Type the note and quit in one burst, as a hurried team would.
        terminal.send(b"Lederen er med, men usikker\x11")
        wait_for(lambda: terminal.process.poll() is not None, "the app to quit")
    finally:
        terminal.kill()
    assert terminal.process.returncode == 0
    session = session_in(data_dir)
    assert session is not None
    assert session.answer("und_difference").note == "Lederen er med, men usikker"


class SessionFile:
    """The session's file, read again only when a stat says it changed (no inotify)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._seen: tuple[int, int, int] | None = None
        self._session: Session | None = None

    def answered(self, question_id: str) -> bool:
        status = os.stat(self.path)
        seen = (status.st_ino, status.st_size, status.st_mtime_ns)
        if seen != self._seen:
            self._seen = seen
            self._session = session_from_json(self.path.read_text(encoding="utf-8"))
        return self._session is not None and self._session.answer(question_id).is_answered


def test_each_answer_is_in_the_file_at_once_after_its_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Measured from the key press: how soon the file holds the answer, and whether it did
    # by the time the screen counted it. A save on a timer (or on the next question) shows
    # the answer first and writes it later; the kill test above catches that by killing,
    # this one says how long «at once» is.
    terminal, data_dir = start_assessment(tmp_path, b"Latency team")
    session = session_in(data_dir)
    assert session is not None
    file = SessionFile(data_dir / "sessions" / f"{session.id}.json")
    latencies: list[float] = []
    try:
        for number, (key, question_id, _) in enumerate(KEYS_AND_ANSWERS, start=1):
            shown = f"Besvart {number} av 7"
            since = terminal.mark()
            pressed = time.monotonic()
            terminal.send(key)
            in_file: float | None = None
            while time.monotonic() - pressed < AUTOSAVE_INTERVAL:
                # The screen first, then the file: when the screen shows the answer, a save
                # made before that is already there to see.
                on_screen = shown in terminal.text(since)
                if in_file is None and file.answered(question_id):
                    in_file = time.monotonic() - pressed
                if on_screen:
                    assert in_file is not None, f"{question_id}: shown before it was saved"
                    break
                time.sleep(0.001)  # a poll, not a wait for a guess: the loop ends on a state
            assert in_file is not None, f"{question_id}: not in the file {AUTOSAVE_INTERVAL} s on"
            latencies.append(in_file)
    finally:
        terminal.kill()
    with capsys.disabled():
        shown_ms = ", ".join(f"{seconds * 1000:.0f}" for seconds in latencies)
        print(f"\nkey press to answer in the file: {shown_ms} ms (max {max(latencies) * 1000:.0f})")
    assert max(latencies) < AUTOSAVE_INTERVAL
