"""Text safety at both ends: free text cleaned as it comes in, escaped on every way out."""

from __future__ import annotations

import functools
import io
import re
from typing import Final, TextIO

from markupsafe import Markup

NOTE_MAX: Final = 2000
"""The longest note (characters): a page of text. With every question of a large bank noted in
full, a session file stays well under the size a session file may have, so it stays readable."""

_BIDI: Final = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Bidirectional controls: they reorder what is shown (U+202E makes one name read as another)."""
_INVISIBLE: Final = "\u200b\u2060\ufeff\u180e\u00ad"
"""Zero-width and soft characters that nothing in a name or a note needs."""
_JOINERS: Final = "\u200c\u200d"
"""Zero-width (non-)joiners: needed inside some scripts and emoji, so kept in notes, but in a
one-line name they only let one name pose as another."""
_CONTROLS: Final = "".join(chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)])

_DROP_LINE = re.compile(f"[{re.escape(_BIDI + _INVISIBLE + _JOINERS)}]|[\ud800-\udfff]")
_DROP_TEXT = re.compile(f"[{re.escape(_BIDI + _INVISIBLE)}]|[\ud800-\udfff]")
_LINE_CONTROLS = re.compile(f"[{re.escape(_CONTROLS)}]")
_TEXT_CONTROLS = re.compile(f"[{re.escape(_CONTROLS.replace(chr(9), '').replace(chr(10), ''))}]")
_UNSAFE_CHARACTERS: Final = (
    "".join(c for c in _CONTROLS if c not in chr(9) + chr(10) + chr(13)) + _BIDI
)
_UNSAFE_OUT = re.compile(f"[{re.escape(_UNSAFE_CHARACTERS)}\ud800-\udfff]")
"""What `visible` shows as text: controls but tab, newline and carriage return (see below)."""
# One character class, which the regex engine scans fast: with the carriage return as an
# alternative in the same pattern, `list --json` over 50,000 sessions spent 0.1 s here.
_LONE_CR = re.compile("\r(?!\n)")
"""A carriage return not part of the CSV line end `\\r\\n`: it would overwrite the line."""

# --- coming in --------------------------------------------------------------------------------


def clean_line(text: str) -> str:
    """`text` as one line of plain text: names, places, roles.

    Control characters (a tab or newline becomes a space), bidi controls, zero-width characters
    and lone surrogates go; what is left is what a reader sees.
    """
    text = _DROP_LINE.sub("", text)
    return _LINE_CONTROLS.sub(lambda found: " " if found.group() in "\t\n\r" else "", text)


def clean_text(text: str) -> str:
    """`text` as free text that may span lines (notes): like `clean_line`, but newlines and tabs
    stay (a carriage return becomes a newline) and joiners stay, which some scripts need."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _TEXT_CONTROLS.sub("", _DROP_TEXT.sub("", text))


def cleaned(value: object) -> object:
    """`clean_line` for a pydantic `BeforeValidator`: anything but text is left to the model."""
    return clean_line(value) if isinstance(value, str) else value


def cleaned_text(value: object) -> object:
    """`clean_text` for a pydantic `BeforeValidator`: anything but text is left to the model."""
    return clean_text(value) if isinstance(value, str) else value


def fit(text: str, most: int) -> str:
    """`text` cut to at most `most` characters, ending in «…» when it was cut."""
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


# --- going out: terminal ----------------------------------------------------------------------


def visible(text: str) -> str:
    """`text` with what could act on a terminal or reorder it shown as `\\x1b`, `\\u202e` …

    For plain output (piped lists, error messages, CSV and Markdown written to stdout): an
    escape sequence from an old file or a custom bank is then text, not a command.
    """
    text = _UNSAFE_OUT.sub(_shown, text)
    return _LONE_CR.sub(_shown, text) if "\r" in text else text


def visible_utf8(data: bytes) -> bytes:
    """`visible` for UTF-8 bytes: `data` itself when nothing in it would change (the common
    case, found without decoding it to text), else the text made visible and encoded again.

    For the 20 MB of `list --json` over 50,000 sessions: the regex over the decoded text and
    the encoding back took ~65 ms, this check ~15. Bytes that are not UTF-8 are read as
    `decode(errors="replace")` reads them.
    """
    if _nothing_to_show(data):
        return data
    return visible(data.decode(errors="replace")).encode()


def _nothing_to_show(data: bytes) -> bool:
    # Which bytes could start something `visible` would change is one C pass (translate);
    # each of those few is then looked at where it stands. Last, the bytes must be UTF-8:
    # a stray byte such as 0x9b is a control (CSI) to a terminal that is not in UTF-8 mode.
    unsafe_by_lead, unsuspect = _lead_bytes()
    for lead in set(data.translate(None, unsuspect)):
        if lead == _CR:
            if data.count(b"\r") != data.count(b"\r\n"):
                return False
            continue
        unsafe = unsafe_by_lead[lead]
        if unsafe is None or unsafe.search(data):
            return False  # a control byte, or a sequence that is a control or bidi character
    if not data.isascii():
        try:
            data.decode()
        except UnicodeDecodeError:
            return False
    return True


@functools.cache
def _lead_bytes() -> tuple[dict[int, re.Pattern[bytes] | None], bytes]:
    """What `_UNSAFE_OUT` matches, in UTF-8, by first byte, and the bytes that begin none of it.

    By lead byte: None where the byte alone is the control, else a pattern of the unsafe
    sequences it begins (surrogates have no UTF-8 form). Each pattern starts with its lead byte
    as a literal, which the regex engine finds quickly (~5 ms over 20 MB, however many « » and
    – the text holds). Made on first use: the app's first frame has no need of them.
    """
    by_lead: dict[int, list[bytes]] = {}
    for character in _UNSAFE_CHARACTERS:
        encoded = character.encode()
        by_lead.setdefault(encoded[0], []).append(encoded)
    patterns = {
        lead: None if len(found) == 1 and len(found[0]) == 1 else _any_of(found)
        for lead, found in by_lead.items()
    }
    unsuspect = bytes(byte for byte in range(256) if byte not in patterns and byte != _CR)
    return patterns, unsuspect


def _any_of(sequences: list[bytes]) -> re.Pattern[bytes]:
    return re.compile(b"|".join(re.escape(sequence) for sequence in sequences))


_CR: Final = ord("\r")
"""Unsafe only when no newline follows (see `_LONE_CR`)."""


def visible_but_colours(text: str) -> str:
    """`visible`, except the colour and style sequences (SGR, `ESC [ … m`) that Rich writes."""
    return "".join(
        part if _SGR.fullmatch(part) else visible(part) for part in _SGR_SPLIT.split(text)
    )


_SGR = re.compile(r"\x1b\[[0-9;]*m")
_SGR_SPLIT = re.compile(r"(\x1b\[[0-9;]*m)")


class VisibleStream(io.TextIOBase):
    """A text stream that writes to `stream` only what cannot act on a terminal.

    The one gate for everything the command line prints: data from an old file, a custom bank
    or a file name cannot move the cursor, set the title or write to the clipboard (OSC 52).
    On a terminal, Rich's colour sequences pass; piped, nothing but text does.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        tty = _isatty(stream)
        self._clean = visible_but_colours if tty else visible

    def write(self, text: str) -> int:
        """Write `text`, made safe; returns the length of `text` as given."""
        self._stream.write(self._clean(text))
        return len(text)

    def write_utf8(self, data: bytes) -> None:
        """Write UTF-8 `data`, made safe as `visible_utf8` makes it: to the byte stream
        underneath when there is one, so 20 MB of `list --json` are not decoded to be written."""
        safe = visible_utf8(data)
        buffer = getattr(self._stream, "buffer", None)
        if buffer is None:
            self._stream.write(safe.decode())
            return
        self._stream.flush()  # what was written as text goes first
        buffer.write(safe)

    def flush(self) -> None:
        """Flush the stream underneath."""
        self._stream.flush()

    def isatty(self) -> bool:
        """Whether the stream underneath is a terminal (Rich asks, to choose colours)."""
        return _isatty(self._stream)

    def fileno(self) -> int:
        """The file descriptor underneath."""
        return self._stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        """The encoding of the stream underneath."""
        return getattr(self._stream, "encoding", "utf-8") or "utf-8"


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _shown(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_markup(text: str) -> str:
    """`text` with markup tags escaped, as `rich.markup.escape` (and Textual's) do it.

    Written out here so that the domain and the plain CLI commands start without Rich, and
    the one escaper for markup the console views use.
    """
    escaped = _MARKUP_TAG.sub(lambda found: f"{found[1]}{found[1]}\\{found[2]}", text)
    # A trailing backslash would escape the bracket that the caller puts after the text.
    if escaped.endswith("\\") and not escaped.endswith("\\\\"):
        return escaped + "\\"
    return escaped


_MARKUP_TAG = re.compile(r"(\\*)(\[[a-z#/@][^[]*?])")
"""What Rich and Textual read as a tag: the pattern of `rich.markup.escape`."""


# --- going out: CSV ---------------------------------------------------------------------------

_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")


def csv_cell(text: str) -> str:
    """`text` as a CSV cell a spreadsheet shows as text: a cell that starts like a formula
    gets a leading apostrophe (CSV injection), and terminal controls are made `visible`."""
    text = visible(text)
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


# --- going out: Markdown ----------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~&$])")
_MD_LINE_START = re.compile(r"^(?:(\d{1,9})(?=[.)](?:\s|$))|(>)|([-+=])(?=[-+=\s]|$))")
"""What makes a line a list item, a quote, a rule or a heading underline: `1. `, `> `, `- `,
`---`, `===`. Only those: `3.7` or `-5` stay as they are."""


def md_inline(text: str) -> str:
    """`text` safe inline in Markdown, on one line: markup characters escaped, and what would
    start a block when the text begins a line (`---`, `1.`, `- `, `>`, `=`) escaped as well."""
    one_line = " ".join(visible(text).split())
    escaped = _MD_SPECIAL.sub(r"\\\1", one_line)
    return _MD_LINE_START.sub(_block_marker, escaped, count=1)


def _block_marker(found: re.Match[str]) -> str:
    number, quote, rule = found[1], found[2], found[3]
    # `1.` escaped before the dot that follows the number; `>`, `-`, `+`, `=` before the mark.
    return f"{number}\\" if number else f"\\{quote or rule}"


def md_block(text: str) -> str:
    """Multi-line `text` as Markdown lines: each escaped as `md_inline`, kept apart as lines."""
    lines = [md_inline(line) for line in visible(text).split("\n")]
    return "  \n".join(line for line in lines if line)


# --- going out: HTML --------------------------------------------------------------------------
# HTML is made of markupsafe's `Markup` (exported here, the one import of markupsafe): a
# template's `format` and `join` escape whatever is not `Markup` already, so text is escaped
# unless it is marked safe (exports/html_parts.py, web/pages.py).


__all__ = ["NOTE_MAX", "Markup"]
