"""`cocreate compare ID ID...`: one team's sessions over time, and what changed."""

from __future__ import annotations

import argparse

from ..domain.bank_models import Bank, Lang
from ..domain.compare import Comparison, compare_sessions
from ..domain.errors import CocreateError
from ..domain.paths import data_dir
from ..domain.phrases import Phrase
from .common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, error, load_bank_or_report
from .output_files import emit, output_format
from .session_args import find_sessions, store_for


def run(args: argparse.Namespace) -> int:
    """Run `cocreate compare`."""
    fmt = output_format(args)
    if fmt is None:
        return EXIT_USAGE
    if len(args.ids) < 2:
        error(Phrase("msg_compare_two"))
        return EXIT_USAGE
    try:
        sessions = find_sessions(store_for(args), args.ids)
    except (CocreateError, ValueError) as err:
        error(err if isinstance(err, CocreateError) else str(err))
        return EXIT_INVALID
    bank = load_bank_or_report(args)
    if bank is None:
        return EXIT_INVALID
    comparison = compare_sessions(bank, sessions)
    include_notes = not args.no_notes
    if fmt == "terminal":
        from ..domain.exports.markdown_export import comparison_markdown
        from ..facilitator_views import render_markdown

        render_markdown(comparison_markdown(bank, comparison, args.lang, include_notes))
        return EXIT_OK
    text = _render(fmt, bank, comparison, args.lang, include_notes)
    last = comparison.sessions[-1].session
    stem = f"{last.meta.team}-compare-{last.created_at:%Y-%m-%d}"
    try:
        emit(text, fmt, stem, args.output, args.force, data_dir(getattr(args, "data_dir", None)))
    except CocreateError as err:
        error(err)
        return EXIT_INVALID
    return EXIT_OK


def _render(fmt: str, bank: Bank, comparison: Comparison, lang: Lang, include_notes: bool) -> str:
    if fmt == "json":
        from ..domain.exports.json_export import comparison_json

        return comparison_json(bank, comparison, lang, include_notes)
    if fmt == "md":
        from ..domain.exports.markdown_export import comparison_markdown

        return comparison_markdown(bank, comparison, lang, include_notes)
    if fmt == "html":
        from ..domain.exports.html_export import comparison_html

        return comparison_html(bank, comparison, lang, include_notes)
    from ..domain.exports.csv_export import comparison_csv

    return comparison_csv(bank, comparison, lang, include_notes)
