"""Each platform's branch, run here with the OS calls replaced by fakes that behave as that OS does.

Paths are given as strings in the other system's spelling, so these run on any system.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from cocreate_tui.domain import platform_support as ps

from .platform_guards import modes_only

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


# --- is the lock's process alive? -----------------------------------------------------------


class WindowsKill:
    """os.kill as Windows has it: signal 0 is CTRL_C_EVENT, sent to the process's console group."""

    def __init__(self) -> None:
        self.interrupted: list[int] = []

    def __call__(self, pid: int, signal_number: int) -> None:
        if signal_number == 0:
            self.interrupted.append(pid)  # the other window would just have been stopped


def no_psutil(pid: int) -> bool:
    raise ImportError("psutil")


def test_windows_never_signals_to_ask_and_respects_what_it_cannot_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ps, "SYSTEM", ps.WINDOWS)
    kill = WindowsKill()
    monkeypatch.setattr(os, "kill", kill)
    monkeypatch.setattr(ps, "_pid_exists", no_psutil)
    assert ps.process_alive(4242) is True  # cannot tell: the lock is respected
    monkeypatch.setattr(ps, "_pid_exists", lambda pid: pid == 4242)
    assert ps.process_alive(4242) is True
    assert ps.process_alive(4343) is False
    assert kill.interrupted == []


@pytest.mark.parametrize("system", [ps.LINUX, ps.MACOS])
def test_posix_without_psutil_asks_with_signal_0(
    monkeypatch: pytest.MonkeyPatch, system: str
) -> None:
    monkeypatch.setattr(ps, "SYSTEM", system)
    monkeypatch.setattr(ps, "_pid_exists", no_psutil)

    def kill(pid: int, signal_number: int) -> None:
        assert signal_number == 0
        if pid == 1:
            raise PermissionError(1, "Operation not permitted")  # alive, another user's
        if pid != os.getpid():
            raise ProcessLookupError(3, "No such process")

    monkeypatch.setattr(os, "kill", kill)
    assert ps.process_alive(os.getpid()) is True
    assert ps.process_alive(1) is True
    assert ps.process_alive(999_999) is False


def test_a_check_that_fails_counts_as_alive(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(pid: int) -> bool:
        raise RuntimeError("access denied by policy")

    monkeypatch.setattr(ps, "_pid_exists", broken)
    assert ps.process_alive(4242) is True


@pytest.mark.parametrize("pid", [0, -1, 2**31, 2**64])
def test_no_process_has_an_impossible_pid(pid: int) -> None:
    assert ps.process_alive(pid) is False


def test_this_machine_tells_a_live_process_from_one_that_ended() -> None:
    assert ps.process_alive(os.getpid()) is True
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    assert ps.process_alive(int(ended.stdout)) is False


# --- private files and folders --------------------------------------------------------------


def test_windows_has_no_fchmod_and_needs_none(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(ps, "SYSTEM", ps.WINDOWS)
    monkeypatch.delattr(os, "fchmod", raising=False)  # absent on Windows before 3.13
    chmods: list[object] = []
    monkeypatch.setattr(os, "chmod", lambda *args, **kwargs: chmods.append(args))
    file = tmp_path / "notes.json"
    file.write_text("{}", encoding="utf-8")
    descriptor = os.open(file, os.O_RDONLY)
    try:
        ps.make_private(descriptor, 0o600)
    finally:
        os.close(descriptor)
    ps.make_private_path(tmp_path, 0o700)
    assert chmods == []
    assert ps.modes_protect() is False


@modes_only
def test_posix_sets_the_modes(tmp_path: Path) -> None:
    file = tmp_path / "notes.json"
    file.write_text("{}", encoding="utf-8")
    file.chmod(0o644)
    descriptor = os.open(file, os.O_RDONLY)
    try:
        ps.make_private(descriptor, 0o600)
    finally:
        os.close(descriptor)
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    folder = tmp_path / "data"
    folder.mkdir(mode=0o755)
    ps.make_private_path(folder, 0o700)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


# --- replacing a file -------------------------------------------------------------------------


class HeldByScanner:
    """os.replace as Windows answers while a virus scanner holds the target open."""

    def __init__(self, refusals: int, winerror: int | None = 32) -> None:
        self.refusals = refusals
        self.winerror = winerror
        self.tries = 0

    def __call__(self, source: str | Path, target: str | Path) -> None:
        self.tries += 1
        if self.tries <= self.refusals:
            error = PermissionError(13, "The process cannot access the file")
            error.winerror = self.winerror  # type: ignore[attr-defined]
            raise error
        Path(target).write_bytes(Path(source).read_bytes())
        Path(source).unlink()


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    waited: list[float] = []
    monkeypatch.setattr(ps, "_sleep", waited.append)
    return waited


def _files(tmp_path: Path) -> tuple[Path, Path]:
    source, target = tmp_path / ".tmp-new", tmp_path / "session.json"
    source.write_text("new", encoding="utf-8")
    target.write_text("old", encoding="utf-8")
    return source, target


def _on_windows_held(monkeypatch: pytest.MonkeyPatch, refusals: int) -> HeldByScanner:
    monkeypatch.setattr(ps, "SYSTEM", ps.WINDOWS)
    replace = HeldByScanner(refusals)
    monkeypatch.setattr(os, "replace", replace)
    return replace


def test_windows_replace_refused_twice_then_allowed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, waits: list[float]
) -> None:
    replace = _on_windows_held(monkeypatch, refusals=2)
    source, target = _files(tmp_path)
    ps.replace(source, target)
    assert target.read_text(encoding="utf-8") == "new"
    assert replace.tries == 3
    assert waits == [ps.REPLACE_WAIT, ps.REPLACE_WAIT * 2]


def test_windows_replace_gives_up_after_a_bounded_wait(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, waits: list[float]
) -> None:
    replace = _on_windows_held(monkeypatch, refusals=1000)
    source, target = _files(tmp_path)
    with pytest.raises(PermissionError):
        ps.replace(source, target)
    assert replace.tries == ps.REPLACE_TRIES
    assert sum(waits) < 1.0
    assert target.read_text(encoding="utf-8") == "old"


@pytest.mark.parametrize("system", [ps.WINDOWS, ps.LINUX, ps.MACOS])
def test_other_refusals_are_not_retried(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, waits: list[float], system: str
) -> None:
    # On Windows: a read-only target (no winerror of a sharing kind); on POSIX: any refusal.
    monkeypatch.setattr(ps, "SYSTEM", system)
    replace = HeldByScanner(refusals=1, winerror=None if system == ps.WINDOWS else 32)
    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(PermissionError):
        ps.replace(*_files(tmp_path))
    assert replace.tries == 1
    assert waits == []


# --- directory fsync ----------------------------------------------------------------------------


def test_windows_does_not_open_a_folder_to_sync_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(ps, "SYSTEM", ps.WINDOWS)

    def open_(path: object, flags: int, *args: object) -> int:
        raise PermissionError(13, "Access is denied")  # what Windows says for a folder

    opened = []
    monkeypatch.setattr(os, "open", lambda *args: opened.append(args) or open_(*args))
    ps.fsync_directory(tmp_path)
    assert opened == []


@pytest.mark.parametrize("system", [ps.LINUX, ps.MACOS])
def test_posix_syncs_the_folder_and_survives_a_refusal(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, system: str
) -> None:
    monkeypatch.setattr(ps, "SYSTEM", system)
    synced: list[int] = []
    real_fsync = os.fsync

    def fsync(descriptor: int) -> None:
        synced.append(descriptor)
        if len(synced) > 1:
            raise OSError(22, "Invalid argument")  # some network file systems
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", fsync)
    ps.fsync_directory(tmp_path)
    ps.fsync_directory(tmp_path)
    assert len(synced) == 2


def test_windows_lists_a_folder_by_its_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Windows' scandir takes no descriptor; its entries carry their stamps anyway.
    monkeypatch.setattr(ps, "SYSTEM", ps.WINDOWS)
    monkeypatch.setattr(os, "open", lambda *args: pytest.fail("Windows cannot open a folder"))
    (tmp_path / "a.json").write_text("{}")
    with ps.scan_folder(tmp_path) as entries:
        assert [(entry.name, entry.path) for entry in entries] == [
            ("a.json", str(tmp_path / "a.json"))
        ]


@pytest.mark.parametrize("system", [ps.LINUX, ps.MACOS])
def test_posix_lists_a_folder_through_a_descriptor_and_closes_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, system: str
) -> None:
    monkeypatch.setattr(ps, "SYSTEM", system)
    opened: list[int] = []
    closed: list[int] = []
    real_open, real_close = os.open, os.close
    monkeypatch.setattr(os, "open", lambda *args: opened.append(real_open(*args)) or opened[-1])
    monkeypatch.setattr(os, "close", lambda fd: closed.append(fd) or real_close(fd))
    (tmp_path / "a.json").write_text("{}")
    with ps.scan_folder(tmp_path) as entries:
        # Relative to the open folder: each stat is an fstatat, not a walk of the whole path.
        found = [(entry.name, entry.path, entry.stat().st_size) for entry in entries]
    assert found == [("a.json", "a.json", 2)]
    assert len(opened) == 1 and closed == opened
    with pytest.raises(FileNotFoundError), ps.scan_folder(tmp_path / "gone"):
        pass


# --- the terminal's encoding ----------------------------------------------------------------


def _stream(encoding: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding=encoding)


def test_windows_redirected_output_becomes_utf8(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ps, "SYSTEM", ps.WINDOWS)
    stream = _stream("cp1252")  # what a pipe or a file gets on a Norwegian Windows
    ps.configure_output(stream)
    stream.write("Forankring █████ → «ø»")
    stream.flush()
    assert stream.buffer.getvalue().decode("utf-8") == "Forankring █████ → «ø»"  # type: ignore[attr-defined]


@pytest.mark.parametrize("system", [ps.LINUX, ps.MACOS])
def test_a_terminal_that_cannot_show_a_character_gets_a_question_mark(
    monkeypatch: pytest.MonkeyPatch, system: str
) -> None:
    monkeypatch.setattr(ps, "SYSTEM", system)
    stream = _stream("ascii")
    ps.configure_output(stream)
    stream.write("bar █ ø")
    stream.flush()
    assert stream.buffer.getvalue() == b"bar ? ?"  # type: ignore[attr-defined]


def test_utf8_output_is_left_alone() -> None:
    stream = _stream("utf-8")
    ps.configure_output(stream)
    assert stream.encoding == "utf-8"
    assert stream.errors == "strict"


class WindowsRename:
    """os.rename as Windows has it: an existing target is refused, never replaced."""

    def __init__(self) -> None:
        self.rename = os.rename  # the real one, for the move itself

    def __call__(self, source: str | Path, target: str | Path) -> None:
        if Path(target).exists():
            raise FileExistsError(17, "Cannot create a file when that file already exists")
        self.rename(source, target)


@pytest.mark.parametrize("system", [ps.WINDOWS, ps.LINUX, ps.MACOS])
def test_rename_without_replacing_never_replaces(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, system: str
) -> None:
    monkeypatch.setattr(ps, "SYSTEM", system)
    if system == ps.WINDOWS:
        monkeypatch.setattr(os, "rename", WindowsRename())
    source, target = _files(tmp_path)
    with pytest.raises(FileExistsError):
        ps.rename_without_replacing(source, target)
    assert target.read_text(encoding="utf-8") == "old"
    assert source.exists()
    target.unlink()
    ps.rename_without_replacing(source, target)
    assert target.read_text(encoding="utf-8") == "new"
    assert not source.exists()


def _link_error(code: int, winerror: int | None = None) -> OSError:
    error = OSError(code, os.strerror(code))
    if winerror is not None:
        error.winerror = winerror  # type: ignore[attr-defined]  # as Windows' OSError carries
    return error


@pytest.mark.parametrize(
    ("error", "no_links"),
    [
        (_link_error(errno.EPERM), True),  # Linux: vfat, exFAT
        (_link_error(errno.EOPNOTSUPP), True),  # macOS msdos/exfat, CIFS
        (_link_error(errno.ENOTSUP), True),
        (_link_error(errno.ENOSYS), True),  # some FUSE file systems
        (_link_error(errno.EXDEV), True),
        (_link_error(errno.EINVAL, winerror=1), True),  # ERROR_INVALID_FUNCTION on FAT32
        (_link_error(errno.EINVAL, winerror=50), True),  # ERROR_NOT_SUPPORTED on a share
        (_link_error(errno.EEXIST), False),  # the name is taken: never claim it another way
        (_link_error(errno.ENOSPC), False),
        (_link_error(errno.EACCES, winerror=5), False),  # access denied is not «no links»
        (_link_error(errno.EEXIST, winerror=183), False),
    ],
)
def test_a_file_system_without_hard_links_is_told_by_its_error(
    error: OSError, no_links: bool
) -> None:
    assert ps.hard_links_refused(error) is no_links


# --- the callers, on the other systems ----------------------------------------------------------


def test_the_index_is_opened_on_windows_without_fchmod_or_chmod(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from cocreate_tui.domain.paths import ensure_private_dir
    from cocreate_tui.domain.session_index import SessionIndex

    ensure_private_dir(tmp_path / "data" / "sessions")
    first = SessionIndex(tmp_path / "data")
    first.refresh()
    first.close()
    index_file = tmp_path / "data" / "index.sqlite3"
    index_file.chmod(0o644)  # as Windows reports every writable file
    monkeypatch.setattr(ps, "SYSTEM", ps.WINDOWS)
    monkeypatch.setattr(ps, "_windows_drive_type", lambda root: 3)  # a local disk
    monkeypatch.delattr(os, "fchmod", raising=False)

    def chmod(*args: object, **kwargs: object) -> None:
        raise AssertionError("Windows' chmod only flips read-only; it is never asked")

    monkeypatch.setattr(os, "chmod", chmod)
    again = SessionIndex(tmp_path / "data")
    assert again.refresh() is not None
    again.close()
    ensure_private_dir(tmp_path / "data" / "exports")


def _lock_held_by(directory: Path, pid: int) -> Path:
    import json
    import platform

    directory.mkdir(parents=True, exist_ok=True)
    lock = directory / "abc.lock"
    holder = {"pid": pid, "host": platform.node(), "since": "2026-12-06T09:00:00+00:00"}
    lock.write_text(json.dumps(holder), encoding="utf-8")
    return lock


def test_on_windows_a_lock_whose_process_cannot_be_checked_is_respected(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from cocreate_tui.domain.session_lock import SessionLock

    lock = _lock_held_by(tmp_path, 4242)
    monkeypatch.setattr(ps, "SYSTEM", ps.WINDOWS)
    kill = WindowsKill()
    monkeypatch.setattr(os, "kill", kill)
    monkeypatch.setattr(ps, "_pid_exists", no_psutil)
    holder = SessionLock(tmp_path, "abc").acquire()
    assert holder is not None
    assert holder.pid == 4242
    assert kill.interrupted == []  # the other window was not sent Ctrl+C
    assert '"pid": 4242' in lock.read_text(encoding="utf-8")


def test_on_windows_a_lock_of_a_process_that_ended_is_taken_over(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from cocreate_tui.domain.session_lock import SessionLock

    _lock_held_by(tmp_path, 4242)
    monkeypatch.setattr(ps, "SYSTEM", ps.WINDOWS)
    kill = WindowsKill()
    monkeypatch.setattr(os, "kill", kill)
    monkeypatch.setattr(ps, "_pid_exists", lambda pid: False)  # psutil: no such process
    lock = SessionLock(tmp_path, "abc")
    assert lock.acquire() is None
    assert lock.held
    assert kill.interrupted == []
    lock.release()
