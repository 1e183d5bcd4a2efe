"""A round member's app in workshop mode: their name, their own questions, and nothing else."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.round_store import RoundStore
from cocreate_tui.domain.storage import SessionStore
from cocreate_tui.domain.team_round import reveal
from cocreate_tui.ui.participant_app import ParticipantApp
from cocreate_tui.ui.screens.participant import ParticipantScreen
from cocreate_tui.ui.screens.questions import QuestionsScreen
from cocreate_tui.ui.screens.start import StartScreen

from .conftest import START, TickingClock, type_text, wait_for_screen, wait_until

SIZE = (100, 30)


def participant(
    bank: Bank, data_dir: Path, code: str, device: str | None, member_name: str | None = None
) -> ParticipantApp:
    store = SessionStore(data_dir)
    team_round = RoundStore(data_dir, store).load(code)
    return ParticipantApp(
        bank,
        store,
        data_dir,
        team_round,
        device=device,
        member_name=member_name,
        clock=TickingClock(),
        cursor_blink=False,
    )


async def give_name(pilot: Pilot[None], name: str) -> None:
    """On the member's page, write `name` and press Enter."""
    await wait_for_screen(pilot, ParticipantScreen)
    await type_text(pilot, name)
    await pilot.press("enter")


def status(app: ParticipantApp) -> str:
    return str(app.screen.query_one("#participant-status", Static).render())


async def test_a_member_answers_their_own_questions_and_can_open_nothing_else(
    demo_bank: Bank, data_dir: Path
) -> None:
    rounds = RoundStore(data_dir)
    code = rounds.create("Bolig for alle", demo_bank, START).code
    # Another member's session and an unrelated assessment lie in the same folder.
    rounds.join(code, "Ola", demo_bank, START)
    app = participant(demo_bank, data_dir, code, device="a" * 32)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, ParticipantScreen)
        title = str(app.screen.query_one("#participant-title", Static).render())
        assert code in title and "Bolig for alle" in title
        await give_name(pilot, "Kari")
        questions = await wait_for_screen(pilot, QuestionsScreen)
        own = rounds.load(code).member("Kari")
        assert own is not None and questions._keeper.session.id == own.session_id
        await pilot.press("1")
        await wait_until(
            pilot,
            lambda: (
                rounds.sessions.load(own.session_id).answer(demo_bank.questions[0].id).value
                is not None
            ),
            "the answer saved",
        )
        await pilot.press("escape")
        await wait_for_screen(pilot, ParticipantScreen)
        await wait_until(pilot, lambda: "Besvart 1 av" in status(app), "the progress shown")
        # The wizard's other doors stay shut: keys, the palette and the navigator alike.
        await pilot.press("s", "n", "ctrl+p")
        await pilot.pause()
        app.navigator.saved()
        app.navigator.open_session(rounds.load(code).members[0].session_id)  # Ola's
        app.navigator.new_assessment()
        await pilot.pause()
        assert isinstance(app.screen, ParticipantScreen)
        assert not any(isinstance(s, StartScreen) for s in app.screen_stack)
        assert len(app.screen_stack) == 1
        await pilot.press("ctrl+q")
    assert app.return_code == 0


async def test_another_browser_cannot_open_a_member_by_typing_their_name(
    demo_bank: Bank, data_dir: Path
) -> None:
    rounds = RoundStore(data_dir)
    code = rounds.create("Bolig for alle", demo_bank, START).code
    rounds.join(code, "Kari", demo_bank, START, device="a" * 32)
    rounds.join(code, "Ola", demo_bank, START)  # joined at the terminal: no browser key

    async def refused(name: str) -> None:
        app = participant(demo_bank, data_dir, code, device="b" * 32)
        async with app.run_test(size=SIZE) as pilot:
            await give_name(pilot, name)
            await wait_until(pilot, lambda: "allerede med i runden" in status(app), name)
            assert isinstance(app.screen, ParticipantScreen)

    await refused("Kari")
    await refused("ola")
    # The same browser finds its member again.
    app = participant(demo_bank, data_dir, code, device="a" * 32)
    async with app.run_test(size=SIZE) as pilot:
        await give_name(pilot, "kari")
        questions = await wait_for_screen(pilot, QuestionsScreen)
        kari = rounds.load(code).member("Kari")
        assert kari is not None and questions._keeper.session.id == kari.session_id
    assert [m.name for m in rounds.load(code).members] == ["Kari", "Ola"]


async def test_after_the_reveal_a_new_name_is_told_plainly_it_is_too_late(
    demo_bank: Bank, data_dir: Path
) -> None:
    rounds = RoundStore(data_dir)
    code = rounds.create("Bolig for alle", demo_bank, START).code
    rounds.join(code, "Kari", demo_bank, START)
    rounds.update(code, lambda r: reveal(r, demo_bank, rounds.member_sessions(r), START))
    app = participant(demo_bank, data_dir, code, device="c" * 32)
    async with app.run_test(size=SIZE) as pilot:
        await give_name(pilot, "Nina")
        await wait_until(pilot, lambda: "allerede vist" in status(app), "too late")
    assert [m.name for m in rounds.load(code).members] == ["Kari"]


async def test_a_member_among_the_questions_is_told_at_once_when_the_team_votes_again(
    demo_bank: Bank, data_dir: Path
) -> None:
    from datetime import timedelta

    from cocreate_tui.domain.team_round import revote

    rounds = RoundStore(data_dir)
    code = rounds.create("Bolig for alle", demo_bank, START).code
    question = demo_bank.questions[0].id
    _, ola = rounds.join(code, "Ola", demo_bank, START)
    rounds.sessions.save(ola.with_answer(question, value=1, now=START))
    app = participant(demo_bank, data_dir, code, device="a" * 32)
    async with app.run_test(size=SIZE) as pilot:
        await give_name(pilot, "Kari")
        await wait_for_screen(pilot, QuestionsScreen)
        await pilot.press("4")
        kari = rounds.load(code).member("Kari")
        assert kari is not None
        await wait_until(
            pilot,
            lambda: rounds.sessions.load(kari.session_id).answer(question).value is not None,
            "Kari's answer saved",
        )
        rounds.update(code, lambda r: reveal(r, demo_bank, rounds.member_sessions(r), START))
        rounds.update(code, lambda r: revote(r, question, START + timedelta(minutes=5)))
        # Kari is still among the questions; the notice comes without her going back.
        await wait_until(
            pilot,
            lambda: any("stemme på nytt" in str(n.message) for n in app._notifications),
            "the re-vote notice",
        )
        assert isinstance(app.screen, QuestionsScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, ParticipantScreen)
        await pilot.press("enter")  # «Fortsett å svare» has the focus
        questions = await wait_for_screen(pilot, QuestionsScreen)
        assert questions.question.id == question


async def test_with_the_name_given_the_member_goes_straight_to_their_questions(
    demo_bank: Bank, data_dir: Path
) -> None:
    # `cocreate round join CODE --name Kari` at a terminal: the name is not asked for again.
    rounds = RoundStore(data_dir)
    code = rounds.create("Bolig for alle", demo_bank, START).code
    rounds.join(code, "Ola", demo_bank, START)
    app = participant(demo_bank, data_dir, code, device=None, member_name="Kari")
    async with app.run_test(size=SIZE) as pilot:
        questions = await wait_for_screen(pilot, QuestionsScreen)
        kari = rounds.load(code).member("Kari")
        assert kari is not None and questions._keeper.session.id == kari.session_id
        assert questions.question.id == demo_bank.questions[0].id
        await pilot.press("escape")
        await wait_for_screen(pilot, ParticipantScreen)
        await wait_until(pilot, lambda: "Kari" in status(app), "Kari's own page")
