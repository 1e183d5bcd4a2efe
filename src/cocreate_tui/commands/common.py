"""Helpers shared by the sub-commands: loading the bank and reporting errors plainly."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.bank_location import shipped_bank_dir

# The bank loader brings pydantic (~100 ms); commands that load a bank import it when they do,
# so the app can open its first window without it.
if TYPE_CHECKING:
    from ..domain.bank_loader import BankError
    from ..domain.bank_models import Bank

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


def error(message: str) -> None:
    """Print one error line on stderr, in the chosen language where the message is known."""
    from ..domain.file_reasons import message_words
    from ..i18n import output_language

    print(f"cocreate: {message_words(message, output_language())}", file=sys.stderr)


def print_bank_error(err: BankError) -> None:
    """Print every problem of a broken bank, one per line, on stderr."""
    error(str(err))
    for problem in err.problems:
        print(
            f"  {err.folder / problem.file if problem.file[:1] != '(' else err.folder}: "
            f"{problem.item}: {problem.message}",
            file=sys.stderr,
        )


def bank_dir(args: argparse.Namespace) -> Path:
    """The bank folder the user asked for, or the shipped one."""
    chosen: Path | None = getattr(args, "bank", None)
    return chosen if chosen is not None else shipped_bank_dir()


def load_bank_or_report(args: argparse.Namespace) -> Bank | None:
    """Load the chosen bank, or print its problems and return None."""
    from ..domain.bank_loader import BankError, load_bank

    try:
        return load_bank(bank_dir(args))
    except BankError as err:
        print_bank_error(err)
        return None
