"""Timing helpers for the benchmarks: paired subprocess runs, medians and percentiles."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

PROBE = Path(__file__).with_name("probe.py")


@dataclass
class Paired:
    """Wall times of a target and its baseline, run alternately in the same rounds."""

    target: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        """The median of each round's target over the same round's baseline.

        Each pair ran back to back, under the same load; the ratio of the two medians instead
        let a load that came and went during the run move the ratio (on a shared machine
        that is most of the noise).
        """
        pairs = zip(self.target, self.baseline, strict=True)
        return statistics.median(target / baseline for target, baseline in pairs)


@dataclass
class ProbeRun:
    """One probe process: when it started and the `KEY value` lines it printed."""

    spawned: float
    lines: list[tuple[str, str]]

    def values(self, key: str) -> list[str]:
        """Every value printed under `key`."""
        return [value for name, value in self.lines if name == key]

    def seconds_to(self, key: str) -> float:
        """Seconds from spawning the process to the moment it printed under `key`."""
        return float(self.values(key)[0]) - self.spawned

    def number(self, key: str) -> float:
        """The one number printed under `key`."""
        return float(self.values(key)[0])


def child_env(data_dir: Path, pycache: Path) -> dict[str, str]:
    """The environment of every child: a private data folder, no colour, compiled modules.

    Bytecode is cached in `pycache` (outside the source tree), as an installed package has
    it, so that no child pays for compiling a module that was changed since the last run.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(
        {
            "COCREATE_DATA_DIR": str(data_dir),
            "PYTHONPYCACHEPREFIX": str(pycache),
            "TERM": "dumb",
            "NO_COLOR": "1",
        }
    )
    return env


def time_command(argv: Sequence[str], env: dict[str, str]) -> float:
    """Wall seconds of one run of `argv`, with its output thrown away (it must succeed)."""
    started = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def paired_commands(
    target: Sequence[str], baseline: Sequence[str], env: dict[str, str], rounds: int
) -> Paired:
    """Run `target` and `baseline` alternately, `rounds` times each, after one warm-up each."""
    time_command(target, env)
    time_command(baseline, env)
    result = Paired()
    for round_number in range(rounds):
        # Alternating which goes first cancels a drift in the machine's speed.
        order = [(target, result.target), (baseline, result.baseline)]
        for argv, times in order if round_number % 2 == 0 else reversed(order):
            times.append(time_command(argv, env))
    return result


def run_probe(mode: str, *args: str, env: dict[str, str], timeout: float = 900) -> ProbeRun:
    """Run `probe.py MODE ARGS` and collect what it printed."""
    spawned = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(PROBE), mode, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"probe {mode} failed:\n{done.stderr[-3000:]}")
    lines = [tuple(line.split(" ", 1)) for line in done.stdout.splitlines() if " " in line]
    return ProbeRun(spawned, [(key, value) for key, value in lines])


def paired_probes(
    target: tuple[str, ...], baseline: tuple[str, ...], env: dict[str, str], rounds: int, key: str
) -> tuple[Paired, list[ProbeRun], list[ProbeRun]]:
    """Seconds to `key` (e.g. READY) of two probes run alternately, after one warm-up each."""
    run_probe(*target, env=env)
    run_probe(*baseline, env=env)
    result = Paired()
    target_runs: list[ProbeRun] = []
    baseline_runs: list[ProbeRun] = []
    for round_number in range(rounds):
        order = [(target, result.target, target_runs), (baseline, result.baseline, baseline_runs)]
        for probe, times, runs in order if round_number % 2 == 0 else reversed(order):
            run = run_probe(*probe, env=env)
            times.append(run.seconds_to(key))
            runs.append(run)
    return result, target_runs, baseline_runs


def percentile(values: Sequence[float], share: float) -> float:
    """The `share` percentile (0–1) of `values`, nearest rank."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[rank]
