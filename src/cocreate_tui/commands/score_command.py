"""`cocreate score ANSWERS`: score an answers file without the wizard."""

from __future__ import annotations

import argparse
import json
import sys

from ..domain.answers_file import AnswersFileError, read_answers_file
from ..domain.json_views import assessment_to_json
from ..domain.scoring import assess
from .common import EXIT_INVALID, EXIT_OK, load_bank_or_report, print_answers_error


def run(args: argparse.Namespace) -> int:
    """Run `cocreate score`."""
    bank = load_bank_or_report(args)
    if bank is None:
        return EXIT_INVALID
    try:
        parsed = read_answers_file(args.answers, bank)
    except AnswersFileError as err:
        print_answers_error(err)
        return EXIT_INVALID
    if args.save:
        from .save_answers import save_as_session

        return save_as_session(args, bank, parsed)
    assessment = assess(bank, parsed.answers)
    if args.json:
        json.dump(
            assessment_to_json(bank, assessment, args.lang),
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        print()
        return EXIT_OK
    from ..console_views import render_assessment

    render_assessment(
        bank, assessment, args.lang, parsed.answers, notes=parsed.notes, show_all=args.all
    )
    return EXIT_OK
