"""The command line: exit codes, plain error messages, and the stable JSON shapes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cocreate_tui.cli import main

from .platform_guards import assert_private
from .tiny_bank import QUESTIONS, write_tiny_bank


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    return write_tiny_bank(tmp_path / "bank")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_bank_validate_ok(capsys: pytest.CaptureFixture[str], bank_dir: Path) -> None:
    code, out, _ = run(capsys, "bank", "validate", str(bank_dir))
    assert code == 0
    assert "OK – bank tiny 0.1: 3 områder, 3 lærdommer, 4 spørsmål." in out


def test_bank_validate_lists_every_problem_with_its_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = write_tiny_bank(
        tmp_path / "broken",
        questions_toml=QUESTIONS.replace('dimension = "time"', 'dimension = "x"').replace(
            'lessons = ["thin-thick"]', 'lessons = ["y"]'
        ),
    )
    code, out, err = run(capsys, "--lang", "en", "bank", "validate", str(broken))
    assert code == 1
    assert out == ""
    assert f"{broken / 'questions.toml'}: question calendar: unknown dimension 'x'" in err
    assert f"{broken / 'questions.toml'}: question duration: cites unknown lesson 'y'" in err
    assert "Traceback" not in err


def test_bank_option_applies_after_the_command_too(
    capsys: pytest.CaptureFixture[str], bank_dir: Path
) -> None:
    code, out, _ = run(capsys, "bank", "show", "--json", "--bank", str(bank_dir))
    assert code == 0
    dump = json.loads(out)
    assert dump["bank"] == {"id": "tiny", "version": "0.1", "strict_blockers": False}
    assert [d["id"] for d in dump["dimensions"]] == ["anchoring", "time", "ambition"]
    lesson = dump["lessons"][0]
    assert set(lesson) >= {"id", "section", "kind", "title", "advice", "quote"}
    question = dump["questions"][0]
    assert set(question) >= {"id", "dimension", "text", "help", "lessons", "options"}
    assert question["options"][0] == {"value": 0, "label": {"nb": "Nei", "en": "No"}}


def test_bank_show_readable_in_english(capsys: pytest.CaptureFixture[str], bank_dir: Path) -> None:
    code, out, _ = run(capsys, "--bank", str(bank_dir), "--lang", "en", "bank", "show")
    assert code == 0
    assert "Tiny bank" in out and "Anchored upwards?" in out


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_score_json_shape(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, tmp_path: Path
) -> None:
    answers = write(
        tmp_path / "a.toml",
        '[answers]\nanchor_up = 1\nanchor_across = 4\ncalendar = "unknown"\nduration = 4\n',
    )
    code, out, _ = run(capsys, "--bank", str(bank_dir), "score", str(answers), "--json")
    assert code == 0
    verdict = json.loads(out)
    assert verdict["level"] == "not_ready"
    assert verdict["blockers"] == ["anchor-first"]
    assert verdict["unknown"] == ["calendar"]
    assert verdict["dimensions"] == {"anchoring": 50.0, "time": None, "ambition": 100.0}
    assert verdict["recommendations"][0] == {
        "lesson": "anchor-first",
        "section": "3.7",
        "blocker": True,
        "questions": ["anchor_up"],
        "stop_quote": "før innbyggerne inviteres",
        "law": ["https://lovdata.no/lov/2021-06-11-74"],
    }
    assert verdict["level_reasons"] == [
        {"kind": "blocker", "lesson": "anchor-first", "questions": ["anchor_up"]}
    ]
    assert verdict["ambition"]["level"] == "thick"
    assert set(verdict) >= {
        "level",
        "overall",
        "coverage",
        "dimensions",
        "blockers",
        "unknown",
        "recommendations",
        "ambition",
    }


def test_score_readable_report(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, tmp_path: Path
) -> None:
    answers = write(
        tmp_path / "a.toml",
        '[answers]\nanchor_up = 1\nanchor_across = 4\ncalendar = 2\nduration = 0\n[notes]\ncalendar = "Travel høst"\n',
    )
    code, out, _ = run(capsys, "--bank", str(bank_dir), "score", str(answers))
    assert code == 0
    assert "Resultat: Ikke klare" in out
    assert "Må på plass først" in out and "Forankre først" in out
    assert "calendar: Travel høst" in out


def test_score_bad_file_one_line_per_problem(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, tmp_path: Path
) -> None:
    answers = write(tmp_path / "bad.toml", "[answers]\nanchor_up = 7\nghost = 1\n")
    code, out, err = run(capsys, "--bank", str(bank_dir), "score", str(answers))
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    assert lines[0] == f"cocreate: {answers}: svarfilen kan ikke brukes:"
    assert lines[1:] == [
        f'  {answers}: answers.anchor_up: 7 er ikke et svaralternativ; bruk 0, 1, 2, 3, 4 eller "unknown"',
        f"  {answers}: answers.ghost: spørsmålsbanken har ikke dette spørsmålet",
    ]


def test_score_missing_file(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, tmp_path: Path
) -> None:
    code, _, err = run(capsys, "--bank", str(bank_dir), "score", str(tmp_path / "nope.toml"))
    assert code == 1
    assert f"{tmp_path / 'nope.toml'}: finnes ikke" in err


def test_broken_custom_bank_for_score_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    answers = write(tmp_path / "a.toml", "[answers]\n")
    code, _, err = run(capsys, "--bank", str(tmp_path / "no-bank"), "score", str(answers))
    assert code == 1
    assert f"{tmp_path / 'no-bank'}: finnes ikke" in err


@pytest.mark.parametrize(
    "argv", [["score"], ["bank"], ["--lang", "de", "bank", "show"], ["frobnicate"]]
)
def test_usage_errors_exit_2_without_traceback(argv: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cocreate_tui", *argv], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert "bruk: cocreate" in done.stderr  # Norwegian by default
    assert "Traceback" not in done.stderr


def test_score_save_stores_a_session_and_prints_only_its_id(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, tmp_path: Path
) -> None:
    answers = write(
        tmp_path / "a.toml",
        '[meta]\nteam = "Team Sør"\nphase = "evaluation"\n'
        '[answers]\nanchor_up = 3\ncalendar = "unknown"\n[notes]\ncalendar = "Spør leder"\n',
    )
    data = tmp_path / "data"
    code, out, _ = run(
        capsys, "--bank", str(bank_dir), "score", str(answers), "--save", "--data-dir", str(data)
    )
    assert code == 0
    session_id = out.strip()
    assert out == session_id + "\n" and len(session_id) == 32
    saved = json.loads((data / "sessions" / f"{session_id}.json").read_text(encoding="utf-8"))
    assert saved["meta"]["team"] == "Team Sør" and saved["meta"]["phase"] == "evaluation"
    assert saved["answers"]["anchor_up"]["value"] == 3
    assert saved["answers"]["calendar"]["unknown"] is True
    assert saved["answers"]["calendar"]["note"] == "Spør leder"
    assert saved["status"] == "in_progress"
    assert saved["bank"]["id"] == "tiny"
    assert_private(data / "sessions" / f"{session_id}.json")


def test_score_save_without_a_team_says_what_is_missing(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, tmp_path: Path
) -> None:
    answers = write(tmp_path / "a.toml", '[meta]\nphase = "later"\n[answers]\nanchor_up = 3\n')
    code, out, err = run(
        capsys,
        "--lang",
        "en",
        "--bank",
        str(bank_dir),
        "score",
        str(answers),
        "--save",
        "--data-dir",
        str(tmp_path / "d"),
    )
    assert code == 1 and out == ""
    assert f"{answers}: meta.team: missing" in err
    assert f"{answers}: meta.phase:" in err
    assert not (tmp_path / "d").exists()


def test_score_report_names_the_question_and_answer_and_prints_notes_literally(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, tmp_path: Path
) -> None:
    answers = write(
        tmp_path / "a.toml",
        "[answers]\nanchor_up = 1\nanchor_across = 4\ncalendar = 1\nduration = 0\n"
        '[notes]\ncalendar = "[red]ikke farge[/red] [b]"\n',
    )
    code, out, _ = run(capsys, "--bank", str(bank_dir), "score", str(answers))
    assert code == 0
    assert "– Forankret oppover? «Litt»" in out
    assert "calendar: [red]ikke farge[/red] [b]" in out
