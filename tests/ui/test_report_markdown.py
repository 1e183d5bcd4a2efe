"""The Markdown export: what it says, in which order, and how the file is written."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.exports.report_markdown import (
    SLUG_FALLBACK,
    assessment_markdown,
    export_file_name,
    write_export,
)
from cocreate_tui.domain.fileio import slug
from cocreate_tui.domain.scoring import assess
from cocreate_tui.domain.sessions import Session, SessionMeta, new_session

from ..platform_guards import assert_private

NOW = datetime(2024, 3, 1, 9, 5, tzinfo=UTC)


def _session(bank: Bank, team: str = "Team Larvik") -> Session:
    meta = SessionMeta(team=team, organisation="Larvik kommune", phase="after_first_meeting")
    session = new_session(meta, bank, now=NOW)
    answers: dict[str, int | str] = {
        "und_difference": 1,
        "und_open_outcome": 2,
        "anchor_leadership": 0,
        "anchor_across": 2,
        "lead_control": 0,
        "time_calendar": "unknown",
    }
    for question_id, value in answers.items():
        if value == "unknown":
            session = session.with_answer(question_id, unknown=True, now=NOW)
        else:
            assert isinstance(value, int)
            session = session.with_answer(question_id, value, now=NOW)
    return session.with_note("lead_control", "Lederen vil godkjenne alt.", now=NOW)


def _markdown(bank: Bank, session: Session, **options: object) -> str:
    assessment = assess(bank, session.answer_values())
    return assessment_markdown(bank, session, assessment, "nb", **options)  # type: ignore[arg-type]


def test_says_the_verdict_blockers_first_then_advice_with_sections_and_quotes(
    demo_bank: Bank,
) -> None:
    session = _session(demo_bank)
    assessment = assess(demo_bank, session.answer_values())
    text = assessment_markdown(demo_bank, session, assessment, "nb")

    assert text.startswith("# Er vi klare for samskaping?: Team Larvik\n")
    assert "Larvik kommune · Etter første møte · Teamet svarte sammen" in text
    level = demo_bank.policy.levels.not_ready
    assert f"## Resultat: {level.label.nb}" in text
    assert level.summary.nb in text
    assert f"Samlet: **{assessment.overall:.0f}/100**" in text
    for dimension in demo_bank.dimensions:
        result = assessment.dimensions[dimension.id]
        score = "ikke nok svar" if result.score is None else f"{result.score:.0f}"
        assert f"| {score} | {result.answered}/{result.total} |" in text
    verdict = text.index("## Resultat")
    blockers = text.index("## Må på plass før dere inviterer innbyggere")
    scores = text.index("## Områder")
    advice = text.index("## Dette bør dere gjøre først")
    assert verdict < blockers < scores < advice < text.index("## Ambisjon og forberedelser")
    positions = []
    for recommendation in assessment.recommendations:
        lesson = demo_bank.lesson(recommendation.lesson_id)
        positions.append(text.index(f"**{lesson.title.nb}**"))
        assert f"(rapporten, {lesson.section})" in text
        assert f"> «{lesson.quote}»" in text
    assert positions == sorted(positions)
    assert "– «Ledelsen vet ikke om arbeidet»" in text  # because you answered …
    assert "## Avklar før dere starter" in text
    assert demo_bank.question("time_calendar").text.nb in text  # «Vet ikke»: to clarify
    assert "Lederen vil godkjenne alt." in text
    assert text.rstrip().endswith(f"Spørsmålsbank: {demo_bank.info.id} {demo_bank.info.version}")
    assert f"Kilde: {demo_bank.info.source}" in text


def test_notes_can_be_left_out_and_it_says_so(demo_bank: Bank) -> None:
    text = _markdown(demo_bank, _session(demo_bank), include_notes=False)
    assert "Lederen vil godkjenne" not in text
    assert "## Notater" in text
    assert "Notatene er ikke med i denne filen" in text


def test_english(demo_bank: Bank) -> None:
    session = _session(demo_bank)
    assessment = assess(demo_bank, session.answer_values())
    text = assessment_markdown(demo_bank, session, assessment, "en")
    assert text.startswith("# Are we ready to co-create?: Team Larvik\n")
    assert "## Must be in place before you invite citizens" in text
    assert "(the report, 3.7)" in text
    assert "Question bank: demo 1.0.0" in text


def test_user_text_cannot_break_the_markdown(demo_bank: Bank) -> None:
    session = _session(demo_bank, team="# Team *A* | [B](x)")
    session = session.with_note("und_difference", "<script> | **fet**\nlinje 2", now=NOW)
    text = _markdown(demo_bank, session)
    assert "# Er vi klare for samskaping?: \\# Team \\*A\\* \\| \\[B\\](x)" in text
    assert "\\<script\\> \\| \\*\\*fet\\*\\*" in text
    assert "  linje 2" in text


def test_answers_to_removed_questions_are_listed(demo_bank: Bank) -> None:
    session = _session(demo_bank).with_answer("gone", 3, now=NOW).with_note("gone", "Gammelt")
    text = _markdown(demo_bank, session)
    assert "## Svar på spørsmål som ikke finnes i denne banken" in text
    assert "- `gone`: 3" in text
    assert "`gone` (finnes ikke lenger i spørsmålsbanken)" in text


def test_the_module_is_pure() -> None:
    probe = (
        "import sys, json, cocreate_tui.domain.exports.report_markdown\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = json.loads(done.stdout)
    assert not [name for name in loaded if name.split(".")[0] in ("textual", "rich")]


@pytest.mark.parametrize(
    ("team", "expected"),
    [
        ("NAV Larvik – Flyktning/tjenesten", "nav-larvik-flyktning-tjenesten"),
        ("Ærlig Øst på Å", "aerlig-ost-pa-a"),
        ("***", "assessment"),
        ("x" * 80, "x" * 40),
    ],
)
def test_slug(team: str, expected: str) -> None:
    assert slug(team, SLUG_FALLBACK) == expected


def test_file_name() -> None:
    assert export_file_name("Team Larvik", NOW) == "team-larvik-2024-03-01-0905.md"


def test_export_is_private_and_never_overwrites(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    first = write_export(data_dir, "team.md", "én\n")
    second = write_export(data_dir, "team.md", "to\n")
    third = write_export(data_dir, "team.md", "tre\n")

    assert [p.name for p in (first, second, third)] == ["team.md", "team-2.md", "team-3.md"]
    assert first.read_text(encoding="utf-8") == "én\n"
    assert third.read_text(encoding="utf-8") == "tre\n"
    assert_private(first, data_dir / "exports")
    assert sorted(p.name for p in (data_dir / "exports").iterdir()) == [
        "team-2.md",
        "team-3.md",
        "team.md",
    ]  # no temporary files left behind
