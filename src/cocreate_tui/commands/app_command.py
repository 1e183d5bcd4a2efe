"""`cocreate` without a command: run the Textual wizard (imported only now) on the chosen bank."""

from __future__ import annotations

import argparse
import gc
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.bank_location import shipped_bank_dir
from ..domain.bank_source import BankSource
from ..domain.paths import data_dir
from ..domain.storage import SessionStore
from .common import EXIT_INVALID, EXIT_OK, bank_dir, error, print_bank_error

if TYPE_CHECKING:
    from ..domain.bank_models import Bank


def run(args: argparse.Namespace) -> int:
    """Run the interactive wizard; returns the exit code."""
    folder = data_dir(getattr(args, "data_dir", None))
    source = BankSource(bank_dir(args))
    if source.folder != shipped_bank_dir():
        # A bank of the user's own is checked before any window opens, so its problems are
        # the first thing they see. The shipped bank is checked by its tests and CI; the app
        # loads it right after its first frame (pydantic and the bank take ~100 ms).
        from ..domain.bank_loader import BankError

        try:
            source.load()
        except BankError as err:
            print_bank_error(err)
            return EXIT_INVALID
    code = getattr(args, "participant", None)
    if code is not None:
        return _participant(args, source, folder, code)
    from ..ui.app import CocreateApp

    # Everything imported so far lives as long as the app: moved out of the collector's sight,
    # it is not walked again by every full collection (one took ~17 ms during start-up).
    gc.freeze()

    # The same source scores sessions in the index (level, overall) for the saved table.
    app = CocreateApp(
        source, SessionStore(folder, source), folder, lang=getattr(args, "lang", "nb")
    )
    app.run()
    if app.bank_error is not None:
        print_bank_error(app.bank_error)
        return EXIT_INVALID
    return EXIT_OK


def _participant(args: argparse.Namespace, source: BankSource, folder: Path, code: str) -> int:
    """One member's own questions in round `code`, and nothing else of the data folder."""
    from ..domain.round_store import DEVICE_VARIABLE

    return run_participant(args, source, folder, code, device=os.environ.get(DEVICE_VARIABLE))


def run_participant(
    args: argparse.Namespace,
    bank: Bank | BankSource,
    folder: Path,
    code: str,
    name: str | None = None,
    device: str | None = None,
) -> int:
    """The member's app of round `code` (`cocreate --participant`, `cocreate round join` at a
    terminal): with `name`, joined at once and straight into that member's questions."""
    from ..domain.errors import CocreateError
    from ..domain.round_store import RoundStore
    from ..ui.participant_app import ParticipantApp

    store = SessionStore(folder, bank)
    rounds = RoundStore(folder, store)
    try:
        team_round = rounds.load(code)
    except CocreateError as err:
        error(err)
        return EXIT_INVALID
    gc.freeze()
    app = ParticipantApp(
        bank,
        store,
        folder,
        team_round,
        device=device,
        member_name=name,
        lang=getattr(args, "lang", "nb"),
    )
    app.run()
    return EXIT_OK
