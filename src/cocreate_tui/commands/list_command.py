"""`cocreate list`: the saved sessions, newest first, and any files that cannot be read."""

from __future__ import annotations

import argparse
import json
import os
import sys
from json.encoder import encode_basestring
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..domain.bank_source import BankSource
from ..domain.errors import CocreateError
from ..domain.paths import data_dir
from ..domain.session_index import SessionIndex
from ..domain.synced_folders import cloud_service

if TYPE_CHECKING:
    from ..domain.bank_loader import BankError
    from ..domain.bank_models import Lang

# The same codes as in .common, which is imported only on errors: it loads pydantic, and
# `list --json` over a fresh index needs nothing but the standard library.
EXIT_OK = 0
EXIT_INVALID = 1


def run(args: argparse.Namespace) -> int:
    """Run `cocreate list`: bring the index up to date, then print it."""
    folder = data_dir(getattr(args, "data_dir", None))
    warn_if_synced(folder, args.lang)
    index = SessionIndex(folder, BankSource(_bank_dir(args)))
    try:
        # With --json, the listing is read while the folder is checked (the slow part).
        listing = (
            index.refreshed_session_json(_folder_text(index), SEPARATOR) if args.json else None
        )
        if listing is None:
            index.refresh()
    except CocreateError as err:
        from .common import error

        error(err)
        return EXIT_INVALID
    except _bank_error() as err:
        from .common import print_bank_error

        print_bank_error(err)
        return EXIT_INVALID
    if listing is not None:
        write_json(index, sys.stdout, hide_sealed(listing, _sealed(folder)))
        return EXIT_OK
    _print_readable(index, args.lang)
    return EXIT_OK


def warn_if_synced(folder: Path, lang: Lang) -> None:
    """Say on stderr, once, that `folder` is synced to a cloud service, if it is."""
    service = cloud_service(folder)
    if service is not None:
        from ..i18n import t  # only now: the strings take a while to load

        message = t("synced_folder_warning", lang).format(folder=folder, service=service)
        print(f"cocreate: {message}", file=sys.stderr)


def write_json(index: SessionIndex, out: TextIO, sessions: bytes | None = None) -> None:
    """The stable JSON of `cocreate list --json`, one session per line, from a fresh index.

    `{"sessions": [{"id", "team", "organisation", "service_area", "phase", "mode",
    "respondent", "status", "answered", "updated_at", "file", "level", "overall"}, …],
    "unreadable": [{"file", "reason"}, …]}`; a member's session in a team round that is still
    answering has `"level": null, "overall": null, "hidden_until_reveal": "<code>"`. Each
    session's object was rendered when it was indexed, so 50,000 sessions print without
    building 50,000 dictionaries. UTF-8, as JSON is.
    `sessions` is `index.session_json(...)` if already read.
    """
    if sessions is None:
        sessions = index.session_json(_folder_text(index), SEPARATOR)
    unreadable = SEPARATOR.join(
        json.dumps({"file": str(item.path), "reason": str(item.reason)}, ensure_ascii=False)
        for item in index.unreadable()
    ).encode()
    # Written piece by piece: joining them first would copy 20 MB twice more.
    parts = [b"{\n", *_array(b"sessions", sessions), b",\n", *_array(b"unreadable", unreadable)]
    _write_bytes(out, [*parts, b"\n}\n"])


SEPARATOR = ",\n    "
"""Between two items of an array: one item per line."""


def hide_sealed(listing: bytes, sealed: dict[str, str]) -> bytes:
    """`listing` with the level and score of each session in `sealed` (id → round code) left
    out, and `"hidden_until_reveal": code` in their place: a team round's answers are shown to
    no one before the facilitator reveals them, and a level tells a good deal about them."""
    lines: list[tuple[int, int, bytes]] = []  # where each hidden line stands, and its new text
    for session_id, code in sealed.items():
        start = listing.find(b'{"id": ' + json.dumps(session_id).encode())
        if start == -1:
            continue
        end = listing.find(b"\n", start)
        end = len(listing) if end == -1 else end
        line = listing[start:end]
        comma = line.endswith(b",")  # JSON strings hold no raw newline: a line is one object
        try:
            shown = json.loads(line.removesuffix(b","))
        except ValueError:
            shown = {"id": session_id}  # a damaged index: the id alone, never its figures
        shown.update(level=None, overall=None, hidden_until_reveal=code)
        lines.append(
            (start, end, json.dumps(shown, ensure_ascii=False).encode() + (b"," if comma else b""))
        )
    if not lines:
        return listing
    # Put together once: 20 MB copied per hidden member would add up in a large round.
    parts, done = [], 0
    for start, end, replaced in sorted(lines):
        parts += [listing[done:start], replaced]
        done = end
    return b"".join([*parts, listing[done:]])


def _sealed(folder: Path) -> dict[str, str]:
    """The sessions of team rounds still answering, by id, with their round's code."""
    from ..domain.paths import has_round_files

    if not has_round_files(folder):  # most folders: no round models (and no pydantic) loaded
        return {}
    from ..domain.round_store import RoundStore

    return {
        session_id: team_round.code
        for session_id, team_round in RoundStore(folder).sealed_sessions().items()
    }


def _folder_text(index: SessionIndex) -> str:
    """How each session's `file` starts, escaped for JSON."""
    return encode_basestring(f"{index.directory}{os.sep}")[1:-1]


def _array(key: bytes, items: bytes) -> list[bytes]:
    if not items:
        return [b'  "', key, b'": []']
    return [b'  "', key, b'": [\n    ', items, b"\n  ]"]


def _write_bytes(out: TextIO, parts: list[bytes]) -> None:
    # Straight to the byte stream when there is one: 20 MB need no decoding and encoding again.
    # The command line's gate (text_safety.VisibleStream) takes bytes too, and checks them.
    write_utf8 = getattr(out, "write_utf8", None)
    if write_utf8 is not None:
        for part in parts:
            write_utf8(part)
        out.flush()
        return
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(b"".join(parts).decode())
        return
    out.flush()
    for part in parts:
        buffer.write(part)
    buffer.flush()


def _print_readable(index: SessionIndex, lang: Lang) -> None:
    # rich only for people reading a terminal; `--json` stays light for scripts.
    from ..domain.storage import ListResult, SessionSummary
    from ..facilitator_views import render_session_list

    sessions = [SessionSummary.of_row(row, index.directory) for row in index.query()]
    render_session_list(ListResult(sessions, index.unreadable()), lang)


def _bank_dir(args: argparse.Namespace) -> Path:
    chosen: Path | None = getattr(args, "bank", None)
    if chosen is not None:
        return chosen
    from ..domain.bank_location import shipped_bank_dir

    return shipped_bank_dir()


def _bank_error() -> type[BankError]:
    # Called only when an exception reaches its `except` clause, so that pydantic (which the
    # bank loader needs) is imported only when the bank really had to be loaded.
    from ..domain import bank_loader

    return bank_loader.BankError
