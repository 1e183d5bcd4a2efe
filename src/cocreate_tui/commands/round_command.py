"""`cocreate round new|join|status|reveal|agree`: a team round without the app, for scripts."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime

from ..domain.answers_file import AnswersFile, AnswersFileError, read_answers_file
from ..domain.bank_models import Bank
from ..domain.errors import CocreateError
from ..domain.exports.round_export import round_json, round_markdown, status_json, status_markdown
from ..domain.exports.round_sheets import round_csv, round_html
from ..domain.paths import data_dir
from ..domain.phrases import Phrase
from ..domain.round_store import RoundStore
from ..domain.team_round import (
    TeamRound,
    agree,
    collect_revotes,
    finish,
    progress,
    reveal,
)
from ..i18n import t
from .common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    error,
    load_bank_or_report,
    print_answers_error,
)
from .output_files import emit
from .save_answers import filled_session

ROUND_EXPORTS = {"md": round_markdown, "json": round_json, "html": round_html, "csv": round_csv}


def run(args: argparse.Namespace) -> int:
    """Run `cocreate round ACTION`."""
    bank = load_bank_or_report(args)
    if bank is None:
        return EXIT_INVALID
    store = RoundStore(data_dir(getattr(args, "data_dir", None)))
    action = {
        "new": _new,
        "join": _join,
        "status": _status,
        "reveal": _reveal,
        "agree": _agree,
        "compare": _compare,
    }[args.round_command]
    try:
        return action(args, bank, store)
    except CocreateError as err:
        error(err)
        return EXIT_INVALID


def _now() -> datetime:
    return datetime.now(UTC)


def _new(args: argparse.Namespace, bank: Bank, store: RoundStore) -> int:
    if not args.team.strip():
        error(Phrase("msg_team_needed"))
        return EXIT_USAGE
    print(store.create(args.team, bank, _now()).code)
    return EXIT_OK


def _join(args: argparse.Namespace, bank: Bank, store: RoundStore) -> int:
    if not args.name.strip():
        error(Phrase("msg_your_name_needed"))
        return EXIT_USAGE
    parsed = _answers(args, bank) if args.answers is not None else None
    if args.answers is not None and parsed is None:
        return EXIT_INVALID
    team_round, session = store.join(args.code, args.name, bank, _now(), lang=args.lang)
    if parsed is not None:
        store.sessions.save(filled_session(session, bank, parsed))
    elif _at_terminal():
        # A member at a terminal: their own questions, as «Bli med i en teamrunde» opens them.
        from . import app_command

        folder = data_dir(getattr(args, "data_dir", None))
        return app_command.run_participant(args, bank, folder, team_round.code, name=args.name)
    # For scripts (and whoever fills in a file): the id of the member's session.
    print(session.id)
    return EXIT_OK


def _at_terminal() -> bool:
    """Whether a person is at this end: both stdin and stdout are a terminal."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _status(args: argparse.Namespace, bank: Bank, store: RoundStore) -> int:
    team_round = _collected(store, bank, args.code)
    members = progress(team_round, bank, store.member_sessions(team_round))
    if args.json:
        sys.stdout.write(status_json(team_round, members))
    else:
        sys.stdout.write(status_markdown(team_round, members, args.lang))
    return EXIT_OK


def _reveal(args: argparse.Namespace, bank: Bank, store: RoundStore) -> int:
    def revealed(current: TeamRound) -> TeamRound:
        if current.state != "answering":
            return current
        return reveal(current, bank, store.member_sessions(current), _now())

    store.update(args.code, revealed)
    return _show(args, bank, store, _collected(store, bank, args.code))


def _agree(args: argparse.Namespace, bank: Bank, store: RoundStore) -> int:
    parsed = _answers(args, bank)
    if parsed is None:
        return EXIT_INVALID
    now = _now()

    def agreed(current: TeamRound) -> TeamRound:
        for question_id, value in parsed.answers.items():
            why = parsed.notes.get(question_id, "")
            current = agree(current, bank, question_id, value, why, now)
        return current

    team_round = store.update(args.code, agreed)
    saved: list[str] = []

    def finished(current: TeamRound) -> TeamRound:
        done, session = finish(current, bank, now)
        # The team session first: the round then never names a session that is not there.
        store.sessions.save(session)
        saved.append(session.id)
        return done

    team_round = store.update(args.code, finished)
    if not args.json and args.format != "json":
        error(t("round_session_saved", args.lang).format(id=saved[0]))
    return _show(args, bank, store, team_round)


def _compare(args: argparse.Namespace, bank: Bank, store: RoundStore) -> int:
    """`cocreate compare` on the agreed team sessions of the rounds, oldest round first."""
    from . import compare_command

    rounds = sorted((store.load(code) for code in args.codes), key=lambda r: r.created_at)
    not_agreed = [r.code for r in rounds if r.agreed_session_id is None]
    if not_agreed:
        error(Phrase("msg_round_not_agreed", codes=", ".join(not_agreed)))
        return EXIT_INVALID
    ids = [r.agreed_session_id for r in rounds if r.agreed_session_id is not None]
    return compare_command.run(argparse.Namespace(**{**vars(args), "ids": ids}))


def _show(args: argparse.Namespace, bank: Bank, store: RoundStore, team_round: TeamRound) -> int:
    fmt = "json" if args.json else (args.format or "md")
    if args.json and args.format not in (None, "json"):
        error(Phrase("msg_json_and_format", format=args.format))
        return EXIT_USAGE
    # The members' sessions tell who has voted again on a question being voted on again.
    text = ROUND_EXPORTS[fmt](bank, team_round, args.lang, store.member_sessions(team_round))
    data = data_dir(getattr(args, "data_dir", None))
    # As `export`: html goes to the data folder's exports/ unless a file is named.
    emit(text, fmt, f"round-{team_round.code}", args.output, args.force, data)
    return EXIT_OK


def _collected(store: RoundStore, bank: Bank, code: str) -> TeamRound:
    """The round with any finished re-votes taken in."""
    return store.update(code, lambda r: collect_revotes(r, bank, store.member_sessions(r), _now()))


def _answers(args: argparse.Namespace, bank: Bank) -> AnswersFile | None:
    try:
        return read_answers_file(args.answers, bank)
    except AnswersFileError as err:
        print_answers_error(err)
        return None
