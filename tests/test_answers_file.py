"""Answers files (TOML or JSON) are checked against the bank, with one message per problem."""

from __future__ import annotations

import json

import pytest

from cocreate_tui.domain.answers_file import AnswersFileError, parse_answers
from cocreate_tui.domain.bank_models import Bank


def test_toml_with_meta_notes_and_unknown(tiny_bank: Bank) -> None:
    raw = b"""
[meta]
team = "Team Nord"
phase = "before_inviting"
[answers]
anchor_up = 3
calendar = "unknown"
[notes]
anchor_up = "Leder er med."
"""
    parsed = parse_answers(raw, "a.toml", tiny_bank)
    assert parsed.answers == {"anchor_up": 3, "calendar": "unknown"}
    assert parsed.meta == {"team": "Team Nord", "phase": "before_inviting"}
    assert parsed.notes == {"anchor_up": "Leder er med."}


def test_json_is_read_too(tiny_bank: Bank) -> None:
    raw = json.dumps({"answers": {"anchor_across": 2}}).encode()
    assert parse_answers(raw, "a.json", tiny_bank).answers == {"anchor_across": 2}


def problems(raw: bytes, tiny_bank: Bank, name: str = "a.toml") -> list[str]:
    with pytest.raises(AnswersFileError) as caught:
        parse_answers(raw, name, tiny_bank)
    return caught.value.problems


def test_every_problem_is_named_at_once(tiny_bank: Bank) -> None:
    found = problems(
        b'[answers]\nanchor_up = 9\nnope = 1\nanchor_across = 3\ncalendar = "2"\n'
        b'duration = true\n[meta]\ncolour = "red"\n[extra]\n',
        tiny_bank,
    )
    assert found == [
        "unknown key 'extra'; expected: answers, meta, notes",
        'answers.anchor_up: 9 is not an option; use 0, 1, 2, 3, 4 or "unknown"',
        "answers.nope: no such question in the bank",
        'answers.anchor_across: 3 is not an option; use 0, 2, 4 or "unknown"',
        'answers.calendar: "2" is not a value; use 0, 1, 2, 3, "unknown" or "not_applicable"',
        'answers.duration: true is not a value; use 0, 2, 4 or "unknown"',
        "meta.colour: unknown key; expected one of: team, organisation, service_area, respondent, role, mode, phase",
    ]


@pytest.mark.parametrize(
    ("raw", "name", "expected"),
    [
        (b"\xff\xfe\x00", "a.toml", "not UTF-8 text"),
        (b"[answers\n", "a.toml", "not valid TOML (line 1, column 9)"),
        (b"{", "a.json", "not valid JSON (line 1, column 2)"),
        (b"[1, 2]", "a.json", "must be a table/object with an 'answers' table"),
        (b"", "a.toml", "has no 'answers' table"),
        (b"answers = 3", "a.toml", "'answers' must be a table"),
        (b"[" * 100_000, "a.json", "is nested too deeply"),
    ],
)
def test_unusable_files_get_one_clear_message(
    raw: bytes, name: str, expected: str, tiny_bank: Bank
) -> None:
    found = problems(raw, tiny_bank, name)
    assert found[0].startswith(expected), found
