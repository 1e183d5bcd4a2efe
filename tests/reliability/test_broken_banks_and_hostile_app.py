"""Broken custom banks given with `--bank`, and an app that starts among hostile session files.

`cocreate --bank BROKEN` (the app itself) must stop before any window with exit code 1, the
bank's problems and no traceback, and leave the bank's files exactly as they were. And a data
folder full of hostile files must not stop the app: the good session is listed on the start
and saved screens, and the saved screen names every broken file and why.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, Static

from cocreate_tui.domain.bank_location import shipped_bank_dir
from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.sessions import SessionMeta, new_session
from cocreate_tui.domain.storage import SessionStore
from cocreate_tui.ui.screens.saved import SavedScreen
from cocreate_tui.ui.screens.start import StartScreen

from ..platform_guards import bare_environment
from ..ui.conftest import AppFactory, wait_for_screen, wait_until
from .test_hostile_files import FAR_OFF, HOSTILE, hashes


def missing_folder(root: Path) -> Path:
    return root / "finnes-ikke"


def bad_toml(root: Path) -> Path:
    bank = copy_of_shipped(root)
    (bank / "questions.toml").write_text("[[questions]\nid = \n", encoding="utf-8")
    return bank


def unknown_ids(root: Path) -> Path:
    bank = copy_of_shipped(root)
    path = bank / "questions.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('dimension = "understanding"', 'dimension = "ukjent-omraade"', 1)
    path.write_text(text.replace('lessons = ["', 'lessons = ["ukjent-laerdom", "', 1), "utf-8")
    return bank


def empty_folder(root: Path) -> Path:
    bank = root / "tom"
    bank.mkdir()
    return bank


def copy_of_shipped(root: Path) -> Path:
    bank = root / "bank"
    shutil.copytree(shipped_bank_dir(), bank)
    return bank


BROKEN_BANKS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "missing folder": (missing_folder, "finnes ikke"),
    "bad TOML": (bad_toml, "ikke gyldig TOML"),
    "unknown ids": (unknown_ids, "ukjent-omraade"),
    "empty folder": (empty_folder, "har ingen .toml-filer"),
}


@pytest.mark.parametrize("command", [[], ["list"]], ids=["the app", "list"])
@pytest.mark.parametrize("kind", list(BROKEN_BANKS))
def test_a_broken_bank_exits_1_with_its_problems(
    kind: str, command: list[str], tmp_path: Path
) -> None:
    make, expected = BROKEN_BANKS[kind]
    bank = make(tmp_path)
    before = hashes(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "cocreate_tui", *command, "--bank", str(bank)],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env=bare_environment(
            {
                "PATH": "/usr/bin:/bin",
                "HOME": str(tmp_path),
                "COCREATE_DATA_DIR": str(tmp_path / "d"),
            }
        ),
    )
    assert done.returncode == 1, done.stderr
    assert str(bank) in done.stderr and expected in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert "\x1b[?1049h" not in done.stdout  # no window was opened
    assert hashes(tmp_path) == before  # the bank is only ever read
    assert not (tmp_path / "d").exists()


async def saved_list_with_the_good_session(pilot: Pilot[Any]) -> SavedScreen:
    """From the start screen, which lists the one good session, to the saved list showing it."""
    start = await wait_for_screen(pilot, StartScreen)
    listing = start.query_one("#continue-list", OptionList)
    await wait_until(pilot, lambda: listing.option_count == 1, "the good session")
    await pilot.press("s")
    saved: SavedScreen = await wait_for_screen(pilot, SavedScreen)
    table = saved.query_one(DataTable)
    await wait_until(pilot, lambda: table.row_count == 1, "one good row")
    assert str(table.get_row_at(0)[0]) == "Team Gyldig"
    return saved


async def test_the_app_starts_among_hostile_files_and_names_each(
    make_app: AppFactory, data_dir: Path, demo_bank: Bank, tmp_path: Path
) -> None:
    store = SessionStore(data_dir)
    good = new_session(SessionMeta(team="Team Gyldig"), demo_bank)
    store.save(good)
    folders: list[Path] = []
    for index, make in enumerate(HOSTILE.values()):
        # Each kind in its own data folder would need many apps; instead they share one, each
        # under a name of its own, since several kinds write the same file name.
        staging = tmp_path / f"staging-{index}" / "data" / "sessions"
        staging.mkdir(parents=True)
        folders.append(make(staging))
    for index, made in enumerate(folders):
        target = store.directory / f"{index:02d}-{made.name}"
        if made.is_symlink():
            target.symlink_to(made.readlink())
        else:
            shutil.copyfile(made, target)
    before = hashes(data_dir)
    broken = sorted(p.name for p in store.directory.iterdir() if p.name != f"{good.id}.json")

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        saved = await saved_list_with_the_good_session(pilot)
        unreadable = str(saved.query_one("#saved-unreadable", Static).render())
        # The screen names the first few, each with its reason, and counts the rest.
        lines = unreadable.splitlines()
        named = [line for line in lines if line.split(":", 1)[0] in broken]
        assert named and all(line.split(":", 1)[1].strip() for line in named)
        more = re.search(r"og (\d+) til", unreadable)
        assert len(named) + (int(more.group(1)) if more else 0) == len(broken)
    assert hashes(data_dir) == before
    assert len(broken) == len(HOSTILE)


async def test_the_app_opens_beside_sessions_from_far_in_the_past_or_future_and_names_them(
    make_app: AppFactory, data_dir: Path, demo_bank: Bank
) -> None:
    # Such a file once made the app exit (code 0) before its start screen, naming nothing.
    store = SessionStore(data_dir)
    good = new_session(SessionMeta(team="Team Gyldig"), demo_bank)
    store.save(good)
    far_off = {HOSTILE[kind](store.directory).name: FAR_OFF[kind][1][0] for kind in FAR_OFF}
    before = hashes(data_dir)

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        saved = await saved_list_with_the_good_session(pilot)
        widget = saved.query_one("#saved-unreadable", Static)
        await wait_until(pilot, lambda: widget.display, "the unreadable files")
        lines = str(widget.render()).splitlines()
        for name, words in far_off.items():
            [line] = [line for line in lines if line.startswith(f"{name}:")]
            assert "created_at" in line and words in line, line
    assert hashes(data_dir) == before
