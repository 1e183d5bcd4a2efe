"""Until the facilitator reveals a round, its members' sessions are theirs alone: the saved list
shows them as the round's and opens none, the start screen leaves them out, and the member
reaches their own through «Bli med i en teamrunde». After the reveal they open as any session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, OptionList

from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.round_store import RoundStore
from cocreate_tui.domain.team_round import reveal
from cocreate_tui.ui.app import CocreateApp
from cocreate_tui.ui.dialogs.round_fields import RoundFieldsDialog
from cocreate_tui.ui.screens.compare import CompareScreen
from cocreate_tui.ui.screens.questions import QuestionsScreen
from cocreate_tui.ui.screens.results import ResultsScreen
from cocreate_tui.ui.screens.saved import SavedScreen
from cocreate_tui.ui.screens.session_review import SessionReviewScreen
from cocreate_tui.ui.screens.start import StartScreen

from ..facilitator_helpers import build
from .conftest import START, AppFactory, wait_for_screen, wait_until
from .saved_helpers import open_saved, scoring_app
from .test_round_flows import join

REFUSED = "Svarene i en teamrunde vises først når fasilitatoren viser dem for alle."


@pytest.fixture
def make_app(demo_bank: Bank, data_dir: Path) -> AppFactory:
    """The app as `cocreate` builds it: its index scores sessions with the bank."""
    return scoring_app(demo_bank, data_dir)


def open_round(bank: Bank, data_dir: Path) -> tuple[RoundStore, str, dict[str, str]]:
    """A round still answering: Kari has finished, Ola has answered one question; and an
    assessment of another team in the same folder. Returns the store, the code and the ids."""
    store = RoundStore(data_dir)
    code = store.create("Flyktningtjenesten", bank, START).code
    ids = {}
    for name, answered in (("Kari", len(bank.questions)), ("Ola", 1)):
        _, session = store.join(code, name, bank, START)
        for question in bank.questions[:answered]:
            session = session.with_answer(question.id, value=question.options[-1].value, now=START)
        if answered == len(bank.questions):
            session = session.with_status("complete", now=START)
        store.sessions.save(session)
        ids[name] = session.id
    other = build(bank, {"und_difference": 4}, team="Horten")
    store.sessions.save(other)
    ids["Horten"] = other.id
    return store, code, ids


def messages(app: CocreateApp) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


def cells(saved: SavedScreen, session_id: str) -> dict[str, str]:
    table = saved.query_one("#saved-table", DataTable)
    row = table.get_row(session_id)
    return {
        column.key.value or "": str(cell)
        for column, cell in zip(table.ordered_columns, row, strict=True)
    }


async def move_to(pilot: Any, saved: SavedScreen, session_id: str) -> None:
    table = saved.query_one("#saved-table", DataTable)
    table.move_cursor(row=[row.id for row in saved.rows].index(session_id))
    await pilot.pause()


async def test_the_saved_list_shows_members_sessions_as_the_round_s_and_opens_none(
    make_app: AppFactory, demo_bank: Bank, data_dir: Path
) -> None:
    store, code, ids = open_round(demo_bank, data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        saved = await open_saved(pilot)
        assert saved.total == 3
        kari = cells(saved, ids["Kari"])
        # No verdict and no score: those would tell what Kari answered.
        assert (kari["level"], kari["overall"]) == (f"Teamrunde {code}", "–")
        assert cells(saved, ids["Horten"])["level"] != f"Teamrunde {code}"

        # Kari's finished session (the read-only review) and Ola's open one (the questions).
        for name in ("Kari", "Ola"):
            await move_to(pilot, saved, ids[name])
            app.clear_notifications()
            await pilot.press("enter")
            await wait_until(pilot, lambda: any(REFUSED in m for m in messages(app)))
            assert f"Svarene til {name} hører til teamrunde {code}" in messages(app)[-1]
            assert "Bli med i en teamrunde" in messages(app)[-1]
            assert app.screen is saved
        # Nor through the action plan, a comparison, a merge or an export.
        for key in ("p", "e"):
            await move_to(pilot, saved, ids["Kari"])
            app.clear_notifications()
            await pilot.press(key)
            await wait_until(pilot, lambda: any(REFUSED in m for m in messages(app)))
            assert app.screen is saved
        await move_to(pilot, saved, ids["Horten"])
        await pilot.press("space")
        await move_to(pilot, saved, ids["Kari"])
        await pilot.press("space")
        for key in ("c", "m"):
            app.clear_notifications()
            await pilot.press(key)
            await wait_until(pilot, lambda: any(REFUSED in m for m in messages(app)))
            await app.workers.wait_for_complete()
            assert app.screen is saved
        assert not (data_dir / "exports").exists()

        # Revealed: the rows show their verdict again, and they open as any session does.
        store.update(code, lambda r: reveal(r, demo_bank, store.member_sessions(r), START))
        await pilot.press("escape")
        saved = await open_saved(pilot)
        assert cells(saved, ids["Kari"])["level"] != f"Teamrunde {code}"
        for name in ("Horten", "Kari"):
            await move_to(pilot, saved, ids[name])
            await pilot.press("space")
        await pilot.press("c")
        await wait_for_screen(pilot, CompareScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, SavedScreen)
        await move_to(pilot, saved, ids["Kari"])
        await pilot.press("enter")
        await wait_for_screen(pilot, SessionReviewScreen)


async def test_a_sort_by_verdict_or_score_gives_away_no_member_s_place(
    make_app: AppFactory, demo_bank: Bank, data_dir: Path
) -> None:
    # Kari answered the top option everywhere: sorted by their real score she would stand
    # above Horten. Before the reveal she and Ola sort as sessions without a score, last.
    store, code, ids = open_round(demo_bank, data_dir)
    middle = {question.id: question.options[1].value for question in demo_bank.questions}
    scored = build(demo_bank, middle, team="Horten").model_copy(update={"id": ids["Horten"]})
    store.sessions.save(scored)  # Horten answers everything: a verdict and a score
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        saved = await open_saved(pilot)
        horten = next(row for row in saved.rows if row.id == ids["Horten"])
        assert horten.overall is not None and horten.level != "undetermined"
        members = sorted([ids["Kari"], ids["Ola"]])
        for column in ("level", "overall"):
            for descending in (True, False):
                saved.sort_by(column)
                if saved.descending != descending:
                    saved.action_reverse()
                await pilot.pause()
                order = [row.id for row in saved.rows]
                assert order == [ids["Horten"], *sorted(members, reverse=descending)]
        store.update(code, lambda r: reveal(r, demo_bank, store.member_sessions(r), START))
        saved.reload(offset=0)
        await pilot.pause()
        saved.sort_by("overall")  # revealed: Kari's top answers put her first
        if not saved.descending:
            saved.action_reverse()
        await pilot.pause()
        assert saved.rows[0].id == ids["Kari"]


async def test_the_start_screen_leaves_members_sessions_out_until_the_reveal(
    make_app: AppFactory, demo_bank: Bank, data_dir: Path
) -> None:
    store, code, ids = open_round(demo_bank, data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        start = await wait_for_screen(pilot, StartScreen)
        listing = start.query_one("#continue-list", OptionList)
        await wait_until(pilot, lambda: listing.option_count == 1, "the unfinished list")
        assert listing.get_option_at_index(0).id == ids["Horten"]  # not Ola's, still answering
        # Nor does the navigator open it for anyone who asks by id.
        app.navigator.open_session(ids["Ola"])
        await wait_until(pilot, lambda: any(REFUSED in m for m in messages(app)))
        assert app.screen is start

        store.update(code, lambda r: reveal(r, demo_bank, store.member_sessions(r), START))
        await pilot.press("s")
        await wait_for_screen(pilot, SavedScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, StartScreen)
        await wait_until(pilot, lambda: listing.option_count == 2, "Ola's session listed")
        app.navigator.open_session(ids["Ola"])
        await wait_for_screen(pilot, QuestionsScreen)


async def test_the_member_reaches_their_own_session_through_the_round(
    make_app: AppFactory, demo_bank: Bank, data_dir: Path
) -> None:
    _, code, ids = open_round(demo_bank, data_dir)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        # Kari has finished: joining again shows her own results, the round still answering.
        await wait_for_screen(pilot, StartScreen)
        await pilot.press("down", "enter")
        await wait_for_screen(pilot, RoundFieldsDialog)
        await pilot.press(*code.lower(), "tab", *"Kari", "enter")
        results: ResultsScreen = await wait_for_screen(pilot, ResultsScreen)
        assert results._session.id == ids["Kari"]
    other = make_app()
    async with other.run_test(size=(120, 40)) as pilot:
        questions = await join(pilot, code, "Ola")
        assert questions._keeper.session.id == ids["Ola"]
