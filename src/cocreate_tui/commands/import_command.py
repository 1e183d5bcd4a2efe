"""`cocreate import FILE...`: take in session files from teams, refusing to overwrite any."""

from __future__ import annotations

import argparse

from ..domain.errors import CocreateError
from ..domain.exchange import import_files
from ..domain.phrases import Phrase
from ..i18n import t
from .common import EXIT_INVALID, EXIT_OK, error
from .session_args import store_for


def run(args: argparse.Namespace) -> int:
    """Run `cocreate import`; exit 1 if any file was not imported."""
    try:
        report = import_files(store_for(args), args.files, as_copy=args.as_copy)
    except CocreateError as err:
        error(err)
        return EXIT_INVALID
    for path, session_id in report.imported:
        print(f"{t('imported', args.lang)}: {path} → {session_id}")
    for path, reason in report.rejected:
        error(Phrase("msg_not_imported", path=str(path), reason=reason))
    return EXIT_OK if report.ok else EXIT_INVALID
