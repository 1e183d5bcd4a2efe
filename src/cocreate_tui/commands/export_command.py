"""`cocreate export ID --format md|html|json|csv`: one session as a file to share or print."""

from __future__ import annotations

import argparse

from ..domain.bank_models import Bank, Lang
from ..domain.drift import scored_answers
from ..domain.errors import CocreateError
from ..domain.paths import data_dir
from ..domain.phrases import Phrase
from ..domain.scoring import assess
from ..domain.sessions import Session
from ..i18n import t
from .common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, error, load_bank_or_report
from .output_files import emit, output_format
from .session_args import find_session, store_for


def run(args: argparse.Namespace) -> int:
    """Run `cocreate export`."""
    fmt = output_format(args)
    if fmt is None:
        return EXIT_USAGE
    if fmt == "terminal":
        error(Phrase("msg_export_format"))
        return EXIT_USAGE
    include_notes = not args.no_notes
    try:
        session = find_session(store_for(args), args.id)
        if fmt == "json":
            from ..domain.exports.json_export import session_json

            # The bank is not needed: the session file stands on its own.
            text = session_json(session, include_notes)
        else:
            bank = load_bank_or_report(args)
            if bank is None:
                return EXIT_INVALID
            text = _render(fmt, args.lang, bank, session, include_notes)
        stem = f"{session.meta.team}-{session.created_at:%Y-%m-%d}-{session.id[:8]}"
        data = data_dir(getattr(args, "data_dir", None))
        emit(text, fmt, stem, args.output, args.force, data)
    except CocreateError as err:
        error(err)
        return EXIT_INVALID
    if not include_notes and fmt == "json":
        # The session format has no room for a remark, so it is said here instead.
        error(f"{t('notes_left_out', args.lang)}.")
    return EXIT_OK


def _render(fmt: str, lang: Lang, bank: Bank, session: Session, include_notes: bool) -> str:
    assessment = assess(bank, scored_answers(bank, session))
    if fmt == "md":
        from ..domain.exports.markdown_export import session_markdown

        return session_markdown(bank, session, assessment, lang, include_notes)
    if fmt == "html":
        from ..domain.exports.html_export import session_html

        return session_html(bank, session, assessment, lang, include_notes)
    from ..domain.exports.csv_export import sessions_csv

    return sessions_csv(bank, [session], lang, include_notes)
