"""`cocreate bank validate|show`: check a bank, or show it as tables or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..domain.bank_loader import BankError, load_bank
from ..domain.json_views import bank_to_json
from .common import EXIT_INVALID, EXIT_OK, bank_dir, load_bank_or_report, print_bank_error


def run(args: argparse.Namespace) -> int:
    """Run `cocreate bank ACTION`."""
    if args.bank_command == "validate":
        return _validate(args.dir if args.dir is not None else bank_dir(args))
    return _show(args)


def _validate(folder: Path) -> int:
    try:
        bank = load_bank(folder)
    except BankError as err:
        print_bank_error(err)
        return EXIT_INVALID
    print(
        f"{folder}: OK – bank {bank.info.id} {bank.info.version}: "
        f"{len(bank.dimensions)} dimensions, {len(bank.lessons)} lessons, "
        f"{len(bank.questions)} questions."
    )
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    bank = load_bank_or_report(args)
    if bank is None:
        return EXIT_INVALID
    if args.json:
        json.dump(bank_to_json(bank), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    from ..console_views import render_bank

    render_bank(bank, args.lang)
    return EXIT_OK
