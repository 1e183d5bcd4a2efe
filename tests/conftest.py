"""Shared fixtures: the tiny test bank, the shipped bank, and isolated data folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cocreate_tui.domain import platform_support
from cocreate_tui.domain.bank_loader import load_bank
from cocreate_tui.domain.bank_location import shipped_bank_dir
from cocreate_tui.domain.bank_models import Bank

from .tiny_bank import write_tiny_bank

SYSTEM_ENV = "COCREATE_TEST_SYSTEM"
_DRIVE_FIXED = 3


def pytest_configure(config: pytest.Config) -> None:
    # COCREATE_TEST_SYSTEM=windows (or macos) runs the tests on platform_support's branches
    # for that system, and decides tests/platform_guards.py's markers by them: a check, on
    # Linux, that what a test asserts holds where file modes keep nothing private. The calls
    # only that system has are answered as a local disk answers them there.
    forced = os.environ.get(SYSTEM_ENV)
    if not forced:
        return
    systems = (platform_support.WINDOWS, platform_support.MACOS, platform_support.LINUX)
    if forced not in systems:
        raise pytest.UsageError(f"{SYSTEM_ENV}={forced}: use one of {', '.join(systems)}")
    platform_support.SYSTEM = forced
    platform_support._windows_drive_type = lambda root: _DRIVE_FIXED  # type: ignore[assignment]
    platform_support._macos_mount_flags = lambda folder: platform_support._MNT_LOCAL  # type: ignore[assignment]


def pytest_report_header(config: pytest.Config) -> str | None:
    forced = os.environ.get(SYSTEM_ENV)
    return f"platform_support.SYSTEM forced to {forced} ({SYSTEM_ENV})" if forced else None


@pytest.fixture(scope="session")
def tiny_bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    return load_bank(write_tiny_bank(tmp_path_factory.mktemp("tiny")))


@pytest.fixture(scope="session")
def shipped_bank() -> Bank:
    return load_bank(shipped_bank_dir())


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No test may ever touch the real user data folder.
    monkeypatch.setenv("COCREATE_DATA_DIR", str(tmp_path / "data"))
