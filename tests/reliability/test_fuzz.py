"""Fuzzing: the loaders return a valid object or the project's own clear error, nothing else.

A fast profile runs with every test run; `pytest -m slow` runs 10,000 examples each.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cocreate_tui.domain.answers_file import AnswersFileError, parse_answers
from cocreate_tui.domain.bank_loader import BankError, load_bank
from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.errors import SessionFileError
from cocreate_tui.domain.sessions import Session, session_from_json

from ..session_helpers import make_bank, make_session
from ..tiny_bank import FILES

FAST = settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
LONG = settings(max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))

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
