"""A data folder in a cloud-synced folder is named, warned about, and its index kept out of WAL."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path

import pytest

from cocreate_tui.cli import main
from cocreate_tui.domain import platform_support, synced_folders
from cocreate_tui.domain.session_index import SessionIndex
from cocreate_tui.domain.synced_folders import cloud_service

from .platform_guards import symlinks
from .test_cli import run


@pytest.mark.parametrize(
    ("inside", "service"),
    [
        ("OneDrive", "OneDrive"),
        ("OneDrive - Kommune", "OneDrive"),  # OneDrive for work, Windows
        ("onedrive - nav", "OneDrive"),  # Windows and macOS ignore case
        ("Library/CloudStorage/OneDrive-Kommune", "OneDrive"),  # macOS File Provider
        ("Dropbox", "Dropbox"),
        ("Dropbox (Kommune)", "Dropbox"),  # a Dropbox team
        ("Library/Mobile Documents/com~apple~CloudDocs", "iCloud Drive"),
        ("iCloudDrive", "iCloud Drive"),  # iCloud for Windows
        ("Google Drive", "Google Drive"),
        ("Library/CloudStorage/GoogleDrive-ola@kommune.no/My Drive", "Google Drive"),
        ("Min disk", "Google Drive"),
        (".local/share", None),
        ("Library/CloudStorage/Box-Box", "Box"),  # any File Provider on macOS
        ("Documents/dropbox-notes", None),
        ("MyDropbox", None),
        ("OneDriveBackup", None),
        ("Documents/Google", None),
    ],
)
def test_cloud_service_is_named_from_the_folders_the_clients_make(
    tmp_path: Path, inside: str, service: str | None
) -> None:
    assert cloud_service(tmp_path / inside / "cocreate-tui", environ={}) == service


def test_onedrive_roots_from_the_environment_count_whatever_they_are_called(
    tmp_path: Path,
) -> None:
    root = tmp_path / "Arbeidsfiler"
    environ = {"OneDriveCommercial": str(root)}
    assert cloud_service(root / "cocreate", environ=environ) == "OneDrive"
    assert cloud_service(tmp_path / "Andre" / "cocreate", environ=environ) is None


@symlinks
def test_a_link_into_a_synced_folder_counts(tmp_path: Path) -> None:
    target = tmp_path / "Dropbox" / "cocreate"
    target.mkdir(parents=True)
    link = tmp_path / "data"
    link.symlink_to(target, target_is_directory=True)
    assert cloud_service(link, environ={}) == "Dropbox"


def _journal_mode(data_dir: Path) -> str:
    (data_dir / "sessions").mkdir(parents=True)
    index = SessionIndex(data_dir)
    index.refresh()
    index.close()
    return _mode_of(data_dir / "index.sqlite3")


def _mode_of(index_file: Path) -> str:
    # Closed at once: an open connection would keep the next one from leaving WAL.
    with contextlib.closing(sqlite3.connect(index_file)) as connection:
        return str(connection.execute("PRAGMA journal_mode").fetchone()[0])


def test_index_in_a_synced_folder_keeps_a_rollback_journal(tmp_path: Path) -> None:
    assert _journal_mode(tmp_path / "OneDrive - Kommune" / "cocreate") == "delete"
    assert _journal_mode(tmp_path / "local") == "wal"


def test_index_on_a_network_drive_keeps_a_rollback_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(platform_support, "is_network_folder", lambda folder: True)
    assert _journal_mode(tmp_path / "share") == "delete"


def test_an_index_made_locally_leaves_wal_when_the_folder_becomes_synced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _journal_mode(tmp_path / "data") == "wal"
    monkeypatch.setattr(synced_folders, "cloud_service", lambda folder: "OneDrive")
    index = SessionIndex(tmp_path / "data")
    index.refresh()
    index.close()
    assert _mode_of(tmp_path / "data" / "index.sqlite3") == "delete"


def test_list_warns_once_on_stderr_and_keeps_json_clean(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "OneDrive - Kommune" / "cocreate"
    code, out, err = run(capsys, "--lang", "en", "list", "--json", "--data-dir", str(data))
    assert code == 0
    assert json.loads(out) == {"sessions": [], "unreadable": []}
    assert err.count("OneDrive synchronises") == 1
    assert str(data) in err
    assert "confidential" in err


def test_list_in_a_plain_folder_says_nothing_about_clouds(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["list", "--data-dir", str(tmp_path / "data")]) == 0
    assert capsys.readouterr().err == ""
