"""`cocreate show ID`: one saved session, with its verdict under the current bank."""

from __future__ import annotations

import argparse
import json
import sys

from ..domain.drift import Drift, scored_answers, session_drift
from ..domain.errors import CocreateError
from ..domain.exports.json_export import session_json
from ..domain.json_views import assessment_to_json
from ..domain.scoring import assess
from .common import EXIT_INVALID, EXIT_OK, error, load_bank_or_report
from .session_args import find_session, store_for


def run(args: argparse.Namespace) -> int:
    """Run `cocreate show`."""
    try:
        session = find_session(store_for(args), args.id)
    except CocreateError as err:
        error(err)
        return EXIT_INVALID
    bank = load_bank_or_report(args)
    if bank is None:
        return EXIT_INVALID
    assessment = assess(bank, scored_answers(bank, session))
    include_notes = not args.no_notes
    if args.json:
        data = {
            "session": json.loads(session_json(session, include_notes)),
            "notes_left_out": not include_notes,
            "assessment": assessment_to_json(bank, assessment, args.lang),
            "drift": _drift_json(session_drift(bank, session)),
        }
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    from ..facilitator_views import render_session

    render_session(bank, session, assessment, args.lang, include_notes=include_notes)
    return EXIT_OK


def _drift_json(drift: Drift) -> dict[str, object] | None:
    """How the bank has changed since the session was made; None when it has not moved on."""
    if not drift.active:
        return None
    return {
        "from_version": drift.from_version,
        "to_version": drift.to_version,
        "changed": list(drift.changed),
        "reworded": list(drift.reworded),
    }
