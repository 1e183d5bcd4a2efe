"""What `cocreate --help` loads at start: only the sub-command named is built, and no module
that help does not need is imported (correctness, not timing: the benchmark times it)."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cocreate_tui.cli import build_parser, terminal_width

COMMANDS = (
    "bank",
    "score",
    "list",
    "show",
    "export",
    "compare",
    "merge",
    "import",
    "plan",
    "round",
)


def sub_parser(parser: argparse.ArgumentParser, *names: str) -> argparse.ArgumentParser:
    for name in names:
        action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = action.choices[name]
    return parser


@pytest.mark.parametrize(
    "names", [(name,) for name in COMMANDS] + [("bank", "validate"), ("round", "join")]
)
def test_a_named_command_is_built_as_in_the_full_parser(
    names: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    full = sub_parser(build_parser(), *names).format_help()
    lazy = sub_parser(build_parser([*names, "--help"]), *names).format_help()
    assert lazy == full
    assert "-h, --help" in lazy


def test_top_level_help_is_the_same_without_the_sub_commands_built(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    lazy = build_parser(["--help"])
    assert lazy.format_help() == build_parser().format_help()
    # Not named, so not built: only its name and help are in the list of commands.
    assert "--data-dir" not in sub_parser(lazy, "list").format_help()


def test_help_is_wrapped_to_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    assert terminal_width() == 58
    lines = build_parser(["--help"]).format_help().splitlines()
    assert max(len(line) for line in lines) <= 58


HELP_NEEDS_NOT = {"typing", "shutil", "pathlib", "textual", "pydantic"}
"""typing (~1.7 ms), shutil with bz2 and lzma (~1.5 ms), pathlib (~3 ms), the app."""


def modules_loaded_by_help(env: dict[str, str] | None = None) -> tuple[str, set[str]]:
    code = (
        "import sys\nfrom cocreate_tui.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(__import__('json').dumps(sorted(sys.modules)), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    return done.stdout, set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_help_imports_nothing_it_does_not_need() -> None:
    out, loaded = modules_loaded_by_help()
    assert "bruk: cocreate" in out  # Norwegian by default
    assert not loaded & HELP_NEEDS_NOT
    assert not any(name.startswith("cocreate_tui.commands") for name in loaded)


def test_help_reads_the_saved_language_without_importing_more(tmp_path: Path) -> None:
    # Through the environment: `--data-dir` is parsed into a Path, which imports pathlib.
    (tmp_path / "settings.json").write_text('{"language": "nn"}\n', encoding="utf-8")
    out, loaded = modules_loaded_by_help({**os.environ, "COCREATE_DATA_DIR": str(tmp_path)})
    assert "vis denne hjelpa og avslutt" in out
    assert "cocreate_tui.domain.fileio" in loaded  # the file was read through fileio
    assert not loaded & HELP_NEEDS_NOT
