"""A question bank folder known by its content hash at once, and loaded only when needed."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from cocreate_tui.domain.bank_hash import files_content_hash

# The bank models (pydantic) are imported only when the bank is loaded: listing over a fresh
# index needs only the hash.
if TYPE_CHECKING:
    from cocreate_tui.domain.bank_models import Bank


class BankSource:
    """A question bank folder, known by its content hash first and loaded only when needed.

    Listing over a fresh index needs only the hash; loading (pydantic) happens only when some
    session has to be scored.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        """The bank's folder."""
        self.content_hash = bank_content_hash(folder)
        """The hash `load_bank` would give it; None if the folder has no readable bank files."""
        self._bank: Bank | None = None
        # The app loads the bank in a worker thread while the index may ask for it in another:
        # one of them loads, the other waits for that bank instead of parsing it twice.
        self._loading = threading.Lock()

    def load(self) -> Bank:
        """The bank itself, loaded once; raises `BankError` naming every problem."""
        with self._loading:
            if self._bank is None:
                from cocreate_tui.domain.bank_loader import load_bank

                self._bank = load_bank(self.folder)
            return self._bank

    @property
    def loaded(self) -> Bank | None:
        """The bank if it has been loaded already, without loading it."""
        return self._bank


def bank_content_hash(folder: Path) -> str | None:
    """The content hash of the bank in `folder`, as `bank_loader.load_bank` computes it.

    Computed without parsing (no pydantic), so a fresh index can be trusted cheaply.
    """
    try:
        files = sorted(path for path in folder.glob("*.toml") if path.is_file())
    except OSError:
        return None
    if not files:
        return None
    return files_content_hash(files)
