"""Command line: parse arguments and dispatch, importing heavy libraries only where needed."""

import argparse
import os
import sys

from . import __version__
from .i18n import DEFAULT_LANG, languages, set_output_language, t

# Not `from typing import TYPE_CHECKING`: importing typing was ~1.7 ms of `cocreate --help`
# (mypy reads any constant of this name as True); for the same reason no `from __future__
# import annotations` (~0.5 ms), so annotations naming these are quoted.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path
    from typing import Any


ARGPARSE_KEYS = {
    "usage: ": "argparse_usage",
    "positional arguments": "argparse_positional",
    "options": "argparse_options",
    "show this help message and exit": "argparse_help",
    "%(prog)s: error: %(message)s\n": "argparse_error",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse_invalid_choice",
    "the following arguments are required: %s": "argparse_required",
    "unrecognized arguments: %s": "argparse_unrecognized",
    "expected one argument": "argparse_expected_one",
    "expected at least one argument": "argparse_expected_some",
    "expected %s argument": "argparse_expected_n",
    "argument %(argument_name)s: %(message)s": "argparse_argument",
    "invalid %(type)s value: %(value)r": "argparse_invalid_value",
    "ambiguous option: %(option)s could match %(matches)s": "argparse_ambiguous",
}
"""argparse's own words (it looks them up through gettext) and their keys in the catalogues."""

_speaking = [DEFAULT_LANG]
"""The language the parser is built and speaks in (set by `build_parser`)."""


def _(key: str) -> str:
    """The CLI string `key` in the parser's language."""
    return t(key, _speaking[0])


def _argparse_gettext(message: str) -> str:
    key = ARGPARSE_KEYS.get(message)
    return _(key) if key else message


def _argparse_ngettext(singular: str, plural: str, count: int) -> str:
    key = ARGPARSE_KEYS.get(singular)
    return _(key) if key else (singular if count == 1 else plural)


def speak(lang: str) -> None:
    """Let the parser, argparse's own words included, speak `lang`."""
    _speaking[0] = lang
    # argparse words its help headings and errors through module-level gettext functions.
    setattr(argparse, "_", _argparse_gettext)  # noqa: B010
    setattr(argparse, "ngettext", _argparse_ngettext)  # noqa: B010


def _given(argv: "Sequence[str]", option: str) -> "str | None":
    """The value of `option` in `argv` (`--opt X` or `--opt=X`), read before argparse runs."""
    for index, arg in enumerate(argv):
        if arg == option and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith(option + "="):
            return arg.partition("=")[2]
    return None


def chosen_language(argv: "Sequence[str]") -> str:
    """The language to speak: `--lang`, else the one saved beside the data, else bokmål.

    Read before the parser is built, so that help and usage errors are in it too.
    """
    codes = languages()
    given = _given(argv, "--lang")
    if given in codes:
        return given
    from .domain.data_location import data_dir_name
    from .domain.settings import saved_language

    saved = saved_language(data_dir_name(_given(argv, "--data-dir")))
    return saved if saved in codes else DEFAULT_LANG


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
        metavar=_("cli_metavar_dir"),
        type=path_argument,
        default=default,
        help=_("cli_bank"),
    )
    parser.add_argument(
        "--data-dir",
        metavar=_("cli_metavar_dir"),
        type=path_argument,
        default=default,
        help=_("cli_data_dir"),
    )
    parser.add_argument(
        "--lang",
        choices=languages(),
        default=None if top_level else argparse.SUPPRESS,
        help=_("cli_lang").format(codes=", ".join(languages())),
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


def build_parser(
    argv: "Sequence[str] | None" = None, lang: str = DEFAULT_LANG
) -> argparse.ArgumentParser:
    """The argument parser in `lang`; given `argv`, with only the sub-commands it names built
    whole."""
    speak(lang)
    wanted = None if argv is None else frozenset(argv)
    parser = _Parser(
        wanted=wanted,
        prog="cocreate",
        description=_("cli_description"),
    )
    parser.add_argument(
        "--version", action="version", version=f"cocreate {__version__}", help=_("cli_version")
    )
    _common_options(parser, top_level=True)
    parser.add_argument(
        "--participant",
        metavar=_("cli_metavar_code"),
        help=_("cli_participant"),
    )
    commands = parser.add_subparsers(dest="command", metavar=_("cli_metavar_command"))

    bank = commands.add_parser("bank", help=_("cli_bank_cmd"))
    bank_commands = bank.add_subparsers(
        dest="bank_command", metavar=_("cli_metavar_action"), required=True
    )
    validate = bank_commands.add_parser("validate", help=_("cli_validate"))
    validate.add_argument("dir", nargs="?", type=path_argument, help=_("cli_validate_dir"))
    validate.add_argument("--strict", action="store_true", help=_("cli_validate_strict"))
    _common_options(validate, top_level=False)
    show = bank_commands.add_parser("show", help=_("cli_bank_show"))
    show.add_argument("--json", action="store_true", help=_("cli_json_dump"))
    _common_options(show, top_level=False)

    score = commands.add_parser("score", help=_("cli_score"))
    score.add_argument(
        "answers", type=path_argument, metavar=_("cli_metavar_answers"), help=_("cli_answers_file")
    )
    score.add_argument("--json", action="store_true", help=_("cli_verdict_json"))
    score.add_argument("--all", action="store_true", help=_("cli_all"))
    score.add_argument(
        "--save",
        action="store_true",
        help=_("cli_save"),
    )
    _common_options(score, top_level=False)
    _facilitator_commands(commands)
    _round_command(commands)
    _serve_command(commands)
    return parser


FACILITATOR_COMMANDS = ("list", "show", "export", "compare", "merge", "import", "plan")
"""Sub-commands for reviewing saved sessions; each lives in commands/<name>_command.py."""


def _export_options(parser: argparse.ArgumentParser, *, terminal: bool) -> None:
    formats = _("cli_export_format_terminal" if terminal else "cli_export_format")
    parser.add_argument("--format", choices=("md", "html", "json", "csv"), help=formats)
    parser.add_argument(
        "-o",
        "--output",
        metavar=_("cli_metavar_file"),
        type=path_argument,
        help=_("cli_output"),
    )
    parser.add_argument("--force", action="store_true", help=_("cli_force"))
    parser.add_argument(
        "--no-notes",
        action="store_true",
        help=_("cli_no_notes_export"),
    )


def _facilitator_commands(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    listing = commands.add_parser("list", help=_("cli_list"))
    listing.add_argument("--json", action="store_true", help=_("cli_json_list"))
    _common_options(listing, top_level=False)

    show = commands.add_parser("show", help=_("cli_show"))
    show.add_argument("id", metavar="ID", help=_("cli_id"))
    show.add_argument("--json", action="store_true", help=_("cli_show_json"))
    show.add_argument("--no-notes", action="store_true", help=_("cli_no_notes"))
    _common_options(show, top_level=False)

    export = commands.add_parser("export", help=_("cli_export"))
    export.add_argument("id", metavar="ID", help=_("cli_id"))
    _export_options(export, terminal=False)
    _common_options(export, top_level=False)

    compare = commands.add_parser("compare", help=_("cli_compare"))
    compare.add_argument("ids", nargs="+", metavar="ID", help=_("cli_compare_ids"))
    compare.add_argument("--json", action="store_true", help=_("cli_same_as_json"))
    _export_options(compare, terminal=True)
    _common_options(compare, top_level=False)

    merge = commands.add_parser("merge", help=_("cli_merge"))
    merge.add_argument("ids", nargs="+", metavar="ID", help=_("cli_merge_ids"))
    merge.add_argument("--name", required=True, metavar="TEAM", help=_("cli_merge_name"))
    merge.add_argument("--save", action="store_true", help=_("cli_merge_save"))
    merge.add_argument("--json", action="store_true", help=_("cli_same_as_json"))
    _export_options(merge, terminal=True)
    _common_options(merge, top_level=False)

    imports = commands.add_parser("import", help=_("cli_import"))
    imports.add_argument(
        "files",
        nargs="+",
        type=path_argument,
        metavar=_("cli_metavar_file"),
        help=_("cli_import_files"),
    )
    imports.add_argument(
        "--as-copy",
        action="store_true",
        help=_("cli_as_copy"),
    )
    _common_options(imports, top_level=False)

    plan = commands.add_parser("plan", help=_("cli_plan"))
    plan.add_argument("id", metavar="ID", help=_("cli_id"))
    plan.add_argument(
        "--format",
        choices=("md", "csv", "json"),
        help=_("cli_plan_format"),
    )
    plan.add_argument(
        "-o",
        "--output",
        metavar=_("cli_metavar_file"),
        type=path_argument,
        help=_("cli_output_plain"),
    )
    plan.add_argument("--force", action="store_true", help=_("cli_force"))
    _common_options(plan, top_level=False)


def _round_command(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    # Defined here, not in round_command, so that building the parser imports nothing heavy.
    team_round = commands.add_parser("round", help=_("cli_round"))
    actions = team_round.add_subparsers(
        dest="round_command", metavar=_("cli_metavar_action"), required=True
    )
    new = actions.add_parser("new", help=_("cli_round_new"))
    new.add_argument(
        "--team", required=True, metavar=_("cli_metavar_name"), help=_("cli_merge_name")
    )
    # Said in `round join --help` too: what it does depends on whether a person is at it.
    join = actions.add_parser("join", help=_("cli_round_join"), description=_("cli_round_join"))
    join.add_argument("code", metavar=_("cli_metavar_code"), help=_("cli_round_code"))
    join.add_argument(
        "--name", required=True, metavar=_("cli_metavar_name"), help=_("cli_round_name")
    )
    join.add_argument(
        "--answers",
        metavar=_("cli_metavar_file"),
        type=path_argument,
        help=_("cli_round_answers"),
    )
    status = actions.add_parser("status", help=_("cli_round_status"))
    reveal = actions.add_parser("reveal", help=_("cli_round_reveal"))
    agree = actions.add_parser("agree", help=_("cli_round_agree"))
    agree.add_argument(
        "--answers",
        required=True,
        metavar=_("cli_metavar_file"),
        type=path_argument,
        help=_("cli_round_agreed_answers"),
    )
    for parser in (status, reveal, agree):
        parser.add_argument("code", metavar=_("cli_metavar_code"), help=_("cli_round_code"))
        parser.add_argument("--json", action="store_true", help=_("cli_print_json"))
    for parser in (reveal, agree):
        parser.add_argument(
            "--format", choices=("md", "json", "html", "csv"), help=_("cli_round_format")
        )
        parser.add_argument(
            "-o",
            "--output",
            metavar=_("cli_metavar_file"),
            type=path_argument,
            help=_("cli_output_plain"),
        )
        parser.add_argument("--force", action="store_true", help=_("cli_force"))
    compare = actions.add_parser("compare", help=_("cli_round_compare"))
    compare.add_argument(
        "codes", nargs="+", metavar=_("cli_metavar_code"), help=_("cli_round_codes")
    )
    compare.add_argument("--json", action="store_true", help=_("cli_same_as_json"))
    _export_options(compare, terminal=True)
    for parser in (new, join, status, reveal, agree, compare):
        _common_options(parser, top_level=False)


def _whole_number(low: int, high: int) -> "Callable[[str], int]":
    """argparse type: a whole number from `low` to `high`."""

    def parse(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(_("cli_not_a_number").format(text=text)) from None
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(
                _("cli_number_range").format(low=low, high=high, number=number)
            )
        return number

    return parse


def _serve_command(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    # Defined here, not in serve_command, so that building the parser imports nothing heavy.
    serve = commands.add_parser(
        "serve",
        help=_("cli_serve"),
        description=_("cli_serve_description"),
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help=_("cli_host"),
    )
    serve.add_argument(
        "--port",
        type=_whole_number(1, 65535),
        default=8000,
        help=_("cli_port"),
    )
    serve.add_argument(
        "--allow-remote",
        action="store_true",
        help=_("cli_allow_remote"),
    )
    serve.add_argument(
        "--max-sessions",
        type=_whole_number(1, 1000),
        default=8,
        metavar="N",
        help=_("cli_max_sessions"),
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
    lang = chosen_language(words)
    args = build_parser(words, lang).parse_args(words)
    if args.lang is None:
        args.lang = lang
    set_output_language(args.lang)
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
        print(f"cocreate: {reason.text(args.lang)}", file=sys.stderr)


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
