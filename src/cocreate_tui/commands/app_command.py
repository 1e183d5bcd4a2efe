"""`cocreate` without a command: load the bank, then run the Textual wizard (imported only now)."""

from __future__ import annotations

import argparse

from ..domain.bank_loader import BankError, load_bank
from ..domain.paths import data_dir
from ..domain.storage import SessionStore
from .common import EXIT_INVALID, EXIT_OK, bank_dir, print_bank_error


def run(args: argparse.Namespace) -> int:
    """Run the interactive wizard; returns the exit code."""
    folder = data_dir(getattr(args, "data_dir", None))
    try:
        bank = load_bank(bank_dir(args))
    except BankError as err:
        print_bank_error(err)
        return EXIT_INVALID
    from ..ui.app import CocreateApp

    # With the bank, the index scores the sessions (level, overall) for the saved table.
    app = CocreateApp(bank, SessionStore(folder, bank), folder, lang=getattr(args, "lang", "nb"))
    app.run()
    return EXIT_OK
