"""Advice rules: any_of, «Gjelder ikke oss» conditions, placement, and what the validator checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from cocreate_tui.domain.bank_loader import BankError, load_bank
from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.scoring import NOT_APPLICABLE, assess

from .tiny_bank import POLICY, write_tiny_bank

FULL = {"anchor_up": 4, "anchor_across": 4, "calendar": 3, "duration": 4}


def rule_ids(bank: Bank, answers: dict) -> tuple[list[str], list[str]]:
    result = assess(bank, answers)
    return [a.rule_id for a in result.ambition.advice], [a.rule_id for a in result.verdict_advice]


@pytest.mark.parametrize(
    ("answers", "applies"),
    [
        (FULL, False),
        ({**FULL, "anchor_across": 0}, True),  # the first alternative
        ({**FULL, "calendar": NOT_APPLICABLE}, True),  # the second: «Gjelder ikke oss»
        ({**FULL, "anchor_across": 0, "calendar": NOT_APPLICABLE}, True),  # both
        ({**FULL, "anchor_across": 2, "calendar": 0}, False),  # neither
    ],
)
def test_any_of_needs_one_alternative_to_hold(
    tiny_bank: Bank, answers: dict, applies: bool
) -> None:
    ambition, _ = rule_ids(tiny_bank, answers)
    assert ("across-or-no-calendar" in ambition) is applies


def test_any_of_comes_on_top_of_every_condition(tmp_path: Path) -> None:
    policy = POLICY.replace(
        'id = "across-or-no-calendar"\n',
        'id = "across-or-no-calendar"\nconditions = [{ question = "duration", at_most = 0 }]\n',
    )
    bank = load_bank(write_tiny_bank(tmp_path / "b", policy_toml=policy))
    assert "across-or-no-calendar" not in rule_ids(bank, {**FULL, "anchor_across": 0})[0]
    answers = {**FULL, "anchor_across": 0, "duration": 0}
    assert "across-or-no-calendar" in rule_ids(bank, answers)[0]


def test_verdict_advice_is_apart_from_the_ambition_advice(tiny_bank: Bank) -> None:
    ambition, verdict = rule_ids(tiny_bank, {**FULL, "duration": 0})
    assert verdict == ["a-hearing"]
    assert "a-hearing" not in ambition
    assert rule_ids(tiny_bank, FULL)[1] == []


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (
            'any_of = [{ question = "nope", at_most = 0 }]',
            "condition names unknown question 'nope'",
        ),
        (
            'any_of = [{ question = "anchor_across", at_most = 1 }]',
            "question 'anchor_across' has no option with value 1",
        ),
        (
            'any_of = [{ question = "anchor_up", not_applicable = true }]',
            "question 'anchor_up' does not offer «Gjelder ikke oss» (not_applicable)",
        ),
        (
            'conditions = [{ question = "calendar", not_applicable = true, at_most = 1 }]',
            "not_applicable cannot be combined with at_most or at_least",
        ),
        ('placement = "sidebar"', "placement: must be one of: 'verdict', 'ambition'"),
    ],
)
def test_the_validator_checks_every_condition(tmp_path: Path, rule: str, message: str) -> None:
    policy = POLICY + f'\n[[policy.advice]]\nid = "new"\n{rule}\ntext = {{ nb = "R", en = "A" }}\n'
    with pytest.raises(BankError) as error:
        load_bank(write_tiny_bank(tmp_path / "b", policy_toml=policy))
    assert any(message in str(problem) for problem in error.value.problems), [
        str(p) for p in error.value.problems
    ]
