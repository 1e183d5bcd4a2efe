"""One UI measurement in a fresh process, for benchmarks/run.py: `probe.py MODE [ARGS]`.

Modes: `minimal` and `cocreate DATA_DIR` print READY at the first frame (the app's Ready event),
then their peak memory; `wizard DATA_DIR SESSION_ID` answers every question of that session and
prints the CPU time of each answer; `saved DATA_DIR` opens the saved-assessments screen and
prints when its rows are on screen, then the time of each sort and filter. Each app runs
headless at a fixed size, started the way `cocreate` starts it (through `cli.main`), so the
measurement includes all a user waits for.
Results are printed as `KEY value` lines.
"""

from __future__ import annotations

import contextlib
import functools
import resource
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

SIZE = (120, 40)
"""Terminal size of every probe: a laptop window, as in the wizard's snapshots."""
WAIT_STEP = 0.01
MAX_WAIT = 600.0
"""Seconds a probe waits for a screen before it gives up (50,000 rows in a DataTable are slow)."""
SORTED_COLUMNS = ("team", "status", "answered", "level", "overall", "updated")
"""The saved table's columns sorted by the `saved` probe (those shown at 120 columns)."""
FILTER_TEXTS = ("horten", "nav larvik", "kari", "ferdig", "evaluering")
"""What the `saved` probe types into the filter (each applied as after the debounce)."""


def say(key: str, value: object) -> None:
    """Report one result to the parent, at once."""
    print(f"{key} {value}", flush=True)


def peak_rss_kb() -> int:
    """Peak resident memory of this process so far, in KB.

    On Linux VmHWM, since ru_maxrss of a child also counts the parent's memory it was forked
    from (the benchmark runner holds 50,000 sessions' worth by then).
    """
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def run_minimal() -> None:
    """The baseline: Header + Static + Footer, reporting its first frame."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Hello")
            yield Footer()

        def on_ready(self) -> None:
            say("READY", time.perf_counter())
            self.exit()

    Minimal().run(headless=True, size=SIZE)
    say("RSS_KB", peak_rss_kb())


def run_cocreate(data_dir: Path, scenario: Callable[[Any, Any], Awaitable[None]] | None) -> None:
    """`cocreate --data-dir DATA_DIR`, headless, driven by `scenario(app, pilot)` if given."""
    from textual import events

    import cocreate_tui.ui.app as ui_app
    from cocreate_tui.cli import main

    class Probe(ui_app.CocreateApp):
        # A relative CSS_PATH is found next to the class's module, which is now this one.
        CSS_PATH = str(Path(ui_app.__file__).with_name(str(ui_app.CocreateApp.CSS_PATH)))

        def on_ready(self, _: events.Ready) -> None:
            say("READY", time.perf_counter())
            if scenario is None:
                self.exit()

        def run(self, **_: Any) -> None:  # type: ignore[override]
            async def drive(pilot: Any) -> None:
                if scenario is not None:
                    await scenario(self, pilot)
                    self.exit()

            super().run(headless=True, size=SIZE, auto_pilot=drive)

    # app_command imports the class by name when it runs, so it builds the probe.
    ui_app.CocreateApp = Probe  # type: ignore[misc]
    main(["--data-dir", str(data_dir)])
    say("RSS_KB", peak_rss_kb())


async def wait_for(pilot: Any, condition: Callable[[], bool]) -> None:
    """Pause until `condition()` holds (never on a fixed sleep alone)."""
    deadline = time.monotonic() + MAX_WAIT
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not appear")
        await pilot.pause(WAIT_STEP)


async def wizard(session_id: str, app: Any, pilot: Any) -> None:
    """Open the in-progress session `session_id` and answer every question but the last.

    Each answer is timed twice. `ANSWER_CPU_MS`: from the key, sent as the terminal driver
    sends it, until the next question is painted and the app has gone quiet (no frame for
    QUIET seconds) – all the CPU the app spends on it, and nothing else. `PILOT_CPU_MS`, for
    comparison: the same key through Pilot's `press` and `pause`, whose idle waits send a
    callback through each of the screen's ~40 widgets twice and count that CPU too.
    """
    from textual import events
    from textual.screen import Screen

    from cocreate_tui.ui.messages import OpenSession
    from cocreate_tui.ui.screens.questions import QuestionsScreen

    frames = [0]
    paint = Screen._compositor_refresh

    def counted(self: Any) -> None:
        frames[0] += 1
        paint(self)

    Screen._compositor_refresh = counted  # type: ignore[method-assign]
    await app.workers.wait_for_complete()
    app.post_message(OpenSession(session_id))
    await wait_for(pilot, lambda: isinstance(app.screen, QuestionsScreen))
    await pilot.pause()
    screen = app.screen
    for number in range(len(app.bank.questions) - 1):
        before = screen.question.id
        if number % 2:  # every other answer through Pilot, for the comparison
            started = time.process_time()
            await pilot.press("1")
            await pilot.pause()
            say("PILOT_CPU_MS", f"{(time.process_time() - started) * 1000:.3f}")
        else:
            started = time.process_time()
            app._driver.send_message(events.Key("1", "1"))
            await quiet(frames, lambda before=before: screen.question.id != before)
            say("ANSWER_CPU_MS", f"{(time.process_time() - started) * 1000:.3f}")
            await pilot.pause()  # settle, outside the measurement
        if screen.question.id == before:
            raise RuntimeError("the answer did not move to the next question")


QUIET = 0.05
"""Seconds without a new frame after which an answer's work counts as done."""


async def quiet(frames: list[int], done: Callable[[], bool]) -> None:
    """Wait, without spending CPU, until `done()` and no frame has been painted for QUIET s."""
    import asyncio

    deadline = time.monotonic() + MAX_WAIT
    seen, since = frames[0], time.monotonic()
    while not (done() and frames[0] == seen and time.monotonic() - since >= QUIET):
        if frames[0] != seen:
            seen, since = frames[0], time.monotonic()
        if time.monotonic() > deadline:
            raise TimeoutError("the next question did not appear")
        await asyncio.sleep(QUIET / 5)


async def saved(app: Any, pilot: Any) -> None:
    """Open the saved-assessments screen and report when its rows are on screen."""
    from textual.widgets import DataTable

    from cocreate_tui.ui.screens.saved import SavedScreen

    def shown() -> bool:
        screen = app.screen
        if not isinstance(screen, SavedScreen):
            return False
        return any(table.row_count for table in screen.query(DataTable))

    await app.run_action("saved")
    await wait_for(pilot, shown)
    # Drawn: the events the rows caused handled, and the screen painted. Not `pilot.pause()`,
    # which waits for the whole process to idle, worker threads included (the screen refreshes
    # the index in one right after its first frame).
    await pilot._wait_for_screen()
    app.screen._on_timer_update()
    say("SAVED_FRAME", time.perf_counter())
    # Whether the bank (pydantic) had to be loaded for it: the table needs only the index.
    say("SAVED_BANK_LOADED", "pydantic" in sys.modules)
    table = next(iter(app.screen.query(DataTable)))
    say("SAVED_ROWS_IN_WIDGET", table.row_count)
    screen = app.screen
    # The index refresh runs in a worker after the first frame; let it finish, then sort and
    # filter as a user would: each timed from the call until the table is drawn anew (the
    # events it caused handled, the screen painted). The open-actions column is filled later
    # by a worker thread and is not part of the figure.
    await app.workers.wait_for_complete()
    await pilot.pause()

    async def drawn(started: float) -> str:
        await pilot._wait_for_screen()
        screen._on_timer_update()  # paint now, as the next refresh tick would
        return f"{(time.perf_counter() - started) * 1000:.3f}"

    for column in SORTED_COLUMNS:
        for _ in range(2):  # first in its natural direction, then turned round
            started = time.perf_counter()
            screen.sort_by(column, toggle=True)
            say("SAVED_SORT_MS", await drawn(started))
            await app.workers.wait_for_complete()
            await pilot.pause()
    for text in FILTER_TEXTS:
        started = time.perf_counter()
        screen.apply_filter(text)
        say("SAVED_FILTER_MS", await drawn(started))
        say("SAVED_FILTER_ROWS", f"{text}={screen.total}")
        await app.workers.wait_for_complete()
        await pilot.pause()
    screen.apply_filter("")
    await pilot.pause()


def main(argv: list[str]) -> int:
    """Run the probe named by `argv[1]`."""
    mode = argv[1]
    say("START", time.perf_counter())
    if mode == "minimal":
        run_minimal()
    elif mode == "cocreate":
        run_cocreate(Path(argv[2]), None)
    elif mode == "wizard":
        run_cocreate(Path(argv[2]), functools.partial(wizard, argv[3]))
    elif mode == "saved":
        run_cocreate(Path(argv[2]), saved)
    else:
        raise SystemExit(f"unknown probe {mode!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
