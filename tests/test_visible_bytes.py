"""The command line's gate on bytes (`visible_utf8`) changes exactly what the gate on text does."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from cocreate_tui.domain.text_safety import VisibleStream, visible, visible_utf8

from .facilitator_helpers import build
from .tiny_bank import write_tiny_bank

# Text rich in what the gate is about: controls, C1, bidi, CR/LF, « » – …, and plain letters.
_NEAR = "\x00\x07\x1b\t\n\r\x7f\x80\x9b\x9f\xa0«»æøå\u061c\u200b\u200e\u202a\u202e\u2013\u2026\u2066\u2069\ufeff"
texts = st.text(alphabet=st.sampled_from(_NEAR) | st.characters(codec="utf-8"))


@given(texts)
def test_valid_utf8_is_made_as_visible_as_its_text(text: str) -> None:
    assert visible_utf8(text.encode()) == visible(text).encode()


@given(st.binary() | texts.map(str.encode))
def test_any_bytes_are_made_as_visible_as_their_decoded_text(data: bytes) -> None:
    assert visible_utf8(data) == visible(data.decode(errors="replace")).encode()


def test_text_that_needs_nothing_is_given_back_as_it_is() -> None:
    # The point of the bytes gate: no copy of 20 MB when there is nothing to show.
    data = "«Tønsberg» – NAV\r\n…".encode() * 1000
    assert visible_utf8(data) is data


def test_a_byte_that_is_not_utf8_is_never_passed_on() -> None:
    # 0x9b alone is CSI to a terminal that is not in UTF-8 mode.
    assert b"\x9b" not in visible_utf8(b"team \x9b31m")


def test_the_gate_writes_bytes_after_what_was_written_as_text() -> None:
    raw = io.BytesIO()
    underneath = io.TextIOWrapper(raw, encoding="utf-8")
    gate = VisibleStream(underneath)
    gate.write("før ")
    gate.write_utf8("«Larvik»\x1b]52;c;x\x07".encode())
    gate.flush()
    assert raw.getvalue().decode() == "før «Larvik»\\x1b]52;c;x\\x07"


def test_list_json_shows_escapes_a_tampered_index_holds(tmp_path: Path) -> None:
    # The listing is rendered into the index when a session is indexed; in a synced folder
    # anyone who can write there can change it. What `list --json` prints is still gated.
    from cocreate_tui.domain.bank_loader import load_bank
    from cocreate_tui.domain.sessions import session_to_json

    bank_dir = write_tiny_bank(tmp_path / "bank")
    data = tmp_path / "data"
    (data / "sessions").mkdir(parents=True)
    session = build(load_bank(bank_dir), {"anchor_up": 3}, {}, team="Larvik")
    (data / "sessions" / f"{session.id}.json").write_text(session_to_json(session), "utf-8")
    command = [
        *(sys.executable, "-m", "cocreate_tui", "--bank", str(bank_dir)),
        *("--data-dir", str(data), "list", "--json"),
    ]
    first = subprocess.run(command, check=True, capture_output=True, timeout=60)
    assert json.loads(first.stdout)["sessions"][0]["team"] == "Larvik"
    with sqlite3.connect(data / "index.sqlite3") as index:
        # A file as new as the index is read again ("racy"): this one is taken as indexed.
        index.execute("UPDATE files SET racy = 0")
        index.execute(
            "UPDATE listing SET json_head = replace(json_head, 'Larvik', ?)",
            ("Lar\x1b]52;c;SGk=\x07vik\u202e\x9b",),
        )
    tampered = subprocess.run(command, check=True, capture_output=True, timeout=60)
    for unsafe in ("\x1b", "\u202e", "\x9b", "\x07"):
        assert unsafe.encode() not in tampered.stdout
    assert b"Lar\\x1b]52;c;SGk=\\x07vik\\u202e\\x9b" in tampered.stdout
