"""The real `cocreate` in a pseudo-terminal for the tests that need one: real key presses in,
the screen out as plain text, and a deadline on every wait (never a sleep to synchronise)."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import signal
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Callable

DEADLINE = 30.0
"""Seconds any one step may take before the test fails."""
ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[\]P_^][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b.")


def terminal_env() -> dict[str, str]:
    """This process's environment as an 80×24 xterm, without Textual's own test settings."""
    return {key: value for key, value in os.environ.items() if not key.startswith("TEXTUAL")} | {
        "TERM": "xterm-256color",
        "COLUMNS": "80",
        "LINES": "24",
    }


class Terminal:
    """`cocreate` in an 80×24 pseudo-terminal, with its output collected as plain text."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.process = subprocess.Popen(
            args, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.master = master
        self._output = bytearray()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        # The app blocks if nobody reads what it draws, so the output is read all the time.
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self._lock:
                self._output += chunk

    def text(self, since: int = 0) -> str:
        """What the app has drawn (from byte `since` of its output), without escape codes."""
        with self._lock:
            raw = bytes(self._output[since:])
        return ANSI.sub(b"", raw).decode("utf-8", "replace")

    def mark(self) -> int:
        """Where the output stands now, for `text(since=...)`."""
        with self._lock:
            return len(self._output)

    def send(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def kill(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=DEADLINE)
        os.close(self.master)


def wait_for(condition: Callable[[], bool], what: str) -> None:
    """Poll `condition` until it holds, or fail after DEADLINE seconds."""
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.01)
    raise AssertionError(f"timed out waiting for {what}")
