"""Fuzzing: the loaders return a valid object or the project's own clear error, nothing else.

Text and values for the parsers, and raw bytes written to a file for the real readers (a session
file, one file of a bank). A fast profile runs with every test run; `pytest -m slow` runs 10,000
examples each (`COCREATE_FUZZ_EXAMPLES` sets another count: fuzz_settings.py).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cocreate_tui.domain.answers_file import AnswersFileError, parse_answers
from cocreate_tui.domain.bank_loader import BankError, load_bank
from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.errors import SessionFileError
from cocreate_tui.domain.session_files import read_session_file
from cocreate_tui.domain.sessions import Session, session_from_json, session_to_json

from ..session_helpers import make_bank, make_session
from ..tiny_bank import FILES
from .fuzz_settings import LONG, fuzz_settings

FAST = fuzz_settings(200)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=30,
)


def valid_session_json() -> str:
    session = make_session(bank=make_bank()).with_answer("q1", value=2).with_note("q2", "Merk")
    return session.model_dump_json()


@st.composite
def mutated(draw: st.DrawFn, original: str) -> str:
    """The original text with a few slices deleted, replaced or inserted."""
    text = original
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 40)))
        insert = draw(
            st.text(alphabet=st.sampled_from('{}[]",:=\n0123456789 aeq-_."\\\x00é«'), max_size=12)
        )
        text = text[:start] + insert + text[end:]
    return text


@st.composite
def session_inputs(draw: st.DrawFn) -> str:
    base = json.loads(valid_session_json())
    choice = draw(st.integers(0, 3))
    if choice == 0:
        return draw(st.text(max_size=200))
    if choice == 1:
        return json.dumps(draw(json_values))
    if choice == 2:
        key = draw(st.sampled_from(sorted(base)))
        base[key] = draw(json_values)
        return json.dumps(base)
    return draw(mutated(valid_session_json()))


def check_session(text: str) -> None:
    try:
        assert isinstance(session_from_json(text, source="fuzz"), Session)
    except SessionFileError as error:
        assert error.reason


@st.composite
def answers_inputs(draw: st.DrawFn) -> bytes:
    choice = draw(st.integers(0, 3))
    if choice == 0:
        return draw(st.binary(max_size=200))
    if choice == 1:
        return json.dumps(draw(json_values)).encode()
    if choice == 2:
        return json.dumps(
            {
                "answers": draw(
                    st.dictionaries(st.sampled_from(["anchor_up", "calendar", "x"]), json_values)
                ),
                "meta": draw(json_values),
                "notes": draw(json_values),
            }
        ).encode()
    return draw(
        mutated(
            '[meta]\nteam = "A"\n[answers]\nanchor_up = 3\ncalendar = "unknown"\n[notes]\nanchor_up = "n"\n'
        )
    ).encode("utf-8", "surrogatepass")


def check_answers(raw: bytes, bank: Bank, name: str) -> None:
    try:
        parse_answers(raw, name, bank)
    except AnswersFileError as error:
        assert error.problems and all(isinstance(p, str) and p for p in error.problems)


@st.composite
def bank_inputs(draw: st.DrawFn) -> dict[str, str]:
    files = dict(FILES)
    for name in draw(st.lists(st.sampled_from(sorted(files)), min_size=1, max_size=3, unique=True)):
        files[name] = draw(mutated(files[name]))
    return files


def check_bank(files: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for name, text in files.items():
            (Path(folder) / name).write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            assert isinstance(load_bank(Path(folder)), Bank)
        except BankError as error:
            assert error.problems and all(str(p) for p in error.problems)


@st.composite
def mutated_bytes(draw: st.DrawFn, original: bytes) -> bytes:
    """The original bytes with a few slices deleted, replaced or inserted: any byte may land
    anywhere, so a valid file turns into invalid UTF-8, a cut sequence, a stray BOM or NUL."""
    raw = original
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(raw)))
        end = draw(st.integers(start, min(len(raw), start + 40)))
        insert = draw(st.binary(max_size=12) | st.sampled_from([b"\xef\xbb\xbf", b"\xc3", b"\x00"]))
        raw = raw[:start] + insert + raw[end:]
    return raw


SESSION_BYTES = make_session(bank=make_bank()).with_answer("q1", value=2).with_note("q2", "Blåbær")
"""The valid session whose file the byte-level target mutates (a note with non-ASCII text)."""


@st.composite
def session_file_bytes(draw: st.DrawFn) -> bytes:
    valid = session_to_json(SESSION_BYTES).encode("utf-8")
    choice = draw(st.integers(0, 2))
    if choice == 0:
        return draw(st.binary(max_size=400))
    if choice == 1:
        return b"\xef\xbb\xbf" + draw(mutated_bytes(valid))
    return draw(mutated_bytes(valid))


def check_session_file(raw: bytes) -> None:
    """The bytes as a file in a sessions folder, read by the reader the app and CLI use."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{SESSION_BYTES.id}.json"
        path.write_bytes(raw)
        try:
            session = read_session_file(path)
        except SessionFileError as error:
            assert error.reason and error.source == str(path)
            return
        assert isinstance(session, Session)
        session_to_json(session).encode("utf-8")  # what loads can be saved again


@st.composite
def bank_file_bytes(draw: st.DrawFn) -> tuple[str, bytes]:
    """One file of the tiny bank as raw bytes: arbitrary, or its own bytes mutated."""
    name = draw(st.sampled_from(sorted(FILES)))
    if draw(st.booleans()):
        return name, draw(st.binary(max_size=400))
    return name, draw(mutated_bytes(FILES[name].encode("utf-8")))


def check_bank_file(name_and_raw: tuple[str, bytes]) -> None:
    """The tiny bank with one file replaced by the bytes, read by the real loader."""
    name, raw = name_and_raw
    with tempfile.TemporaryDirectory() as folder:
        for other, text in FILES.items():
            (Path(folder) / other).write_text(text, encoding="utf-8")
        (Path(folder) / name).write_bytes(raw)
        try:
            assert isinstance(load_bank(Path(folder)), Bank)
        except BankError as error:
            assert error.problems and all(str(p) for p in error.problems)


@FAST
@given(session_inputs())
def test_session_loader_fast(text: str) -> None:
    check_session(text)


@FAST
@given(raw=answers_inputs(), name=st.sampled_from(["a.toml", "a.json", "a.txt"]))
def test_answers_parser_fast(raw: bytes, name: str, tiny_bank: Bank) -> None:
    check_answers(raw, tiny_bank, name)


@FAST
@given(bank_inputs())
def test_bank_loader_fast(files: dict[str, str]) -> None:
    check_bank(files)


@pytest.mark.slow
@LONG
@given(session_inputs())
def test_session_loader_long(text: str) -> None:
    check_session(text)


@pytest.mark.slow
@LONG
@given(raw=answers_inputs(), name=st.sampled_from(["a.toml", "a.json", "a.txt"]))
def test_answers_parser_long(raw: bytes, name: str, tiny_bank: Bank) -> None:
    check_answers(raw, tiny_bank, name)


@pytest.mark.slow
@LONG
@given(bank_inputs())
def test_bank_loader_long(files: dict[str, str]) -> None:
    check_bank(files)


@FAST
@given(session_file_bytes())
def test_session_file_bytes_fast(raw: bytes) -> None:
    check_session_file(raw)


@FAST
@given(bank_file_bytes())
def test_bank_file_bytes_fast(name_and_raw: tuple[str, bytes]) -> None:
    check_bank_file(name_and_raw)


@pytest.mark.slow
@LONG
@given(session_file_bytes())
def test_session_file_bytes_long(raw: bytes) -> None:
    check_session_file(raw)


@pytest.mark.slow
@LONG
@given(bank_file_bytes())
def test_bank_file_bytes_long(name_and_raw: tuple[str, bytes]) -> None:
    check_bank_file(name_and_raw)
