"""Hostile and broken files, in the data folder and given to `cocreate import`.

For every kind: `cocreate list` still works and names the file and the reason, import refuses it
with that reason, and no file is modified, moved or deleted (checked by hash).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from cocreate_tui.cli import main
from cocreate_tui.domain.sessions import session_to_json
from cocreate_tui.domain.storage import SessionStore

from ..platform_guards import CAN_SYMLINK
from ..session_helpers import make_bank, make_session

FIFTY_MB = 50 * 1024 * 1024


def valid_text(team: str = "Gyldig") -> str:
    return session_to_json(make_session(team=team, bank=make_bank()))


def with_field(field: str, value: object) -> bytes:
    data = json.loads(valid_text())
    data[field] = value
    return json.dumps(data).encode()


def write_bytes(content: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "hostile.json"
        path.write_bytes(content)
        return path

    return make


def fifty_megabytes(folder: Path) -> Path:
    path = folder / "huge.json"
    with path.open("wb") as file:
        file.truncate(FIFTY_MB)  # sparse: quick to make, but 50 MB to anyone who reads it
    return path


def named_after_other_id(folder: Path) -> Path:
    # Two files claiming the same id: the real one, and a copy under another name.
    text = valid_text("Kopi")
    session_id = json.loads(text)["id"]
    (folder / f"{session_id}.json").write_text(text, encoding="utf-8")
    copy = folder / "00000000000000000000000000000000.json"
    copy.write_text(text, encoding="utf-8")
    return copy


def symlink_outside(folder: Path) -> Path:
    outside = folder.parent.parent / "outside"
    outside.mkdir(exist_ok=True)
    target = outside / "secret.json"
    target.write_text(valid_text("Utenfor"), encoding="utf-8")
    link = folder / f"{json.loads(target.read_text(encoding='utf-8'))['id']}.json"
    link.symlink_to(target)
    return link


def created_at(moment: str) -> Callable[[Path], Path]:
    """A valid session, named after its id, whose start is `moment`: far in the past or future."""

    def make(folder: Path) -> Path:
        data = json.loads(valid_text())
        data["created_at"] = moment
        path = folder / f"{data['id']}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        return path

    return make


OUTSIDE = ("utenfor kalenderen", "outside the calendar")
FAR_OFF = {
    # kind: the moment, and what the reason says about it in bokmål and English (list --json)
    "timestamp before the calendar": ("0001-01-01T00:00:00+14:00", OUTSIDE),
    "timestamp after the calendar": ("9999-12-31T23:59:59-14:00", OUTSIDE),
    "timestamp in the year 1200": ("1200-01-01T00:00:00Z", ("1200-01-01",) * 2),
    "timestamp in the year 9500": ("9500-06-01T12:00:00Z", ("9500-06-01",) * 2),
}

HOSTILE: dict[str, Callable[[Path], Path]] = {
    "empty": write_bytes(b""),
    "truncated JSON": write_bytes(valid_text().encode()[:150]),
    "binary garbage": write_bytes(bytes(range(256)) * 8),
    "not UTF-8": write_bytes(
        valid_text().replace("Gyldig", "Gyl\udcffdig").encode("utf-8", "surrogateescape")
    ),
    "wrong shape": write_bytes(b"[1, 2, 3]"),
    "wrong types": write_bytes(with_field("answers", "alle sammen")),
    "future schema_version": write_bytes(with_field("schema_version", 99)),
    "50 MB file": fifty_megabytes,
    "deeply nested JSON": write_bytes(b"[" * 200_000 + b"]" * 200_000),
    "id with slash": write_bytes(with_field("id", "../../etc/passwd")),
    "id with dot-dot": write_bytes(with_field("id", "..")),
    "id with control characters": write_bytes(with_field("id", "abc\x1b[31mdef\x07")),
    "two files claiming one id": named_after_other_id,
} | {kind: created_at(moment) for kind, (moment, _) in FAR_OFF.items()}
if CAN_SYMLINK:  # on Windows only an administrator or developer mode may make one
    HOSTILE["symlink outside the data folder"] = symlink_outside


def hashes(root: Path) -> dict[str, str]:
    """What «untouched» means for every file under `root`: content, type, mode, owner, mtime.

    A chmod, chown or touch of a hostile file counts as touching it, not only a write.
    """
    found = {}
    for path in sorted(root.rglob("*")):
        if path.name.startswith("index.sqlite3"):
            continue  # the app's own index: a cache that `list` keeps up to date
        status = os.lstat(path)
        if stat.S_ISDIR(status.st_mode):
            continue
        kept = (
            f"{stat.filemode(status.st_mode)} {status.st_uid}:{status.st_gid} "
            f"{status.st_mtime_ns} {status.st_nlink} "
        )
        if path.is_symlink():
            found[str(path)] = kept + "link->" + os.readlink(path)
        elif stat.S_ISREG(status.st_mode):
            digest = hashlib.sha256()
            with path.open("rb") as file:
                for block in iter(lambda: file.read(1 << 20), b""):
                    digest.update(block)
            found[str(path)] = kept + digest.hexdigest()
        else:
            found[str(path)] = kept  # a FIFO or device: never opened here either
    return found


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("kind", list(HOSTILE), ids=list(HOSTILE))
def test_list_names_the_file_and_reason_and_touches_nothing(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    store = SessionStore(data)
    good = make_session(team="God", bank=make_bank())
    store.save(good)
    hostile = HOSTILE[kind](store.directory)
    before = hashes(tmp_path)

    code, out, err = run(capsys, "list", "--json", "--data-dir", str(data))

    assert code == 0, err
    listing = json.loads(out)
    assert good.id in [s["id"] for s in listing["sessions"]]
    named = [u for u in listing["unreadable"] if Path(u["file"]).name == hostile.name]
    assert len(named) == 1 and named[0]["reason"], listing["unreadable"]
    assert hashes(tmp_path) == before


@pytest.mark.parametrize("kind", [k for k in HOSTILE if k != "two files claiming one id"])
def test_import_refuses_with_the_reason_and_touches_nothing(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    hostile = HOSTILE[kind](inbox)
    target = tmp_path / "data"
    before = hashes(tmp_path)

    code, _, err = run(capsys, "import", str(hostile), "--data-dir", str(target))

    assert code == 1
    assert str(hostile) in err and "ikke importert" in err
    reason = err.split("ikke importert:", 1)[1].strip()
    assert reason
    assert "\x1b" not in err  # a crafted id never reaches the terminal as an escape sequence
    assert hashes(tmp_path) == before
    assert SessionStore(target).list().sessions == []


def test_import_of_two_files_claiming_one_id_keeps_the_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    first = inbox / "a.json"
    text = valid_text("Først")
    first.write_text(text, encoding="utf-8")
    second = inbox / "b.json"
    second.write_text(text.replace("Først", "Andre"), encoding="utf-8")
    code, _, err = run(capsys, "import", str(first), str(second), "--data-dir", str(tmp_path / "d"))
    assert code == 1
    assert f"{second}: ikke importert: en vurdering med id-en" in err
    [saved] = SessionStore(tmp_path / "d").list().sessions
    assert saved.team == "Først"


@pytest.mark.parametrize("kind", list(FAR_OFF))
def test_a_far_off_timestamp_is_named_as_the_reason_by_list_and_import(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Once a traceback in list and import; the generic tests above check a reason is given,
    # this one that it is the timestamp, in words.
    _, (words, english) = FAR_OFF[kind]
    data = tmp_path / "data"
    store = SessionStore(data)
    store.directory.mkdir(parents=True)
    in_folder = HOSTILE[kind](store.directory)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    sent = HOSTILE[kind](inbox)

    code, out, err = run(capsys, "list", "--json", "--data-dir", str(data))
    assert code == 0, err
    [unreadable] = json.loads(out)["unreadable"]
    assert Path(unreadable["file"]) == in_folder
    assert "created_at" in unreadable["reason"] and english in unreadable["reason"]

    code, _, err = run(capsys, "import", str(sent), "--data-dir", str(tmp_path / "other"))
    assert code == 1
    assert f"{sent}: ikke importert" in err and "created_at" in err and words in err
