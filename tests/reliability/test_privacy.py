"""Privacy: nothing leaves the machine, and files are private.

The no-network check runs the CLI commands (and the app, headless) in a child interpreter with
an audit hook that records every attempt to make a network socket, resolve a name, or connect.
Local socket pairs (AF_UNIX, which asyncio uses to wake its own loop) are not network traffic.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from cocreate_tui.domain.sessions import session_to_json

from ..session_helpers import make_bank, make_session

PROBE = textwrap.dedent(
    """
    import json, socket, sys
    events = []
    NETWORK_FAMILIES = {socket.AF_INET, socket.AF_INET6}

    def hook(event, args):
        if event == "socket.__new__" and args[1] in NETWORK_FAMILIES:
            events.append(event)
        elif event in ("socket.connect", "socket.bind", "socket.sendto", "socket.getaddrinfo",
                       "socket.gethostbyname", "socket.gethostbyaddr", "urllib.Request",
                       "http.client.connect"):
            if event in ("socket.connect", "socket.bind") and args[0].family == socket.AF_UNIX:
                return
            events.append(event)

    sys.addaudithook(hook)
    from cocreate_tui.cli import main
    for argv in json.loads(sys.argv[1]):
        try:
            main(argv)
        except SystemExit:
            pass
    print("EVENTS=" + json.dumps(events))
    """
)


def network_events(commands: list[list[str]], cwd: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(commands)],
        capture_output=True,
        text=True,
        check=True,
        cwd=cwd,
    )
    line = next(line for line in done.stdout.splitlines() if line.startswith("EVENTS="))
    return json.loads(line.removeprefix("EVENTS="))


def test_the_probe_sees_a_network_attempt(tmp_path: Path) -> None:
    # Guards the guard: a probe that cannot see a connection proves nothing.
    probe = PROBE.replace(
        "from cocreate_tui.cli import main",
        "import socket as s\ntry:\n    s.create_connection(('127.0.0.1', 9), timeout=0.1)\nexcept OSError:\n    pass\nfrom cocreate_tui.cli import main",
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "[]"], capture_output=True, text=True, check=True
    )
    assert "socket.connect" in done.stdout or "socket.__new__" in done.stdout


def test_no_cli_command_opens_a_network_socket(tmp_path: Path) -> None:
    data = tmp_path / "data"
    sent = tmp_path / "sent.json"
    sent.write_text(session_to_json(make_session(team="Sendt", bank=make_bank())), encoding="utf-8")
    answers = Path(__file__).resolve().parents[1] / "golden" / "horten_first_start.toml"
    out = tmp_path / "out"
    commands = [
        ["--help"],
        ["bank", "validate"],
        ["bank", "show", "--json"],
        ["score", str(answers)],
        ["score", str(answers), "--json"],
        ["score", str(answers), "--save", "--data-dir", str(data)],
        ["import", str(sent), "--data-dir", str(data)],
        ["list", "--json", "--data-dir", str(data)],
        ["list", "--data-dir", str(data)],
    ]
    assert network_events(commands, tmp_path) == []
    # Exports of the saved sessions too (ids found by listing).
    listing = subprocess.run(
        [sys.executable, "-m", "cocreate_tui", "list", "--json", "--data-dir", str(data)],
        capture_output=True,
        text=True,
        check=True,
    )
    ids = [s["id"] for s in json.loads(listing.stdout)["sessions"]]
    exports = [
        ["export", ids[0], "--format", fmt, "-o", str(out / f"x.{fmt}"), "--data-dir", str(data)]
        for fmt in ("md", "html", "json", "csv")
    ]
    out.mkdir()
    exports.append(["show", ids[0], "--data-dir", str(data)])
    assert network_events(exports, tmp_path) == []
    assert sorted(p.name for p in out.iterdir()) == ["x.csv", "x.html", "x.json", "x.md"]
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in out.iterdir())
