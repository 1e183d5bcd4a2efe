"""Command line: parse arguments and dispatch, importing heavy libraries only where needed."""

import argparse
import os
import sys

from . import __version__

# Not `from typing import TYPE_CHECKING`: importing typing was ~1.7 ms of `cocreate --help`
# (mypy reads any constant of this name as True); for the same reason no `from __future__
# import annotations` (~0.5 ms), so annotations naming these are quoted.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path
    from typing import Any


def path_argument(text: str) -> "Path":
    """A path given on the command line (pathlib is imported only then: ~3 ms of `--help`)."""
    from pathlib import Path

    return Path(text)


def _common_options(parser: argparse.ArgumentParser, *, top_level: bool) -> None:
    # Sub-commands repeat the global options so they work before or after the command name;
    # SUPPRESS keeps a sub-command's absent option from overwriting the global one.
    default = None if top_level else argparse.SUPPRESS
    parser.add_argument(
        "--bank",
        metavar="DIR",
        type=path_argument,
        default=default,
        help="use the question bank in DIR instead of the shipped one",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        type=path_argument,
        default=default,
        help="keep sessions in DIR (default: $COCREATE_DATA_DIR, else the user data folder)",
    )
    parser.add_argument(
        "--lang",
        choices=("nb", "en"),
        default="nb" if top_level else argparse.SUPPRESS,
        help="language: nb (Norwegian bokmål, default) or en",
    )


def terminal_width() -> int:
    """The width help is wrapped to, as argparse measures it, but without importing `shutil`
    (with bz2 and lzma, ~1.5 ms of `cocreate --help`)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns or 80) - 2


class _Formatter(argparse.HelpFormatter):
    """argparse's own help layout, its width measured by `terminal_width`."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        super().__init__(prog, indent_increment, max_help_position, width or terminal_width())


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that builds only the sub-commands named on the command line.

    `wanted`: the words of the command line (None: build every sub-command). A sub-command
    not among them is never parsed, and only its name and help are shown (in the list of
    commands), so it gets a `_Placeholder` that ignores its options. Building every
    sub-command's options was most of the parser's cost at start (~90 options, each making a
    help formatter), and grows with every command.
    """

    def __init__(self, *args: "Any", wanted: frozenset[str] | None = None, **kwargs: "Any") -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self.wanted = wanted
        self.register("action", "parsers", _Commands)

    def add_subparsers(self, **kwargs: "Any") -> "Any":
        kwargs.setdefault("wanted", self.wanted)
        return super().add_subparsers(**kwargs)


class _Placeholder(_Parser):
    """Stands in for a sub-command that is not on the command line: argparse never consults it."""

    def add_argument(self, *args: "Any", **kwargs: "Any") -> argparse.Action:
        return _IGNORED


_IGNORED = argparse.Action([], argparse.SUPPRESS)


class _Commands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """Sub-commands: a real parser for those named on the command line, else a placeholder."""

    def __init__(self, *args: "Any", wanted: frozenset[str] | None = None, **kwargs: "Any") -> None:
        super().__init__(*args, **kwargs)
        self.wanted = wanted

    def add_parser(self, name: str, **kwargs: "Any") -> "Any":
        names = {name, *kwargs.get("aliases", ())}
        if self.wanted is None or names & self.wanted:
            return super().add_parser(name, wanted=self.wanted, **kwargs)
        real, self._parser_class = self._parser_class, _Placeholder
        try:
            return super().add_parser(name, wanted=frozenset(), add_help=False, **kwargs)
        finally:
            self._parser_class = real


def build_parser(argv: "Sequence[str] | None" = None) -> argparse.ArgumentParser:
    """The argument parser; given `argv`, with only the sub-commands it names built whole."""
    wanted = None if argv is None else frozenset(argv)
    parser = _Parser(
        wanted=wanted,
        prog="cocreate",
        description="Er vi klare for samskaping? A readiness check for co-creation with citizens. "
        "Without a command, the interactive wizard starts.",
    )
    parser.add_argument("--version", action="version", version=f"cocreate {__version__}")
    _common_options(parser, top_level=True)
    parser.add_argument(
        "--participant",
        metavar="CODE",
        help="open only your own questions in team round CODE: no start screen, no saved "
        "list (what `cocreate serve` runs for a member's browser)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    bank = commands.add_parser("bank", help="check or show a question bank")
    bank_commands = bank.add_subparsers(dest="bank_command", metavar="ACTION", required=True)
    validate = bank_commands.add_parser("validate", help="check a bank and list every problem")
    validate.add_argument(
        "dir", nargs="?", type=path_argument, help="bank folder (default: shipped bank)"
    )
    _common_options(validate, top_level=False)
    show = bank_commands.add_parser("show", help="show the bank's dimensions, lessons, questions")
    show.add_argument("--json", action="store_true", help="print a stable JSON dump")
    _common_options(show, top_level=False)

    score = commands.add_parser("score", help="score an answers file (TOML or JSON)")
    score.add_argument("answers", type=path_argument, metavar="ANSWERS", help="the answers file")
    score.add_argument("--json", action="store_true", help="print the verdict as JSON")
    score.add_argument(
        "--all", action="store_true", help="print every recommendation, not only the top ones"
    )
    score.add_argument(
        "--save",
        action="store_true",
        help="store the answers as a session and print only its id",
    )
    _common_options(score, top_level=False)
    _facilitator_commands(commands)
    _round_command(commands)
    _serve_command(commands)
    return parser


FACILITATOR_COMMANDS = ("list", "show", "export", "compare", "merge", "import", "plan")
"""Sub-commands for reviewing saved sessions; each lives in commands/<name>_command.py."""


def _export_options(parser: argparse.ArgumentParser, *, terminal: bool) -> None:
    formats = "md, html, json or csv" + (" (default: shown in the terminal)" if terminal else "")
    parser.add_argument(
        "--format", choices=("md", "html", "json", "csv"), help=f"export format: {formats}"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=path_argument,
        help="write to FILE (default: stdout; html goes to the data folder's exports/)",
    )
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    parser.add_argument(
        "--no-notes",
        action="store_true",
        help="leave out every free-text note (they may hold confidential information)",
    )


def _facilitator_commands(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    listing = commands.add_parser("list", help="list saved sessions, newest first")
    listing.add_argument("--json", action="store_true", help="print a stable JSON list")
    _common_options(listing, top_level=False)

    show = commands.add_parser("show", help="show one saved session and its verdict")
    show.add_argument("id", metavar="ID", help="session id, or its first few characters")
    show.add_argument("--json", action="store_true", help="print the session and verdict as JSON")
    show.add_argument("--no-notes", action="store_true", help="leave out free-text notes")
    _common_options(show, top_level=False)

    export = commands.add_parser("export", help="export one session as md, html, json or csv")
    export.add_argument("id", metavar="ID", help="session id, or its first few characters")
    _export_options(export, terminal=False)
    _common_options(export, top_level=False)

    compare = commands.add_parser("compare", help="compare one team's sessions over time")
    compare.add_argument("ids", nargs="+", metavar="ID", help="two or more sessions")
    compare.add_argument("--json", action="store_true", help="same as --format json")
    _export_options(compare, terminal=True)
    _common_options(compare, top_level=False)

    merge = commands.add_parser(
        "merge", help="merge a team's individual sessions and show where members disagree"
    )
    merge.add_argument("ids", nargs="+", metavar="ID", help="the members' sessions")
    merge.add_argument("--name", required=True, metavar="TEAM", help="the team's name")
    merge.add_argument(
        "--save", action="store_true", help="also save the merged answers as a new team session"
    )
    merge.add_argument("--json", action="store_true", help="same as --format json")
    _export_options(merge, terminal=True)
    _common_options(merge, top_level=False)

    imports = commands.add_parser("import", help="import session files sent by teams")
    imports.add_argument(
        "files", nargs="+", type=path_argument, metavar="FILE", help="session files"
    )
    imports.add_argument(
        "--as-copy",
        action="store_true",
        help="import a session whose id is already saved under a new id, keeping both",
    )
    _common_options(imports, top_level=False)

    plan = commands.add_parser("plan", help="one session's action plan as md, csv or json")
    plan.add_argument("id", metavar="ID", help="session id, or its first few characters")
    plan.add_argument(
        "--format",
        choices=("md", "csv", "json"),
        help="md (default), csv (semicolons, for Excel and Planner) or json",
    )
    plan.add_argument("-o", "--output", metavar="FILE", type=path_argument, help="write to FILE")
    plan.add_argument("--force", action="store_true", help="replace FILE if it exists")
    _common_options(plan, top_level=False)


def _round_command(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    # Defined here, not in round_command, so that building the parser imports nothing heavy.
    team_round = commands.add_parser(
        "round",
        help="a team round: members answer alone, the answers are revealed at once, the team "
        "agrees",
    )
    actions = team_round.add_subparsers(dest="round_command", metavar="ACTION", required=True)
    new = actions.add_parser("new", help="start a round and print its join code")
    new.add_argument("--team", required=True, metavar="NAME", help="the team's name")
    join = actions.add_parser("join", help="join a round as a member (prints your session id)")
    join.add_argument("code", metavar="CODE", help="the round's join code")
    join.add_argument("--name", required=True, metavar="NAME", help="your name")
    join.add_argument(
        "--answers",
        metavar="FILE",
        type=path_argument,
        help="your answers (TOML or JSON, as for `score`); again later to change them",
    )
    status = actions.add_parser("status", help="who has joined and how far each has come")
    reveal = actions.add_parser("reveal", help="reveal every answer: spread and agreement")
    agree = actions.add_parser(
        "agree", help="record the team's agreed answers and score them as the team's session"
    )
    agree.add_argument(
        "--answers",
        required=True,
        metavar="FILE",
        type=path_argument,
        help="the agreed answers (TOML or JSON); a question's note is why",
    )
    for parser in (status, reveal, agree):
        parser.add_argument("code", metavar="CODE", help="the round's join code")
        parser.add_argument("--json", action="store_true", help="print JSON")
    for parser in (reveal, agree):
        parser.add_argument(
            "--format",
            choices=("md", "json", "html", "csv"),
            help="md (default), json, html (a printable report) or csv (the spread per question)",
        )
        parser.add_argument("-o", "--output", metavar="FILE", type=path_argument, help="to FILE")
        parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    compare = actions.add_parser(
        "compare", help="compare the agreed verdicts of a team's rounds over time"
    )
    compare.add_argument("codes", nargs="+", metavar="CODE", help="two or more agreed rounds")
    compare.add_argument("--json", action="store_true", help="same as --format json")
    _export_options(compare, terminal=True)
    for parser in (new, join, status, reveal, agree, compare):
        _common_options(parser, top_level=False)


def _whole_number(low: int, high: int) -> "Callable[[str], int]":
    """argparse type: a whole number from `low` to `high`."""

    def parse(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"must be between {low} and {high}, not {number}")
        return number

    return parse


def _serve_command(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    # Defined here, not in serve_command, so that building the parser imports nothing heavy.
    serve = commands.add_parser(
        "serve",
        help="workshop mode: serve the wizard to a web browser (needs the web extra)",
        description="Serve the wizard to a web browser on this machine. Each browser tab gets "
        "its own copy of the app, all keeping their sessions in the same data folder. "
        "Only a browser that opens the printed address, with its token, gets in. "
        "Needs the web extra: pip install 'cocreate-tui[web]'",
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this machine only); "
        "any other address needs --allow-remote",
    )
    serve.add_argument(
        "--port",
        type=_whole_number(1, 65535),
        default=8000,
        help="port to listen on (default: 8000)",
    )
    serve.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a --host that other machines can reach; everyone who gets the printed "
        "address with its token can then read and change the assessments, over plain http",
    )
    serve.add_argument(
        "--max-sessions",
        type=_whole_number(1, 1000),
        default=8,
        metavar="N",
        help="browser tabs with the app open at once; each runs its own app of some 40 MB "
        "(default: 8)",
    )
    _common_options(serve, top_level=False)


def _gate_terminal_output() -> None:
    # Everything the plain commands print passes one gate (text_safety.VisibleStream), so no
    # escape sequence from a session, a bank or a file name reaches the terminal. The app and
    # `serve` draw the terminal themselves and keep the real streams.
    from .domain.text_safety import VisibleStream

    sys.stdout = VisibleStream(sys.stdout)
    sys.stderr = VisibleStream(sys.stderr)


def main(argv: "Sequence[str] | None" = None) -> int:
    """Entry point of the `cocreate` command."""
    from .domain.platform_support import configure_output

    configure_output()
    words = sys.argv[1:] if argv is None else argv
    args = build_parser(words).parse_args(words)
    if args.command in (None, "serve"):
        return _run(args)
    import contextlib  # not before: `--help` has exited by here

    streams = sys.stdout, sys.stderr
    _gate_terminal_output()
    try:
        return _run(args)
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
        sys.stdout, sys.stderr = streams


def _warn_if_shared(args: argparse.Namespace) -> None:
    from .domain.paths import data_dir, open_to_others

    reason = open_to_others(data_dir(getattr(args, "data_dir", None)))
    if reason is not None:
        print(f"cocreate: warning: {reason}", file=sys.stderr)


def _run(args: argparse.Namespace) -> int:
    if args.command in (*FACILITATOR_COMMANDS, "score"):
        _warn_if_shared(args)
    try:
        if args.command == "bank":
            from .commands import bank_command

            return bank_command.run(args)
        if args.command == "score":
            from .commands import score_command

            return score_command.run(args)
        if args.command == "round":
            from .commands import round_command

            return round_command.run(args)
        if args.command == "serve":
            from .commands import serve_command

            return serve_command.run(args)
        if args.command in FACILITATOR_COMMANDS:
            import importlib

            # Imported by name so that each command loads only what it needs.
            module = importlib.import_module(f".commands.{args.command}_command", __package__)
            return int(module.run(args))
        from .commands import app_command

        return app_command.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`cocreate list --json | head`). Point stdout at devnull so that
        # Python's final flush does not print a traceback; 141 is what a shell reports for SIGPIPE.
        import contextlib

        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
