"""Importing session files: exact round trips, no silent overwrites, every refusal explained."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.exchange import import_files
from cocreate_tui.domain.exports.json_export import session_json
from cocreate_tui.domain.session_files import MAX_FILE_BYTES
from cocreate_tui.domain.sessions import Session, session_to_json
from cocreate_tui.domain.storage import SessionStore

from .facilitator_helpers import build
from .platform_guards import assert_private, fifos


@pytest.fixture
def session(tiny_bank: Bank) -> Session:
    return build(
        tiny_bank,
        {"anchor_up": 3, "calendar": "unknown", "gone_question": 2},
        {"anchor_up": "Leder har sagt ja – «men»\nandre linje", "duration": "Bare et notat"},
        team="Horten <b>",
        respondent="Kari Nordmann",
        role="leder",
        phase="after_first_meeting",
    ).with_flag("calendar", True)


def fingerprint(path: Path) -> tuple[str, float, int]:
    info = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), info.st_mtime, info.st_mode


def exported(tmp_path: Path, session: Session, name: str = "sent.json") -> Path:
    path = tmp_path / "inbox" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(session_json(session), encoding="utf-8")
    return path


def test_round_trip_is_byte_for_byte(tmp_path: Path, session: Session) -> None:
    sender = SessionStore(tmp_path / "team")
    sent = sender.save(session)
    file = exported(tmp_path, sender.load(session.id), "Horten (1).json")
    receiver = SessionStore(tmp_path / "facilitator")

    report = import_files(receiver, [file])

    assert report.ok and report.imported == [(file, session.id)]
    received = receiver.path_for(session.id)
    assert received.read_bytes() == sent.read_bytes()
    loaded = receiver.load(session.id)
    assert loaded == session
    assert loaded.meta.model_dump_json() == session.meta.model_dump_json()
    assert json.loads(received.read_bytes())["answers"] == json.loads(sent.read_bytes())["answers"]


def test_imported_files_are_private(tmp_path: Path, session: Session) -> None:
    store = SessionStore(tmp_path / "data")
    import_files(store, [exported(tmp_path, session)])
    assert_private(store.path_for(session.id), store.directory)


def test_an_id_already_saved_is_refused_and_left_alone(tmp_path: Path, session: Session) -> None:
    store = SessionStore(tmp_path / "data")
    store.save(session)
    changed = session.with_note("anchor_up", "Endret hos teamet")
    file = exported(tmp_path, changed)
    before = fingerprint(store.path_for(session.id))

    report = import_files(store, [file])

    assert report.imported == []
    [(path, reason)] = report.rejected
    assert path == file
    assert session.id in reason and "--as-copy" in reason
    assert fingerprint(store.path_for(session.id)) == before
    assert store.load(session.id) == session


def test_an_identical_session_is_refused_as_already_there(tmp_path: Path, session: Session) -> None:
    store = SessionStore(tmp_path / "data")
    store.save(session)
    report = import_files(store, [exported(tmp_path, session)])
    [(_, reason)] = report.rejected
    assert "identical" in reason


def test_as_copy_keeps_both_with_a_new_id(tmp_path: Path, session: Session) -> None:
    store = SessionStore(tmp_path / "data")
    store.save(session)
    file = exported(tmp_path, session)

    report = import_files(store, [file], as_copy=True)

    [(path, new_id)] = report.imported
    assert path == file and new_id != session.id
    copy = store.load(new_id)
    assert copy.model_dump(exclude={"id"}) == session.model_dump(exclude={"id"})
    assert store.load(session.id) == session
    assert sorted(s.id for s in store.list().sessions) == sorted([session.id, new_id])


def test_as_copy_keeps_the_id_when_it_is_free(tmp_path: Path, session: Session) -> None:
    store = SessionStore(tmp_path / "data")
    report = import_files(store, [exported(tmp_path, session)], as_copy=True)
    assert report.imported[0][1] == session.id


def test_every_rejected_file_is_reported_with_its_reason(
    tmp_path: Path, session: Session, tiny_bank: Bank
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    good = exported(tmp_path, session, "good.json")
    other = exported(tmp_path, build(tiny_bank, {"anchor_up": 1}, team="Larvik"), "other.json")
    not_json = inbox / "notes.txt"
    not_json.write_text("Hei, her er svarene våre!", encoding="utf-8")
    old_schema = inbox / "old.json"
    old_schema.write_text(
        session_json(session).replace('"schema_version": 2', '"schema_version": 99'),
        encoding="utf-8",
    )
    bad_field = inbox / "bad.json"
    data = json.loads(session_json(session))
    data["answers"]["anchor_up"]["value"] = 9
    bad_field.write_text(json.dumps(data), encoding="utf-8")
    latin1 = inbox / "latin1.json"
    latin1.write_bytes(b'{"team": "H\xf8rten"}')
    huge = inbox / "huge.json"
    huge.write_bytes(b" " * (MAX_FILE_BYTES + 1))
    missing = inbox / "missing.json"
    folder = inbox / "folder.json"
    folder.mkdir()
    files = [not_json, good, old_schema, bad_field, latin1, huge, missing, folder, other]
    sources = {path: fingerprint(path) for path in files if path.is_file()}
    store = SessionStore(tmp_path / "data")

    report = import_files(store, files)

    assert [path for path, _ in report.imported] == [good, other]
    reasons = dict(report.rejected)
    assert list(reasons) == [not_json, old_schema, bad_field, latin1, huge, missing, folder]
    assert reasons[not_json].startswith("not valid JSON")
    assert "unsupported schema_version 99" in reasons[old_schema]
    assert "answers.anchor_up.value" in reasons[bad_field]
    assert "not UTF-8" in reasons[latin1]
    assert "too large" in reasons[huge]
    assert reasons[missing] == "does not exist"
    assert "not a regular file" in reasons[folder]
    # The files that were sent are only ever read.
    assert {path: fingerprint(path) for path in sources} == sources
    assert sorted(p.name for p in inbox.iterdir()) == sorted(
        [
            "good.json",
            "other.json",
            "notes.txt",
            "old.json",
            "bad.json",
            "latin1.json",
            "huge.json",
            "folder.json",
        ]
    )


def test_the_same_file_twice_in_one_import_is_imported_once(
    tmp_path: Path, session: Session
) -> None:
    file = exported(tmp_path, session)
    report = import_files(SessionStore(tmp_path / "data"), [file, file])
    assert len(report.imported) == 1
    assert "identical" in report.rejected[0][1]


def test_a_broken_file_holding_the_id_is_never_replaced(tmp_path: Path, session: Session) -> None:
    store = SessionStore(tmp_path / "data")
    store.directory.mkdir(parents=True)
    broken = store.path_for(session.id)
    broken.write_text("{ half a session", encoding="utf-8")

    report = import_files(store, [exported(tmp_path, session)])

    [(_, reason)] = report.rejected
    assert "cannot be read" in reason
    assert broken.read_text(encoding="utf-8") == "{ half a session"


@fifos
def test_a_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    report = import_files(SessionStore(tmp_path / "data"), [fifo])
    assert "not a regular file" in report.rejected[0][1]


def test_session_json_export_is_the_saved_file(tmp_path: Path, session: Session) -> None:
    store = SessionStore(tmp_path / "data")
    path = store.save(session)
    assert session_json(session).encode("utf-8") == path.read_bytes()
    assert session_json(session) == session_to_json(session)
