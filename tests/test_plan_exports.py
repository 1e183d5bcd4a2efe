"""The action plan on paper: Markdown, CSV for Excel/Planner, JSON, HTML, and `cocreate plan`."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from cocreate_tui.cli import main
from cocreate_tui.commands import plan_command
from cocreate_tui.domain.action_plan import carry_over, next_round_meta
from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.compare import compare_sessions
from cocreate_tui.domain.exports.html_export import comparison_html, session_html
from cocreate_tui.domain.exports.json_export import comparison_json
from cocreate_tui.domain.exports.markdown_export import comparison_markdown, session_markdown
from cocreate_tui.domain.exports.plan_export import (
    CSV_DELIMITER,
    plan_csv,
    plan_json,
    plan_markdown,
)
from cocreate_tui.domain.scoring import assess
from cocreate_tui.domain.sessions import Session, new_action
from cocreate_tui.domain.storage import SessionStore

from .facilitator_helpers import build
from .session_helpers import T0
from .tiny_bank import write_tiny_bank

TODAY = date(2024, 3, 15)
NOT_READY = {"anchor_up": 0, "anchor_across": 0, "calendar": 1, "duration": 4}
IMPROVED = {"anchor_up": 3, "anchor_across": 4, "calendar": 1, "duration": 4}


def planned(bank: Bank) -> Session:
    """Horten before inviting: not ready, with one action of each kind."""
    session = build(bank, NOT_READY)
    actions = [
        new_action(
            "Forankre hos ledelsen",
            lesson_id="anchor-first",
            question_ids=["anchor_up"],
            owner="Kari",
            due=TODAY - timedelta(days=5),
            now=T0,
        ),
        new_action("Sett av tid", lesson_id="take-time", question_ids=["calendar"], now=T0),
        new_action("=Snakk med etatene", owner="@Per", status="done", now=T0),
        new_action("Kurs i samskaping", status="dropped", dropped_reason="Ingen penger", now=T0),
    ]
    for action in actions:
        session = session.with_action(action, now=T0)
    return session


# --- the plan on its own ---------------------------------------------------------------------


def test_plan_markdown_marks_overdue_in_words_and_cites_the_lesson(tiny_bank: Bank) -> None:
    text = plan_markdown(tiny_bank, planned(tiny_bank), "nb", TODAY)

    assert text.startswith("# Tiltaksplan: Horten\n")
    assert "4 tiltak: 2 gjenstår, 1 forsinket, 1 gjort, 1 droppet" in text
    row = next(line for line in text.splitlines() if "Forankre hos ledelsen" in line)
    assert row.startswith("| 10.03.2024 |")
    assert "**Ikke startet – forsinket**" in row
    assert "Råd: Forankre først (3.7)" in row
    assert "| Droppet: Ingen penger |" in text
    assert "Teamets eget tiltak" in text
    assert "ingen ansvarlig ennå" in text
    english = plan_markdown(tiny_bank, planned(tiny_bank), "en", TODAY)
    assert "**Not started – overdue**" in english


def test_an_empty_plan_says_how_to_start_one(tiny_bank: Bank) -> None:
    text = plan_markdown(tiny_bank, build(tiny_bank, NOT_READY), "nb", TODAY)

    assert "Ingen tiltak ennå" in text
    assert "|" not in text


def test_plan_csv_is_semicolon_separated_for_excel_and_safe(tiny_bank: Bank) -> None:
    text = plan_csv(tiny_bank, planned(tiny_bank), "nb", TODAY)

    rows = list(csv.reader(io.StringIO(text), delimiter=CSV_DELIMITER))
    assert CSV_DELIMITER == ";"
    assert rows[0][:6] == ["Tiltak", "Ansvarlig", "Frist", "Status", "Forsinket", "Hvorfor droppet"]
    assert all(len(row) == len(rows[0]) for row in rows)
    by_text = {row[0]: row for row in rows[1:]}
    assert by_text["Forankre hos ledelsen"][2:5] == ["2024-03-10", "Ikke startet", "ja"]
    # Cells that a spreadsheet would run as formulas are made plain text.
    assert "'=Snakk med etatene" in by_text
    assert by_text["'=Snakk med etatene"][1] == "'@Per"
    assert by_text["Kurs i samskaping"][5] == "Ingen penger"
    assert text.endswith("\r\n")


def test_plan_json_is_stable_data(tiny_bank: Bank) -> None:
    session = planned(tiny_bank)
    data = json.loads(plan_json(tiny_bank, session, "nb", TODAY))

    assert data["format"] == "cocreate-action-plan"
    assert data["today"] == "2024-03-15"
    assert data["session"]["id"] == session.id
    assert data["counts"] == {"total": 4, "open": 2, "overdue": 1, "done": 1, "dropped": 1}
    first = data["actions"][0]
    assert first["status"] == "not_started"
    assert first["overdue"] is True
    assert first["lesson_title"] == "Forankre først"
    assert first["question_ids"] == ["anchor_up"]


# --- inside the session exports --------------------------------------------------------------


@pytest.mark.parametrize("include_notes", [True, False])
def test_session_markdown_and_html_carry_the_plan(tiny_bank: Bank, include_notes: bool) -> None:
    session = planned(tiny_bank)
    assessment = assess(tiny_bank, session.answer_values())

    markdown = session_markdown(tiny_bank, session, assessment, "nb", include_notes)
    html = session_html(tiny_bank, session, assessment, "nb", include_notes)

    assert "## Tiltaksplan" in markdown
    assert "Forankre hos ledelsen" in markdown
    assert '<section id="action-plan">' in html
    assert "=Snakk med etatene" in html
    assert "Ikke startet – forsinket" in html  # due in March 2024: overdue by now


def test_session_exports_without_actions_have_no_plan(tiny_bank: Bank) -> None:
    session = build(tiny_bank, NOT_READY)
    assessment = assess(tiny_bank, session.answer_values())

    assert "Tiltaksplan" not in session_markdown(tiny_bank, session, assessment, "nb")
    assert "action-plan" not in session_html(tiny_bank, session, assessment, "nb")


# --- in a comparison -------------------------------------------------------------------------


def rounds(bank: Bank) -> tuple[Session, Session]:
    first = planned(bank)
    second = carry_over(first, next_round_meta(first.meta, "before_inviting"), bank)
    for question_id, value in IMPROVED.items():
        second = second.with_answer(question_id, value, now=T0 + timedelta(days=60))
    return first, second


def test_comparison_markdown_and_json_show_each_actions_progress(tiny_bank: Bank) -> None:
    first, second = rounds(tiny_bank)
    comparison = compare_sessions(tiny_bank, [first, second])

    markdown = comparison_markdown(tiny_bank, comparison, "nb")
    data = json.loads(comparison_json(tiny_bank, comparison, "nb"))
    html = comparison_html(tiny_bank, comparison, "nb")

    assert "### Tiltak og framgang" in markdown
    line = next(line for line in markdown.splitlines() if "Forankre hos ledelsen" in line)
    assert "Ja, alle svarene ble bedre" in line
    assert "Forankret oppover?: Nei → Mest (bedre)" in markdown
    assert "Sett av tid** – Ikke startet · Ble det bedre? **Nei, svarene ble ikke bedre" in (
        markdown
    )
    actions = {a["text"]: a for a in data["overall_change"]["actions"]}
    assert actions["Forankre hos ledelsen"]["outcome"] == "all"
    assert actions["Forankre hos ledelsen"]["carried"] is True
    assert actions["Forankre hos ledelsen"]["questions"] == [
        {"question": "anchor_up", "before": 0, "after": 3, "change": "better"}
    ]
    assert actions["Kurs i samskaping"]["carried"] is False
    assert actions["Kurs i samskaping"]["status"] == "dropped"
    assert 'data-outcome="all"' in html


def test_a_comparison_without_actions_says_nothing_about_them(tiny_bank: Bank) -> None:
    comparison = compare_sessions(
        tiny_bank, [build(tiny_bank, NOT_READY), build(tiny_bank, IMPROVED, days=9)]
    )

    assert "Tiltak og framgang" not in comparison_markdown(tiny_bank, comparison, "nb")
    assert json.loads(comparison_json(tiny_bank, comparison, "nb"))["steps"][0]["actions"] == []


# --- `cocreate plan` -------------------------------------------------------------------------


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    return write_tiny_bank(tmp_path / "bank")


@pytest.fixture
def saved(tiny_bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Session:
    monkeypatch.setattr(plan_command, "today", lambda: TODAY)
    session = planned(tiny_bank)
    SessionStore(tmp_path / "data").save(session)
    return session


def run(capsys: pytest.CaptureFixture[str], bank_dir: Path, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(["--bank", str(bank_dir), *argv])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_plan_prints_markdown_by_default(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, saved: Session
) -> None:
    code, out, err = run(capsys, bank_dir, "plan", saved.id[:6])

    assert (code, err) == (0, "")
    assert out.startswith("# Tiltaksplan: Horten")
    assert "Ikke startet – forsinket" in out


def test_plan_csv_to_a_file_has_a_byte_order_mark_and_never_overwrites(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, saved: Session, tmp_path: Path
) -> None:
    target = tmp_path / "plan.csv"

    code, out, _ = run(capsys, bank_dir, "plan", saved.id, "-o", str(target))

    assert (code, out) == (0, "")
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").startswith("Tiltak;Ansvarlig;Frist;Status;")
    code, _, err = run(capsys, bank_dir, "plan", saved.id, "-o", str(target))
    assert code == 1
    assert "finnes allerede" in err
    assert target.read_bytes() == raw


def test_plan_json_and_english(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, saved: Session
) -> None:
    code, out, _ = run(capsys, bank_dir, "plan", saved.id, "--format", "json", "--lang", "en")

    assert code == 0
    data = json.loads(out)
    assert data["counts"]["overdue"] == 1
    assert data["actions"][0]["lesson_title"] == "Anchor first"


def test_plan_refuses_html_and_unknown_sessions(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, saved: Session, tmp_path: Path
) -> None:
    code, _, err = run(capsys, bank_dir, "plan", saved.id, "-o", str(tmp_path / "p.html"))
    assert code == 2
    assert "md, csv eller json" in err
    code, _, err = run(capsys, bank_dir, "plan", "ffffff")
    assert code == 1
    assert "Ingen lagret vurdering" in err
    assert not (tmp_path / "p.html").exists()


def test_compare_json_on_the_command_line_has_the_progress(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, tiny_bank: Bank, tmp_path: Path
) -> None:
    first, second = rounds(tiny_bank)
    store = SessionStore(tmp_path / "data")
    store.save(first)
    store.save(second)

    code, out, _ = run(capsys, bank_dir, "compare", first.id, second.id, "--json")

    assert code == 0
    outcomes = {a["text"]: a["outcome"] for a in json.loads(out)["overall_change"]["actions"]}
    assert outcomes["Forankre hos ledelsen"] == "all"


def test_plan_never_imports_textual(bank_dir: Path, saved: Session, tmp_path: Path) -> None:
    code = (
        "import sys\nfrom cocreate_tui.cli import main\n"
        f"main(['--bank', {str(bank_dir)!r}, '--data-dir', {str(tmp_path / 'data')!r}, "
        f"'plan', {saved.id!r}, '--format', 'csv'])\n"
        "print('@@', sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert done.stdout.rsplit("@@", 1)[1].strip() == "[]"
    assert "Tiltak;Ansvarlig" in done.stdout


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_an_empty_plan_read_outside_the_app_names_no_keys_of_the_plan_screen(
    tiny_bank: Bank, lang: str
) -> None:
    # «press a here» means something on the plan screen only; a document points to the app.
    text = plan_markdown(tiny_bank, build(tiny_bank, NOT_READY), lang, TODAY)
    from cocreate_tui.i18n import t

    assert t("plan_empty_document", lang) in text
    assert t("plan_empty", lang) not in text
