"""What differs between Windows, macOS and Linux: the one module that asks which one this is.

Every function here hides one difference and says why it exists. Tests run the Windows and
macOS branches on Linux by setting `SYSTEM` and replacing the OS calls (the `_`-named hooks)
with fakes that behave as those systems do.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import time

# Not typing's TYPE_CHECKING: `cocreate --help` calls configure_output, and importing typing
# was ~1.7 ms of it (mypy reads any constant of this name as True).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path, PurePosixPath
    from typing import TextIO

# pathlib and the other system's path module are imported where used: `cocreate --help` loads
# this module (for the terminal's encoding) and has no time for them (~3 ms).

WINDOWS = "windows"
MACOS = "macos"
LINUX = "linux"  # and other POSIX systems, which behave as Linux does in all that matters here

SYSTEM: str = WINDOWS if os.name == "nt" else MACOS if sys.platform == "darwin" else LINUX
"""The system this runs on; tests set it to run another system's branch."""


# --- is this process alive? -----------------------------------------------------------------

MAX_PID = 2**31 - 1


def process_alive(pid: int) -> bool:
    """Whether process `pid` runs on this machine; True when that cannot be told.

    Unsure means alive, so a lock whose process cannot be checked is respected: a window that
    went on as if it held the lock could overwrite another window's answers.
    """
    if not 0 < pid <= MAX_PID:
        return False  # no process has it: a lock naming it was never written by a live one
    try:
        return _pid_exists(pid)
    except ImportError:
        # psutil is a dependency, so only a broken install gets here.
        if SYSTEM == WINDOWS:
            # On Windows, os.kill(pid, 0) is not a question but CTRL_C_EVENT: it would stop
            # the other window's whole console group. Without psutil there is no safe check.
            return True
        return _posix_kill_check(pid)
    except Exception:
        return True


def _pid_exists(pid: int) -> bool:
    # psutil answers without signalling on every system: OpenProcess and GetExitCodeProcess on
    # Windows (a process of another user or an elevated one counts as alive), /proc or kill(0)
    # elsewhere. Imported here: only a lock found held needs it.
    import psutil

    return bool(psutil.pid_exists(pid))


def _posix_kill_check(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0 on POSIX: checks, delivers nothing
    except ProcessLookupError:
        return False
    except OSError:
        return True  # EPERM: it lives, as another user
    return True


# --- private files and folders --------------------------------------------------------------


def modes_protect() -> bool:
    """Whether file modes (0600, 0700) are what keeps files private here.

    On Windows they are not: its chmod only sets or clears the read-only flag. There privacy
    rests on the access lists of the user profile, under which the data folder lies
    (%LOCALAPPDATA% is open only to the user, the system and administrators).
    """
    return SYSTEM != WINDOWS


def make_private(descriptor: int, mode: int) -> None:
    """Give the open file `descriptor` the `mode`, where modes are the means of privacy."""
    # os.fchmod is absent on Windows before Python 3.13, and from 3.13 only flips read-only.
    if modes_protect():
        os.fchmod(descriptor, mode)


def make_private_path(path: Path | str, mode: int) -> None:
    """Give the file or folder at `path` the `mode` unless it has it, where modes count."""
    if modes_protect() and stat.S_IMODE(os.stat(path).st_mode) != mode:
        os.chmod(path, mode)


# --- durable, atomic replacement --------------------------------------------------------------

REPLACE_TRIES = 6
"""Tries of a rename refused by Windows while another program has the target open."""
REPLACE_WAIT = 0.02
"""Seconds before the second try, doubled each time (0.62 s at most in all)."""
# ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: what a virus scanner,
# the search indexer or a sync client holding the file open for a moment makes MoveFileEx say.
_SHARING_ERRORS = frozenset({5, 32, 33})
_sleep: Callable[[float], None] = time.sleep


def replace(source: str | Path, target: str | Path) -> None:
    """Rename `source` over `target` in one step; on Windows, a few tries while it is held."""
    if SYSTEM != WINDOWS:
        os.replace(source, target)  # POSIX rename: atomic, and never refused for an open file
        return
    wait = REPLACE_WAIT
    for attempt in range(REPLACE_TRIES):
        try:
            os.replace(source, target)
            return
        except PermissionError as error:
            # Windows refuses to replace a file another program has open without sharing
            # delete access. Scanners let go within milliseconds; a file really locked by a
            # user's program still fails after the last try, and the save says so.
            if getattr(error, "winerror", None) not in _SHARING_ERRORS:
                raise
            if attempt == REPLACE_TRIES - 1:
                raise
        _sleep(wait)
        wait *= 2


def rename_without_replacing(source: str | Path, target: str | Path) -> None:
    """Rename `source` to `target`; `FileExistsError`, and nothing moved, if `target` exists.

    For file systems without hard links (FAT, some shares), where a link cannot claim the name.
    """
    if SYSTEM != WINDOWS and os.path.lexists(target):
        # POSIX rename replaces an existing target silently, so look first (a rival appearing
        # in between is the one race left). Windows' rename refuses by itself, atomically.
        raise FileExistsError(17, "File exists", str(target))
    os.rename(source, target)


# What link(2) says on a file system without hard links: EPERM on Linux's vfat and exFAT,
# ENOTSUP/EOPNOTSUPP on macOS's msdos and exfat and on CIFS, ENOSYS from some FUSE file
# systems, EXDEV where a share spans devices. getattr: not every system names each of them.
_NO_LINK_ERRNOS = frozenset(
    code
    for code in (
        getattr(errno, name, None) for name in ("EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV")
    )
    if code is not None
)
# Windows' CreateHardLinkW on FAT32/exFAT and many shares: ERROR_INVALID_FUNCTION,
# ERROR_NOT_SAME_DEVICE, ERROR_NOT_SUPPORTED, ERROR_INVALID_PARAMETER (Python maps these to
# EINVAL or EXDEV, so the Windows code is the one to ask).
_NO_LINK_WINERRORS = frozenset({1, 17, 50, 87})


def hard_links_refused(error: OSError) -> bool:
    """Whether `error` from `os.link` means this file system (or share) has no hard links.

    A USB stick formatted FAT or exFAT, and some network shares, cannot link: the caller then
    claims the name another way. Any other error (the name taken, a full disk) is no such sign.
    """
    winerror = getattr(error, "winerror", None)
    if winerror is not None:
        return winerror in _NO_LINK_WINERRORS
    return error.errno in _NO_LINK_ERRNOS


def fsync_directory(directory: Path | str) -> None:
    """Make a rename in `directory` durable, where the system allows it; best effort."""
    if SYSTEM == WINDOWS:
        # A folder cannot be opened as a file on Windows; NTFS journals the rename itself.
        return
    # Some file systems (network ones among them) refuse it; the file is complete in place by
    # now, so a failure only means the rename might not survive a power cut.
    # On macOS, fsync does not flush the drive's cache (F_FULLFSYNC does, at tens of ms a
    # save); a battery-powered laptop's sudden power loss is the rare case it would cover.
    with contextlib.suppress(OSError):
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


@contextlib.contextmanager
def scan_folder(directory: Path | str) -> Iterator[Iterator[os.DirEntry[str]]]:
    """`os.scandir(directory)`, whose entries' `stat()` is as cheap as the system allows."""
    if SYSTEM == WINDOWS or os.scandir not in os.supports_fd:
        # Windows lists each file's stamps with its name, so a stat costs nothing there.
        with os.scandir(directory) as entries:
            yield entries
        return
    # Listed through an open folder, each stat is relative to it (fstatat) and the kernel does
    # not walk the whole path again: a refresh of 50,000 files stat'ed ~20 % faster.
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        with os.scandir(descriptor) as entries:
            yield entries
    finally:
        os.close(descriptor)


# --- the terminal -----------------------------------------------------------------------------


def shell_command(parts: list[str]) -> str:
    """`parts` as one command line for this system's shell, each part quoted as it needs."""
    import shlex
    import subprocess

    if SYSTEM == WINDOWS:
        # cmd.exe and CreateProcess split arguments by the C runtime's rules: double quotes,
        # with backslashes doubled before them. POSIX single quotes would stay in the text.
        return subprocess.list2cmdline(parts)
    return shlex.join(parts)


def configure_output(stream: TextIO | None = None) -> None:
    """Make `stream` (stdout) take any text the app prints: «», æøå, bars, arrows.

    On Windows a redirected stdout (`cocreate export … > file`, a pipe) uses the ANSI code page
    (cp1252), which cannot encode the bars and arrows: UTF-8 then, as JSON, CSV and Markdown
    readers expect. A console is written in UTF-16 by Python itself and needs nothing. On
    macOS and Linux Python already uses UTF-8 even under the C locale (PEP 538/540); should the
    terminal still say otherwise, what it cannot show becomes «?» rather than a traceback.
    """
    stream = sys.stdout if stream is None else stream
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None:
        return
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    if encoding in {"utf8", "utf8sig"}:
        return
    if SYSTEM == WINDOWS and not _is_terminal(stream):
        reconfigure(encoding="utf-8")
    else:
        reconfigure(errors="replace")


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (OSError, ValueError):
        return False


# --- network folders ----------------------------------------------------------------------

# File systems whose files live on another machine. On them SQLite's shared-memory WAL index
# does not work, and its locks are only as good as the server's.
_NETWORK_TYPES = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph", "glusterfs", "lustre"}
)
# FUSE file systems are mostly remote (sshfs, rclone, davfs2, s3fs, gcsfuse, gvfs); these few
# are local and common enough on a laptop to name.
_LOCAL_FUSE = frozenset({"fuse.portal", "fuse.lxcfs", "fuse.squashfuse", "fuse.fuse-overlayfs"})
_DRIVE_REMOTE = 4
"""GetDriveTypeW's answer for a mapped network drive."""
_MNT_LOCAL = 0x1000
"""macOS statfs flag: the file system is on this machine."""


def is_network_folder(folder: str | os.PathLike[str]) -> bool:
    """Whether `folder` lies on a network drive (a mapped drive, a share, NFS, SMB, sshfs …).

    False where it cannot be told: the index then uses what is fastest on a local disk.
    """
    import ntpath
    import posixpath
    from pathlib import PurePosixPath, PureWindowsPath

    try:
        if SYSTEM == WINDOWS:
            # \\server\share, or a drive letter Windows reports as mapped to one.
            drive = PureWindowsPath(ntpath.abspath(folder)).drive
            return drive.startswith("\\\\") or _windows_drive_type(drive + "\\") == _DRIVE_REMOTE
        if SYSTEM == MACOS:
            # macOS has no mount table file; its statfs tells whether a mount is local.
            flags = _macos_mount_flags(folder)
            return flags is not None and not flags & _MNT_LOCAL
        fs_type = _linux_mount_type(PurePosixPath(posixpath.abspath(folder)), _read_mountinfo())
        return fs_type is not None and (
            fs_type in _NETWORK_TYPES
            or (fs_type.startswith("fuse.") and fs_type not in _LOCAL_FUSE)
        )
    except OSError:
        return False


def _windows_drive_type(root: str) -> int:
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


def _macos_mount_flags(folder: str | os.PathLike[str]) -> int | None:
    """f_flags of statfs(2) for the mount holding `folder`, or None if libc cannot be asked."""
    import ctypes
    import ctypes.util

    class StatFs(ctypes.Structure):
        # struct statfs as macOS has laid it out since 10.6 (64-bit inodes).
        _fields_ = (
            ("f_bsize", ctypes.c_uint32),
            ("f_iosize", ctypes.c_int32),
            ("f_blocks", ctypes.c_uint64),
            ("f_bfree", ctypes.c_uint64),
            ("f_bavail", ctypes.c_uint64),
            ("f_files", ctypes.c_uint64),
            ("f_ffree", ctypes.c_uint64),
            ("f_fsid", ctypes.c_int32 * 2),
            ("f_owner", ctypes.c_uint32),
            ("f_type", ctypes.c_uint32),
            ("f_flags", ctypes.c_uint32),
            ("f_fssubtype", ctypes.c_uint32),
            ("f_fstypename", ctypes.c_char * 16),
            ("f_mntonname", ctypes.c_char * 1024),
            ("f_mntfromname", ctypes.c_char * 1024),
            ("f_flags_ext", ctypes.c_uint32),
            ("f_reserved", ctypes.c_uint32 * 7),
        )

    name = ctypes.util.find_library("c")
    if name is None:
        return None
    libc = ctypes.CDLL(name, use_errno=True)
    # Intel Macs export the 64-bit-inode layout under this name; Apple silicon only has it.
    statfs = getattr(libc, "statfs$INODE64", None) or libc.statfs
    result = StatFs()
    if statfs(os.fsencode(folder), ctypes.byref(result)) != 0:
        return None
    return int(result.f_flags)


def _read_mountinfo() -> str:
    with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as file:
        return file.read()


def _linux_mount_type(folder: PurePosixPath, mountinfo: str) -> str | None:
    """The file system type of the deepest mount that holds `folder`, from /proc's mountinfo."""
    from pathlib import PurePosixPath

    best: tuple[int, str] | None = None
    for line in mountinfo.splitlines():
        fields = line.split()
        if "-" not in fields[6:]:
            continue
        # Field 5 is the mount point (spaces as \040); the type follows the lone "-".
        mount_point = PurePosixPath(_unescape(fields[4]))
        fs_type = fields[fields.index("-", 6) + 1]
        if folder.is_relative_to(mount_point):
            depth = len(mount_point.parts)
            if best is None or depth >= best[0]:
                best = (depth, fs_type)
    return best[1] if best else None


def _unescape(field: str) -> str:
    for code in ("\\040", "\\011", "\\012", "\\134"):
        field = field.replace(code, chr(int(code[1:], 8)))
    return field
