"""What differs between Windows, macOS and Linux: the one module that asks which one this is.

Every function here hides one difference and says why it exists. Tests run the Windows and
macOS branches on Linux by setting `SYSTEM` and replacing the OS calls (the `_`-named hooks)
with fakes that behave as those systems do.
"""

from __future__ import annotations

import ntpath
import os
import posixpath
import sys
from pathlib import PurePosixPath, PureWindowsPath

WINDOWS = "windows"
MACOS = "macos"
LINUX = "linux"  # and other POSIX systems, which behave as Linux does in all that matters here

SYSTEM: str = WINDOWS if os.name == "nt" else MACOS if sys.platform == "darwin" else LINUX
"""The system this runs on; tests set it to run another system's branch."""


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
