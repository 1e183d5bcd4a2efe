"""The wheel installed as a user without admin rights would: pipx, a clean home, no checkout.

pipx puts the app in a venv of its own under PIPX_HOME and the command in PIPX_BIN_DIR, both
in the user's home, as `py -m pipx install` does on a Windows laptop. The dependencies come
from the package registry (pip's own configuration); the project itself only from the wheel.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

from .build_helpers import REPO, build_wheel

pytest.importorskip("pipx", reason="pipx is in the dev extra")

PILOT_START = textwrap.dedent(
    """
    import asyncio, sys
    from pathlib import Path

    import cocreate_tui
    from cocreate_tui.domain.bank_location import shipped_bank_dir
    from cocreate_tui.domain.bank_source import BankSource
    from cocreate_tui.domain.storage import SessionStore
    from cocreate_tui.ui.app import CocreateApp


    async def main() -> None:
        folder = Path(sys.argv[1])
        source = BankSource(shipped_bank_dir())
        app = CocreateApp(source, SessionStore(folder, source), folder, cursor_blink=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            app.prefetch_bank()
            await app.workers.wait_for_complete()
            print(cocreate_tui.__file__)
            print(type(app.screen).__name__)
            print(app.bank.info.id if app.bank_error is None else "bank error")


    asyncio.run(main())
    """
)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], Path, Path]:
    """The environment, the `cocreate` command and the venv's Python of a pipx install."""
    root = tmp_path_factory.mktemp("pipx")
    wheel = build_wheel(root / "wheel")
    env = _clean_env(root)
    subprocess.run(
        [sys.executable, "-m", "pipx", "install", "--python", sys.executable, str(wheel)],
        check=True,
        capture_output=True,
        env=env,
        cwd=root,
    )
    bin_dir = Path(env["PIPX_BIN_DIR"])
    command = next(bin_dir.glob("cocreate*"))
    venv = Path(env["PIPX_HOME"]) / "venvs" / "cocreate-tui"
    python = next(
        p for p in (venv / "bin" / "python", venv / "Scripts" / "python.exe") if p.exists()
    )
    return env, command, python


def _clean_env(root: Path) -> dict[str, str]:
    # Only what a user's login shell would have, plus pip's own settings (how it reaches the
    # package registry); nothing that points back into this checkout.
    home = root / "home"
    home.mkdir()
    keep = {"PATH", "SYSTEMROOT", "TEMP", "TMP", "LANG", "LC_ALL"}
    env = {k: v for k, v in os.environ.items() if k in keep or k.startswith("PIP_")}
    env.update(
        HOME=str(home),
        USERPROFILE=str(home),
        PIPX_HOME=str(home / "pipx"),
        PIPX_BIN_DIR=str(home / "bin"),
        COCREATE_DATA_DIR=str(root / "data"),
    )
    return env


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, check=False, capture_output=True, text=True, env=env, cwd=cwd, timeout=120
    )


def test_pipx_install_runs_help_validate_and_score(
    installed: tuple[dict[str, str], Path, Path], tmp_path: Path
) -> None:
    env, command, _ = installed
    help_ = _run([str(command), "--help"], env, tmp_path)
    assert help_.returncode == 0, help_.stderr
    assert help_.stdout.startswith("bruk: cocreate")
    assert "score" in help_.stdout

    validate = _run([str(command), "bank", "validate"], env, tmp_path)
    assert validate.returncode == 0, validate.stderr + validate.stdout

    shown = json.loads(_run([str(command), "bank", "show", "--json"], env, tmp_path).stdout)
    question = shown["questions"][0]
    answers = tmp_path / "answers.toml"
    answers.write_text(
        f"[answers]\n{question['id']} = {question['options'][-1]['value']}\n", encoding="utf-8"
    )
    score = _run([str(command), "score", str(answers), "--json"], env, tmp_path)
    assert score.returncode == 0, score.stderr
    assert json.loads(score.stdout)["level"] in {"not_ready", "thin", "thick", "undetermined"}


def test_pipx_install_starts_the_app_with_its_own_bank(
    installed: tuple[dict[str, str], Path, Path], tmp_path: Path
) -> None:
    env, _, python = installed
    script = tmp_path / "start.py"
    script.write_text(PILOT_START, encoding="utf-8")
    started = _run([str(python), str(script), str(tmp_path / "data")], env, tmp_path)
    assert started.returncode == 0, started.stderr
    module_file, screen, bank_id = started.stdout.split()
    # The installed copy, not this checkout: the shipped bank came out of the wheel.
    assert not Path(module_file).is_relative_to(REPO)
    assert Path(module_file).is_relative_to(Path(env["PIPX_HOME"]))
    assert screen == "StartScreen"
    bank = tomllib.loads((REPO / "questions" / "bank.toml").read_text(encoding="utf-8"))
    assert bank_id == bank["bank"]["id"]
