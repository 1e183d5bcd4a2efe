"""Fuzzing with hostile values in valid-shaped files: every reader gives a result or its own error.

Beside the byte-level fuzzing in test_fuzz.py: sessions, answers files, banks and lock files
that are well formed but carry dates at the edge of the calendar, numbers too long to convert,
control and bidi characters, lone surrogates and markup. What loads must also be clean: no
control character survives into a session's text. A few hundred examples in every run,
10,000 each with `pytest -m slow` (`COCREATE_FUZZ_EXAMPLES` sets another count).
"""

from __future__ import annotations

import json
import platform
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cocreate_tui.domain.answers_file import AnswersFileError, parse_answers
from cocreate_tui.domain.bank_loader import BankError, load_bank
from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.errors import SessionFileError
from cocreate_tui.domain.session_lock import LockHolder, SessionLock, read_holder
from cocreate_tui.domain.sessions import session_from_json, session_to_json

from ..session_helpers import make_bank, make_session
from ..tiny_bank import FILES
from .fuzz_settings import LONG, fuzz_settings

FAST = fuzz_settings(300)

HUGE = "9" * 5000
"""An integer Python refuses to convert from text (more than 4,300 digits)."""
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

hostile_text = st.sampled_from(
    [
        "\x1b]52;c;SGFjaw==\x07",
        "\x1b[2J",
        "\x9b31m",
        "Lar\u202evik",
        "a\u200bb",
        "a\ud800b",
        "[/b][bold red]x",
        "[@click=app.quit]",
        "{}",
        "---",
        "1. x",
        "=1+1",
        "\r\n\t",
        "",
        " ",
        "x" * 3000,
    ]
) | st.text(max_size=30)
hostile_moment = st.sampled_from(
    [
        "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59-14:00",
        "1200-01-01T00:00:00Z",
        "2024-02-30T10:00:00Z",
        "2024-03-01T10:00:00",
        "2024-03-01T10:00:00+25:00",
        "1e400",
        "",
    ]
)
hostile_number = st.sampled_from([HUGE, "-" + HUGE, "1e400", "-0", "2.5", "true", "null"])
hostile_value = (
    hostile_text.map(json.dumps)
    | hostile_moment.map(json.dumps)
    | hostile_number
    | st.integers(-(2**70), 2**70).map(str)
)
"""Raw JSON text of one hostile value (huge numbers cannot go through json.dumps)."""

SESSION_PATHS = [
    ("meta", "team"),
    ("meta", "respondent"),
    ("meta", "organisation"),
    ("answers", "q1", "note"),
    ("answers", "q1", "value"),
    ("answers", "q1", "answered_at"),
    ("created_at",),
    ("updated_at",),
    ("bank", "version"),
    ("schema_version",),
    ("actions", 0, "text"),
    ("actions", 0, "owner"),
    ("actions", 0, "due"),
    ("actions", 0, "created_at"),
]
MARK = "__HOSTILE__"


def _session_template() -> dict[str, object]:
    from cocreate_tui.domain.sessions import new_action

    session = make_session(bank=make_bank()).with_answer("q1", value=2).with_note("q1", "n")
    session = session.with_action(new_action("Gjør noe", owner="Kari"))
    data: dict[str, object] = json.loads(session_to_json(session))
    return data


@st.composite
def hostile_sessions(draw: st.DrawFn) -> str:
    data = _session_template()
    for path in draw(st.lists(st.sampled_from(SESSION_PATHS), min_size=1, max_size=3)):
        node: object = data
        for key in path[:-1]:
            node = node[key]  # type: ignore[index]
        node[path[-1]] = f"{MARK}{len(path)}"  # type: ignore[index]
    text = json.dumps(data)
    for _ in range(text.count(f'"{MARK}')):
        text = re.sub(f'"{MARK}\\d"', lambda _: draw(hostile_value), text, count=1)
    return text


def check_session(text: str) -> None:
    try:
        session = session_from_json(text, source="fuzz")
    except SessionFileError as error:
        assert error.reason
        return
    texts = [session.meta.team, session.meta.respondent, session.meta.organisation]
    texts += [answer.note for answer in session.answers.values()]
    texts += [action.text for action in session.actions] + [a.owner for a in session.actions]
    assert not [t for t in texts if UNSAFE.search(t.replace("\n", "").replace("\t", ""))]
    session_to_json(session).encode("utf-8")  # what loads can be saved again


@st.composite
def hostile_answers(draw: st.DrawFn) -> tuple[bytes, str]:
    if draw(st.booleans()):
        template = '{"meta": {"team": %s, "role": %s}, "answers": {"anchor_up": %s, %s: 1},'
        template += ' "notes": {"anchor_up": %s}}'
        text = template % tuple(draw(hostile_value) for _ in range(5))
        return text.encode("utf-8", "surrogatepass"), "a.json"
    team, value, note = (draw(hostile_text) for _ in range(3))
    number = draw(hostile_number)
    text = f"[meta]\nteam = {json.dumps(team)}\n[answers]\nanchor_up = {number}\n"
    text += f"calendar = {json.dumps(value)}\n[notes]\nanchor_up = {json.dumps(note)}\n"
    return text.encode("utf-8", "surrogatepass"), "a.toml"


def check_answers(raw: bytes, name: str, bank: Bank) -> None:
    try:
        parsed = parse_answers(raw, name, bank)
    except AnswersFileError as error:
        assert error.problems and all(isinstance(p, str) and p for p in error.problems)
        return
    assert not [n for n in parsed.notes.values() if UNSAFE.search(n.replace("\n", ""))]


@st.composite
def hostile_banks(draw: st.DrawFn) -> dict[str, str]:
    files = dict(FILES)
    name = draw(st.sampled_from(sorted(files)))
    text = files[name]
    strings = list(re.finditer(r'"[^"\n]*"', text))
    for found in draw(st.lists(st.sampled_from(strings), min_size=1, max_size=3, unique=True)):
        replacement = json.dumps(draw(hostile_text))
        text = text.replace(found.group(), replacement, 1)
    if draw(st.booleans()):
        text += "\nnested = " + "[" * 5000 + "]" * 5000 + "\n"
    files[name] = text
    return files


def check_bank(files: dict[str, str]) -> None:
    from io import StringIO

    from rich.console import Console

    from cocreate_tui.console_views import render_bank

    with tempfile.TemporaryDirectory() as folder:
        for name, text in files.items():
            (Path(folder) / name).write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            bank = load_bank(Path(folder))
        except BankError as error:
            assert error.problems and all(str(p) for p in error.problems)
            return
    # What loads can be shown: no markup in a bank text may crash `bank show`.
    render_bank(bank, "nb", Console(file=StringIO(), width=100))


@st.composite
def hostile_locks(draw: st.DrawFn) -> bytes:
    if draw(st.booleans()):
        return draw(st.binary(max_size=300))
    template = '{"pid": %s, "host": %s, "since": %s}'
    host = draw(st.sampled_from([json.dumps(platform.node()), json.dumps("annen-pc")]))
    text = template % (draw(hostile_value), host, draw(hostile_value))
    return text.encode("utf-8", "surrogatepass")


def check_lock(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        lock_file = Path(folder) / f"{'d' * 32}.lock"
        lock_file.write_bytes(raw)
        holder = read_holder(lock_file)
        assert holder is None or isinstance(holder, LockHolder)
        result = SessionLock(Path(folder), "d" * 32).acquire()
        assert result is None or isinstance(result, LockHolder)


@FAST
@given(hostile_sessions())
def test_hostile_session_values_fast(text: str) -> None:
    check_session(text)


@FAST
@given(raw_and_name=hostile_answers())
def test_hostile_answers_values_fast(raw_and_name: tuple[bytes, str], tiny_bank: Bank) -> None:
    check_answers(*raw_and_name, tiny_bank)


@FAST
@given(hostile_banks())
def test_hostile_bank_values_fast(files: dict[str, str]) -> None:
    check_bank(files)


@FAST
@given(hostile_locks())
def test_hostile_lock_files_fast(raw: bytes) -> None:
    check_lock(raw)


@pytest.mark.slow
@LONG
@given(hostile_sessions())
def test_hostile_session_values_long(text: str) -> None:
    check_session(text)


@pytest.mark.slow
@LONG
@given(raw_and_name=hostile_answers())
def test_hostile_answers_values_long(raw_and_name: tuple[bytes, str], tiny_bank: Bank) -> None:
    check_answers(*raw_and_name, tiny_bank)


@pytest.mark.slow
@LONG
@given(hostile_banks())
def test_hostile_bank_values_long(files: dict[str, str]) -> None:
    check_bank(files)


@pytest.mark.slow
@LONG
@given(hostile_locks())
def test_hostile_lock_files_long(raw: bytes) -> None:
    check_lock(raw)
