"""`cocreate list`: the saved sessions, newest first, and any files that cannot be read."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..domain.errors import CocreateError
from ..domain.storage import ListResult
from .common import EXIT_INVALID, EXIT_OK, error
from .session_args import store_for


def run(args: argparse.Namespace) -> int:
    """Run `cocreate list`."""
    try:
        listing = store_for(args).list()
    except CocreateError as err:
        error(err.message)
        return EXIT_INVALID
    if args.json:
        json.dump(listing_to_json(listing), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    # rich only for people reading a terminal; `--json` stays light for scripts.
    from ..facilitator_views import render_session_list

    render_session_list(listing, args.lang)
    return EXIT_OK


def listing_to_json(listing: ListResult) -> dict[str, Any]:
    """The stable JSON shape of `cocreate list --json`."""
    return {
        "sessions": [
            {
                "id": s.id,
                "team": s.team,
                "organisation": s.organisation,
                "service_area": s.service_area,
                "phase": s.phase,
                "mode": s.mode,
                "respondent": s.respondent,
                "status": s.status,
                "answered": s.answered,
                "updated_at": s.updated_at.isoformat(),
                "file": str(s.path),
            }
            for s in listing.sessions
        ],
        "unreadable": [{"file": str(u.path), "reason": u.reason} for u in listing.unreadable],
    }
