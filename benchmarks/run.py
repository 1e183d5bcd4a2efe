"""Performance benchmarks, each target with its baseline: `python benchmarks/run.py [--quick]`.

Generates its own sessions in a temporary folder, runs every target of the performance issue
together with its baseline in the same run (alternating, several rounds, medians), and prints
first the machine's baselines, then a Markdown table of figures, ratios and PASS/FAIL. Every
limit is a ratio to a baseline measured in the same run, so that it holds on a slower or busier
machine; the absolute figures are shown for reading. The one absolute limit left is the next
question's CPU time (≤ 16 ms), judged beside its ratio. `--quick` uses 5,000 sessions and fewer
rounds; the full run uses 50,000 sessions.
"""

from __future__ import annotations

import argparse
import inspect
import itertools
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from generate_sessions import write_sessions
from timing import (
    Paired,
    ProbeRun,
    child_env,
    paired_commands,
    paired_probes,
    percentile,
    run_probe,
)

from cocreate_tui.domain.bank_loader import load_bank
from cocreate_tui.domain.bank_location import shipped_bank_dir
from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.bank_source import BankSource
from cocreate_tui.domain.session_index import RACY_NS, SessionIndex
from cocreate_tui.domain.sessions import Session, SessionMeta, new_session
from cocreate_tui.domain.storage import SessionStore

FULL_SESSIONS = 50_000
QUICK_SESSIONS = 5_000
SAVES = 300
"""Autosaves timed per variant: enough for a meaningful 99th percentile."""
ANSWERED = 40
SORT_KEYS = ("updated_at", "team", "organisation", "phase", "status", "level", "overall")
FILTERS = ("horten", "nav larvik", "kari", "evaluation")
PAGE = 100
"""Rows a lazy table asks the index for at a time."""
HELP_RUNS = 20
"""Paired runs of `--help` and `python -c pass` (the issue's measure: the median of 20)."""
PLAIN_SORTS = ("updated_us", "team", "organisation", "phase", "status", "level", "overall")
"""The in-process baseline's ORDER BY for each of SORT_KEYS: the stored column as it is."""
COLUMNS = "id, team, organisation, phase, status, answered, total, level, overall, updated_at"
"""What the baseline's plain query reads of each row."""

# The limits, each a ratio to its baseline in the same run. Chosen to hold on this project's
# machine and on the slower one of the issue (where `python -c pass` took 15–22 ms and the
# minimal app's first frame 270–290 ms); see benchmarks/NEXT_STEPS.md.
HELP_LIMIT = 3.0
LIST_LIMIT = 25.0
FIRST_FRAME_LIMIT = 1.3
SAVED_FRAME_LIMIT = 2.0
INDEX_LIMIT = 1.5
"""The index's slowest sort or filter (page + count) against the slowest plain query."""
SCREEN_LIMIT = 1.5
"""The saved screen's slowest sort or filter against plain queries into a minimal DataTable."""
AUTOSAVE_LIMIT = 2.0
"""An autosave's p99 against the p99 of writing the same bytes atomically (temp, fsync, rename)."""
ANSWER_LIMIT = 8.0
"""The next question's CPU against a minimal app updating one widget on a key press."""
ANSWER_CPU_MS = 16.0
WIZARD_MEMORY_LIMIT = 1.8
SAVED_MEMORY_LIMIT = 3.0
STEPS = (
    "command_line",
    "list_json",
    "startup",
    "index_operations",
    "autosave",
    "wizard",
    "saved_screen",
)
"""The benchmark's steps, as `Benchmarks` methods, in the order they run."""


@dataclass
class Row:
    """One line of the results table."""

    target: str
    figure: str
    baseline: str = "—"
    ratio: str = "—"
    limit: str = "—"
    verdict: str = "info"


def ms(seconds: float) -> str:
    """Seconds as milliseconds, to the precision that matters."""
    value = seconds * 1000
    return f"{value:.1f} ms" if value < 100 else f"{value:,.0f} ms"


def mb(kilobytes: float) -> str:
    """Kilobytes as megabytes."""
    return f"{kilobytes / 1024:.0f} MB"


def verdict(ok: bool) -> str:
    """PASS or FAIL."""
    return "PASS" if ok else "FAIL"


class Benchmarks:
    """The whole run: data in `root`, results in `rows`."""

    def __init__(self, root: Path, sessions: int, rounds: int) -> None:
        self.sessions = sessions
        self.rounds = rounds
        self.empty = root / "empty"
        self.big = root / "big"
        self.rows: list[Row] = []
        self.baselines: dict[str, str] = {}
        """The machine's baselines, by name, as measured in this run (printed first)."""
        self.bank = load_bank(shipped_bank_dir())
        self.env = child_env(self.empty, root / "pycache")
        self.python = [sys.executable]
        self.cocreate = cocreate_command()
        self.minimal_ready: list[float] = []
        self.minimal_rss: list[float] = []
        self.python_pass: list[float] = []

    def baseline(self, name: str, figure: str) -> None:
        """Record one of the machine's baselines (the latest measurement of it wins)."""
        self.baselines[name] = figure
        print(f"  baseline: {name}: {figure}", file=sys.stderr, flush=True)

    def add(self, row: Row) -> None:
        """Record a result and show progress on stderr."""
        self.rows.append(row)
        print(f"  {row.target}: {row.figure} ({row.verdict})", file=sys.stderr, flush=True)

    # --- data --------------------------------------------------------------------------------

    def prepare(self) -> None:
        """Write the sessions and build their index, timing the build."""
        self.empty.mkdir()
        print(f"Writing {self.sessions:,} sessions…", file=sys.stderr, flush=True)
        write_sessions(self.big, self.sessions, self.bank)
        # Files changed within RACY_NS of a refresh are read again by the next one; waiting
        # that long first keeps the build a single pass.
        time.sleep(RACY_NS / 1e9)
        print("Building the index…", file=sys.stderr, flush=True)
        started = time.perf_counter()
        report = SessionIndex(self.big, BankSource(shipped_bank_dir())).refresh()
        built = time.perf_counter() - started
        per_file = built / max(1, report.read)
        self.add(Row(f"index: first build, {self.sessions:,} sessions", ms(built)))
        self.add(Row("index: first build, per session", ms(per_file)))

    # --- command line ------------------------------------------------------------------------

    def command_line(self) -> None:
        """`--help` against `python -c pass`; `bank validate` and `score` import no Textual."""
        baseline = [*self.python, "-c", "pass"]
        runs = max(self.rounds, HELP_RUNS)
        help_run = paired_commands([*self.cocreate, "--help"], baseline, self.env, runs)
        self.python_pass.extend(help_run.baseline)
        self.baseline("`python -c pass`", median_ms(help_run.baseline, runs))
        name = f"`cocreate --help` (median of {runs} paired runs)"
        self.add(paired_row(name, help_run, HELP_LIMIT, "`python -c pass`"))
        answers = self.empty / "answers.toml"
        answers.write_text(answers_toml(self.bank), encoding="utf-8")
        for name, argv in (
            ("`cocreate bank validate`", ["bank", "validate"]),
            ("`cocreate score`", ["score", str(answers)]),
        ):
            loaded = textual_loaded(argv, self.env)
            times = paired_commands([*self.cocreate, *argv], baseline, self.env, self.rounds)
            self.python_pass.extend(times.baseline)
            imported = "Textual loaded" if loaded else "no Textual"
            figure = f"{ms(statistics.median(times.target))}, {imported}"
            self.add(
                Row(
                    name,
                    figure,
                    ms(statistics.median(times.baseline)),
                    f"{times.ratio:.1f}×",
                    "imports no Textual",
                    verdict(not loaded),
                )
            )

    def list_json(self) -> None:
        """`cocreate list --json` over all sessions, index fresh, against `python -c pass`."""
        target = [*self.cocreate, "--data-dir", str(self.big), "list", "--json"]
        listed = subprocess.run(target, env=self.env, capture_output=True, check=True).stdout
        # What is timed must be the real listing: every session, level and overall included.
        sessions = json.loads(listed)["sessions"]
        assert len(sessions) == self.sessions and all(s["level"] for s in sessions)
        run = paired_commands(target, [*self.python, "-c", "pass"], self.env, self.rounds)
        self.python_pass.extend(run.baseline)
        name = f"`cocreate list --json`, {self.sessions:,} sessions"
        self.add(paired_row(name, run, LIST_LIMIT, "`python -c pass`"))

    # --- the index, as the saved-assessments screen will use it -------------------------------

    def index_operations(self) -> None:
        """Refreshing, sorting and filtering the index in process, against plain SQLite queries."""
        index = SessionIndex(self.big, self.bank)
        index.refresh()
        fresh = [timed(index.refresh) for _ in range(self.rounds)]
        self.add(
            Row("index: refresh, nothing changed (a stat per file)", ms(statistics.median(fresh)))
        )
        store = SessionStore(self.big, bank=self.bank)
        after_save = []
        for _ in range(self.rounds):
            added = new_session(SessionMeta(team="Refresh"), self.bank)
            store.save(added)
            after_save.append(timed(index.refresh))
            store.path_for(added.id).unlink()  # the other figures keep their count
        index.refresh()
        self.add(
            Row(
                "index: refresh after a save (compares every stamp)",
                ms(statistics.median(after_save)),
            )
        )
        plain = sqlite3.connect(f"{index.path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            # Alternating: the index's page, then the plain query's, for each sort and filter.
            sorts, plain_sorts = {}, {}
            for key, column in zip(SORT_KEYS, PLAIN_SORTS, strict=True):
                sorts[key] = typical(lambda key=key: page(index, "", key))
                plain_sorts[key] = typical(lambda column=column: plain_page(plain, "", column))
            filters, plain_filters = {}, {}
            for text in FILTERS:
                filters[text] = typical(lambda text=text: page(index, text, "team"))
                plain_filters[text] = typical(lambda text=text: plain_page(plain, text, "team"))
        finally:
            plain.close()
        for kind, ours, theirs in (
            ("sort", sorts, plain_sorts),
            ("filter", filters, plain_filters),
        ):
            slowest = max(ours, key=ours.__getitem__)
            baseline = max(theirs.values())
            self.baseline(
                f"plain SQLite query, first page of {PAGE} + count, slowest {kind}, "
                f"{self.sessions:,} rows",
                ms(baseline),
            )
            self.add(
                Row(
                    f"index: {kind}, first page of {PAGE} + count (slowest: {slowest})",
                    ms(ours[slowest]),
                    ms(baseline),
                    f"{ours[slowest] / baseline:.2f}×",
                    f"≤ {INDEX_LIMIT:g}×",
                    verdict(ours[slowest] <= INDEX_LIMIT * baseline),
                )
            )

    def autosave(self) -> None:
        """Saving a 40-answer session, index update included, against writing its bytes alone."""
        for label, bank, busy in (
            ("index scores it", self.bank, False),
            ("index without a bank", None, False),
            ("stress: another thread refreshing all along", self.bank, True),
        ):
            # Rounds of SAVES each, the save and the bare write alternating; a round's p99 is
            # its third slowest, and one slow fsync or full garbage collection in a round
            # decided it (3.4x in one run, 1.3x in the next): the ratio is the median of the
            # rounds' ratios, as for every paired target.
            rounds = [
                save_times(SessionStore(self.big, bank=bank), self.bank, busy)
                for _ in range(self.rounds)
            ]
            p99s = [percentile(times, 0.99) for times, _ in rounds]
            plain_p99s = [percentile(plain, 0.99) for _, plain in rounds]
            ratio = statistics.median(
                p99 / plain for p99, plain in zip(p99s, plain_p99s, strict=True)
            )
            times = [t for round_times, _ in rounds for t in round_times]
            plain = [t for _, round_plain in rounds for t in round_plain]
            p99, plain_p99 = statistics.median(p99s), statistics.median(plain_p99s)
            if not busy:
                self.baseline(
                    "atomic write of a session's bytes (temp, fsync, rename), p99 "
                    f"(median of {len(rounds)} rounds of {SAVES})",
                    f"{ms(plain_p99)} (p50 {ms(statistics.median(plain))})",
                )
            figure = f"p99 {ms(p99)} (p50 {ms(statistics.median(times))}, max {ms(max(times))})"
            # Under stress the save never waits for the index (it skips a busy one), but it
            # shares the interpreter lock with the refreshing thread: shown, not judged.
            judged = "info" if busy else verdict(ratio <= AUTOSAVE_LIMIT)
            self.add(
                Row(
                    f"autosave, 40 answers, {label} (p99 of {SAVES} saves, median of "
                    f"{len(rounds)} rounds)",
                    figure,
                    f"p99 {ms(plain_p99)}",
                    f"{ratio:.2f}×",
                    f"≤ {AUTOSAVE_LIMIT:g}×",
                    judged,
                )
            )

    # --- the Textual app ----------------------------------------------------------------------

    def startup(self) -> None:
        """`cocreate` to its first frame against a minimal Textual app, paired."""
        run, _, baselines = paired_probes(
            ("cocreate", str(self.empty)), ("minimal",), self.env, self.rounds, "READY"
        )
        self.minimal_ready = run.baseline
        self.minimal_rss = [probe.number("RSS_KB") for probe in baselines]
        self.baseline("minimal Textual app, start to first frame", median_ms(run.baseline))
        self.baseline("minimal Textual app, peak memory", mb(statistics.median(self.minimal_rss)))
        self.add(
            paired_row("`cocreate` to first frame", run, FIRST_FRAME_LIMIT, "minimal Textual app")
        )

    def wizard(self) -> None:
        """Next question after an answer (CPU) against a minimal app's key press; peak memory."""
        # Several runs, each on a fresh session, alternating with the baseline: CPU time too
        # moves with the machine's load.
        probes, keys = [], []
        # One round first, not counted, as for the start-up pair: the first to open the
        # question screen compiles its modules into the run's bytecode cache, which an
        # installed package has already (~6 MB more at the peak, measured here).
        warm_up = new_session(SessionMeta(team="Benchmark"), self.bank)
        SessionStore(self.big).save(warm_up)
        run_probe("wizard", str(self.big), warm_up.id, env=self.env)
        for number in range(self.rounds):
            session = new_session(SessionMeta(team="Benchmark"), self.bank)
            SessionStore(self.big).save(session)
            pair = [
                lambda session=session: probes.append(
                    run_probe("wizard", str(self.big), session.id, env=self.env)
                ),
                lambda: keys.append(run_probe("key", env=self.env)),
            ]
            for run in pair if number % 2 == 0 else reversed(pair):
                run()
        key_cpu = median_of_medians(keys, "KEY_CPU_MS") / 1000
        self.baseline(
            "minimal Textual app, one widget updated in place per key (CPU)",
            f"{ms(key_cpu)} (median of {len(keys)} runs' medians)",
        )
        for key, name, judged in (
            ("ANSWER_CPU_MS", "key to next question painted", True),
            ("PILOT_CPU_MS", "the same through Pilot's press + pause, harness included", False),
        ):
            runs = [[float(value) for value in probe.values(key)] for probe in probes]
            median = median_of_medians(probes, key) / 1000
            every = [value for cpu in runs for value in cpu]
            ratio = median / key_cpu
            ok = median <= ANSWER_CPU_MS / 1000 and ratio <= ANSWER_LIMIT
            self.add(
                Row(
                    f"next question after an answer (CPU, {name}; median of {len(runs)} runs' "
                    f"medians, {len(runs[0])} answers each)",
                    f"{ms(median)} (p90 {ms(percentile(every, 0.9) / 1000)})",
                    ms(key_cpu) if judged else "—",
                    f"{ratio:.1f}×" if judged else "—",
                    f"≤ {ANSWER_CPU_MS:g} ms and ≤ {ANSWER_LIMIT:g}×" if judged else "—",
                    verdict(ok) if judged else "info",
                )
            )
        self.memory_row("peak memory: wizard", probes, WIZARD_MEMORY_LIMIT, None, parts=True)

    def saved_screen(self) -> None:
        """The saved-assessments screen: first frame, sort and filter, each against its baseline."""
        from cocreate_tui.ui.screens import saved

        # The lazy, index-backed screen asks the index for pages (`query`); until it does, its
        # figures are shown but not judged.
        backed = ".query(" in inspect.getsource(saved)
        not_backed = None if backed else "n/a: screen not index-backed yet"
        # Several rounds, each the screen, the plain table and the minimal app, in turn.
        probes, tables, minimal = [], [], []
        index_file = str(self.big.parent / "big" / "index.sqlite3")
        runs = [
            lambda: probes.append(run_probe("saved", str(self.big), env=self.env)),
            lambda: tables.append(run_probe("table", index_file, env=self.env)),
            lambda: minimal.append(run_probe("minimal", env=self.env)),
        ]
        for number in range(self.rounds):
            for run in runs[number % 3 :] + runs[: number % 3]:
                run()
        probe = probes[0]
        frames = [run.seconds_to("SAVED_FRAME") for run in probes]
        readies = [run.seconds_to("READY") for run in minimal]
        seconds, baseline = statistics.median(frames), statistics.median(readies)
        ratio = Paired(frames, readies).ratio  # round by round, as for every pair
        rows = int(probe.number("SAVED_ROWS_IN_WIDGET"))
        bank = "bank loaded" if probe.values("SAVED_BANK_LOADED") == ["True"] else "no bank"
        self.add(
            Row(
                f"saved assessments, {self.sessions:,} sessions: start to first frame "
                f"(median of {len(probes)}; {rows:,} rows in the widget, {bank})",
                ms(seconds),
                ms(baseline),
                f"{ratio:.2f}×",
                f"≤ {SAVED_FRAME_LIMIT:g}×",
                not_backed or verdict(ratio <= SAVED_FRAME_LIMIT),
            )
        )
        for operation, key, plain_key in (
            ("sort", "SAVED_SORT_MS", "TABLE_SORT_MS"),
            ("filter", "SAVED_FILTER_MS", "TABLE_FILTER_MS"),
        ):
            # Each sort and filter is done once per round, in the same order: its figure is
            # the median of its rounds, and the slowest of them is judged against the slowest
            # of the plain queries into a minimal table (one stray slow round is load, not us).
            times = per_operation(probes, key)
            plain = per_operation(tables, plain_key)
            if not times:
                self.add(Row(f"saved assessments: {operation}", "not measured"))
                continue
            self.baseline(
                f"plain SQLite query into a minimal DataTable ({PAGE} rows), slowest {operation}, "
                f"{self.sessions:,} rows",
                f"{ms(max(plain))} (median of its {len(tables)} rounds; fastest {ms(min(plain))})",
            )
            ratio = max(times) / max(plain)
            self.add(
                Row(
                    f"saved assessments: slowest {operation}, query + count + table redrawn "
                    f"(of {len(times)}, each the median of its {len(probes)} rounds; fastest "
                    f"{ms(min(times))})",
                    ms(max(times)),
                    ms(max(plain)),
                    f"{ratio:.2f}×",
                    f"≤ {SCREEN_LIMIT:g}×",
                    not_backed or verdict(ratio <= SCREEN_LIMIT),
                )
            )
        self.memory_row("peak memory: saved assessments", probes, SAVED_MEMORY_LIMIT, not_backed)

    def memory_row(
        self,
        name: str,
        probes: list[ProbeRun],
        limit: float,
        judged: str | None,
        *,
        parts: bool = False,
    ) -> None:
        """The highest peak memory of `probes` against the minimal app's, with its parts."""
        baseline = statistics.median(self.minimal_rss)
        peak = max(probe.number("RSS_KB") for probe in probes)
        ratio = peak / baseline
        figure = mb(peak)
        if parts:
            figure += f" ({memory_parts(self.env, peak)})"
        self.add(
            Row(
                f"{name}, {self.sessions:,} sessions",
                figure,
                mb(baseline),
                f"{ratio:.2f}×",
                f"≤ {limit}×",
                judged or verdict(ratio <= limit),
            )
        )


def memory_parts(env: dict[str, str], peak: float) -> str:
    """The peak in parts, each what it adds: interpreter, Textual, pydantic, bank, the app."""
    probe = run_probe("parts", env=env)
    stages = [probe.number(f"RSS_{stage}_KB") for stage in ("INTERPRETER", "TEXTUAL", "PYDANTIC")]
    stages += [probe.number("RSS_BANK_KB"), peak]
    names = ("interpreter", "Textual", "pydantic", "bank", "app")
    amounts = [stages[0]] + [after - before for before, after in itertools.pairwise(stages)]
    return " + ".join(f"{name} {mb(amount)}" for name, amount in zip(names, amounts, strict=True))


def median_ms(times: list[float], runs: int | None = None) -> str:
    """The median of `times` in milliseconds, with how many it is the median of."""
    return f"{ms(statistics.median(times))} (median of {runs or len(times)})"


def per_operation(probes: list[ProbeRun], key: str) -> list[float]:
    """Seconds of each operation the probes printed under `key` (the same operations, in the
    same order, in every probe), each the median over the probes."""
    runs = [[float(value) / 1000 for value in probe.values(key)] for probe in probes]
    return [statistics.median(times) for times in zip(*runs, strict=True)]


def median_of_medians(probes: list[ProbeRun], key: str) -> float:
    """The median over `probes` of each one's median value under `key`."""
    return statistics.median(
        statistics.median(float(value) for value in probe.values(key)) for probe in probes
    )


def paired_row(name: str, run: Paired, limit: float, baseline_name: str) -> Row:
    """A row for a target measured against a baseline."""
    baseline = statistics.median(run.baseline)
    return Row(
        name,
        ms(statistics.median(run.target)),
        f"{ms(baseline)} ({baseline_name})",
        f"{run.ratio:.2f}×",
        f"≤ {limit:g}×",
        verdict(run.ratio <= limit),
    )


def cocreate_command() -> list[str]:
    """The `cocreate` command as installed, else the module."""
    script = Path(sys.executable).with_name("cocreate")
    return [str(script)] if script.exists() else [sys.executable, "-m", "cocreate_tui"]


def textual_loaded(argv: list[str], env: dict[str, str]) -> bool:
    """Whether running `cocreate ARGV` imports any part of Textual."""
    code = (
        "import sys\nfrom cocreate_tui.cli import main\n"
        f"code = main({argv!r})\n"
        "print(any(m.split('.')[0] == 'textual' for m in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return done.stderr.strip().splitlines()[-1] == "True"


def answers_toml(bank: Bank) -> str:
    """An answers file with every question answered with its middle option."""
    lines = ["[answers]"]
    for question in bank.questions:
        lines.append(f"{question.id} = {question.options[len(question.options) // 2].value}")
    return "\n".join(lines) + "\n"


def timed(action: Callable[[], object]) -> float:
    """Wall seconds of one call."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def typical(action: Callable[[], object], times: int = 3) -> float:
    """Median wall seconds of a few calls."""
    return statistics.median(timed(action) for _ in range(times))


def page(index: SessionIndex, text: str, key: str) -> None:
    """What the saved screen's lazy table does to show its first page (`SavedScreen.reload`):
    the count for the scrollbar, then one page, told the count."""
    # Told the count, the index reads a rare match with one pass over the table rather than
    # along the sort column's index (see `query_sql`); without it a filter that 38 of 5,000
    # sessions match took 1.5× the plain query, which the screen never asks for.
    matching = index.count(text)
    index.query(text, sort_key=key, limit=PAGE, matching=matching)


def plain_page(connection: sqlite3.Connection, text: str, column: str) -> None:
    """The baseline of `page`: the same count and rows read with the plainest queries."""
    where, parameters = (" WHERE instr(search, ?) > 0", (text,)) if text else ("", ())
    connection.execute(f"SELECT count(*) FROM sessions{where}", parameters).fetchone()
    connection.execute(
        f"SELECT {COLUMNS} FROM sessions{where} ORDER BY {column} LIMIT {PAGE}", parameters
    ).fetchall()


def save_times(store: SessionStore, bank: Bank, busy: bool) -> tuple[list[float], list[float]]:
    """Seconds of each autosave of a 40-answer session, optionally while a refresh runs, and
    of writing the saved bytes atomically without anything else, alternately."""
    session = answered_session(bank)
    path = store.save(session)
    stop = threading.Event()
    refresher = threading.Thread(target=refresh_until, args=(store.index, stop), daemon=True)
    if busy:
        refresher.start()
    times, plain = [], []
    plain_path = path.with_name("plain.tmp")
    questions = bank.questions[:ANSWERED]
    try:
        for number in range(SAVES):
            question = questions[number % ANSWERED]
            value = question.options[number % len(question.options)].value
            session = session.with_answer(question.id, value)
            started = time.perf_counter()
            store.save(session)
            times.append(time.perf_counter() - started)
            data = path.read_bytes()
            plain.append(
                timed(lambda data=data: write_atomically(path.with_name("plain.tmp"), data))
            )
    finally:
        stop.set()
        if busy:
            refresher.join()
    plain_path.unlink(missing_ok=True)
    return times, plain


def write_atomically(path: Path, data: bytes) -> None:
    """The autosave's baseline: a temp file written and fsync'ed, renamed, the folder fsync'ed."""
    descriptor, temp = tempfile.mkstemp(dir=path.parent, suffix=".part")
    try:
        os.write(descriptor, data)
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    os.replace(temp, path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def refresh_until(index: SessionIndex, stop: threading.Event) -> None:
    """Refresh `index` over and over, as a screen's worker thread would, until `stop`."""
    while not stop.is_set():
        index.refresh()


def answered_session(bank: Bank) -> Session:
    """A session with the first 40 questions answered."""
    session = new_session(SessionMeta(team="Autosave"), bank)
    for question in bank.questions[:ANSWERED]:
        session = session.with_answer(question.id, question.options[0].value)
    return session


def print_table(rows: list[Row], baselines: dict[str, str], header: str) -> None:
    """The machine's baselines, then the results, as Markdown tables."""
    print(header)
    print()
    print("Baselines (this machine, this run):")
    print()
    print("| Baseline | Figure |")
    print("|---|---|")
    for name, figure in baselines.items():
        print(f"| {name} | {figure} |")
    print()
    print("| Target | Figure | Baseline | Ratio | Limit | Result |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        cells = (row.target, row.figure, row.baseline, row.ratio, row.limit, row.verdict)
        print("| " + " | ".join(cells) + " |")


def describe_machine(sessions: int, rounds: int) -> str:
    """One line on what was measured where."""
    versions = f"Python {platform.python_version()}, Textual {metadata.version('textual')}"
    machine = f"{os.cpu_count()} CPUs, {platform.system()}"
    return f"{sessions:,} sessions, {rounds} rounds per pair (medians); {versions}, {machine}"


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark and print the table; exit 1 if any target failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5,000 sessions, fewer rounds")
    parser.add_argument("--sessions", type=int, help="how many sessions to generate")
    parser.add_argument("--rounds", type=int, help="rounds per paired measurement")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=STEPS,
        metavar="STEP",
        help=f"run only these steps, of: {', '.join(STEPS)} (startup is run too for the "
        "wizard and the saved screen: their memory is judged against its minimal app)",
    )
    args = parser.parse_args(argv)
    chosen = set(args.only or STEPS)
    if chosen & {"wizard", "saved_screen"}:
        chosen.add("startup")
    sessions = args.sessions or (QUICK_SESSIONS if args.quick else FULL_SESSIONS)
    # Five rounds even when quick: with three, one slow round moved a median past its limit.
    rounds = args.rounds or (5 if args.quick else 7)
    with tempfile.TemporaryDirectory(prefix="cocreate-bench-") as folder:
        bench = Benchmarks(Path(folder), sessions, rounds)
        bench.prepare()
        for name in STEPS:
            if name not in chosen:
                continue
            step = getattr(bench, name)
            print(f"{step.__doc__.splitlines()[0]}", file=sys.stderr, flush=True)
            step()
    print_table(bench.rows, bench.baselines, describe_machine(sessions, rounds))
    return 1 if any(row.verdict == "FAIL" for row in bench.rows) else 0


if __name__ == "__main__":
    sys.exit(main())
