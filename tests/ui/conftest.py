"""Fixtures and helpers for the wizard's tests: a realistic bank, a fixed clock, condition waits."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

from cocreate_tui.domain.bank_loader import load_bank
from cocreate_tui.domain.bank_models import Bank, Lang
from cocreate_tui.domain.sessions import Session, session_from_json
from cocreate_tui.domain.storage import SessionStore
from cocreate_tui.ui.app import CocreateApp

from .demo_bank import write_demo_bank

START = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
MAX_PAUSES = 200
"""Condition waits give up after this many event-loop pauses (each a few milliseconds)."""


class TickingClock:
    """A clock that starts at a fixed moment and moves one second on each reading."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture(scope="session")
def demo_bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    return load_bank(write_demo_bank(tmp_path_factory.mktemp("demo")))


@pytest.fixture(autouse=True)
def _utc_local_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Times on screen are local; UTC makes them the same on every machine.
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


AppFactory = Callable[..., CocreateApp]


@pytest.fixture
def make_app(demo_bank: Bank, data_dir: Path) -> AppFactory:
    """Build an app on `data_dir` with a ticking clock and no cursor blink."""

    def factory(bank: Bank | None = None, lang: Lang = "nb", **options: Any) -> CocreateApp:
        return CocreateApp(
            bank or demo_bank,
            SessionStore(data_dir),
            data_dir,
            lang=lang,
            clock=options.pop("clock", TickingClock()),
            cursor_blink=False,
            **options,
        )

    return factory


async def wait_until(pilot: Pilot[Any], condition: Callable[[], bool], what: str = "") -> None:
    """Pause until `condition()` holds; fail after MAX_PAUSES pauses."""
    for _ in range(MAX_PAUSES):
        if condition():
            return
        await pilot.pause()
    raise AssertionError(f"timed out waiting for {what or condition}")


async def wait_for_screen(pilot: Pilot[Any], screen_type: type[Screen[Any]]) -> Any:
    """Wait until the app shows a screen of `screen_type` (screen switches take a moment)."""
    await wait_until(
        pilot, lambda: isinstance(pilot.app.screen, screen_type), f"{screen_type.__name__}"
    )
    await pilot.pause()
    return pilot.app.screen


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type `text` key by key."""
    keys = ["space" if char == " " else char for char in text]
    await pilot.press(*keys)


def saved_sessions(data_dir: Path) -> list[Session]:
    """Every session file in the data folder, parsed as the app would."""
    folder = data_dir / "sessions"
    if not folder.is_dir():
        return []
    return [
        session_from_json(path.read_text(encoding="utf-8"), source=str(path))
        for path in sorted(folder.glob("*.json"))
    ]


def only_session(data_dir: Path) -> Session:
    """The one session file in the data folder."""
    sessions = saved_sessions(data_dir)
    assert len(sessions) == 1, f"expected one session file, found {len(sessions)}"
    return sessions[0]
