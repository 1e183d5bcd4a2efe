"""One file I/O module: what each old copy got wrong, and the guarantees every caller now shares."""

from __future__ import annotations

import json
import os
import platform
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cocreate_tui.cli import main
from cocreate_tui.commands.output_files import write_new_file, write_to_exports
from cocreate_tui.domain.errors import CocreateError, SessionOpenElsewhereError
from cocreate_tui.domain.exports.report_markdown import SLUG_FALLBACK, export_file_name
from cocreate_tui.domain.fileio import FileReadError, read_capped, slug
from cocreate_tui.domain.session_lock import held_elsewhere
from cocreate_tui.domain.settings import (
    MAX_SETTINGS_BYTES,
    SETTINGS_FILE,
    save_language,
    saved_language,
)
from cocreate_tui.domain.storage import SessionStore
from cocreate_tui.domain.trash import move_to_trash

from .platform_guards import (
    assert_private,
    devices,
    fifos,
    folders_fsynced,
    modes_only,
    symlinks,
)
from .session_helpers import make_session


def _fsynced_inodes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    synced: list[int] = []
    real = os.fsync

    def spy(descriptor: int) -> None:
        synced.append(os.fstat(descriptor).st_ino)
        real(descriptor)

    monkeypatch.setattr(os, "fsync", spy)
    return synced


@folders_fsynced
@pytest.mark.parametrize("force", [False, True])
def test_a_cli_export_file_is_fsynced_and_so_is_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, force: bool
) -> None:
    # The old copy in commands/output_files.py never fsynced: a power cut could leave an
    # empty export behind a command that had said «written».
    synced = _fsynced_inodes(monkeypatch)
    target = tmp_path / "rapport.md"
    write_new_file(target, "# Rapport\n", force=force)
    assert target.stat().st_ino in synced
    assert tmp_path.stat().st_ino in synced


@folders_fsynced
def test_the_settings_file_is_fsynced_and_so_is_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The old copy in settings.py fsynced the file but never the folder: a power cut after
    # the rename could bring back the language chosen before.
    synced = _fsynced_inodes(monkeypatch)
    save_language(tmp_path, "nn")
    written = tmp_path / SETTINGS_FILE
    assert written.stat().st_ino in synced
    assert tmp_path.stat().st_ino in synced
    assert_private(written)
    assert [p.name for p in tmp_path.iterdir()] == [SETTINGS_FILE]  # no temporary file left
    assert saved_language(tmp_path) == "nn"


def test_an_over_large_settings_file_loses_only_the_preference(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The old copy read the whole file, however large. Read as a broken file is read: the
    # saved language is not used, nothing stops, and the next choice replaces the file.
    written = tmp_path / SETTINGS_FILE
    padding = "x" * MAX_SETTINGS_BYTES
    written.write_text(json.dumps({"language": "nn", "pad": padding}), encoding="utf-8")
    assert saved_language(tmp_path) is None
    try:
        code = main(["--data-dir", str(tmp_path), "--help"])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    assert code == 0 and "vis denne hjelpen og avslutt" in out and err == ""
    save_language(tmp_path, "en")
    assert json.loads(written.read_text(encoding="utf-8")) == {"language": "en"}
    assert saved_language(tmp_path) == "en"


def test_cli_and_app_name_an_export_with_the_same_slug(tmp_path: Path) -> None:
    # The two old slugs disagreed: 60 characters with a trailing dash left by the cut in the
    # CLI, 40 without in the app, so one team's exports got two different names.
    team = "Ærlig Øst på Å – " + "tjeneste " * 8
    written = write_to_exports(tmp_path, team, ".md", "x")
    from_app = export_file_name(team, datetime(2024, 3, 1, 9, 5))
    assert written.stem == slug(team)
    assert from_app.startswith(slug(team) + "-2024")
    assert not written.stem.endswith("-")
    assert slug("***", SLUG_FALLBACK) == "assessment" and slug("***") == "export"


def test_reads_are_capped_by_what_is_read_not_by_what_stat_says(tmp_path: Path) -> None:
    status = Path("/proc/self/status")
    if not status.exists() or status.stat().st_size != 0:
        pytest.skip("needs a /proc file that reports size 0")
    with pytest.raises(FileReadError, match="too large"):
        read_capped(status, 16)


@pytest.mark.parametrize(
    "kind",
    [
        pytest.param("fifo", marks=fifos),
        pytest.param("device", marks=devices),
        "folder",
        pytest.param("link", marks=symlinks),
    ],
)
def test_only_regular_files_are_read(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "x.json"
    if kind == "fifo":
        os.mkfifo(path)  # opened without blocking, then refused: no hang
    elif kind == "device":
        path = Path("/dev/zero")  # reports size 0 and never ends
    elif kind == "folder":
        path.mkdir()
    else:
        (tmp_path / "real.json").write_text("{}")
        path.symlink_to(tmp_path / "real.json")
    with pytest.raises(FileReadError) as raised:
        read_capped(path, 1024)
    assert raised.value.reason.key in ("file_reason_not_file", "file_reason_symlink")


@devices
def test_score_of_dev_zero_is_a_message_not_a_memory_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--data-dir", str(tmp_path), "score", "/dev/zero"])
    assert code == 1
    assert "/dev/zero" in capsys.readouterr().err


@modes_only
@pytest.mark.parametrize(("before", "after"), [(0o400, 0o400), (0o640, 0o600), (0o666, 0o600)])
def test_force_keeps_the_owners_mode_but_never_opens_a_file_to_others(
    tmp_path: Path, before: int, after: int
) -> None:
    # The old replace reset every file to 0600 (a read-only file became writable); keeping
    # the mode whole would leave notes readable by others, so only the owner's bits are kept.
    target = tmp_path / "delt.md"
    target.write_text("gammel")
    target.chmod(before)
    write_new_file(target, "ny", force=True)
    assert target.read_text() == "ny"
    assert stat.S_IMODE(target.stat().st_mode) == after


def _as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.mark.parametrize(
    "kind",
    [
        pytest.param("fifo", marks=fifos),
        "hard link",
        pytest.param("symlink", marks=symlinks),
        # As root, --force once replaced even /dev/null; only root may make a device node.
        pytest.param(
            "device",
            marks=pytest.mark.skipif(not _as_root(), reason="mknod of a device needs root"),
        ),
    ],
)
def test_force_replaces_only_a_regular_file(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "ut.md"
    other = tmp_path / "annen.md"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "device":
        os.mknod(target, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # what /dev/null is
    elif kind == "hard link":
        other.write_text("behold meg")
        os.link(other, target)
    else:
        other.write_text("behold meg")
        target.symlink_to(other)
    before = os.lstat(target)
    with pytest.raises(CocreateError, match="Did not replace"):
        write_new_file(target, "ny", force=True)
    after = os.lstat(target)
    assert (after.st_ino, after.st_mode, after.st_rdev, after.st_mtime_ns) == (
        before.st_ino,
        before.st_mode,
        before.st_rdev,
        before.st_mtime_ns,
    )
    if kind in ("hard link", "symlink"):
        assert other.read_text() == "behold meg"


def test_dash_as_output_means_standard_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store = SessionStore(tmp_path / "data")
    session = make_session("Larvik")
    store.save(session)
    monkeypatch.chdir(tmp_path)
    code = main(["--data-dir", str(tmp_path / "data"), "export", session.id, "--format", "md"])
    assert code == 0
    expected = capsys.readouterr().out
    code = main(
        ["--data-dir", str(tmp_path / "data"), "export", session.id, "--format", "md", "-o", "-"]
    )
    assert code == 0
    assert capsys.readouterr().out == expected
    assert not (tmp_path / "-").exists()


# --- a session another window holds -------------------------------------------------------


def _held_by_another_window(store: SessionStore, session_id: str) -> None:
    # pid 1 always runs; same host, so the lock is live and not this process's own.
    lock = store.directory / f"{session_id}.lock"
    since = "2026-01-01T10:00:00+00:00"
    lock.write_text(json.dumps({"pid": 1, "host": platform.node(), "since": since}))
    assert held_elsewhere(store.directory, session_id) is not None


def test_trash_is_refused_while_a_window_holds_the_session(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    session = make_session("Larvik")
    path = store.save(session)
    _held_by_another_window(store, session.id)
    with pytest.raises(SessionOpenElsewhereError, match="process 1 on") as raised:
        move_to_trash(store, tmp_path, session.id)
    assert "moved to the trash" in raised.value.message
    assert path.exists()


def test_a_save_over_a_session_another_window_holds_is_refused(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    session = make_session("Larvik")
    path = store.save(session)
    before = path.read_bytes()
    _held_by_another_window(store, session.id)
    changed = session.model_copy(update={"status": "complete"})
    # Since when, in the reader's local time (the lock keeps UTC).
    since = datetime(2026, 1, 1, 10, tzinfo=UTC).astimezone()
    with pytest.raises(SessionOpenElsewhereError, match=f"since {since:%Y-%m-%d %H:%M}"):
        store.save(changed)
    assert path.read_bytes() == before


def test_this_windows_own_lock_does_not_stop_its_saves(tmp_path: Path) -> None:
    from cocreate_tui.domain.session_lock import SessionLock

    store = SessionStore(tmp_path)
    session = make_session("Larvik")
    store.save(session)
    lock = SessionLock(store.directory, session.id)
    assert lock.acquire() is None
    store.save(session)
    lock.release()


def test_the_bank_hash_never_reads_a_file_the_loader_refuses(tmp_path: Path) -> None:
    from cocreate_tui.domain.bank_hash import MAX_BANK_FILE_BYTES, files_content_hash

    huge = tmp_path / "huge.toml"
    with huge.open("wb") as file:
        file.truncate(MAX_BANK_FILE_BYTES + 1)  # sparse: nothing to read but zeros
    assert files_content_hash([huge]) == files_content_hash([])


def test_a_bank_nested_too_deeply_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    from cocreate_tui.domain.bank_loader import BankError, load_bank
    from cocreate_tui.domain.bank_location import shipped_bank_dir

    folder = tmp_path / "bank"
    folder.mkdir()
    for source in shipped_bank_dir().glob("*.toml"):
        (folder / source.name).write_bytes(source.read_bytes())
    (folder / "deep.toml").write_text("x = " + "[" * 20_000 + "]" * 20_000 + "\n")
    with pytest.raises(BankError) as raised:
        load_bank(folder)
    assert any("nested too deeply" in str(problem) for problem in raised.value.problems)
