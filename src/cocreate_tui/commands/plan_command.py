"""`cocreate plan ID [--format md|csv|json] [-o FILE]`: one session's action plan."""

from __future__ import annotations

import argparse
from datetime import date

from ..domain.errors import CocreateError
from ..domain.paths import data_dir
from ..domain.phrases import Phrase
from .common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, error, load_bank_or_report
from .output_files import emit, output_format
from .session_args import find_session, store_for

PLAN_FORMATS = ("md", "csv", "json")


def today() -> date:
    """The local date, which decides what is overdue (a function, so tests can fix it)."""
    return date.today()


def run(args: argparse.Namespace) -> int:
    """Run `cocreate plan`: Markdown to stdout unless a format or a file says otherwise."""
    fmt = output_format(args)
    if fmt is None:
        return EXIT_USAGE
    fmt = "md" if fmt == "terminal" else fmt
    if fmt not in PLAN_FORMATS:
        error(Phrase("msg_plan_format", format=fmt))
        return EXIT_USAGE
    try:
        session = find_session(store_for(args), args.id)
    except CocreateError as err:
        error(err)
        return EXIT_INVALID
    bank = load_bank_or_report(args)
    if bank is None:
        return EXIT_INVALID
    from ..domain.exports import plan_export

    render = {
        "md": plan_export.plan_markdown,
        "csv": plan_export.plan_csv,
        "json": plan_export.plan_json,
    }[fmt]
    text = render(bank, session, args.lang, today())
    stem = f"{session.meta.team}-plan-{session.created_at:%Y-%m-%d}-{session.id[:8]}"
    try:
        emit(text, fmt, stem, args.output, args.force, data_dir(getattr(args, "data_dir", None)))
    except CocreateError as err:
        error(err)
        return EXIT_INVALID
    return EXIT_OK
