"""The bank loader accepts a valid bank and names every problem of a broken one."""

from __future__ import annotations

from pathlib import Path

import pytest

from cocreate_tui.domain.bank_loader import BankError, load_bank

from .tiny_bank import DIMENSIONS, LESSONS, POLICY, QUESTIONS, write_tiny_bank


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(BankError) as caught:
        load_bank(folder)
    return [str(problem) for problem in caught.value.problems]


def test_tiny_bank_loads_in_dimension_order(tmp_path: Path) -> None:
    bank = load_bank(write_tiny_bank(tmp_path))
    assert [d.id for d in bank.dimensions] == ["anchoring", "time", "ambition"]
    assert [q.dimension for q in bank.questions] == ["anchoring", "anchoring", "time", "ambition"]
    assert len(bank.content_hash) == 64


def test_content_hash_changes_with_content(tmp_path: Path) -> None:
    first = load_bank(write_tiny_bank(tmp_path / "a"))
    second = load_bank(
        write_tiny_bank(tmp_path / "b", questions_toml=QUESTIONS.replace("Fordi.", "Derfor.", 1))
    )
    assert first.content_hash != second.content_hash


BROKEN = {
    "unknown dimension": (
        {"questions_toml": QUESTIONS.replace('dimension = "time"', 'dimension = "tiem"')},
        "questions.toml: question calendar: unknown dimension 'tiem'",
    ),
    "unknown lesson": (
        {"questions_toml": QUESTIONS.replace('lessons = ["take-time"]', 'lessons = ["take-tiem"]')},
        "questions.toml: question calendar: cites unknown lesson 'take-tiem'",
    ),
    "duplicate question": (
        {"questions_toml": QUESTIONS.replace('id = "calendar"', 'id = "anchor_up"')},
        "questions.toml: question anchor_up: duplicate id (also in questions.toml)",
    ),
    "duplicate lesson across files": (
        {
            "dimensions_toml": DIMENSIONS
            + LESSONS.split("[[lessons]]")[0]
            + "[[lessons]]"
            + LESSONS.split("[[lessons]]")[2]
        },
        "lessons.toml: lesson take-time: duplicate id (also in dimensions.toml)",
    ),
    "value out of range": (
        {
            "questions_toml": QUESTIONS.replace(
                '{ value = 3, label = { nb = "Ja"', '{ value = 7, label = { nb = "Ja"'
            )
        },
        "questions.toml: question calendar: options.3.value: must be at most 4",
    ),
    "values not ascending": (
        {
            "questions_toml": QUESTIONS.replace(
                '{ value = 2, label = { nb = "Noe"', '{ value = 0, label = { nb = "Noe"'
            )
        },
        "questions.toml: question calendar: options: values must be unique and in ascending order",
    ),
    "missing translation": (
        {
            "lessons_toml": LESSONS.replace(
                'title = { nb = "Ta tid", en = "Take time" }', 'title = { nb = "Ta tid" }'
            )
        },
        "lessons.toml: lesson take-time: title.en: missing the text for language code en",
    ),
    "lesson without section": (
        {"lessons_toml": LESSONS.replace('section = "4.6"\n', "")},
        "lessons.toml: lesson take-time: section: missing",
    ),
    "quote too long": (
        {"lessons_toml": LESSONS.replace('quote = "det tar tid"', 'quote = "' + "ord " * 26 + '"')},
        "lessons.toml: lesson take-time: quote: has 26 words; a quote may have at most 25",
    ),
    "unused lesson": (
        {
            "lessons_toml": LESSONS
            + '\n[[lessons]]\nid = "orphan"\nsection = "4.1"\nkind = "advice"\n'
            'title = { nb = "a", en = "a" }\nadvice = { nb = "a", en = "a" }\nquote = "a"\n'
        },
        "lessons.toml: lesson orphan: is not used by any question",
    ),
    "blocker rule on advice lesson": (
        {
            "questions_toml": QUESTIONS.replace(
                'blockers = [{ lesson = "anchor-first", at_most = 1 }]',
                'blockers = [{ lesson = "take-time", at_most = 1 }]',
            )
        },
        "questions.toml: question anchor_up: blocker rule names lesson 'take-time', which is not of kind 'blocker'",
    ),
    "blocker rule always raised": (
        {"questions_toml": QUESTIONS.replace("at_most = 1 }]", "at_most = 4 }]")},
        "questions.toml: question anchor_up: blocker anchor-first: at_most 4 covers every option",
    ),
    "too few options": (
        {
            "questions_toml": QUESTIONS.replace(
                '  { value = 2, label = { nb = "Noen måneder", en = "Some months" } },\n', ""
            )
        },
        "questions.toml: question duration: options: has too few items (at least 3)",
    ),
    "bad id": (
        {"questions_toml": QUESTIONS.replace('id = "calendar"', 'id = "Kalender/../x"')},
        "questions.toml: question Kalender/../x: id: may only hold lower-case letters (a–z), digits",
    ),
    "policy names unknown question": (
        {"policy_toml": POLICY.replace('question = "duration"', 'question = "durasjon"')},
        "policy.toml: policy.advice one-meeting: condition names unknown question 'durasjon'",
    ),
    "policy ambition not an ambition dimension": (
        {"policy_toml": POLICY.replace('dimension = "ambition"', 'dimension = "time"')},
        "policy.toml: policy.ambition: 'time' is not a dimension of kind 'ambition'",
    ),
    "no policy": (
        {"policy_toml": ""},
        "(bank): policy: no file has a [policy] table",
    ),
    "unknown table": (
        {"bank_toml": "[bnak]\nid = 1\n"},
        "bank.toml: bnak: unknown table",
    ),
    "not TOML": (
        {"lessons_toml": "[[lessons]\nid = "},
        "lessons.toml: not valid TOML (line 1, column 10)",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN), ids=list(BROKEN))
def test_broken_bank_names_file_item_and_problem(tmp_path: Path, case: str) -> None:
    overrides, expected = BROKEN[case]
    found = problems_of(write_tiny_bank(tmp_path, **overrides))
    assert any(problem.startswith(expected) for problem in found), found


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    questions = QUESTIONS.replace('dimension = "time"', 'dimension = "tiem"').replace(
        'lessons = ["thin-thick"]', 'lessons = ["nope"]'
    )
    lessons = LESSONS.replace('section = "4.6"\n', "")
    found = problems_of(write_tiny_bank(tmp_path, questions_toml=questions, lessons_toml=lessons))
    assert len(found) >= 3
    assert {p.split(":")[0] for p in found} >= {"questions.toml", "lessons.toml"}


def test_missing_folder_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nowhere") == [f"{tmp_path / 'nowhere'}: does not exist"]


def test_non_utf8_file_is_named(tmp_path: Path) -> None:
    folder = write_tiny_bank(tmp_path)
    (folder / "lessons.toml").write_bytes(b"\xff\xfe[[lessons]]")
    assert any(p.startswith("lessons.toml: not UTF-8") for p in problems_of(folder))


def test_shipped_bank_is_valid(shipped_bank) -> None:  # type: ignore[no-untyped-def]
    assert len(shipped_bank.lessons) >= 40
    assert len([q for q in shipped_bank.questions if q.dimension != "ambition"]) >= 35
    assert any(d.kind == "ambition" for d in shipped_bank.dimensions)
