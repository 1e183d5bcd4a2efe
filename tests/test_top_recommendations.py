"""`score` and the exports show the blockers and the top N advice; the rest on request."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cocreate_tui.cli import main
from cocreate_tui.domain.bank_loader import load_bank
from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.exports.report_markdown import assessment_markdown
from cocreate_tui.domain.scoring import assess, top_recommendations
from cocreate_tui.domain.sessions import SessionMeta, new_session

from .tiny_bank import write_top_one_bank

# anchor_up 1 raises the blocker; the other low answers give two pieces of advice.
ANSWERS = "[answers]\nanchor_up = 1\nanchor_across = 0\ncalendar = 0\nduration = 0\n"
VALUES = {"anchor_up": 1, "anchor_across": 0, "calendar": 0, "duration": 0}


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    return write_top_one_bank(tmp_path / "bank")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_top_n_splits_after_the_blockers(bank_dir: Path) -> None:
    bank = load_bank(bank_dir)
    result = assess(bank, VALUES)
    shown, rest = top_recommendations(bank, result)
    assert [(r.lesson_id, r.blocker) for r in shown] == [
        ("anchor-first", True),
        ("take-time", False),
    ]
    assert [r.lesson_id for r in rest] == ["stand-together"]


def test_score_shows_the_top_and_says_how_many_more(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "a.toml"
    answers.write_text(ANSWERS, encoding="utf-8")
    bank = load_bank(bank_dir)
    result = assess(bank, VALUES)
    hidden = bank.lesson(result.recommendations[-1].lesson_id).title.nb
    text = run(capsys, "--bank", str(bank_dir), "score", str(answers))
    assert "1. [Må på plass først] Forankre først" in text
    assert "2. " in text and "3. " not in text
    assert hidden not in text
    assert "1 til – `cocreate score --all` viser alle" in text
    every = run(capsys, "--bank", str(bank_dir), "score", str(answers), "--all")
    assert f"3. {hidden}" in every
    assert "til – `cocreate score --all`" not in every
    dump = json.loads(run(capsys, "--bank", str(bank_dir), "score", str(answers), "--json"))
    assert len(dump["recommendations"]) == 3


def test_the_markdown_export_puts_the_rest_in_an_appendix(bank_dir: Path) -> None:
    bank: Bank = load_bank(bank_dir)
    session = new_session(SessionMeta(team="T"), bank)
    for question_id, value in VALUES.items():
        session = session.with_answer(question_id, value)
    result = assess(bank, VALUES)
    text = assessment_markdown(bank, session, result, "nb")
    hidden = bank.lesson(result.recommendations[-1].lesson_id).title.nb
    assert "1 råd til står i vedlegget bakerst." in text
    appendix = text.index("## Vedlegg: flere råd")
    assert text.index(hidden) > appendix
    assert text.index("Forankre først") < appendix
