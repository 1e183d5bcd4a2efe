"""A file can't stop the app: any error while reading one session makes it «unreadable, because …»."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cocreate_tui.cli import main
from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.session_index import INDEX_NAME, refresh
from cocreate_tui.domain.sessions import Session
from cocreate_tui.domain.storage import SessionStore

from ..session_helpers import make_bank, make_session


def test_an_unexpected_error_in_one_file_is_listed_as_its_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store = SessionStore(tmp_path)
    good, odd = make_session("God", bank=make_bank()), make_session("Rar", bank=make_bank())
    store.save(good)
    store.save(odd)
    real = refresh.indexed_session

    def row(session: Session, name: str, bank: Bank | None) -> object:
        if name.startswith(odd.id):
            raise OverflowError("date value out of range")  # as a far-off timestamp once did
        return real(session, name, bank)

    monkeypatch.setattr(refresh, "indexed_session", row)
    store.index.close()  # the window closed, its saves recorded
    (tmp_path / INDEX_NAME).unlink()  # so that both files are read again
    assert main(["--data-dir", str(tmp_path), "list", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert [s["id"] for s in listing["sessions"]] == [good.id]
    [unreadable] = listing["unreadable"]
    assert unreadable["file"].endswith(f"{odd.id}.json")
    assert "OverflowError: date value out of range" in unreadable["reason"]
