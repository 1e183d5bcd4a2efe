"""Command line: parse arguments and dispatch, importing heavy libraries only where needed."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__


def _common_options(parser: argparse.ArgumentParser, *, top_level: bool) -> None:
    # Sub-commands repeat the global options so they work before or after the command name;
    # SUPPRESS keeps a sub-command's absent option from overwriting the global one.
    default = None if top_level else argparse.SUPPRESS
    parser.add_argument(
        "--bank",
        metavar="DIR",
        type=Path,
        default=default,
        help="use the question bank in DIR instead of the shipped one",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        type=Path,
        default=default,
        help="keep sessions in DIR (default: $COCREATE_DATA_DIR, else the user data folder)",
    )
    parser.add_argument(
        "--lang",
        choices=("nb", "en"),
        default="nb" if top_level else argparse.SUPPRESS,
        help="language: nb (Norwegian bokmål, default) or en",
    )


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser."""
    parser = argparse.ArgumentParser(
        prog="cocreate",
        description="Er vi klare for samskaping? A readiness check for co-creation with citizens. "
        "Without a command, the interactive wizard starts.",
    )
    parser.add_argument("--version", action="version", version=f"cocreate {__version__}")
    _common_options(parser, top_level=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    bank = commands.add_parser("bank", help="check or show a question bank")
    bank_commands = bank.add_subparsers(dest="bank_command", metavar="ACTION", required=True)
    validate = bank_commands.add_parser("validate", help="check a bank and list every problem")
    validate.add_argument("dir", nargs="?", type=Path, help="bank folder (default: shipped bank)")
    _common_options(validate, top_level=False)
    show = bank_commands.add_parser("show", help="show the bank's dimensions, lessons, questions")
    show.add_argument("--json", action="store_true", help="print a stable JSON dump")
    _common_options(show, top_level=False)

    score = commands.add_parser("score", help="score an answers file (TOML or JSON)")
    score.add_argument("answers", type=Path, metavar="ANSWERS", help="the answers file")
    score.add_argument("--json", action="store_true", help="print the verdict as JSON")
    score.add_argument(
        "--save",
        action="store_true",
        help="store the answers as a session and print only its id",
    )
    _common_options(score, top_level=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `cocreate` command."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "bank":
            from .commands import bank_command

            return bank_command.run(args)
        if args.command == "score":
            from .commands import score_command

            return score_command.run(args)
        from .commands import app_command

        return app_command.run(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
