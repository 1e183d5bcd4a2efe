"""`cocreate merge ID... --name TEAM`: a team's individual answers side by side, and merged."""

from __future__ import annotations

import argparse

from ..domain.bank_models import Bank, Lang
from ..domain.errors import CocreateError
from ..domain.merge import Merge, merge_sessions, merged_session
from ..domain.paths import data_dir
from ..domain.phrases import Phrase
from ..domain.sessions import TEAM_MAX
from ..i18n import t
from .common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, error, load_bank_or_report
from .output_files import emit, output_format
from .session_args import find_sessions, store_for


def run(args: argparse.Namespace) -> int:
    """Run `cocreate merge`."""
    fmt = output_format(args)
    if fmt is None:
        return EXIT_USAGE
    if not args.name.strip():
        error(Phrase("msg_name_needed"))
        return EXIT_USAGE
    if len(args.name.strip()) > TEAM_MAX:
        error(Phrase("msg_name_too_long", length=len(args.name.strip()), most=TEAM_MAX))
        return EXIT_USAGE
    store = store_for(args)
    try:
        sessions = find_sessions(store, args.ids)
    except (CocreateError, ValueError) as err:
        error(err if isinstance(err, CocreateError) else str(err))
        return EXIT_INVALID
    bank = load_bank_or_report(args)
    if bank is None:
        return EXIT_INVALID
    merge = merge_sessions(bank, sessions, args.name)
    include_notes = not args.no_notes
    saved_id = None
    try:
        if args.save:
            saved_id = store.save(merged_session(merge, bank)).stem
        if fmt == "terminal":
            from ..domain.exports.markdown_export import merge_markdown
            from ..facilitator_views import render_markdown

            render_markdown(merge_markdown(bank, merge, args.lang, include_notes))
        else:
            text = _render(fmt, bank, merge, args.lang, include_notes, saved_id)
            data = data_dir(getattr(args, "data_dir", None))
            emit(text, fmt, f"{merge.name}-merge", args.output, args.force, data)
    except CocreateError as err:
        error(err)
        if saved_id is not None:
            # Saved before the export failed: said, so that a retry does not save it twice.
            error(t("saved_as", args.lang).format(id=saved_id))
        return EXIT_INVALID
    if saved_id is not None and fmt != "json":
        # On stderr when the export goes to stdout, so a piped export stays clean.
        message = t("saved_as", args.lang).format(id=saved_id)
        if fmt in ("md", "csv") and args.output is None:
            error(message)
        else:
            print(message)
    return EXIT_OK


def _render(
    fmt: str, bank: Bank, merge: Merge, lang: Lang, include_notes: bool, saved_id: str | None
) -> str:
    if fmt == "json":
        from ..domain.exports.json_export import merge_json

        return merge_json(bank, merge, lang, include_notes, saved_id=saved_id)
    if fmt == "md":
        from ..domain.exports.markdown_export import merge_markdown

        return merge_markdown(bank, merge, lang, include_notes)
    if fmt == "html":
        from ..domain.exports.html_export import merge_html

        return merge_html(bank, merge, lang, include_notes)
    from ..domain.exports.csv_export import merge_csv

    return merge_csv(bank, merge, lang, include_notes)
