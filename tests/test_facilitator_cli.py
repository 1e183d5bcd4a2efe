"""The facilitator commands: list, show, export, compare, merge and import, end to end."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cocreate_tui.cli import main
from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.sessions import Session
from cocreate_tui.domain.storage import SessionStore

from .facilitator_helpers import build
from .platform_guards import assert_private
from .tiny_bank import write_tiny_bank

NOTE = "Innbygger X har sagt nei"


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    return write_tiny_bank(tmp_path / "bank")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data: Path) -> SessionStore:
    return SessionStore(data)


@pytest.fixture
def horten(tiny_bank: Bank, store: SessionStore) -> tuple[Session, Session]:
    before = build(
        tiny_bank,
        {"anchor_up": 0, "anchor_across": 0, "calendar": 1, "duration": 4},
        {"anchor_up": NOTE},
    )
    after = build(
        tiny_bank,
        {"anchor_up": 3, "anchor_across": 4, "calendar": 3, "duration": 2},
        {"anchor_up": "Hjemmefronten er samlet"},
        phase="after_first_meeting",
        days=90,
    )
    store.save(before)
    store.save(after)
    return before, after


@pytest.fixture
def members(tiny_bank: Bank, store: SessionStore) -> list[Session]:
    sessions = [
        build(tiny_bank, {"anchor_up": 0, "calendar": 3}, {"calendar": NOTE}, respondent="Kari"),
        build(tiny_bank, {"anchor_up": 4, "calendar": 3}, respondent="Ola", days=1),
        build(tiny_bank, {"anchor_up": 2, "calendar": 2}, respondent="Per", days=2),
    ]
    for session in sessions:
        store.save(session)
    return sessions


def run(capsys: pytest.CaptureFixture[str], bank_dir: Path, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(["--bank", str(bank_dir), *argv])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- list and show ------------------------------------------------------------------------------


def test_list_json_shape_with_an_unreadable_file(
    capsys: pytest.CaptureFixture[str],
    bank_dir: Path,
    store: SessionStore,
    horten: tuple[Session, Session],
) -> None:
    broken = store.directory / ("f" * 32 + ".json")
    broken.write_text("{not json", encoding="utf-8")
    code, out, _ = run(capsys, bank_dir, "list", "--json")
    assert code == 0
    listing = json.loads(out)
    assert set(listing) == {"sessions", "unreadable"}
    assert [s["id"] for s in listing["sessions"]] == [horten[1].id, horten[0].id]
    first = listing["sessions"][0]
    assert {
        "id",
        "team",
        "organisation",
        "phase",
        "mode",
        "status",
        "answered",
        "updated_at",
    } <= set(first)
    assert (first["team"], first["phase"], first["answered"]) == (
        "Horten",
        "after_first_meeting",
        4,
    )
    [unreadable] = listing["unreadable"]
    assert unreadable["file"] == str(broken)
    assert unreadable["reason"].startswith("not valid JSON")


def test_list_readable_and_empty(
    capsys: pytest.CaptureFixture[str],
    bank_dir: Path,
    horten: tuple[Session, Session],
    tmp_path: Path,
) -> None:
    code, out, _ = run(capsys, bank_dir, "list")
    assert code == 0 and horten[0].id[:8] in out and "Horten" in out
    code, out, _ = run(
        capsys, bank_dir, "--lang", "en", "list", "--data-dir", str(tmp_path / "none")
    )
    assert code == 0 and "No saved assessments yet." in out


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_list_keeps_each_session_to_a_few_lines_at_80_columns(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tiny_bank: Bank,
    bank_dir: Path,
    store: SessionStore,
    lang: str,
) -> None:
    # A long team and organisation used to wrap a word a line: a dozen lines for one session.
    monkeypatch.setenv("COLUMNS", "80")
    long = build(
        tiny_bank,
        {"anchor_up": 2},
        team="Larvik bibliotek – språkkafé for nye innbyggere",
        organisation="Larvik kommune – kultur og bibliotek (biblioteket)",
        respondent="Kari Nordmann",
        mode="individual",
    )
    store.save(long)
    code, out, _ = run(capsys, bank_dir, "--lang", lang, "list")
    assert code == 0
    lines = out.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80
    first = next(i for i, line in enumerate(lines) if line.lstrip().startswith(long.id[:8]))
    block = [lines[first]]
    for line in lines[first + 1 :]:
        if not line.strip() or line[:10].strip():  # the table's end, or the next session
            break
        block.append(line)
    assert "Larvik bibliotek" in block[0] and "…" in block[0]
    assert "Larvik kommune" in block[1] and "Kari Nordmann" in block[2]
    assert len(block) <= 3 if lang != "en" else len(block) <= 4  # «Not / finished / 1 …»


def test_show_by_prefix(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, horten: tuple[Session, Session]
) -> None:
    code, out, _ = run(capsys, bank_dir, "show", horten[0].id[:6])
    assert code == 0
    assert "Team: Horten" in out and "Resultat: Ikke klare" in out and NOTE in out
    code, out, _ = run(capsys, bank_dir, "show", horten[0].id[:6], "--no-notes")
    assert NOTE not in out and "Notatene er ikke med" in out
    code, out, _ = run(capsys, bank_dir, "show", horten[0].id, "--json")
    data = json.loads(out)
    assert data["session"]["id"] == horten[0].id
    assert data["assessment"]["level"] == "not_ready"


def test_unknown_and_ambiguous_ids_exit_1(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, store: SessionStore, tiny_bank: Bank
) -> None:
    sessions = [build(tiny_bank, {}, days=d) for d in range(40)]
    for session in sessions:
        store.save(session)
    code, _, err = run(capsys, bank_dir, "show", "zz")
    assert code == 1 and "Ingen lagret vurdering har en id som begynner med 'zz'" in err
    shared = next(
        a.id[:1] for a in sessions for b in sessions if a is not b and a.id[:1] == b.id[:1]
    )
    code, _, err = run(capsys, bank_dir, "export", shared, "--format", "md")
    assert code == 1 and "skriv mer av id-en" in err


# --- export -----------------------------------------------------------------------------------


def test_export_markdown_and_csv_to_stdout(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, horten: tuple[Session, Session]
) -> None:
    code, out, _ = run(capsys, bank_dir, "export", horten[0].id[:5], "--format", "md")
    assert code == 0 and out.startswith("# Liten bank: Horten")
    code, out, _ = run(capsys, bank_dir, "export", horten[0].id, "--format", "csv", "--no-notes")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 4 and {r["note"] for r in rows} == {"Notatene er ikke med"}


def test_export_o_never_overwrites_without_force(
    capsys: pytest.CaptureFixture[str],
    bank_dir: Path,
    horten: tuple[Session, Session],
    tmp_path: Path,
) -> None:
    target = tmp_path / "rapport.md"
    target.write_text("viktig, ikke overskriv", encoding="utf-8")
    code, out, err = run(capsys, bank_dir, "export", horten[0].id, "-o", str(target))
    assert code == 1 and out == ""
    assert f"{target} finnes allerede" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "viktig, ikke overskriv"
    code, _, _ = run(capsys, bank_dir, "export", horten[0].id, "-o", str(target), "--force")
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("# Liten bank: Horten")
    assert_private(target)


def test_export_format_from_suffix_and_usage_errors(
    capsys: pytest.CaptureFixture[str],
    bank_dir: Path,
    horten: tuple[Session, Session],
    tmp_path: Path,
) -> None:
    target = tmp_path / "svar.csv"
    code, _, _ = run(capsys, bank_dir, "export", horten[0].id, "-o", str(target))
    assert code == 0
    # A byte-order mark, so spreadsheet programs read the file as UTF-8.
    assert target.read_bytes().startswith(b"\xef\xbb\xbfsession_id,")
    assert_private(target)
    code, _, err = run(capsys, bank_dir, "export", horten[0].id, "-o", str(tmp_path / "x.docx"))
    assert code == 2 and "kan ikke se formatet på x.docx" in err
    code, _, err = run(capsys, bank_dir, "export", horten[0].id)
    assert code == 2 and "--format" in err
    code, _, err = run(capsys, bank_dir, "export", horten[0].id, "--format", "pdf")
    assert code == 2


def test_export_html_goes_to_the_exports_folder(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, horten: tuple[Session, Session], data: Path
) -> None:
    code, out, _ = run(capsys, bank_dir, "export", horten[0].id, "--format", "html")
    assert code == 0
    path = Path(out.strip())
    assert path.parent == data / "exports"
    assert path.name == f"horten-2024-03-01-{horten[0].id[:8]}.html"
    assert "<svg" in path.read_text(encoding="utf-8")
    assert_private(path, path.parent)
    code, out, _ = run(capsys, bank_dir, "export", horten[0].id, "--format", "html")
    second = Path(out.strip())
    assert second != path and second.name.endswith("-2.html") and path.exists()


def test_export_json_without_notes_says_so_on_stderr(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, horten: tuple[Session, Session]
) -> None:
    code, out, err = run(capsys, bank_dir, "export", horten[0].id, "--format", "json", "--no-notes")
    assert code == 0 and NOTE not in out
    assert "Notatene er ikke med" in err
    assert json.loads(out)["id"] == horten[0].id


def test_json_export_then_import_into_an_empty_data_dir_is_byte_for_byte(
    capsys: pytest.CaptureFixture[str],
    bank_dir: Path,
    horten: tuple[Session, Session],
    store: SessionStore,
    tmp_path: Path,
) -> None:
    sent = tmp_path / "til-fylkesmannen.json"
    code, _, _ = run(capsys, bank_dir, "export", horten[0].id[:8], "-o", str(sent))
    assert code == 0
    other = tmp_path / "facilitator"
    code, out, err = run(capsys, bank_dir, "import", str(sent), "--data-dir", str(other))
    assert code == 0, err
    assert f"{sent} → {horten[0].id}" in out
    received = SessionStore(other).path_for(horten[0].id)
    assert received.read_bytes() == store.path_for(horten[0].id).read_bytes()


# --- import -----------------------------------------------------------------------------------


def test_import_reports_every_rejected_file_and_exits_1(
    capsys: pytest.CaptureFixture[str],
    bank_dir: Path,
    horten: tuple[Session, Session],
    store: SessionStore,
    tmp_path: Path,
) -> None:
    junk = tmp_path / "junk.json"
    junk.write_text("[]", encoding="utf-8")
    existing = store.path_for(horten[0].id)
    before = digest(existing)
    other = tmp_path / "other"
    code, out, err = run(
        capsys,
        bank_dir,
        "import",
        str(existing),
        str(junk),
        str(tmp_path / "nope.json"),
        "--data-dir",
        str(other),
    )
    assert code == 1
    assert f"Importert: {existing} → {horten[0].id}" in out
    not_a_session = "ikke en vurdering (ventet et JSON-objekt, fant en liste)"
    assert f"{junk}: ikke importert: {not_a_session}" in err
    assert f"{tmp_path / 'nope.json'}: ikke importert: finnes ikke" in err
    code, _, err = run(capsys, bank_dir, "import", str(existing))
    assert code == 1 and "allerede lagret" in err and "--as-copy" not in err
    assert digest(existing) == before
    code, out, _ = run(capsys, bank_dir, "import", str(existing), "--as-copy")
    assert code == 0
    new_id = out.strip().rsplit(" ", 1)[-1]
    assert new_id != horten[0].id and store.path_for(new_id).is_file()
    assert digest(existing) == before


# --- compare ----------------------------------------------------------------------------------


def test_compare_json_and_terminal(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, horten: tuple[Session, Session]
) -> None:
    before, after = horten
    code, out, _ = run(capsys, bank_dir, "compare", after.id[:6], before.id[:6], "--json")
    assert code == 0
    data = json.loads(out)
    assert data["format"] == "cocreate-comparison"
    assert [s["id"] for s in data["sessions"]] == [before.id, after.id]
    assert data["overall_change"]["level"] == {
        "before": "not_ready",
        "after": "thick",
        "direction": "better",
    }
    assert data["overall_change"]["blockers_cleared"] == ["anchor-first"]
    code, out, _ = run(capsys, bank_dir, "--lang", "en", "compare", before.id, after.id)
    assert code == 0
    assert "Comparison over time: Horten" in out and "The verdict is better" in out


def test_compare_needs_two_different_sessions(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, horten: tuple[Session, Session]
) -> None:
    code, _, err = run(capsys, bank_dir, "compare", horten[0].id)
    assert code == 2 and "minst to id-er" in err
    code, _, err = run(capsys, bank_dir, "compare", horten[0].id, horten[0].id[:4])
    assert code == 1 and "samme vurdering" in err
    code, _, err = run(capsys, bank_dir, "compare", horten[0].id, "--json", "--format", "md")
    assert code == 2


def test_compare_exports_every_format(
    capsys: pytest.CaptureFixture[str],
    bank_dir: Path,
    horten: tuple[Session, Session],
    tmp_path: Path,
) -> None:
    ids = [s.id for s in horten]
    for fmt in ("md", "html", "json", "csv"):
        target = tmp_path / f"compare.{fmt}"
        code, _, err = run(capsys, bank_dir, "compare", *ids, "-o", str(target), "--no-notes")
        assert code == 0, err
        text = target.read_text(encoding="utf-8-sig")
        assert NOTE not in text and "Hjemmefronten" not in text


# --- merge ------------------------------------------------------------------------------------


def test_merge_save_stores_a_team_session(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, members: list[Session], store: SessionStore
) -> None:
    ids = [s.id[:8] for s in members]
    code, out, _ = run(
        capsys, bank_dir, "merge", *ids, "--name", "Horten samlet", "--save", "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["format"] == "cocreate-merge" and data["name"] == "Horten samlet"
    assert data["disagreements"] == ["anchor_up"]
    saved = store.load(data["saved_session"])
    assert saved.meta.team == "Horten samlet" and saved.meta.mode == "team"
    assert saved.answer("anchor_up").value == 2 and saved.answer("anchor_up").flagged
    assert saved.answer("calendar").note == f"Kari: {NOTE}"
    assert len(store.list().sessions) == 4


def test_merge_terminal_view_names_the_disagreement(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, members: list[Session]
) -> None:
    code, out, _ = run(capsys, bank_dir, "merge", *(s.id for s in members), "--name", "Horten")
    assert code == 0
    assert "Snakk sammen om dette før dere inviterer innbyggere" in out
    assert "Kari: Nei" in out


def test_merge_without_a_name_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], bank_dir: Path, members: list[Session]
) -> None:
    code, _, err = run(capsys, bank_dir, "merge", members[0].id)
    assert code == 2 and "--name" in err


# --- start-up cost and robustness -------------------------------------------------------------


def loaded_modules(argv: list[str], env: dict[str, str]) -> set[str]:
    code = (
        "import sys, json\nfrom cocreate_tui.cli import main\n"
        f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
        "sys.stdout.flush()\nprint('\\n@@' + json.dumps(sorted(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    return set(json.loads(done.stdout.rsplit("@@", 1)[1]))


def test_facilitator_commands_never_import_textual_and_list_json_not_rich(
    bank_dir: Path, horten: tuple[Session, Session], data: Path, tmp_path: Path
) -> None:
    env = os.environ | {"COCREATE_DATA_DIR": str(data)}
    one, two = horten[0].id, horten[1].id
    commands = [
        ["list", "--json"],
        ["list"],
        ["show", one],
        ["export", one, "--format", "html"],
        ["compare", one, two, "--json"],
        ["compare", one, two],
        ["merge", one, two, "--name", "T", "--json"],
        ["import", str(tmp_path / "missing.json")],
    ]
    for argv in commands:
        loaded = loaded_modules(["--bank", str(bank_dir), *argv], env)
        assert not any(m == "textual" or m.startswith("textual.") for m in loaded), argv
        if argv == ["list", "--json"]:
            assert not any(m == "rich" or m.startswith("rich.") for m in loaded)


@pytest.mark.parametrize(
    "argv",
    [["compare"], ["merge", "abc"], ["export"], ["import"], ["list", "--frobnicate"]],
)
def test_usage_errors_exit_2_without_traceback(argv: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cocreate_tui", *argv], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert "bruk: cocreate" in done.stderr and "Traceback" not in done.stderr


def test_a_closed_pipe_ends_quietly(horten: tuple[Session, Session], data: Path) -> None:
    env = os.environ | {"COCREATE_DATA_DIR": str(data)}
    process = subprocess.Popen(
        [sys.executable, "-m", "cocreate_tui", "list", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # like `| head` that has seen enough
    err = process.stderr.read().decode()
    process.wait(timeout=60)
    assert "Traceback" not in err
