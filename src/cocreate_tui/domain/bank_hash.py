"""The content hash of a question bank: one implementation, for the loader and the index."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def files_content_hash(files: Iterable[Path]) -> str:
    """SHA-256 over each file's name and bytes, in the order given; unreadable files are skipped."""
    digest = hashlib.sha256()
    for path in files:
        try:
            content = path.read_bytes()
        except OSError:
            continue
        digest.update(path.name.encode() + b"\0" + content + b"\0")
    return digest.hexdigest()
