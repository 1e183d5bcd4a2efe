"""The import contracts (pyproject's [tool.importlinter]) hold, and do catch a new cycle."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(root / "src")}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(root / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=root,
        env=environment,
        check=False,
    )


def test_the_contracts_are_kept() -> None:
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 kept, 0 broken" in done.stdout


def test_a_screen_importing_the_app_breaks_the_no_cycles_contract(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "src", tmp_path / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    about = tmp_path / "src" / "cocreate_tui" / "ui" / "screens" / "about.py"
    # Even deferred into a function, as the cycles this contract replaced were.
    about.write_text(
        about.read_text(encoding="utf-8")
        + "\n\ndef _app() -> None:\n    from ..app import CocreateApp\n",
        encoding="utf-8",
    )
    done = lint_imports(tmp_path)
    assert done.returncode == 1
    assert "No cycles are allowed in cocreate_tui.ui." in done.stdout
    assert ".screens -> .app (1 import)" in done.stdout
