"""The domain core and the non-UI commands never import Textual, so they start fast."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
DOMAIN_MODULES = sorted(
    ".".join(path.relative_to(SRC).with_suffix("").parts)
    for path in (SRC / "cocreate_tui" / "domain").rglob("*.py")
    if path.name != "__init__.py"
)


def modules_loaded_by(code: str) -> set[str]:
    probe = code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    import json

    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_every_domain_module_is_checked() -> None:
    assert {"cocreate_tui.domain.scoring", "cocreate_tui.domain.merge"} <= set(DOMAIN_MODULES)


def test_domain_modules_never_import_textual_or_rich() -> None:
    loaded = modules_loaded_by("\n".join(f"import {m}" for m in DOMAIN_MODULES))
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "rich")}


@pytest.mark.parametrize(
    "argv",
    [
        ["bank", "validate"],
        ["bank", "show", "--json"],
        ["bank", "show"],
        ["score", "{answers}"],
        ["score", "{answers}", "--json"],
        ["--help"],
    ],
)
def test_non_ui_commands_never_import_textual(argv: list[str], tmp_path) -> None:  # type: ignore[no-untyped-def]
    answers = tmp_path / "a.toml"
    answers.write_text("[answers]\n", encoding="utf-8")
    args = [a.replace("{answers}", str(answers)) for a in argv]
    code = (
        "import sys\nfrom cocreate_tui.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
    )
    loaded = modules_loaded_by(code)
    assert "textual" not in loaded
    assert not any(m.startswith("textual.") for m in loaded)
