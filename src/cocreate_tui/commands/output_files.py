"""Write an export to stdout, to a file the user named, or to the data folder's exports/."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..domain.errors import CocreateError
from ..domain.fileio import NotReplaceableError, replace_regular, slug, write_new
from ..domain.paths import ensure_private_dir
from ..domain.phrases import Phrase
from ..domain.problem_words import os_reason
from .common import error

MAX_NAME_TRIES = 1000
UTF8_BOM = "\ufeff"


SUFFIX_FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
SUFFIX_FORMATS |= {".json": "json", ".csv": "csv"}


def output_format(args: argparse.Namespace) -> str | None:
    """The format asked for: `--format`, else `--json`, else the suffix of `-o FILE`, else
    "terminal" where a command has a terminal view. None (after saying why) if they clash."""
    chosen: str | None = args.format
    if getattr(args, "json", False):
        if chosen not in (None, "json"):
            error(Phrase("msg_json_and_format", format=chosen))
            return None
        chosen = "json"
    output: Path | None = args.output
    if chosen is None and output is not None:
        chosen = SUFFIX_FORMATS.get(output.suffix.lower())
        if chosen is None:
            error(Phrase("msg_format_from_name", name=output.name))
            return None
    return chosen or "terminal"


def exports_dir(data_dir: Path) -> Path:
    """The folder that exports go to when no file is named."""
    return data_dir / "exports"


def write_new_file(path: Path, text: str, force: bool = False) -> Path:
    """Write `text` to `path` (0600, whole or not at all); refuse an existing file unless `force`.

    `force` replaces only a regular file, keeping its mode. Raises `CocreateError` with a plain
    message when the file exists, is not a file `--force` may replace, or cannot be written.
    """
    data = text.encode("utf-8")
    try:
        if force:
            replace_regular(path, data)
        else:
            write_new(path, data)
    except FileExistsError:
        raise CocreateError(Phrase("output_exists", path=str(path))) from None
    except NotReplaceableError as error:
        raise CocreateError(
            Phrase("output_not_replaced", path=str(path), reason=error.reason)
        ) from None
    except OSError as error:
        failed = Phrase("output_write_failed", path=str(path), reason=os_reason(error))
        raise CocreateError(failed) from None
    return path


def write_to_exports(data_dir: Path, stem: str, suffix: str, text: str) -> Path:
    """Write `text` into `<data_dir>/exports/` under a new name built from `stem`; the path."""
    try:
        folder = ensure_private_dir(exports_dir(data_dir))
    except OSError as error:
        folder_name = str(exports_dir(data_dir))
        failed = Phrase("output_folder_failed", folder=folder_name, reason=os_reason(error))
        raise CocreateError(failed) from None
    base = slug(stem)
    for attempt in range(1, MAX_NAME_TRIES + 1):
        name = f"{base}{suffix}" if attempt == 1 else f"{base}-{attempt}{suffix}"
        try:
            return write_new_file(folder / name, text)
        except CocreateError:
            if not (folder / name).exists():
                raise
    raise CocreateError(Phrase("output_no_free_name", name=f"{base}{suffix}", folder=str(folder)))


def write_stdout(text: str) -> None:
    """Print `text` as it is."""
    sys.stdout.write(text)
    sys.stdout.flush()


def emit(text: str, fmt: str, stem: str, output: Path | None, force: bool, data: Path) -> None:
    """Deliver an export: to `output` if named (`-` is stdout), else html to `data`/exports/,
    else stdout.

    Raises `CocreateError` when a file cannot be written or would be overwritten.
    """
    if output is not None and str(output) == "-":
        # `-o -` means standard output, as for most command-line tools, not a file named «-».
        write_stdout(text)
    elif output is not None:
        # A byte-order mark is what makes spreadsheet programs read a CSV file as UTF-8.
        write_new_file(output, UTF8_BOM + text if fmt == "csv" else text, force=force)
    elif fmt == "html":
        # An HTML report is for opening in a browser, not for a terminal: it becomes a file.
        print(write_to_exports(data, stem, ".html", text))
    else:
        write_stdout(text)
