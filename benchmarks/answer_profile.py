"""Where an answer's time goes: `answer_profile.py [--calls] [--top N]`.

Answers every question of a new session, as `probe.py wizard` does (the key sent as the
terminal driver sends it, timed until the next question is painted and the app is quiet), and
prints per answer: the median CPU time, how many layouts and frames it took (answers grouped
by that: `LF` one layout and one frame, `F` a frame only, `B…` the footer's keys changed), and
with `--calls` the Python function calls per answer under cProfile with the most expensive
functions. CPU time on a shared virtual machine moves ±25 % between identical runs; the calls
per answer do not, so they are the measure to compare two versions of the code by.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import pstats
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import probe

from cocreate_tui.domain.bank_loader import load_bank
from cocreate_tui.domain.bank_location import shipped_bank_dir
from cocreate_tui.domain.sessions import SessionMeta, new_session
from cocreate_tui.domain.storage import SessionStore


def watch(events: list[str]) -> None:
    """Note each layout (L), frame (F) and footer update (B) in `events`."""
    from textual._compositor import Compositor
    from textual.screen import Screen

    from cocreate_tui.ui.widgets.steady_footer import SteadyFooter

    def noting(owner: Any, name: str, mark: str) -> None:
        original = getattr(owner, name)

        @functools.wraps(original)
        def noted(*args: Any, **kwargs: Any) -> Any:
            events.append(mark)
            return original(*args, **kwargs)

        setattr(owner, name, noted)

    noting(Compositor, "reflow", "L")
    noting(Screen, "_compositor_refresh", "F")
    noting(SteadyFooter, "bindings_changed", "B")


async def answer_all(
    session_id: str,
    profile: cProfile.Profile | None,
    found: list[tuple[float, str]],
    app: Any,
    pilot: Any,
) -> None:
    """Answer every question but the last; note each answer's CPU time and events."""
    from textual import events

    from cocreate_tui.ui.messages import OpenSession
    from cocreate_tui.ui.screens.questions import QuestionsScreen

    frames = probe.count_frames()
    marks: list[str] = []
    watch(marks)
    await app.workers.wait_for_complete()
    app.post_message(OpenSession(session_id))
    await probe.wait_for(pilot, lambda: isinstance(app.screen, QuestionsScreen))
    await pilot.pause()
    screen = app.screen
    for _ in range(len(app.bank.questions) - 1):
        before = screen.question.id
        marks.clear()
        started = time.process_time()
        if profile is not None:
            profile.enable()
        app._driver.send_message(events.Key("1", "1"))
        await probe.quiet(frames, lambda before=before: screen.question.id != before)
        if profile is not None:
            profile.disable()
        found.append(((time.process_time() - started) * 1000, "".join(marks)))
        await pilot.pause()  # settle, outside the measurement


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", action="store_true", help="count calls under cProfile")
    parser.add_argument("--top", type=int, default=25, help="functions listed with --calls")
    args = parser.parse_args()
    data = Path(tempfile.mkdtemp(prefix="cocreate-answers-"))
    bank = load_bank(shipped_bank_dir())
    session = new_session(SessionMeta(team="Benchmark"), bank)
    SessionStore(data).save(session)
    profile = cProfile.Profile() if args.calls else None
    found: list[tuple[float, str]] = []

    probe.run_cocreate(data, functools.partial(answer_all, session.id, profile, found))
    cpu = [ms for ms, _ in found]
    print(f"answers: {len(cpu)}, CPU per answer: median {statistics.median(cpu):.2f} ms")
    by_kind: dict[str, list[float]] = defaultdict(list)
    for ms, kind in found:
        by_kind[kind].append(ms)
    for kind, times in sorted(by_kind.items(), key=lambda item: -len(item[1])):
        median = statistics.median(times)
        print(f"  {kind or '-':10} {len(times):3} answers, median {median:6.2f} ms")
    if profile is not None:
        stats = pstats.Stats(profile)
        print(f"function calls per answer: {stats.total_calls / len(cpu):,.0f}")  # type: ignore[attr-defined]
        stats.sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
