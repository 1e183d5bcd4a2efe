"""Privacy: nothing leaves the machine, and files are private.

The no-network check runs the CLI commands (and the app, headless) in a child interpreter with
an audit hook that records every attempt to make a network socket, resolve a name, or connect.
Local socket pairs (AF_UNIX, which asyncio uses to wake its own loop) are not network traffic.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from cocreate_tui.domain.sessions import session_to_json

from ..platform_guards import assert_private
from ..session_helpers import make_bank, make_session

SITE = textwrap.dedent(
    """
    # Installed as sitecustomize in every Python process the probe starts, children included:
    # each records its own network attempts, and the programs it starts, in one shared log.
    import json, os, socket, sys

    _LOG = os.environ.get("COCREATE_NET_LOG")
    NETWORK_FAMILIES = {socket.AF_INET, socket.AF_INET6}
    NAMED = ("socket.connect", "socket.bind", "socket.sendto", "socket.getaddrinfo",
             "socket.gethostbyname", "socket.gethostbyaddr", "urllib.Request",
             "http.client.connect")
    SPAWNS = ("subprocess.Popen", "os.posix_spawn", "os.exec", "os.system", "os.spawn")

    def _record(event, detail=""):
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(json.dumps({"pid": os.getpid(), "event": event, "detail": detail}) + "\\n")

    def _hook(event, args):
        if event == "socket.__new__" and args[1] in NETWORK_FAMILIES:
            _record(event)
        elif event in NAMED:
            if event in ("socket.connect", "socket.bind") and args[0].family == socket.AF_UNIX:
                return
            _record(event)
        elif event in SPAWNS:
            # A Python child is probed by this same file; anything else is reported.
            program = str(args[0]) if args else ""
            if os.path.basename(program).startswith("python") or program == sys.executable:
                return
            _record("spawn", program)

    if _LOG:
        sys.addaudithook(_hook)
    """
)

PROBE = textwrap.dedent(
    """
    import json, sys
    from cocreate_tui.cli import main
    for argv in json.loads(sys.argv[1]):
        try:
            main(argv)
        except SystemExit:
            pass
    """
)


def probe_events(code: str, arg: str, cwd: Path) -> list[dict[str, object]]:
    """Run `code` with `arg`; every network attempt of it or of any process it starts."""
    site = cwd / "probe-site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(SITE, encoding="utf-8")
    log = cwd / "probe-events.jsonl"
    log.unlink(missing_ok=True)
    env = os.environ | {"PYTHONPATH": str(site), "COCREATE_NET_LOG": str(log)}
    subprocess.run(
        [sys.executable, "-c", code, arg],
        capture_output=True,
        text=True,
        check=True,
        cwd=cwd,
        env=env,
        timeout=300,
    )
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def network_events(commands: list[list[str]], cwd: Path) -> list[str]:
    return [str(found["event"]) for found in probe_events(PROBE, json.dumps(commands), cwd)]


def test_the_probe_sees_a_network_attempt(tmp_path: Path) -> None:
    # Guards the guard: a probe that cannot see a connection proves nothing.
    code = "import socket as s, sys\ntry:\n    s.create_connection(('127.0.0.1', 9), timeout=0.1)\nexcept OSError:\n    pass"
    events = [found["event"] for found in probe_events(code, "", tmp_path)]
    assert "socket.connect" in events or "socket.__new__" in events


def test_the_probe_sees_a_network_attempt_in_a_child_process(tmp_path: Path) -> None:
    # The probe used to watch the first process only: a command that handed its network call
    # to a child (a helper script, a browser opener) passed unseen.
    child = "import socket as s\ntry:\n    s.create_connection(('127.0.0.1', 9), timeout=0.1)\nexcept OSError:\n    pass"
    code = f"import subprocess, sys\nsubprocess.run([sys.executable, '-c', {child!r}])"
    found = probe_events(code, "", tmp_path)
    parents = {entry["pid"] for entry in found if entry["event"] == "socket.connect"}
    assert parents, "a child's connection went unseen"
    spawned = probe_events("import subprocess\nsubprocess.run(['true'])", "", tmp_path)
    assert [entry["event"] for entry in spawned] == ["spawn"]


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
    # What `score --save` and `import` wrote is private too.
    assert_private(data, *data.rglob("*"))
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
    assert_private(*out.iterdir())


# --- the app: a whole headless session, then where the note ended up ------------------------

MARKER = "HEMMELIG-NOTAT-7f3a"

APP_PROBE = textwrap.dedent(
    """
    import asyncio, json, socket, sys
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
    from cocreate_tui.domain.bank_loader import load_bank
    from cocreate_tui.domain.bank_location import shipped_bank_dir
    from cocreate_tui.domain.paths import data_dir
    from cocreate_tui.domain.storage import SessionStore
    from cocreate_tui.ui.app import CocreateApp
    from cocreate_tui.cli import main as cli

    MARKER = sys.argv[1]
    KEYS = {" ": "space", "-": "minus"}

    async def until(pilot, name):
        for _ in range(400):
            if type(pilot.app.screen).__name__ == name:
                await pilot.pause()
                return
            await pilot.pause()
        raise SystemExit(f"timed out waiting for {name}")

    async def session():
        folder = data_dir()
        app = CocreateApp(load_bank(shipped_bank_dir()), SessionStore(folder), folder,
                          cursor_blink=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, "StartScreen")
            await pilot.press("n")
            await until(pilot, "NewSessionScreen")
            await pilot.press(*"Team")
            await pilot.press("enter")
            await until(pilot, "IntroScreen")
            await pilot.press("enter")
            await until(pilot, "QuestionsScreen")
            await pilot.press("2")
            await pilot.press("tab", *[KEYS.get(c, c) for c in MARKER], "escape")
            await pilot.press("3", "r")
            await until(pilot, "ReviewScreen")
            await pilot.press("r")
            await until(pilot, "ConfirmDialog")
            await pilot.click("#yes")
            await until(pilot, "ResultsScreen")
            await pilot.press("e")
            await until(pilot, "ExportDialog")
            await pilot.click("#with-notes")
            await app.workers.wait_for_complete()
            await pilot.press("ctrl+q")
        return folder

    folder = asyncio.run(session())
    [saved] = SessionStore(folder).list().sessions
    out = folder.parent / "cli-exports"
    out.mkdir()
    for fmt in ("md", "html", "json", "csv"):
        cli(["export", saved.id, "--no-notes", "--format", fmt, "-o", str(out / f"x.{fmt}")])
    print("EVENTS=" + json.dumps(events))
    print("DATA=" + str(folder))
    """
)


@pytest.mark.skipif(
    sys.platform == "win32",
    reason="Windows gives the default data folder from its known folders, not from HOME: "
    "the app would write into the real profile",
)
def test_the_app_opens_no_socket_and_the_note_stays_in_the_session_and_export(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    places = {
        "HOME": home,
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_CACHE_HOME": home / ".cache",
        "XDG_STATE_HOME": home / ".local" / "state",
        "TMPDIR": tmp_path / "tmp",
    }
    for folder in places.values():
        folder.mkdir(parents=True, exist_ok=True)
    env = {key: str(value) for key, value in places.items()}
    env |= {"PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "TZ": "UTC"}
    done = subprocess.run(
        [sys.executable, "-c", APP_PROBE, MARKER],
        check=False,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    events = json.loads(next(x for x in lines if x.startswith("EVENTS=")).removeprefix("EVENTS="))
    data = Path(next(x for x in lines if x.startswith("DATA=")).removeprefix("DATA="))
    assert events == []  # no network socket, name lookup or connection, in the app or the CLI
    # The default place, under the home (macOS: ~/Library/Application Support, whatever XDG says).
    assert data.is_relative_to(places["XDG_DATA_HOME"] if sys.platform == "linux" else home)

    # The note is in the session file and in the export that asked for notes; nowhere else.
    holding = sorted(
        str(path.relative_to(tmp_path))
        for path in tmp_path.rglob("*")
        if path.is_file() and not path.is_symlink() and MARKER.encode() in path.read_bytes()
    )
    sessions = [p for p in holding if "sessions" in Path(p).parts and p.endswith(".json")]
    exports = [p for p in holding if "exports" in Path(p).parts and p.endswith(".md")]
    assert len(sessions) == 1 and len(exports) == 1, holding
    assert holding == sorted(sessions + exports)  # not in the index, a log, a cache or a temp file
    cli_exports = sorted((data.parent / "cli-exports").iterdir())
    assert [p.suffix for p in cli_exports] == [".csv", ".html", ".json", ".md"]
    assert_private(*cli_exports)

    # Everything the app wrote under its data folder is private.
    assert_private(data, *data.rglob("*"))
    assert not list(data.rglob(".tmp-*"))
