"""The index keeps the bank's words for the levels, so a list can name them without the bank."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cocreate_tui.domain.bank_loader import load_bank
from cocreate_tui.domain.bank_source import BankSource
from cocreate_tui.domain.session_index import SessionIndex, level_labels_of
from cocreate_tui.domain.storage import SessionStore

from .facilitator_helpers import build
from .tiny_bank import write_tiny_bank


def indexed(tmp_path: Path) -> tuple[Path, Path]:
    """A data folder with one session, indexed and scored with the tiny bank."""
    bank_dir = write_tiny_bank(tmp_path / "bank")
    bank = load_bank(bank_dir)
    data = tmp_path / "data"
    SessionStore(data, bank=bank).save(build(bank, {"anchor_up": 3}, team="Larvik NAV"))
    SessionIndex(data, BankSource(bank_dir)).refresh()
    return data, bank_dir


def test_the_labels_of_the_scoring_bank_are_known_without_loading_it(tmp_path: Path) -> None:
    data, bank_dir = indexed(tmp_path)
    source = BankSource(bank_dir)
    labels = SessionIndex(data, source).level_labels()
    assert labels == level_labels_of(load_bank(bank_dir))
    assert set(labels) == {"not_ready", "strengthen", "thin", "thick", "undetermined"}
    assert source.loaded is None  # answered from the index alone


def test_labels_of_another_bank_are_not_given(tmp_path: Path) -> None:
    data, bank_dir = indexed(tmp_path)
    policy = bank_dir / "policy.toml"
    policy.write_text(policy.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    # The rows were scored with the bank as it was: its words are not this bank's.
    assert SessionIndex(data, BankSource(bank_dir)).level_labels() is None


def test_an_index_without_labels_stores_them_once_given_the_bank(tmp_path: Path) -> None:
    data, bank_dir = indexed(tmp_path)
    with sqlite3.connect(data / "index.sqlite3") as connection:
        connection.execute("DELETE FROM meta WHERE key = 'level_labels'")  # an older index
    index = SessionIndex(data, BankSource(bank_dir))
    assert index.level_labels() is None
    bank = load_bank(bank_dir)
    assert index.level_labels(bank) == level_labels_of(bank)
    assert SessionIndex(data, BankSource(bank_dir)).level_labels() == level_labels_of(bank)


def test_the_labels_outlast_a_save_made_without_the_bank(tmp_path: Path) -> None:
    data, bank_dir = indexed(tmp_path)
    bank = load_bank(bank_dir)
    # `cocreate import` and `score --save` save without a bank: that row is left unscored.
    SessionStore(data).save(build(bank, {"anchor_up": 1}, team="Horten"))
    source = BankSource(bank_dir)
    assert SessionIndex(data, source).level_labels() == level_labels_of(bank)
    assert source.loaded is None
