"""Shared fixtures: the tiny test bank, the shipped bank, and isolated data folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from cocreate_tui.domain.bank_loader import load_bank
from cocreate_tui.domain.bank_location import shipped_bank_dir
from cocreate_tui.domain.bank_models import Bank

from .tiny_bank import write_tiny_bank


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
