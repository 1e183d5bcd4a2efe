"""The bank's new fields: stop words per blocker, law references, strict_blockers, the change log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cocreate_tui.domain.bank_loader import BankError, load_bank
from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.json_views import bank_to_json

from .tiny_bank import BANK, LESSONS, POLICY, write_tiny_bank

CHANGES = """
[[changes]]
version = "0.1"
question = "calendar"
kind = "options_changed"
note = { nb = "Nye svar.", en = "New options." }
"""


def problems(tmp_path: Path, **files: str) -> list[str]:
    with pytest.raises(BankError) as error:
        load_bank(write_tiny_bank(tmp_path / "b", **files))
    return [str(problem) for problem in error.value.problems]


def test_law_and_stop_words_are_read(tiny_bank: Bank) -> None:
    lesson = tiny_bank.lesson("anchor-first")
    assert lesson.stop_quote == "før innbyggerne inviteres"
    assert [(law.name, law.year, law.note.en) for law in lesson.law] == [
        ("Tolkeloven", 2022, "Use a qualified interpreter.")
    ]


def test_a_blocker_without_stop_words_is_a_problem_only_in_a_strict_bank(tmp_path: Path) -> None:
    lessons = LESSONS.replace('stop_quote = "før innbyggerne inviteres"\n', "")
    load_bank(write_tiny_bank(tmp_path / "lenient", lessons_toml=lessons))
    strict = BANK + "strict_blockers = true\n"
    assert problems(tmp_path, lessons_toml=lessons, bank_toml=strict) == [
        "lessons.toml: lesson anchor-first: a blocker needs stop_quote (strict_blockers is on)"
    ]
    load_bank(write_tiny_bank(tmp_path / "strict-ok", bank_toml=strict))


def test_stop_words_are_a_short_quote(tmp_path: Path) -> None:
    long = " ".join(["ord"] * 26)
    lessons = LESSONS.replace("før innbyggerne inviteres", long)
    assert problems(tmp_path, lessons_toml=lessons) == [
        "lessons.toml: lesson anchor-first: stop_quote: has 26 words; a quote may have at most 25"
    ]


def test_a_law_link_must_be_https(tmp_path: Path) -> None:
    lessons = LESSONS.replace("https://lovdata.no", "http://lovdata.no")
    found = problems(tmp_path, lessons_toml=lessons)
    assert len(found) == 1 and "law.0.url" in found[0]


def test_the_change_log_is_read_from_any_file(tmp_path: Path) -> None:
    bank = load_bank(write_tiny_bank(tmp_path / "b", bank_toml=BANK + CHANGES))
    assert [(c.version, c.question, c.kind) for c in bank.changes] == [
        ("0.1", "calendar", "options_changed")
    ]


def test_a_change_newer_than_the_bank_is_a_problem(tmp_path: Path) -> None:
    changes = CHANGES.replace('version = "0.1"', 'version = "0.2"')
    assert problems(tmp_path, bank_toml=BANK + changes) == [
        "bank.toml: change 0.2 calendar: version 0.2 is newer than the bank's (0.1)"
    ]


def test_a_change_of_an_unknown_kind_is_a_problem(tmp_path: Path) -> None:
    changes = CHANGES.replace("options_changed", "moved")
    found = problems(tmp_path, bank_toml=BANK + changes)
    assert len(found) == 1 and found[0].startswith("bank.toml: change 0.1 calendar: kind:")


def test_bank_show_json_has_every_new_field(tmp_path: Path) -> None:
    bank = load_bank(write_tiny_bank(tmp_path / "b", bank_toml=BANK + CHANGES))
    dump = json.loads(json.dumps(bank_to_json(bank)))
    lesson = next(item for item in dump["lessons"] if item["id"] == "anchor-first")
    assert lesson["stop_quote"] == "før innbyggerne inviteres"
    assert lesson["law"][0]["url"].startswith("https://lovdata.no/")
    calendar = next(item for item in dump["questions"] if item["id"] == "calendar")
    assert calendar["not_applicable"] is True
    rules = {rule["id"]: rule for rule in dump["policy"]["advice"]}
    assert rules["a-hearing"]["placement"] == "verdict"
    assert rules["across-or-no-calendar"]["any_of"] == [
        {"question": "anchor_across", "at_most": 0},
        {"question": "calendar", "not_applicable": True},
    ]
    assert dump["policy"]["top_recommendations"] == 7
    assert set(dump["policy"]["levels"]) == {
        "not_ready",
        "strengthen",
        "thin",
        "thick",
        "undetermined",
    }
    assert dump["changes"][0]["kind"] == "options_changed"
    assert dump["bank"]["strict_blockers"] is False


def test_the_strengthen_level_is_required(tmp_path: Path) -> None:
    start = POLICY.index("[policy.levels.strengthen]")
    end = POLICY.index("[policy.levels.thin]")
    found = problems(tmp_path, policy_toml=POLICY[:start] + POLICY[end:])
    assert found[0] == "policy.toml: policy: levels.strengthen: missing"
