"""Make the README's SVG screenshots of the wizard with the shipped bank."""

from __future__ import annotations

import asyncio
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from cocreate_tui.domain.bank_loader import load_bank
from cocreate_tui.domain.bank_location import shipped_bank_dir
from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.round_store import RoundStore
from cocreate_tui.domain.storage import SessionStore
from cocreate_tui.domain.team_round import reveal
from cocreate_tui.ui.app import CocreateApp
from cocreate_tui.ui.screens.questions import QuestionsScreen
from cocreate_tui.ui.screens.results import ResultsScreen
from cocreate_tui.ui.screens.review import ReviewScreen
from cocreate_tui.ui.screens.team_round import RoundScreen

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
SIZE = (110, 36)
# A team that has done some homework but not the anchoring: digits pick options in order.
ANSWERS = "43252312422333232332342323143243333324333213232312221"


def answers_for(bank: Bank, digits: str) -> str:
    """`digits` fitted to the bank: a question added since they were written is answered 3."""
    return digits[: len(bank.questions)].ljust(len(bank.questions), "3")


async def wait_for(pilot, screen_type) -> None:  # type: ignore[no-untyped-def]
    for _ in range(400):
        if isinstance(pilot.app.screen, screen_type):
            return
        await pilot.pause()
    raise TimeoutError(screen_type.__name__)


async def main() -> None:
    bank = load_bank(shipped_bank_dir())
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        app = CocreateApp(
            bank,
            SessionStore(data),
            data,
            cursor_blink=False,
            clock=lambda: datetime(2026, 11, 27, 10, 0, tzinfo=UTC),
        )
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n")
            await pilot.press(*"Bolig for alle", "tab", *"Eksempel kommune / NAV")
            await pilot.press("ctrl+s", "enter")
            await wait_for(pilot, QuestionsScreen)
            # A digit past a question's last option is ignored, so cap it at the option count.
            digits = [
                str(min(int(d), len(q.options)))
                for d, q in zip(answers_for(bank, ANSWERS), bank.questions, strict=True)
            ]
            for digit in digits[:6]:
                await pilot.press(digit)
            await pilot.pause()
            app.save_screenshot(str(OUT / "question.svg"))
            for digit in digits[6:]:
                await pilot.press(digit)
            await wait_for(pilot, ReviewScreen)
            await pilot.press("r")
            await wait_for(pilot, ResultsScreen)
            await pilot.pause()
            app.save_screenshot(str(OUT / "results.svg"))
    await round_reveal(bank)
    print(f"wrote {OUT / 'question.svg'}, {OUT / 'results.svg'} and {OUT / 'round-reveal.svg'}")


# Five members of one team, answering alone: each digit string picks options in bank order.
MEMBERS = {
    "Kari": ANSWERS,
    "Ola": "43352312422333232332342323143243333324333213232312221",
    "Per": "42251312422233232332342323143243333324333213232312221",
    "Siri": "43252312432333232332342323143243333324333213232312221",
    "Ali": "13252312422333232332342323143243333324333213232312221",
}


async def round_reveal(bank: Bank) -> None:
    """The facilitator's screen of a team round right after «Vis svarene»."""
    moment = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        rounds = RoundStore(data)
        code = rounds.create("Bolig for alle", bank, moment, code="KVT7RN").code
        for name, digits in MEMBERS.items():
            _, session = rounds.join(code, name, bank, moment)
            for digit, question in zip(answers_for(bank, digits), bank.questions, strict=True):
                option = question.options[min(int(digit), len(question.options)) - 1]
                session = session.with_answer(question.id, value=option.value, now=moment)
            rounds.sessions.save(session)
        rounds.update(code, lambda r: reveal(r, bank, rounds.member_sessions(r), moment))
        app = CocreateApp(bank, SessionStore(data), data, cursor_blink=False, clock=lambda: moment)
        async with app.run_test(size=SIZE) as pilot:
            app.navigator.open_round(code)
            await wait_for(pilot, RoundScreen)
            await pilot.pause()
            app.save_screenshot(str(OUT / "round-reveal.svg"))


if __name__ == "__main__":
    asyncio.run(main())
