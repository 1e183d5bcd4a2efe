"""Text safety at both ends: each finding of the hardening review, and each old copy's divergence."""

from __future__ import annotations

import csv
import io
import json
import platform
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cocreate_tui.cli import main
from cocreate_tui.domain.bank_loader import load_bank
from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.errors import SessionFileError
from cocreate_tui.domain.exports.csv_export import sessions_csv
from cocreate_tui.domain.exports.html_export import session_html
from cocreate_tui.domain.exports.markdown_export import session_markdown
from cocreate_tui.domain.exports.plan_export import plan_csv, plan_markdown_lines
from cocreate_tui.domain.scoring import assess
from cocreate_tui.domain.session_lock import SessionLock
from cocreate_tui.domain.sessions import (
    BankRef,
    Session,
    SessionMeta,
    new_action,
    session_from_json,
    session_to_json,
)
from cocreate_tui.domain.text_safety import NOTE_MAX, csv_cell, escape_markup, md_inline

from .facilitator_helpers import build
from .platform_guards import modes_only
from .tiny_bank import FILES, write_tiny_bank

TODAY = date(2024, 3, 1)


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    return write_tiny_bank(tmp_path / "bank")


@pytest.fixture
def bank(bank_dir: Path) -> Bank:
    return load_bank(bank_dir)


def _with_action(bank: Bank, note: str, action_text: str) -> Session:
    session = build(bank, {"anchor_up": 3}, {"anchor_up": note})
    return session.with_action(new_action(action_text, owner="Kari"))


# --- Markdown ----------------------------------------------------------------------------------


def test_braces_are_escaped_in_the_plan_as_in_the_report(bank: Bank) -> None:
    # Three escapers, and only report_markdown's escaped {}: the plan's and the exports' did not.
    session = _with_action(bank, "se {ref}", "Les {kapittel}")
    plan = "\n".join(plan_markdown_lines(bank, session, "nb", TODAY))
    assert "Les \\{kapittel\\}" in plan and "{kapittel}" not in plan.replace("\\{kapittel\\}", "")
    report = session_markdown(bank, session, assess(bank, session.answer_values()), "nb")
    assert "se \\{ref\\}" in report


@pytest.mark.parametrize(
    ("note", "escaped"),
    [
        ("---", "\\---"),
        ("1. punkt", "1\\. punkt"),
        ("- punkt", "\\- punkt"),
        ("> sitat", "\\> sitat"),
    ],
)
def test_a_note_cannot_change_the_structure_of_the_markdown(
    bank: Bank, note: str, escaped: str
) -> None:
    plain = build(bank, {"anchor_up": 3}, {"anchor_up": "notat"})
    session = build(bank, {"anchor_up": 3}, {"anchor_up": note})
    text = session_markdown(bank, session, assess(bank, session.answer_values()), "nb")
    baseline = session_markdown(bank, plain, assess(bank, plain.answer_values()), "nb")
    assert escaped in text
    # Never a line of its own (a rule, a list, a quote) beyond those the report always has.
    assert text.splitlines().count(note) == baseline.splitlines().count(note)


def test_inline_markdown_keeps_numbers_and_signs_readable() -> None:
    assert md_inline("3.7 og -5") == "3.7 og -5"


# --- CSV --------------------------------------------------------------------------------------


def test_the_bank_version_of_an_imported_session_is_neutralised_in_csv(bank: Bank) -> None:
    session = build(bank, {"anchor_up": 3})
    hostile = BankRef(id=session.bank.id, version="=HYPERLINK(1)", content_hash="x")
    session = session.model_copy(update={"bank": hostile})
    rows = list(csv.DictReader(io.StringIO(sessions_csv(bank, [session], "nb"))))
    assert rows and all(row["bank_version"] == "'=HYPERLINK(1)" for row in rows)


def test_csv_guards_agree_in_the_plan_and_the_sessions(bank: Bank) -> None:
    # Two copies of the guard; now one: the same cell is guarded the same way in both files.
    session = _with_action(bank, "x", "=1+1")
    assert "'=1+1" in plan_csv(bank, session, "nb", TODAY)
    assert csv_cell("=1+1") == "'=1+1" and csv_cell("|cmd") == "'|cmd"


# --- HTML -------------------------------------------------------------------------------------


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.names += [name for name, _ in attrs]


def test_html_export_has_no_event_handler_attribute_and_no_tag_from_data(bank: Bank) -> None:
    hostile = '"><img src=x onerror=alert(1)><b onload="x">'
    session = build(
        bank, {"anchor_up": 3}, {"anchor_up": hostile}, team=f"T{hostile}", respondent=hostile
    )
    session = session.with_action(new_action(f"A{hostile}", owner=hostile))
    parser = _Attributes()
    parser.feed(session_html(bank, session, assess(bank, session.answer_values()), "nb"))
    assert not [name for name in parser.names if name.lower().startswith("on")]
    assert "img" not in parser.tags


# --- coming in --------------------------------------------------------------------------------


def test_bidi_and_zero_width_characters_cannot_make_one_team_pose_as_another() -> None:
    assert SessionMeta(team="Lar\u200bvik\u202e").team == SessionMeta(team="Larvik").team


def test_a_lone_surrogate_in_a_note_is_dropped_not_a_traceback(
    bank_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(
        '{"meta": {"team": "Larvik"}, "answers": {"anchor_up": 3},'
        ' "notes": {"anchor_up": "a\\ud800b"}}'
    )
    data = ["--bank", str(bank_dir), "--data-dir", str(tmp_path / "data")]
    assert main([*data, "score", str(answers), "--save"]) == 0
    session_id = capsys.readouterr().out.strip()
    saved = tmp_path / "data" / "sessions" / f"{session_id}.json"
    assert json.loads(saved.read_text(encoding="utf-8"))["answers"]["anchor_up"]["note"] == "ab"
    assert main([*data, "show", session_id]) == 0


def test_a_note_too_long_to_keep_a_session_readable_is_refused_by_name(
    bank_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # score --save used to write notes of any length, and show/export then refused the file.
    answers = tmp_path / "answers.json"
    long_note = "x" * (NOTE_MAX + 1)
    answers.write_text(
        json.dumps(
            {"meta": {"team": "L"}, "answers": {"anchor_up": 3}, "notes": {"anchor_up": long_note}}
        )
    )
    data = ["--bank", str(bank_dir), "--data-dir", str(tmp_path / "data")]
    assert main([*data, "score", str(answers), "--save"]) == 1
    err = capsys.readouterr().err
    assert f"notes.anchor_up: er for lang ({NOTE_MAX + 1} tegn; høyst {NOTE_MAX})" in err


@pytest.mark.parametrize(
    "moment", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "1200-01-01T00:00:00Z"]
)
def test_a_timestamp_at_the_edge_of_the_calendar_is_a_damaged_file(
    bank: Bank, tmp_path: Path, moment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = json.loads(session_to_json(build(bank, {"anchor_up": 3})))
    raw["created_at"] = moment
    with pytest.raises(SessionFileError, match="created_at"):
        session_from_json(json.dumps(raw), "x.json")
    sessions = tmp_path / "data" / "sessions"
    sessions.mkdir(parents=True)
    (sessions / f"{raw['id']}.json").write_text(json.dumps(raw))
    assert main(["--data-dir", str(tmp_path / "data"), "list"]) == 0
    assert f"{raw['id']}.json" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"answers": {"anchor_up": 1, "anchor_up": 3}}', "har nøkkelen 'anchor_up' to ganger"),
        (
            '{"answers": {"anchor_up": ' + "9" * 5000 + "}}",
            "har et tall som er for langt til å leses",
        ),
    ],
)
def test_answers_files_with_a_key_twice_or_a_huge_number_get_a_message(
    bank_dir: Path, tmp_path: Path, content: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(content)
    assert main(["--bank", str(bank_dir), "score", str(answers)]) == 1
    assert message in capsys.readouterr().err


def test_a_lock_file_with_a_huge_pid_is_taken_as_broken(tmp_path: Path) -> None:
    session_id = "c" * 32
    (tmp_path / f"{session_id}.lock").write_text(
        json.dumps({"pid": 10**30, "host": platform.node(), "since": "2026-01-01T10:00:00+00:00"})
    )
    assert SessionLock(tmp_path, session_id).acquire() is None


def test_an_over_long_merge_name_is_a_usage_message(
    bank: Bank, bank_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--bank", str(bank_dir), "--data-dir", str(tmp_path / "data")]
    code = main([*data, "merge", "a" * 8, "b" * 8, "--name", "N" * 200, "--save"])
    assert code == 2
    assert "høyst 120" in capsys.readouterr().err


def test_markup_like_brackets_in_a_bank_are_text_in_score_and_bank_show(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank_files = {
        key.replace(".", "_"): text.replace('nb = "', 'nb = "[/b][bold red]')
        for key, text in FILES.items()
    }
    bank_dir = write_tiny_bank(tmp_path / "bank", **bank_files)
    assert main(["--bank", str(bank_dir), "bank", "validate"]) == 0
    assert main(["--bank", str(bank_dir), "bank", "show"]) == 0
    answers = tmp_path / "answers.toml"
    answers.write_text("[answers]\nanchor_up = 3\n")
    assert main(["--bank", str(bank_dir), "score", str(answers)]) == 0
    assert "[/b][bold red]" in capsys.readouterr().out


@settings(max_examples=300)
@given(st.text(alphabet="[]\\/#@ab =", max_size=16))
def test_our_markup_escaper_is_riches(text: str) -> None:
    # The console views escape with text_safety's copy (the domain starts without Rich), so it
    # must not drift from Rich's own.
    from rich.markup import escape

    assert escape_markup(text) == escape(text)


@pytest.mark.parametrize("text", ["[/b][bold red]", "[link=x]y[/link]", "a\\", "[@click=quit]"])
def test_escaped_markup_prints_as_the_text_itself(text: str) -> None:
    from rich.text import Text

    assert Text.from_markup(f"[b]{escape_markup(text)}[/b]").plain == text


# --- smaller findings -------------------------------------------------------------------------


def test_ids_in_the_list_are_long_enough_to_tell_sessions_apart() -> None:
    from cocreate_tui.facilitator_views import unique_prefix_length

    ids = ["abcdef12" + "0" * 24, "abcdef12" + "1" * 24, "99999999" + "2" * 24]
    assert unique_prefix_length(ids) == 9
    assert unique_prefix_length(["a" * 32, "b" * 32]) == 8


def test_merge_save_with_a_failing_export_still_says_the_saved_id(
    bank: Bank, bank_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cocreate_tui.domain.storage import SessionStore

    data = tmp_path / "data"
    store = SessionStore(data)
    first = build(bank, {"anchor_up": 3}, respondent="Kari")
    second = build(bank, {"anchor_up": 1}, respondent="Ola")
    store.save(first)
    store.save(second)
    taken = tmp_path / "taken.md"
    taken.write_text("x")
    args = ["--bank", str(bank_dir), "--data-dir", str(data), "merge", first.id, second.id]
    code = main([*args, "--name", "Felles", "--save", "-o", str(taken)])
    assert code == 1
    err = capsys.readouterr().err
    merged = [s.id for s in store.list().sessions if s.id not in (first.id, second.id)]
    assert len(merged) == 1 and merged[0] in err


@modes_only  # Windows has no «others may write» bits: the profile's access lists decide
def test_a_data_folder_others_can_write_to_is_not_used_without_a_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o777)
    assert main(["--data-dir", str(data), "list"]) == 0
    assert "andre kontoer på maskinen kan endre datamappen" in capsys.readouterr().err
    data.chmod(0o700)
    assert main(["--data-dir", str(data), "list"]) == 0
    assert "other users" not in capsys.readouterr().err
