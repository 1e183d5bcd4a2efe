"""Helpers shared by the sub-commands: loading the bank and reporting errors plainly."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.bank_location import shipped_bank_dir
from ..domain.errors import CocreateError
from ..domain.phrases import Words, worded
from ..i18n import output_language

# The bank loader brings pydantic (~100 ms); commands that load a bank import it when they do,
# so the app can open its first window without it.
if TYPE_CHECKING:
    from ..domain.answers_file import AnswersFileError
    from ..domain.bank_loader import BankError
    from ..domain.bank_models import Bank

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


def error(message: Words | CocreateError) -> None:
    """Print one error line on stderr, in the chosen language."""
    print(f"cocreate: {said(message)}", file=sys.stderr)


def detail(line: Words) -> None:
    """Print an indented line under an error, in the chosen language."""
    print(f"  {said(line)}", file=sys.stderr)


def said(message: Words | CocreateError) -> str:
    """`message` (or the error's) in the language of the command line's output."""
    lang = output_language()
    return message.words(lang) if isinstance(message, CocreateError) else worded(message, lang)


def print_bank_error(err: BankError) -> None:
    """Print every problem of a broken bank, one per line, on stderr."""
    from ..domain.bank_loader import Problem

    error(err.phrase)
    for problem in err.problems:
        where = err.folder / problem.file if problem.file[:1] != "(" else err.folder
        detail(Problem(str(where), problem.item, problem.message).text(output_language()))


def print_answers_error(err: AnswersFileError) -> None:
    """Print every problem of an answers file, one per line, on stderr."""
    from ..domain.phrases import Phrase

    error(Phrase("msg_answers_unusable", err.path))
    for problem in err.problems:
        detail(f"{err.path}: {said(problem)}")


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
