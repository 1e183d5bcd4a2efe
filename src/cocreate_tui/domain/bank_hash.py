"""The content hash of a question bank: one implementation, for the loader and the index."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from .fileio import FileReadError, read_capped

MAX_BANK_FILE_BYTES = 2_000_000
"""The loader refuses a bank file larger than this, so the hash never reads more either."""


def files_content_hash(files: Iterable[Path]) -> str:
    """SHA-256 over each file's name and bytes, in the order given.

    Unreadable files, and files the loader refuses as too large or not regular, are skipped.
    """
    digest = hashlib.sha256()
    for path in files:
        try:
            content = read_capped(path, MAX_BANK_FILE_BYTES)
        except FileReadError:
            continue
        digest.update(path.name.encode() + b"\0" + content + b"\0")
    return digest.hexdigest()
