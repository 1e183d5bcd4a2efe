"""Where data lives: precedence of --data-dir, COCREATE_DATA_DIR and the platform default."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs
import pytest

from cocreate_tui.domain.paths import DATA_DIR_ENV, data_dir, ensure_private_dir, sessions_dir

from .platform_guards import assert_private, mode_of, modes_only


def test_override_wins_over_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))

    assert data_dir(tmp_path / "given") == tmp_path / "given"
    assert data_dir(str(tmp_path / "given")) == tmp_path / "given"


def test_the_environment_wins_over_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))

    assert data_dir() == tmp_path / "from-env"
    assert data_dir(None) == tmp_path / "from-env"


@pytest.mark.parametrize("env", [None, ""])
def test_the_default_is_the_platform_user_data_dir(
    monkeypatch: pytest.MonkeyPatch, env: str | None
) -> None:
    if env is None:
        monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    else:
        monkeypatch.setenv(DATA_DIR_ENV, env)

    expected = Path(platformdirs.user_data_dir("cocreate-tui", appauthor=False))
    assert data_dir() == expected
    assert data_dir("") == expected
    assert expected.name == "cocreate-tui"


def test_a_home_relative_override_is_expanded() -> None:
    assert data_dir("~/cocreate") == Path.home() / "cocreate"


def test_sessions_live_in_their_own_folder(tmp_path: Path) -> None:
    assert sessions_dir(tmp_path) == tmp_path / "sessions"


def test_ensure_private_dir_creates_missing_folders_0700(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        leaf = ensure_private_dir(tmp_path / "a" / "b" / "sessions")
    finally:
        os.umask(old)

    assert leaf.is_dir()
    assert_private(tmp_path / "a", tmp_path / "a" / "b", leaf)


@modes_only
def test_ensure_private_dir_tightens_the_folder_but_not_existing_parents(tmp_path: Path) -> None:
    parent = tmp_path / "shared"
    leaf = parent / "sessions"
    leaf.mkdir(parents=True)
    parent.chmod(0o755)
    leaf.chmod(0o755)

    ensure_private_dir(leaf)

    assert mode_of(leaf) == 0o700
    assert mode_of(parent) == 0o755


def test_ensure_private_dir_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("")

    with pytest.raises(OSError):
        ensure_private_dir(tmp_path / "taken")
    with pytest.raises(OSError):
        ensure_private_dir(tmp_path / "taken" / "sessions")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the fast path is Linux's")
@pytest.mark.parametrize("xdg", [None, "", "relative/share", "/tmp/xdg-share"])
def test_the_fast_default_is_what_platformdirs_says(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None
) -> None:
    # `cocreate --help` finds the folder without importing platformdirs; it must agree with it.
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    if xdg is None:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
    assert data_dir() == Path(platformdirs.user_data_dir("cocreate-tui", appauthor=False))
