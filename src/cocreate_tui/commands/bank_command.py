"""`cocreate bank validate|show`: check a bank, or show it as tables or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..domain.bank_loader import BankError, load_bank
from ..domain.bank_models import Bank
from ..domain.bank_translations import missing_translations
from ..domain.json_views import bank_to_json
from ..i18n import DEFAULT_LANG, catalogue, language_name, languages, output_language, t
from .common import EXIT_INVALID, EXIT_OK, bank_dir, load_bank_or_report, print_bank_error


def run(args: argparse.Namespace) -> int:
    """Run `cocreate bank ACTION`."""
    if args.bank_command == "validate":
        folder = args.dir if args.dir is not None else bank_dir(args)
        return _validate(folder, strict=args.strict)
    return _show(args)


def _validate(folder: Path, *, strict: bool) -> int:
    try:
        bank = load_bank(folder)
    except BankError as err:
        print_bank_error(err)
        return EXIT_INVALID
    print(
        t("msg_bank_ok", output_language()).format(
            folder=folder,
            id=bank.info.id,
            version=bank.info.version,
            dimensions=len(bank.dimensions),
            lessons=len(bank.lessons),
            questions=len(bank.questions),
        )
    )
    # A bank without some language still works (those texts are shown in bokmål), so the gaps
    # are named but fail the check only with --strict, as the shipped bank's CI runs it.
    gaps = translation_gaps(bank)
    for line in gaps:
        print(line, file=sys.stderr)
    return EXIT_INVALID if gaps and strict else EXIT_OK


def translation_gaps(bank: Bank) -> list[str]:
    """Every text missing in a language the app offers: the bank's and the UI catalogue's."""
    lines: list[str] = []
    nb = catalogue(DEFAULT_LANG)
    for lang in languages():
        ui = catalogue(lang)
        in_ui = [key for key in nb if not ui.get(key)]
        in_bank = missing_translations(bank, [lang]).get(lang, [])
        if not in_ui and not in_bank:
            continue
        name = f"{language_name(lang)} ({lang})"
        count = len(in_bank) + len(in_ui)
        lines.append(
            t("msg_missing_translations", output_language()).format(name=name, count=count)
        )
        lines += [f"  bank: {where}" for where in in_bank]
        lines += [f"  locales/{lang}.po: {key}" for key in in_ui]
    return lines


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
