"""Team round benchmarks, each beside its baseline in one run: `python benchmarks/round_bench.py`.

1. The facilitator's round screen with 12 members: how long after a member's save (the file
   replaced on disk) the screen shows the new count. Baseline: a bare Textual app that polls
   one file at the same interval, i.e. what polling alone costs. Limit: 100 ms.
2. `cocreate serve` with 12 participant pages: the memory of the server and its apps, per
   page, once every member has joined and sees their first question. Baseline: one tab of the
   full wizard, at its start screen, served the same way.

Prints a Markdown table. Shares nothing with run.py; run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cocreate_tui.domain.bank_loader import load_bank
from cocreate_tui.domain.bank_location import shipped_bank_dir
from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.round_store import RoundStore
from cocreate_tui.domain.sessions import Session
from cocreate_tui.domain.storage import SessionStore

MEMBERS = 12
POLL_SECONDS = 0.05
"""The round screen's own poll interval (ui/screens/team_round.py), given to the baseline."""
LIMIT_MS = 100.0
ADDRESS = re.compile(r"http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_-]+)")
JOIN = re.compile(r"/join\?key=([A-Z2-9]+)")


def now() -> datetime:
    return datetime.now(UTC)


# --- 1. the round screen's refresh ---------------------------------------------------------


def answered_one_more(session: Session, bank: Bank) -> Session:
    """`session` with its next unanswered question answered (the first option)."""
    for question in bank.questions:
        if session.answer(question.id).value is None:
            return session.with_answer(question.id, value=question.options[0].value, now=now())
    raise RuntimeError("every question answered")


async def time_saves(
    run_app: Callable[[], Any],
    seen: dict[str, float],
    save: Callable[[str], None],
    names: list[str],
    rng: random.Random,
) -> list[float]:
    """Save each member once, at a random moment, and time until the app has seen it."""
    app = run_app()
    delays = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)  # settled: the first read done
        for name in names:
            await asyncio.sleep(rng.uniform(0, 2 * POLL_SECONDS))  # any phase of the poll
            seen.pop(name, None)
            await asyncio.to_thread(save, name)
            saved = time.perf_counter()
            deadline = saved + 2.0
            while not seen.get(name) and time.perf_counter() < deadline:
                await asyncio.sleep(0.001)
            delays.append(((seen.get(name) or deadline) - saved) * 1000)
    return delays


def refresh_benchmark(bank: Bank, rounds: int) -> list[tuple[str, str, str, str, str, str]]:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    from cocreate_tui.ui.app import CocreateApp
    from cocreate_tui.ui.screens.team_round import RoundScreen

    folder = Path(tempfile.mkdtemp(prefix="round-bench-"))
    store = SessionStore(folder)
    rounds_store = RoundStore(folder, store)
    code = rounds_store.create("Benchmark", bank, now()).code
    names = [f"Medlem {n}" for n in range(1, MEMBERS + 1)]
    sessions = {name: rounds_store.join(code, name, bank, now())[1] for name in names}

    def save(name: str) -> None:
        sessions[name] = answered_one_more(sessions[name], bank)
        store.save(sessions[name])

    seen: dict[str, float] = {}

    def painted(name: str) -> None:
        seen[name] = time.perf_counter()

    class Watched(RoundScreen):
        """The real round screen, noting when each member's new count is on it."""

        def _set(self, team_round: Any) -> None:
            super()._set(team_round)
            for member in self.progress:
                expected = sum(a.value is not None for a in sessions[member.name].answers.values())
                if member.answered == expected and member.name not in seen:
                    # Timed once the new count is painted, not when the widget was told.
                    seen[member.name] = 0.0
                    self.call_after_refresh(painted, member.name)

    def round_app() -> CocreateApp:
        app = CocreateApp(bank, store, folder, cursor_blink=False)

        async def opened() -> None:
            await app.push_screen(Watched(rounds_store, bank, code, now, lambda _: None))

        app.call_later(opened)
        return app

    probe = folder / "probe"
    probe.write_text("0")

    class Poller(App[None]):
        """The baseline: one stat of one file every POLL_SECONDS, and a label updated."""

        def compose(self) -> ComposeResult:
            yield Static("", id="label")

        watched_name = ""
        last_stamp = 0

        def on_mount(self) -> None:
            self.last_stamp = probe.stat().st_mtime_ns
            self.set_interval(POLL_SECONDS, self.check_probe)

        def check_probe(self) -> None:
            stamp = probe.stat().st_mtime_ns
            if stamp != self.last_stamp:
                self.last_stamp = stamp
                self.query_one("#label", Static).update(str(stamp))
                self.call_after_refresh(painted, Poller.watched_name)

    def baseline_save(name: str) -> None:
        Poller.watched_name = name
        probe.write_text(name)

    rng = random.Random(15)
    target: list[float] = []
    baseline: list[float] = []
    for _ in range(rounds):
        # Alternating, so that both see the same load on the machine.
        target += asyncio.run(time_saves(round_app, seen, save, names, rng))
        baseline += asyncio.run(time_saves(Poller, seen, baseline_save, names, rng))
    median_target, median_base = statistics.median(target), statistics.median(baseline)
    worst = max(target)
    p90 = statistics.quantiles(target, n=10)[-1]
    return [
        (
            f"round screen, {MEMBERS} members: a save shown (median of {len(target)})",
            f"{median_target:.0f} ms (p90 {p90:.0f}, max {worst:.0f})",
            f"{median_base:.0f} ms (bare poller)",
            f"{median_target / median_base:.2f}×",
            f"≤ {LIMIT_MS:.0f} ms",
            "PASS" if p90 <= LIMIT_MS else "FAIL",
        )
    ]


# --- 2. serve's memory with participant pages ------------------------------------------------


def pss_kib(pid: int) -> int:
    """Proportional set size (shared pages split between their users), KiB; 0 once ended."""
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return 0


def rss_kib(pid: int) -> int:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def descendants(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(p) for p in (task / "children").read_text().split()]
    return found + [d for child in list(found) for d in descendants(child)]


def command_line(pid: int) -> str:
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    return ""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def read_until(ws: Any, marker: bytes, timeout: float = 60.0) -> None:
    import aiohttp

    seen = b""
    deadline = time.monotonic() + timeout
    while marker not in seen:
        message = await ws.receive(timeout=max(0.1, deadline - time.monotonic()))
        if message.type == aiohttp.WSMsgType.BINARY:
            seen = (seen + message.data)[-200_000:]
        elif message.type != aiohttp.WSMsgType.TEXT:
            raise RuntimeError(f"the page closed: {message}")


def settled_memory(pids: list[int]) -> tuple[int, int]:
    """(PSS, RSS) in KiB summed over `pids`, once they stop growing."""
    last = -1
    for _ in range(20):
        total = sum(pss_kib(pid) for pid in pids)
        if abs(total - last) < 256:
            break
        last = total
        time.sleep(0.25)
    return sum(pss_kib(p) for p in pids), sum(rss_kib(p) for p in pids)


def jar() -> Any:
    import aiohttp

    # Cookies for an address like 127.0.0.1 are kept only in an "unsafe" jar.
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def wizard_tab_memory(server: int, origin: str, token: str) -> tuple[int, int]:
    """The baseline: the server with one tab of the full wizard at its start screen."""
    async with jar() as http:
        async with http.get(f"{origin}/?token={token}", allow_redirects=False):
            pass
        url = f"{origin}/ws?width=100&height=30"
        async with http.ws_connect(url, headers={"Origin": origin}) as ws:
            await read_until(ws, b"Start en ny vurdering")
            await asyncio.sleep(1.0)
            memory = settled_memory([server, *descendants(server)])
    while descendants(server):  # the tab's app has ended
        await asyncio.sleep(0.1)
    return memory


async def participant_pages_memory(
    server: int, origin: str, key: str, code: str
) -> tuple[tuple[int, int], int]:
    """The server with MEMBERS participant pages, each joined and at its first question;
    and how many participant apps were running."""
    async with contextlib.AsyncExitStack() as stack:
        for n in range(1, MEMBERS + 1):
            member = await stack.enter_async_context(jar())
            join = f"{origin}/join?key={key}&code={code}"
            async with member.get(join, allow_redirects=False) as response:
                assert response.status == 303, await response.text()
            url = f"{origin}/r/ws?width=100&height=30"
            page = await stack.enter_async_context(
                member.ws_connect(url, headers={"Origin": origin})
            )
            await read_until(page, b"Skriv navnet ditt")
            await page.send_json(["stdin", f"Medlem{n}\r"])
            await read_until(page, b"Besvart 0 av")
        await asyncio.sleep(1.0)
        pids = [server, *descendants(server)]
        # textual-serve starts each app through a shell: count the apps, not the shells.
        lines = [command_line(pid) for pid in pids]
        apps = sum("--participant" in c and not c.startswith(("/bin/sh", "sh ")) for c in lines)
        return settled_memory(pids), apps


async def serve_memory(bank: Bank) -> list[tuple[str, str, str, str, str, str]]:
    folder = Path(tempfile.mkdtemp(prefix="round-serve-bench-"))
    code = RoundStore(folder).create("Benchmark", bank, now()).code
    port = free_port()
    log = folder / "serve.log"
    command = [sys.executable, "-m", "cocreate_tui", "serve", "--port", str(port)]
    command += ["--data-dir", str(folder), "--max-sessions", str(MEMBERS + 2)]
    with log.open("wb") as out:
        server = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        while not (found := ADDRESS.search(log.read_text())) or not JOIN.search(log.read_text()):
            assert server.poll() is None, log.read_text()
            await asyncio.sleep(0.05)
        token = found[2]
        key = JOIN.search(log.read_text())[1]  # type: ignore[index]
        origin = f"http://127.0.0.1:{port}"
        await asyncio.sleep(1.0)
        alone = settled_memory([server.pid])

        with_wizard = await wizard_tab_memory(server.pid, origin, token)
        with_pages, apps = await participant_pages_memory(server.pid, origin, key, code)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    def mib(kib: float) -> str:
        return f"{kib / 1024:.0f} MB"

    wizard_tab = with_wizard[0] - alone[0]
    per_page = (with_pages[0] - alone[0]) / MEMBERS
    per_page_rss = (with_pages[1] - alone[1]) / MEMBERS
    assert apps == MEMBERS, f"{apps} app processes for {MEMBERS} pages"
    return [
        ("serve alone (PSS)", mib(alone[0]), "—", "—", "—", "info"),
        (
            f"serve with {MEMBERS} participant pages (PSS, server + apps)",
            mib(with_pages[0]),
            "—",
            "—",
            "—",
            "info",
        ),
        (
            "per participant page (PSS; RSS in brackets)",
            f"{mib(per_page)} ({mib(per_page_rss)})",
            f"{mib(wizard_tab)} (one wizard tab)",
            f"{per_page / wizard_tab:.2f}×",
            "—",
            "info",
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds (default 5)")
    args = parser.parse_args()
    bank = load_bank(shipped_bank_dir())
    rows = refresh_benchmark(bank, args.rounds)
    rows += asyncio.run(serve_memory(bank))
    print(f"\nPython {sys.version.split()[0]}, {os.cpu_count()} cores\n")
    print("| Target | Figure | Baseline | Ratio | Limit | Result |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
