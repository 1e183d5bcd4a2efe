"""A team round's HTML and CSV exports: the spread per question, every text escaped on its way."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cocreate_tui.domain.bank_loader import load_bank
from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.exports.round_sheets import CSV_COLUMNS, round_csv, round_html
from cocreate_tui.domain.round_store import RoundStore
from cocreate_tui.domain.team_round import (
    TeamRound,
    agree,
    finish,
    reveal,
    reveal_view,
    with_names_shown,
)

from .test_round_cli import run, started
from .tiny_bank import write_tiny_bank

NOW = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
HOSTILE = '=HYPERLINK("http://x")<script>alert(1)</script>'
"""A member name that is a spreadsheet formula and HTML at once."""
VOTES = {"Kari": 4, "Ola": 1, HOSTILE: "unknown"}


@pytest.fixture
def bank(tmp_path: Path) -> Bank:
    return load_bank(write_tiny_bank(tmp_path / "bank"))


def revealed_round(bank: Bank, data: Path) -> TeamRound:
    """Three members; on the first question Kari says 4, Ola 1 and the third «Vet ikke»."""
    rounds = RoundStore(data)
    code = rounds.create("<b>Bolig</b> & co", bank, NOW).code
    first = bank.questions[0]
    for name, vote in VOTES.items():
        _, session = rounds.join(code, name, bank, NOW)
        answered = (
            session.with_answer(first.id, unknown=True, now=NOW)
            if vote == "unknown"
            else session.with_answer(first.id, value=int(vote), now=NOW)
        )
        rounds.sessions.save(answered)
    team_round = rounds.load(code)
    return reveal(team_round, bank, rounds.member_sessions(team_round), NOW)


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_a_row_per_option_with_its_count_and_who(bank: Bank, tmp_path: Path) -> None:
    team_round = revealed_round(bank, tmp_path / "data")
    text = round_csv(bank, team_round, "nb")
    assert text.splitlines()[0].split(",") == list(CSV_COLUMNS)
    found = rows(text)
    first = bank.questions[0]
    mine = [r for r in found if r["question_id"] == first.id]
    # Every option in order, then «Vet ikke»: counts add up to the three members.
    assert [r["value"] for r in mine] == [str(o.value) for o in first.options] + ["unknown"]
    assert sum(int(r["count"]) for r in mine) == 3
    by_value = {r["value"]: r for r in mine}
    assert (by_value["4"]["count"], by_value["4"]["members"]) == ("1", "Kari")
    assert (by_value["1"]["count"], by_value["1"]["members"]) == ("1", "Ola")
    assert by_value["unknown"]["answer"] == "Vet ikke"
    # The formula-like name is text in a spreadsheet: a leading apostrophe.
    assert by_value["unknown"]["members"] == "'" + HOSTILE
    assert {r["split"] for r in mine} == {"yes"} and {r["blocker"] for r in mine} == {"yes"}
    assert {r["team"] for r in found} == {"<b>Bolig</b> & co"}
    # Every question of the bank is there, in talking order (the split blocker first).
    order = list(dict.fromkeys(r["question_id"] for r in found))
    assert order == [s.question_id for s in reveal_view(team_round, bank)]
    assert order[0] == first.id


def test_csv_leaves_names_out_when_the_team_hides_them(bank: Bank, tmp_path: Path) -> None:
    team_round = with_names_shown(revealed_round(bank, tmp_path / "data"), False, NOW)
    assert {r["members"] for r in rows(round_csv(bank, team_round, "en"))} == {""}


def test_csv_carries_the_agreed_answer_and_why(bank: Bank, tmp_path: Path) -> None:
    team_round = revealed_round(bank, tmp_path / "data")
    first = bank.questions[0].id
    team_round = agree(team_round, bank, first, 3, "+ vi må snakke med lederen", NOW)
    mine = [r for r in rows(round_csv(bank, team_round, "nb")) if r["question_id"] == first]
    assert {(r["agreed_value"], r["why"]) for r in mine} == {("3", "'+ vi må snakke med lederen")}


def test_html_escapes_every_name_and_shows_the_spread(bank: Bank, tmp_path: Path) -> None:
    team_round = revealed_round(bank, tmp_path / "data")
    first = bank.questions[0].id
    team_round = agree(team_round, bank, first, 3, "<i>fordi</i>", NOW)
    done, _ = finish(team_round, bank, NOW)
    page = round_html(bank, done, "nb")
    assert "<script" not in page and "<b>Bolig" not in page and "<i>fordi" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;Bolig&lt;/b&gt; &amp; co" in page
    assert "default-src &#x27;none&#x27;" in page or "default-src 'none'" in page
    # The spread: the first question's rows with bars, names and counts; the verdict at the end.
    assert bank.questions[0].text.nb in page
    assert "<td>█</td><td>Kari</td>" in page and "<td>·</td><td></td>" in page
    assert "Enige om:" in page and "Teamets samlede resultat" in page
    assert 'class="tag"' in page  # the blocker Ola's answer raises


def test_round_reveal_writes_csv_and_html_from_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bank_dir = write_tiny_bank(tmp_path / "bank")
    join_code = started(capsys, bank_dir, tmp_path)
    out_file = tmp_path / "spread.csv"
    code, _, _ = run(
        capsys, bank_dir, "round", "reveal", join_code, "--format", "csv", "-o", str(out_file)
    )
    assert code == 0
    data = out_file.read_bytes()
    assert data.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    assert rows(data.decode("utf-8-sig"))[0]["code"] == join_code
    code, out, _ = run(capsys, bank_dir, "round", "reveal", join_code, "--format", "html")
    written = Path(out.strip())
    assert code == 0 and written.suffix == ".html" and written.parent.name == "exports"
    assert "<!DOCTYPE html>" in written.read_text(encoding="utf-8")
    code, out, _ = run(capsys, bank_dir, "round", "status", join_code, "--json")
    assert json.loads(out)["state"] == "revealed"
