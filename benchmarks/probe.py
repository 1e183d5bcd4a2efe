"""One UI measurement in a fresh process, for benchmarks/run.py: `probe.py MODE [ARGS]`.

Modes: `minimal` and `cocreate DATA_DIR` print READY at the first frame (the app's Ready event),
then their peak memory; `wizard DATA_DIR SESSION_ID` answers every question of that session and
prints the CPU time of each answer; `saved DATA_DIR` opens the saved-assessments screen and
prints when its rows are on screen, then the time of each sort and filter. The baselines:
`key` is a minimal app updating one widget in place on a key press (CPU per key, timed as the
wizard's answers); `table INDEX_FILE` sorts and filters the same rows with plain SQLite queries
into a minimal DataTable (timed as the saved screen's); `parts` prints the resident memory of
the interpreter, then with Textual, pydantic and the bank's models, and the bank loaded. Each
app runs headless at a fixed size, started the way `cocreate` starts it (through `cli.main`),
so the measurement includes all a user waits for.
Results are printed as `KEY value` lines.
"""

from __future__ import annotations

import contextlib
import functools
import gc
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
PAGE = 100
"""Rows the `table` baseline shows: the saved screen's window."""


def say(key: str, value: object) -> None:
    """Report one result to the parent, at once."""
    print(f"{key} {value}", flush=True)


def start_clock() -> float:
    """The time now, for a sort or filter, after a full garbage collection.

    The collector's full pass falls after a fixed count of allocations, so in every round the
    same operation paid it (40-90 ms at 5,000 sessions): which one depended on the order of the
    probe's steps, not on the operation, and the slowest-of comparison picked it up. Both the
    screen and its baseline now start each operation with nothing to collect.
    """
    gc.collect()
    return time.perf_counter()


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


KEY_PRESSES = 30
"""Key presses timed by the `key` probe."""


def run_key() -> None:
    """The next question's baseline: a minimal app that updates one widget in place per key."""
    from textual import events
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Minimal(App[None]):
        BINDINGS = [("1", "next", "Next")]  # noqa: RUF012
        count = 0

        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Question 0", id="text")
            yield Footer()

        def action_next(self) -> None:
            self.count += 1
            self.query_one("#text", Static).update(f"Question {self.count}")

    async def drive(pilot: Any) -> None:
        app = pilot.app
        frames = count_frames()
        await pilot.pause()
        for _ in range(KEY_PRESSES):
            before = app.count
            started = time.process_time()
            app._driver.send_message(events.Key("1", "1"))
            await quiet(frames, lambda before=before: app.count != before)
            say("KEY_CPU_MS", f"{(time.process_time() - started) * 1000:.3f}")
            await pilot.pause()
        app.exit()

    Minimal().run(headless=True, size=SIZE, auto_pilot=drive)


def count_frames() -> list[int]:
    """A counter of the frames painted from now on (any screen's compositor refresh)."""
    from textual.screen import Screen

    frames = [0]
    paint = Screen._compositor_refresh

    def counted(self: Any) -> None:
        frames[0] += 1
        paint(self)

    Screen._compositor_refresh = counted  # type: ignore[method-assign]
    return frames


PLAIN_COLUMNS = {
    "team": "team",
    "status": "status",
    "answered": "answered",
    "level": "level",
    "overall": "overall",
    "updated": "updated_us",
}
"""The sort baseline's plain ORDER BY for each of SORTED_COLUMNS: a stored column as it is."""


def run_table(index_file: Path) -> None:
    """Sort and filter's baseline: plain SQLite queries over the same rows, into a DataTable."""
    import sqlite3

    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    columns = "id, team, status, answered, total, level, overall, updated_at"
    connection = sqlite3.connect(f"{index_file.absolute().as_uri()}?mode=ro", uri=True)

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield DataTable(cursor_type="row")

        def show(self, where: str, parameters: tuple[str, ...], order: str) -> None:
            rows = connection.execute(
                f"SELECT {columns} FROM sessions{where} ORDER BY {order} LIMIT {PAGE}", parameters
            ).fetchall()
            connection.execute(f"SELECT count(*) FROM sessions{where}", parameters).fetchone()
            table = self.query_one(DataTable)
            table.clear()
            for row in rows:
                table.add_row(*(str(value) for value in row[1:]), key=row[0])

    async def drive(pilot: Any) -> None:
        app = pilot.app
        table = app.query_one(DataTable)
        table.add_columns(*columns.split(", ")[1:])
        app.show("", (), "updated_us DESC")
        await pilot.pause()

        async def drawn(started: float) -> str:
            await pilot._wait_for_screen()
            app.screen._on_timer_update()
            return f"{(time.perf_counter() - started) * 1000:.3f}"

        for column in SORTED_COLUMNS:
            for direction in ("ASC", "DESC"):
                started = start_clock()
                app.show("", (), f"{PLAIN_COLUMNS[column]} {direction}")
                say("TABLE_SORT_MS", await drawn(started))
                await pilot.pause()
        for text in FILTER_TEXTS:
            started = start_clock()
            app.show(" WHERE instr(search, ?) > 0", (text,), "team")
            say("TABLE_FILTER_MS", await drawn(started))
            await pilot.pause()
        app.exit()

    Minimal().run(headless=True, size=SIZE, auto_pilot=drive)


def current_rss_kb() -> int:
    """Resident memory of this process now, in KB (Linux; 0 elsewhere)."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def run_parts() -> None:
    """The wizard's memory in parts, each what it adds to the one before: the interpreter,
    Textual (imported), pydantic with the bank's models, the bank loaded. The app's part is
    the wizard's peak less all of these."""
    say("RSS_INTERPRETER_KB", current_rss_kb())
    import textual.app
    import textual.widgets

    say("RSS_TEXTUAL_KB", current_rss_kb())
    from cocreate_tui.domain import bank_models  # pydantic, and its schema machinery

    say("RSS_PYDANTIC_KB", current_rss_kb())
    from cocreate_tui.domain.bank_loader import load_bank
    from cocreate_tui.domain.bank_location import shipped_bank_dir

    bank = load_bank(shipped_bank_dir())
    say("RSS_BANK_KB", current_rss_kb())
    assert bank and bank_models and textual.app and textual.widgets


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

    from cocreate_tui.ui.messages import OpenSession
    from cocreate_tui.ui.screens.questions import QuestionsScreen

    frames = count_frames()
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
    """Open the saved-assessments screen and report when its rows are first on screen."""
    from textual.screen import Screen
    from textual.widgets import DataTable

    from cocreate_tui.ui.screens.saved import SavedScreen

    def shown() -> bool:
        screen = app.screen
        if not isinstance(screen, SavedScreen):
            return False
        return any(table.row_count for table in screen.query(DataTable))

    # The first frame is the first paint of the screen with rows in its table, noted as it is
    # written out. Waiting for it with `pilot.pause()` and painting once more, as this probe
    # did, also counted the refresh the screen starts in a thread right after that frame
    # (`pause` waits for the whole process to idle): 200–350 ms at 50,000 sessions here.
    first_frame: list[float] = []
    paint = Screen._compositor_refresh

    def noted(self: Any) -> None:
        paint(self)
        if not first_frame and self is app.screen and shown():
            first_frame.append(time.perf_counter())

    Screen._compositor_refresh = noted  # type: ignore[method-assign]
    await app.run_action("saved")
    await wait_for(pilot, lambda: bool(first_frame))
    Screen._compositor_refresh = paint  # type: ignore[method-assign]
    say("SAVED_FRAME", first_frame[0])
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
            started = start_clock()
            screen.sort_by(column, toggle=True)
            say("SAVED_SORT_MS", await drawn(started))
            await app.workers.wait_for_complete()
            await pilot.pause()
    for text in FILTER_TEXTS:
        started = start_clock()
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
    elif mode == "key":
        run_key()
    elif mode == "table":
        run_table(Path(argv[2]))
    elif mode == "parts":
        run_parts()
    else:
        raise SystemExit(f"unknown probe {mode!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
