"""`cocreate round`: new, join, status, reveal and agree from the command line, end to end."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cocreate_tui.cli import main
from cocreate_tui.commands.list_command import hide_sealed
from cocreate_tui.domain.bank_loader import load_bank
from cocreate_tui.domain.round_store import RoundStore
from cocreate_tui.domain.scoring import assess
from cocreate_tui.domain.storage import SessionStore
from cocreate_tui.domain.team_round import revote

from .tiny_bank import write_tiny_bank

MEMBERS = {
    "Kari": "anchor_up = 4\nanchor_across = 4\ncalendar = 3\nduration = 2\n",
    "Ola": "anchor_up = 1\nanchor_across = 4\ncalendar = 3\nduration = 2\n",
    "Per": 'anchor_up = 3\nanchor_across = 4\ncalendar = "unknown"\nduration = 2\n',
}


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    return write_tiny_bank(tmp_path / "bank")


def run(capsys: pytest.CaptureFixture[str], bank_dir: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--bank", str(bank_dir), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def answers_file(folder: Path, name: str, body: str, notes: str = "") -> Path:
    path = folder / f"{name}.toml"
    path.write_text(f"[answers]\n{body}" + (f"[notes]\n{notes}" if notes else ""))
    return path


def started(capsys: pytest.CaptureFixture[str], bank_dir: Path, tmp_path: Path) -> str:
    code, out, _ = run(capsys, bank_dir, "round", "new", "--team", "Flyktningtjenesten")
    assert code == 0
    join_code = out.strip()
    for name, body in MEMBERS.items():
        path = answers_file(tmp_path, name, body)
        assert (
            run(
                capsys, bank_dir, "round", "join", join_code, "--name", name, "--answers", str(path)
            )[0]
            == 0
        )
    return join_code


def test_a_round_from_new_to_an_agreed_and_scored_team_session(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, tmp_path: Path
) -> None:
    join_code = started(capsys, bank_dir, tmp_path)
    assert len(join_code) == 6

    code, out, _ = run(capsys, bank_dir, "round", "status", join_code.lower(), "--json")
    status = json.loads(out)
    assert code == 0 and status["state"] == "answering"
    assert [(m["name"], m["answered"], m["done"]) for m in status["members"]] == [
        ("Kari", 4, True),
        ("Ola", 4, True),
        ("Per", 4, True),
    ]
    # Counts only before the reveal: no answer anywhere in what status prints.
    assert "votes" not in out and "anchor_up" not in out

    code, out, _ = run(capsys, bank_dir, "round", "reveal", join_code, "--json")
    revealed = json.loads(out)
    assert code == 0 and revealed["state"] == "revealed"
    first = revealed["questions"][0]
    # Ola's 1 raises the anchoring blocker: that question is talked about first.
    assert (first["id"], first["blocker"], first["split"]) == ("anchor_up", True, True)
    assert first["votes"] == {"Kari": 4, "Ola": 1, "Per": 3}
    assert first["counts"] == {"0": 0, "1": 1, "2": 0, "3": 1, "4": 1}
    calendar = next(q for q in revealed["questions"] if q["id"] == "calendar")
    assert (calendar["unknown"], calendar["members_behind"], calendar["rwg"]) == (1, 2, 1.0)

    agreed = answers_file(
        tmp_path,
        "agreed",
        "anchor_up = 2\nanchor_across = 4\ncalendar = 3\nduration = 2\n",
        'anchor_up = "Leder har ikke sagt ja ennå"\n',
    )
    code, out, err = run(
        capsys, bank_dir, "round", "agree", join_code, "--answers", str(agreed), "--json"
    )
    result = json.loads(out)
    assert code == 0 and result["state"] == "agreed"
    assert result["split"] == ["anchor_up"]
    session = SessionStore(Path(tmp_path / "data")).load(result["agreed_session"])
    assert session.answer_values() == {
        "anchor_up": 2,
        "anchor_across": 4,
        "calendar": 3,
        "duration": 2,
    }
    assert session.answer("anchor_up").note == "Leder har ikke sagt ja ennå"
    # Scored by the same engine as any session.
    verdict = assess(load_bank(bank_dir), session.answer_values())
    assert (result["result"]["level"], result["result"]["overall"]) == (
        verdict.level,
        round(verdict.overall or 0, 1),
    )
    assert err == ""


def test_markdown_reveal_carries_the_spread_as_bars(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, tmp_path: Path
) -> None:
    join_code = started(capsys, bank_dir, tmp_path)
    code, out, _ = run(capsys, bank_dir, "round", "reveal", join_code, "--format", "md")
    assert code == 0
    assert "█ 1 Litt (Ola)" in out
    assert "Enighet: 1,00 (enige) · 3 svar" in out
    assert "Dette må dere snakke mer om før dere inviterer innbyggere." in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["round", "status", "ABCDEF"], "Ingen runde har koden ABCDEF."),
        (["round", "status", "0O1IL"], "er ikke en kode for å bli med"),
        (["round", "join", "ABCDEF", "--name", " "], "--name trenger navnet ditt"),
        (["round", "new", "--team", " "], "--team trenger navnet på teamet"),
    ],
)
def test_bad_input_is_named_without_a_traceback(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, bank_dir, *argv)
    assert code in (1, 2) and out == ""
    assert message in err and "Traceback" not in err


def test_a_broken_answers_file_is_named_and_nothing_is_joined(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, tmp_path: Path
) -> None:
    code, out, _ = run(capsys, bank_dir, "round", "new", "--team", "T")
    join_code = out.strip()
    bad = answers_file(tmp_path, "bad", "anchor_up = 9\nnope = 1\n")
    code, _, err = run(
        capsys, bank_dir, "round", "join", join_code, "--name", "Kari", "--answers", str(bad)
    )
    assert code == 1
    assert "answers.anchor_up: 9 er ikke et svaralternativ" in err
    assert "answers.nope: spørsmålsbanken har ikke dette spørsmålet" in err
    code, out, _ = run(capsys, bank_dir, "round", "status", join_code, "--json")
    assert json.loads(out)["members"] == []


def test_agree_before_the_reveal_is_refused(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, tmp_path: Path
) -> None:
    join_code = started(capsys, bank_dir, tmp_path)
    agreed = answers_file(tmp_path, "agreed", "anchor_up = 2\n")
    code, out, err = run(capsys, bank_dir, "round", "agree", join_code, "--answers", str(agreed))
    assert code == 1 and out == ""
    assert "Det går bare når: Svarene er vist." in err


def test_compare_follows_a_team_s_agreed_rounds_over_time(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, tmp_path: Path
) -> None:
    codes = []
    for agreed_up in ("1", "4"):
        join_code = started(capsys, bank_dir, tmp_path)
        run(capsys, bank_dir, "round", "reveal", join_code)
        agreed = answers_file(
            tmp_path, "agreed", f"anchor_up = {agreed_up}\nanchor_across = 4\ncalendar = 3\n"
        )
        assert run(capsys, bank_dir, "round", "agree", join_code, "--answers", str(agreed))[0] == 0
        codes.append(join_code)
    code, out, _ = run(capsys, bank_dir, "round", "compare", *codes, "--json")
    comparison = json.loads(out)
    assert code == 0
    changed = comparison["steps"][0]["changed_answers"]
    assert [(c["question"], c["before"], c["after"]) for c in changed] == [("anchor_up", 1, 4)]


def test_compare_refuses_a_round_not_agreed_yet(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, tmp_path: Path
) -> None:
    first = started(capsys, bank_dir, tmp_path)
    second = started(capsys, bank_dir, tmp_path)
    code, _, err = run(capsys, bank_dir, "round", "compare", first, second)
    assert (
        code == 1 and f"ikke enige ennå, så det er ikke noe resultat å sammenligne: {first}" in err
    )


@pytest.mark.parametrize(
    "command",
    [
        ["show", "{kari}"],
        ["show", "{kari}", "--json"],
        ["export", "{kari}", "--format", "json"],
        ["export", "{kari}", "--format", "md"],
        ["plan", "{kari}"],
        ["compare", "{ola}", "{kari}"],
        ["merge", "{kari}", "{ola}", "--name", "Samlet"],
    ],
)
def test_a_member_s_answers_stay_hidden_until_the_reveal(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, tmp_path: Path, command: list[str]
) -> None:
    join_code = started(capsys, bank_dir, tmp_path)
    ids = {
        m.name.lower(): m.session_id for m in RoundStore(tmp_path / "data").load(join_code).members
    }
    argv = [
        part.format(**{name: session_id[:8] for name, session_id in ids.items()})
        for part in command
    ]
    code, out, err = run(capsys, bank_dir, *argv)
    assert code == 1 and out == ""
    # The first member's session named is the one the message names.
    first = "Ola" if command[1] == "{ola}" else "Kari"
    assert f"Svarene til {first} hører til teamrunde {join_code} (Flyktningtjenesten)" in err
    assert "vises først når fasilitatoren viser dem for alle" in err
    assert not (tmp_path / "data" / "exports").exists()  # nothing written either

    assert run(capsys, bank_dir, "round", "reveal", join_code)[0] == 0
    code, out, err = run(capsys, bank_dir, *argv)
    assert code == 0 and "teamrunde" not in err


def test_join_without_a_terminal_prints_the_session_id_for_scripts(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, tmp_path: Path
) -> None:
    # Under pytest stdout is captured, as in a script's pipe: no app opens, the id is printed.
    code, out, _ = run(capsys, bank_dir, "round", "new", "--team", "T")
    join_code = out.strip()
    code, out, err = run(capsys, bank_dir, "round", "join", join_code, "--name", "Kari")
    assert code == 0 and err == ""
    member = RoundStore(tmp_path / "data").load(join_code).member("Kari")
    assert member is not None and out == f"{member.session_id}\n"
    # --help says which is which.
    with pytest.raises(SystemExit):
        main(["round", "join", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert "i et terminalvindu åpnes spørsmålene dine" in shown
    assert "ellers (i et skript, eller med --answers) skrives id-en" in shown


def test_reveal_counts_who_has_still_to_vote_again(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, tmp_path: Path
) -> None:
    join_code = started(capsys, bank_dir, tmp_path)
    assert run(capsys, bank_dir, "round", "reveal", join_code)[0] == 0
    store = RoundStore(tmp_path / "data")
    asked = datetime.now(UTC)
    team_round = store.update(join_code, lambda r: revote(r, "anchor_up", asked))
    kari = store.member_sessions(team_round)["Kari"]
    store.sessions.save(kari.with_answer("anchor_up", value=3, now=asked + timedelta(minutes=1)))
    code, out, _ = run(capsys, bank_dir, "round", "reveal", join_code, "--json")
    waiting = next(q for q in json.loads(out)["questions"] if q["id"] == "anchor_up")
    assert code == 0 and waiting["revoting_pending"] == 2  # Ola and Per, not all three
    code, out, _ = run(capsys, bank_dir, "round", "reveal", join_code, "--format", "md")
    assert "Ny avstemning: venter på 2" in out


def test_list_json_gives_no_level_or_score_of_a_member_before_the_reveal(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, tmp_path: Path
) -> None:
    join_code = started(capsys, bank_dir, tmp_path)
    code, out, _ = run(capsys, bank_dir, "list", "--json")
    members = [s for s in json.loads(out)["sessions"] if s["team"] == "Flyktningtjenesten"]
    assert code == 0 and len(members) == len(MEMBERS)
    assert all(
        (s["level"], s["overall"], s["hidden_until_reveal"]) == (None, None, join_code)
        for s in members
    )

    assert run(capsys, bank_dir, "round", "reveal", join_code)[0] == 0
    code, out, _ = run(capsys, bank_dir, "list", "--json")
    members = [s for s in json.loads(out)["sessions"] if s["team"] == "Flyktningtjenesten"]
    assert all(s["level"] is not None and "hidden_until_reveal" not in s for s in members)


def test_hiding_a_session_keeps_the_listing_whole() -> None:
    listing = b",\n    ".join(
        json.dumps({"id": i, "team": "T", "level": "ready", "overall": 80.0}).encode()
        for i in ("a1", "b2", "c3")
    )
    hidden = json.loads(b"[" + hide_sealed(listing, {"b2": "QA5BQB", "c3": "QA5BQB"}) + b"]")
    assert [(s["id"], s["level"], s.get("hidden_until_reveal")) for s in hidden] == [
        ("a1", "ready", None),
        ("b2", None, "QA5BQB"),
        ("c3", None, "QA5BQB"),
    ]
    assert hide_sealed(listing, {}) is listing
