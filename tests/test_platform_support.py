"""Each platform's branch, run here with the OS calls replaced by fakes that behave as that OS does.

Paths are given as strings in the other system's spelling, so these run on any system.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cocreate_tui.domain import platform_support as ps

MOUNTINFO = "\n".join(
    [
        "22 1 254:0 / / rw,relatime - ext4 /dev/vda rw",
        "30 22 0:40 / /mnt/share rw,relatime - nfs4 server:/export rw",
        r"31 22 0:41 / /home/ola/Felles\040mappe rw shared:5 - cifs //nas/felles rw",
        "32 22 0:42 / /home/ola/remote rw - fuse.sshfs ola@host: rw",
        "33 22 0:43 / /home/ola/app rw - fuse.squashfuse app.sqsh ro",
        "34 30 0:44 / /mnt/share/local rw - ext4 /dev/vdb rw",
    ]
)


@pytest.fixture
def linux(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ps, "SYSTEM", ps.LINUX)
    monkeypatch.setattr(ps, "_read_mountinfo", lambda: MOUNTINFO)


@pytest.mark.parametrize(
    ("folder", "network"),
    [
        ("/home/ola/.local/share/cocreate-tui", False),
        ("/mnt/share/cocreate", True),
        ("/mnt/shared", False),  # a sibling whose name starts the same is not inside
        ("/home/ola/Felles mappe/cocreate", True),
        ("/home/ola/remote/x", True),
        ("/home/ola/app/data", False),  # a local FUSE file system
        ("/mnt/share/local/cocreate", False),  # the deepest mount decides
    ],
)
def test_linux_reads_the_mount_table(linux: None, folder: str, network: bool) -> None:
    assert ps.is_network_folder(folder) is network


def test_linux_without_a_mount_table_assumes_local(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ps, "SYSTEM", ps.LINUX)

    def missing() -> str:
        raise FileNotFoundError("/proc/self/mountinfo")

    monkeypatch.setattr(ps, "_read_mountinfo", missing)
    assert ps.is_network_folder("/anything") is False


@pytest.mark.parametrize(
    ("folder", "network"),
    [
        (r"C:\Users\ola\AppData\Local\cocreate-tui", False),
        (r"Z:\Felles\cocreate", True),  # a mapped network drive
        (r"\\nas.kommune.no\felles\cocreate", True),  # a share by its UNC name
    ],
)
def test_windows_asks_the_drive_type(
    monkeypatch: pytest.MonkeyPatch, folder: str, network: bool
) -> None:
    monkeypatch.setattr(ps, "SYSTEM", ps.WINDOWS)
    asked: list[str] = []

    def drive_type(root: str) -> int:
        asked.append(root)
        return {"C:\\": 3, "Z:\\": 4}[root]  # DRIVE_FIXED, DRIVE_REMOTE

    monkeypatch.setattr(ps, "_windows_drive_type", drive_type)
    assert ps.is_network_folder(folder) is network
    assert asked in ([], [folder[:2] + "\\"])


@pytest.mark.parametrize(("flags", "network"), [(0x1000 | 0x1, False), (0x1, True), (None, False)])
def test_macos_asks_statfs_whether_the_mount_is_local(
    monkeypatch: pytest.MonkeyPatch, flags: int | None, network: bool
) -> None:
    monkeypatch.setattr(ps, "SYSTEM", ps.MACOS)
    monkeypatch.setattr(ps, "_macos_mount_flags", lambda folder: flags)
    assert ps.is_network_folder("/Volumes/Felles/cocreate") is network


def test_this_machine_answers_without_fakes(tmp_path: Path) -> None:
    # Whatever this machine is: a temporary folder is not on a network drive here.
    assert ps.is_network_folder(tmp_path) is False
