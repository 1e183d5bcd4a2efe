"""Every screen's footer fits 80 columns in every shipped language, with the shipped bank:
nothing cut off, no stray characters, Help and the way back always there."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from itertools import groupby
from pathlib import Path
from typing import Any

import pytest
from textual.binding import Binding
from textual.pilot import Pilot

from cocreate_tui.domain.bank_models import Bank, Lang
from cocreate_tui.domain.sessions import Session, SessionMeta, new_session
from cocreate_tui.domain.storage import SessionStore
from cocreate_tui.ui.app import CocreateApp
from cocreate_tui.ui.base import Localised
from cocreate_tui.ui.footer_fit import essential, left_out
from cocreate_tui.ui.messages import OpenSession
from cocreate_tui.ui.screens.about import AboutScreen
from cocreate_tui.ui.screens.action_plan import ActionPlanScreen
from cocreate_tui.ui.screens.intro import IntroScreen
from cocreate_tui.ui.screens.new_session import NewSessionScreen
from cocreate_tui.ui.screens.questions import QuestionsScreen
from cocreate_tui.ui.screens.results import ResultsScreen
from cocreate_tui.ui.screens.review import ReviewScreen
from cocreate_tui.ui.screens.saved import SavedScreen
from cocreate_tui.ui.screens.session_review import SessionReviewScreen
from cocreate_tui.ui.screens.start import StartScreen
from cocreate_tui.ui.screens.team_round import RoundScreen
from cocreate_tui.ui.screens.trash import TrashScreen

from .conftest import START, AppFactory, wait_for_screen, wait_until
from .screen_text import screen_lines
from .test_round_snapshots import revealed_round

SESSION_ID = "0123456789abcdef0123456789abcdef"
WIDTH = 80
HELP = {"nb": "? Hjelp", "nn": "? Hjelp", "en": "? Help"}

Steps = Callable[[Pilot[Any]], Awaitable[None]]


def _session(bank: Bank, lang: Lang, complete: bool) -> Session:
    """All of the bank answered at the lowest level (the most advice), or two questions."""
    meta = SessionMeta(team="Flyktningtjenesten Larvik", organisation="Larvik kommune")
    session = new_session(meta, bank, now=START, language=lang)
    session = session.model_copy(update={"id": SESSION_ID})
    questions = bank.questions if complete else bank.questions[:2]
    for minute, question in enumerate(questions, start=1):
        session = session.with_answer(question.id, 0, now=START + timedelta(minutes=minute))
    if complete:
        session = session.with_status("complete", now=START + timedelta(hours=1))
    return session


async def _settled(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _start(pilot: Pilot[Any]) -> None:
    await wait_for_screen(pilot, StartScreen)
    await _settled(pilot)


async def _press_to(pilot: Pilot[Any], key: str, screen: type[Any]) -> None:
    await pilot.press(key)
    await wait_for_screen(pilot, screen)
    await _settled(pilot)


async def _metadata(pilot: Pilot[Any]) -> None:
    await _start(pilot)
    await _press_to(pilot, "n", NewSessionScreen)


async def _intro(pilot: Pilot[Any]) -> None:
    await _metadata(pilot)
    await pilot.press(*"Larvik")
    await _press_to(pilot, "ctrl+s", IntroScreen)


async def _about(pilot: Pilot[Any]) -> None:
    await _start(pilot)
    await _press_to(pilot, "a", AboutScreen)


async def _opened(pilot: Pilot[Any], screen: type[Any]) -> None:
    await _start(pilot)
    await pilot.press("s")
    saved = await wait_for_screen(pilot, SavedScreen)
    await _settled(pilot)
    await wait_until(pilot, lambda: bool(saved.rows), "the session listed")
    if screen is SavedScreen:
        return
    await _press_to(pilot, "enter", screen)


async def _open(pilot: Pilot[Any], screen: type[Any]) -> None:
    await _start(pilot)
    pilot.app.post_message(OpenSession(SESSION_ID))
    await wait_for_screen(pilot, screen)
    await _settled(pilot)


async def _question(pilot: Pilot[Any]) -> None:
    await _open(pilot, QuestionsScreen)


async def _review(pilot: Pilot[Any]) -> None:
    await _question(pilot)
    await _press_to(pilot, "r", ReviewScreen)


async def _results(pilot: Pilot[Any]) -> None:
    await _open(pilot, ResultsScreen)


async def _plan(pilot: Pilot[Any]) -> None:
    await _results(pilot)
    await _press_to(pilot, "p", ActionPlanScreen)


async def _saved(pilot: Pilot[Any]) -> None:
    await _opened(pilot, SavedScreen)


async def _session_review(pilot: Pilot[Any]) -> None:
    await _opened(pilot, SessionReviewScreen)


async def _trash(pilot: Pilot[Any]) -> None:
    await _opened(pilot, SavedScreen)
    await _press_to(pilot, "t", TrashScreen)


async def _round(pilot: Pilot[Any]) -> None:
    await _start(pilot)
    app = pilot.app
    assert isinstance(app, CocreateApp)
    app.navigator.open_round(ROUND_CODE)
    await wait_for_screen(pilot, RoundScreen)
    await _settled(pilot)


ROUND = "round"
"""The team round's reveal, seeded with the demo bank's answers (its own question ids)."""
ROUND_CODE = "KVT7RN"

SCREENS: dict[str, tuple[Steps, bool | str | None]] = {
    # screen: (steps, whether the seeded session is complete, or ROUND; None: none seeded)
    "start": (_start, False),
    "metadata": (_metadata, None),
    "intro": (_intro, None),
    "about": (_about, None),
    "question": (_question, False),
    "review": (_review, False),
    "results": (_results, True),
    "plan": (_plan, True),
    "saved": (_saved, True),
    "session-review": (_session_review, True),
    "trash": (_trash, True),
    "round-reveal": (_round, ROUND),
}
CASES = [(screen, lang) for screen in SCREENS for lang in ("nb", "nn", "en")]


@pytest.mark.parametrize(("screen", "lang"), CASES, ids=[f"{s}-{lang}" for s, lang in CASES])
async def test_every_footer_fits_80_columns_with_help_and_the_way_back(
    make_app: AppFactory,
    shipped_bank: Bank,
    demo_bank: Bank,
    data_dir: Path,
    screen: str,
    lang: Lang,
) -> None:
    steps, seeded = SCREENS[screen]
    bank = shipped_bank
    if seeded == ROUND:
        bank = demo_bank
        assert revealed_round(demo_bank, data_dir) == ROUND_CODE
    elif seeded is not None:
        SessionStore(data_dir).save(_session(shipped_bank, lang, bool(seeded)))
    app = make_app(bank=bank, lang=lang)
    async with app.run_test(size=(WIDTH, 24)) as pilot:
        await steps(pilot)
        shown = app.screen
        assert isinstance(shown, Localised)
        footer = screen_lines(app)[-1].replace("\xa0", " ")
        assert len(footer) <= WIDTH
        palette = shown.active_bindings[app.COMMAND_PALETTE_BINDING].binding
        palette_label = f"▏{app.get_key_display(palette)} {palette.description}"
        assert footer.endswith(palette_label), footer
        left = footer.removesuffix(palette_label)
        labels = _labels(shown, app.get_key_display)
        for label in labels:
            assert label in left, f"{label!r} cut off: {footer!r}"
            left = left.replace(label, "", 1)
        assert not left.strip(), f"stray {left.strip()!r} in {footer!r}"
        assert HELP[lang] in footer
        way_back = [b for b in _shown(shown) if essential(b) and b.action != "help"]
        assert way_back or isinstance(shown, StartScreen | IntroScreen), footer


def _shown(screen: Localised) -> list[Binding]:
    """The footer's keys, one binding per action, in order."""
    shown: dict[str, Binding] = {}
    for active in screen.active_bindings.values():
        if active.binding.show:
            shown.setdefault(active.binding.action, active.binding)
    return list(shown.values())


def _labels(screen: Localised, display: Callable[[Binding], str]) -> list[str]:
    """What the footer shows for each key, a group («12345 Answer») as one."""
    labels = []
    for group, part in groupby(_shown(screen), lambda binding: binding.group):
        keys = list(part)
        if group is not None and len(keys) > 1:
            labels.append("".join(display(b) for b in keys) + " " + group.description)
        else:
            labels += [f"{display(b)} {b.description}" for b in keys]
    return labels


def test_help_and_the_way_back_stay_however_narrow() -> None:
    keys = [
        Binding("e", "export", "Export"),
        Binding("escape", "close", "Close"),
        Binding("a", "show_all", "All advice"),
        Binding("question_mark", "help", "Help", key_display="?"),
    ]
    display: Callable[[Binding], str] = lambda binding: binding.key_display or binding.key  # noqa: E731
    assert left_out(keys, display, 80) == set()
    assert left_out(keys, display, 30, drop_first=("show_all",)) == {"show_all"}
    assert left_out(keys, display, 24, drop_first=("show_all",)) == {"show_all", "export"}
    assert left_out(keys, display, 1) == {"show_all", "export"}
