"""The README's list of preconditions names every blocker the shipped bank can raise."""

from __future__ import annotations

from pathlib import Path

from cocreate_tui.domain.bank_models import Bank

README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_readme_lists_every_blocker_with_its_question(shipped_bank: Bank) -> None:
    section = README.read_text(encoding="utf-8").split("### Preconditions (blockers)", 1)[1]
    section = section.split("\n## ", 1)[0]
    missing = [
        (lesson.id, question.id)
        for question in shipped_bank.questions
        for rule in question.blockers
        for lesson in [shipped_bank.lesson(rule.lesson)]
        if f"| {lesson.title.en} |" not in section or f"`{question.id}`" not in section
    ]
    assert missing == []
