"""The first frame comes before the bank and the index: drawn without pydantic or SQLite."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from textual.coordinate import Coordinate
from textual.widgets import DataTable, OptionList

from cocreate_tui.domain.bank_loader import load_bank
from cocreate_tui.domain.bank_location import shipped_bank_dir
from cocreate_tui.domain.bank_source import BankSource
from cocreate_tui.domain.sessions import SessionMeta, new_session
from cocreate_tui.domain.storage import SessionStore
from cocreate_tui.i18n import t
from cocreate_tui.ui.app import CocreateApp
from cocreate_tui.ui.screens.saved import SavedScreen
from cocreate_tui.ui.screens.start import StartScreen

from .conftest import wait_for_screen, wait_until
from .demo_bank import write_demo_bank


def saved_columns(screen: SavedScreen) -> list[str]:
    """The keys of the saved table's columns, left to right."""
    return [str(key.value) for key in screen.query_one(DataTable).columns]


FIRST_FRAME_PROBE = """
import sys
from pathlib import Path
import cocreate_tui.ui.app as ui_app
from cocreate_tui.cli import main

class Probe(ui_app.CocreateApp):
    CSS_PATH = str(Path(ui_app.__file__).with_name("app.tcss"))

    def on_ready(self) -> None:
        # Runs before the app's own `on_ready`, which starts loading the bank.
        heavy = ("pydantic", "cocreate_tui.domain.sessions", "cocreate_tui.domain.bank_models")
        heavy += ("sqlite3",)  # the index is opened after the first frame, too
        print(sorted(name for name in heavy if name in sys.modules), flush=True)
        self.exit()

    def run(self, **options) -> None:
        super().run(headless=True, size=(80, 24))

ui_app.CocreateApp = Probe
main(["--data-dir", sys.argv[1]])
"""


def test_the_first_frame_is_drawn_without_pydantic_or_the_bank(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME_PROBE, str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert done.stdout.strip().splitlines()[0] == "[]"


def test_the_shipped_bank_is_titled_as_the_app_shows_it_before_loading() -> None:
    # The first frame shows the app's name as the title; the shipped bank must agree.
    bank = load_bank(shipped_bank_dir())
    for lang in ("nb", "en"):
        assert bank.info.title.get(lang) == t("app_name", lang)


async def test_the_bank_loads_after_the_first_frame_and_fills_the_start_list(
    tmp_path: Path,
) -> None:
    source = BankSource(write_demo_bank(tmp_path / "bank"))
    data_dir = tmp_path / "data"
    bank = load_bank(source.folder)
    SessionStore(data_dir).save(new_session(SessionMeta(team="Bydel Nord"), bank))
    app = CocreateApp(source, SessionStore(data_dir, source), data_dir, cursor_blink=False)
    assert source.loaded is None
    async with app.run_test(size=(120, 40)) as pilot:
        start = await wait_for_screen(pilot, StartScreen)
        listing = start.query_one("#continue-list", OptionList)
        await wait_until(pilot, lambda: listing.option_count == 1, "the unfinished session")
        assert source.loaded is not None
        prompt = str(listing.get_option_at_index(0).prompt)
        assert "Bydel Nord" in prompt
        assert f"av {len(bank.questions)}" in prompt
        await wait_until(pilot, lambda: app.title == bank.info.title.nb, "the bank's title")


async def test_a_bank_found_broken_after_the_first_frame_ends_the_app_with_code_1(
    tmp_path: Path,
) -> None:
    folder = write_demo_bank(tmp_path / "bank", questions_toml="[[questions]\nid = \n")
    source = BankSource(folder)
    data_dir = tmp_path / "data"
    app = CocreateApp(source, SessionStore(data_dir, source), data_dir, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.bank_error is not None, "the bank's problems")
    assert app.return_code == 1
    assert app.bank_error is not None
    assert any(problem.file == "questions.toml" for problem in app.bank_error.problems)


async def test_the_saved_table_names_levels_without_loading_the_bank(tmp_path: Path) -> None:
    source = BankSource(write_demo_bank(tmp_path / "bank"))
    data_dir = tmp_path / "data"
    bank = load_bank(source.folder)
    past_run = SessionStore(data_dir, bank)
    past_run.save(new_session(SessionMeta(team="Bydel Nord"), bank))
    past_run.index.close()  # as a past run left it, ended
    SessionStore(data_dir, BankSource(source.folder)).index.refresh()
    app = CocreateApp(source, SessionStore(data_dir, source), data_dir, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, StartScreen)
        await app.run_action("saved")
        saved = await wait_for_screen(pilot, SavedScreen)
        table = saved.query_one(DataTable)
        await wait_until(pilot, lambda: table.row_count == 1, "the session's row")
        await app.workers.wait_for_complete()
        level = str(table.get_cell_at(Coordinate(0, saved_columns(saved).index("level"))))
        # An open session with no answers cannot be judged: the bank's words for that.
        assert level == bank.policy.levels.undetermined.label.nb.split(" – ")[0]
        assert source.loaded is None  # the start list and the table came from the index
