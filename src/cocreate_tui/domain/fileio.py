"""File I/O in one place: durable private writes, bounded reads of regular files, safe names."""

from __future__ import annotations

import contextlib
import errno
import os
import stat

from . import platform_support

# Not typing's TYPE_CHECKING (mypy reads any constant of this name as True): `cocreate --help`
# reads the settings file through `read_capped`, and has no time for pathlib, typing, tempfile
# (which brings shutil, bz2 and lzma) or the phrases; each is imported where it is needed.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

    from .phrases import Phrase

PRIVATE_FILE_MODE = 0o600
TEMP_PREFIX = ".tmp-"
"""Every temporary file starts so: saves in progress (or interrupted) are never listed."""
READ_CHUNK = 64 * 1024
MAX_SLUG_LENGTH = 40
_FOLDED = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


class FileReadError(Exception):
    """A file was not read; `reason` says why, in words that follow the file's name."""

    def __init__(self, path: Path, reason: Phrase) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class NotReplaceableError(OSError):
    """`--force` met something other than a regular file of one name; it was left alone."""

    def __init__(self, reason: Phrase) -> None:
        super().__init__(errno.EPERM, str(reason))
        self.reason = reason
        """Why it was not replaced."""


# --- reading ----------------------------------------------------------------------------------


def read_capped(path: str | os.PathLike[str], limit: int, *, what: str = "file") -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them.

    Raises `FileReadError` for a link, anything but a regular file (FIFO, device, folder), a
    file with more than `limit` bytes (counted as read, not as `stat` reports: /proc files
    report 0 and a file can grow), or any OS error. `what` names the kind of file in the
    too-large message («en vurderingsfil kan være på høyst 5 MB»): `session`, `answers`,
    `bank`, `lock` or `file`. The error's `path` is a `Path` even when `path` is a `str`.
    """
    try:
        descriptor = _open_regular_file(path)
    except OSError as error:
        raise _open_failure(path, error) from None
    return _read_open(descriptor, path, limit, what)


def read_capped_if_present(
    path: str | os.PathLike[str], limit: int, *, what: str = "file"
) -> bytes | None:
    """`read_capped`, but None when nothing is at `path`.

    For a file that is usually absent and read at start (the settings): absence is told apart
    before any error is built, since the error's words would import what `--help` has no time
    for.
    """
    try:
        descriptor = _open_regular_file(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise _open_failure(path, error) from None
    return _read_open(descriptor, path, limit, what)


def _open_regular_file(path: str | os.PathLike[str]) -> int:
    # O_NOFOLLOW: a link must not make us read a file elsewhere. O_NONBLOCK: opening a FIFO
    # must not hang (it is then refused as not regular).
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    return os.open(path, flags)


def _open_failure(path: str | os.PathLike[str], error: OSError) -> FileReadError:
    if error.errno == errno.ELOOP:
        return _refused(path, "file_reason_symlink")
    return _os_failure(path, error)


def _read_open(descriptor: int, path: str | os.PathLike[str], limit: int, what: str) -> bytes:
    # Reads the file open at `descriptor` and closes it.
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise _refused(path, "file_reason_not_file")
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(descriptor, min(READ_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as error:
        raise _os_failure(path, error) from None
    finally:
        os.close(descriptor)
    if total > limit:
        raise _too_large(path, limit, what)
    return b"".join(chunks)


def _phrase(key: str) -> Phrase:
    from .phrases import Phrase

    return Phrase(key)


def _refused(path: str | os.PathLike[str], key: str) -> FileReadError:
    from pathlib import Path

    return FileReadError(Path(path), _phrase(key))


def _too_large(path: str | os.PathLike[str], limit: int, what: str) -> FileReadError:
    from pathlib import Path

    from .phrases import Phrase

    size: str | Phrase
    if limit >= 1024 * 1024 and limit % (1024 * 1024) == 0:
        size = f"{limit // (1024 * 1024)} MB"
    elif limit >= 1024 and limit % 1024 == 0:
        size = f"{limit // 1024} KB"
    else:
        size = Phrase("file_size_bytes", count=limit)
    kind = Phrase(f"file_kind_{what}")
    return FileReadError(Path(path), Phrase("file_too_large", kind=kind, size=size))


def _os_failure(path: str | os.PathLike[str], error: OSError) -> FileReadError:
    from pathlib import Path

    from .phrases import Phrase
    from .problem_words import os_reason

    reason = os_reason(error)
    if reason.key in ("os_not_found", "os_is_folder"):
        # «/x.toml: finnes ikke» says it all; «kan ikke leses» would only add words.
        return FileReadError(Path(path), reason)
    return FileReadError(Path(path), Phrase("file_unreadable", reason=reason))


# --- writing ----------------------------------------------------------------------------------


def write_atomic(path: Path, data: bytes, *, mode: int | None = PRIVATE_FILE_MODE) -> None:
    """Replace `path` with `data`: whole or not at all, durable once it returns.

    The file is written beside `path`, fsynced, renamed over it and the folder fsynced. `mode`
    (0600 by default) is what the new file gets; None keeps the mode of the file replaced.
    Raises `OSError`; the previous content is then intact.
    """
    keep = _existing_mode(path) if mode is None else mode
    temp = _write_temp(path.parent, data, keep if keep is not None else PRIVATE_FILE_MODE)
    try:
        _replace(temp, path)
    except BaseException:
        _discard(temp)
        raise
    _fsync_dir(path.parent)


def write_new(path: Path, data: bytes) -> None:
    """Create `path` (0600) with `data`; never replaces anything.

    The name is claimed with a hard link from a complete temporary file, so no reader ever
    sees it empty or half-written, and of two writers at once exactly one succeeds. Where the
    file system has no hard links (FAT and exFAT USB sticks, some shares) the name is claimed
    by an exclusive create instead, and the data written after: exactly one writer still
    succeeds, but a reader may briefly find the file empty or partial (`young_file` tells
    such a file from a broken one). Raises `FileExistsError` when the name is taken, other
    `OSError`s when it cannot be written.
    """
    temp = _write_temp(path.parent, data, PRIVATE_FILE_MODE)
    try:
        try:
            os.link(temp, path)
        except OSError as error:
            if not platform_support.hard_links_refused(error):
                raise
            _create_exclusive(path, data)
    finally:
        _discard(temp)
    _fsync_dir(path.parent)


CLAIM_SECONDS = 5.0
"""How long a file made by `write_new`'s exclusive create may stay empty or partial.

Between the create and the write a rival finds the name taken and the content incomplete;
within this time that means «being written», not «broken». The write takes microseconds;
the margin is for a slow USB stick and a share's coarse time stamps.
"""


def young_file(path: Path, now: float | None = None) -> bool:
    """Whether the file at `path` was changed less than `CLAIM_SECONDS` ago (or in the future).

    A clock set differently on a share can put a new file's time a little ahead; a file far
    ahead or far back is old. False if the file is gone.
    """
    import time

    try:
        changed = os.lstat(path).st_mtime
    except OSError:
        return False
    age = (time.time() if now is None else now) - changed
    return -CLAIM_SECONDS < age < CLAIM_SECONDS


def _create_exclusive(path: Path, data: bytes) -> None:
    # O_EXCL claims the name atomically on every file system, FAT and SMB included, and
    # refuses a link left in its place. A failed write removes the file again, so no
    # half-written claim outlives this call. O_BINARY (Windows): the bytes as they are.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags, PRIVATE_FILE_MODE)
    try:
        try:
            _write_all(descriptor, data)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    except BaseException:
        _discard(str(path))
        raise


def _write_all(descriptor: int, data: bytes) -> None:
    # One write, unless the system takes fewer bytes than offered.
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def replace_regular(path: Path, data: bytes) -> None:
    """Replace the file at `path` atomically (`--force`); create it if absent.

    The owner's bits of its mode are kept (a read-only file stays read-only), but never more
    than 0600: an export can hold notes, so it is not left readable by others. Refuses
    (`NotReplaceableError`) a FIFO, device, folder, link or a file with other hard links:
    replacing those would write where the user did not mean to, or cut a link.
    """
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        write_atomic(path, data)
        return
    if not stat.S_ISREG(status.st_mode):
        raise NotReplaceableError(_phrase("output_not_regular"))
    if status.st_nlink > 1:
        raise NotReplaceableError(_phrase("output_hard_links"))
    write_atomic(path, data, mode=(stat.S_IMODE(status.st_mode) & PRIVATE_FILE_MODE) or 0o400)


def _write_temp(folder: Path, data: bytes, mode: int) -> str:
    import tempfile

    # mkstemp creates the file 0600, so its content is never readable by others, even briefly;
    # in the same folder so that the rename or link is atomic.
    descriptor, name = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=folder)
    try:
        try:
            _write_all(descriptor, data)
            if mode != PRIVATE_FILE_MODE:
                platform_support.make_private(descriptor, mode)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    except BaseException:
        _discard(name)
        raise
    return name


def _existing_mode(path: Path) -> int | None:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return None


def _discard(name: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(name)


# --- the OS-specific calls: platform_support does each; these names are where the crash tests
# --- pause a save (tests/reliability/crash_child.py) ---------------------------------------


def _replace(source: str, target: Path) -> None:
    """Rename `source` over `target` in one step (on Windows, a few tries while it is held)."""
    platform_support.replace(source, target)


def _fsync_dir(directory: Path) -> None:
    """Make a rename in `directory` durable; best effort (Windows and some file systems can't)."""
    platform_support.fsync_directory(directory)


# --- names ------------------------------------------------------------------------------------


def slug(text: str, fallback: str = "export", max_length: int = MAX_SLUG_LENGTH) -> str:
    """`text` as lower-case ASCII words joined by `-`, e.g. `NAV Lærdal` → `nav-laerdal`."""
    import re
    import unicodedata

    folded = unicodedata.normalize("NFKD", text.translate(_FOLDED))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return words[:max_length].rstrip("-") or fallback
