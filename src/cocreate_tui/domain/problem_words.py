"""What the libraries report (OS errors, TOML and JSON errors, pydantic) as phrases in plain words.

The libraries word their errors in English and for programmers («No such file or directory»,
«Input should be a valid integer»); a team reads «finnes ikke» and «må være et heltall».
"""

from __future__ import annotations

import errno
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .phrases import Phrase, PhraseValueError

if TYPE_CHECKING:
    # Types only: the app imports this module at start, and needs neither parser then.
    import json
    import tomllib

    from pydantic_core import ErrorDetails

OS_REASONS: dict[int, str] = {
    errno.ENOENT: "os_not_found",
    errno.EACCES: "os_no_permission",
    errno.EPERM: "os_no_permission",
    errno.EISDIR: "os_is_folder",
    errno.ENOTDIR: "os_not_folder",
    errno.ENOSPC: "os_disk_full",
    errno.EROFS: "os_read_only",
    errno.EEXIST: "os_exists",
    errno.ENAMETOOLONG: "os_name_too_long",
    errno.EBUSY: "os_busy",
    errno.EMFILE: "os_too_many_open",
    errno.ENFILE: "os_too_many_open",
    errno.EIO: "os_disk_error",
    errno.ELOOP: "os_link_loop",
    errno.EADDRINUSE: "os_address_in_use",
    errno.EADDRNOTAVAIL: "os_address_not_here",
}
"""errno → the key of its plain words; others get `os_other` with the errno's name."""
for _name in ("EDQUOT", "ETXTBSY"):
    # Not on every system (Windows has neither).
    if hasattr(errno, _name):
        OS_REASONS[getattr(errno, _name)] = "os_disk_full" if _name == "EDQUOT" else "os_busy"


def os_reason(error: OSError) -> Phrase:
    """Why an OS call failed, in plain words: «finnes ikke», «du har ikke tilgang» …"""
    number = error.errno
    key = OS_REASONS.get(number) if number is not None else None
    if key is not None:
        return Phrase(key)
    # Windows reports a file another program holds as a winerror with EACCES already mapped;
    # anything else is named by its errno symbol, which means the same in every language.
    code = errno.errorcode.get(number, str(number)) if number is not None else type(error).__name__
    return Phrase("os_other", code=code)


_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)\s*$")
_TOML_END = re.compile(r"\(at end of document\)\s*$")


def toml_reason(error: tomllib.TOMLDecodeError) -> Phrase:
    """«ikke gyldig TOML (linje L, kolonne K)»; the position is read from the message, as
    Python 3.11's tomllib gives no `lineno` (3.14's does, and words the message the same)."""
    line, column = getattr(error, "lineno", None), getattr(error, "colno", None)
    if isinstance(line, int) and isinstance(column, int):
        return Phrase("problem_toml_at", line=line, column=column)
    return toml_reason_from_message(str(error))


def toml_reason_from_message(message: str) -> Phrase:
    """The phrase for a TOML error from its message alone (see `toml_reason`)."""
    found = _TOML_AT.search(message)
    if found:
        return Phrase("problem_toml_at", line=int(found[1]), column=int(found[2]))
    if _TOML_END.search(message):
        return Phrase("problem_toml_end")
    return Phrase("problem_toml")


def json_reason(error: json.JSONDecodeError) -> Phrase:
    """«ikke gyldig JSON (linje L, kolonne K)»."""
    return Phrase("problem_json_at", line=error.lineno, column=error.colno)


VALIDATION_REASONS: dict[str, str] = {
    "missing": "problem_missing",
    "extra_forbidden": "problem_unknown_field",
    "string_type": "problem_text",
    "string_unicode": "problem_text",
    "int_type": "problem_whole_number",
    "int_parsing": "problem_whole_number",
    "int_from_float": "problem_whole_number",
    "float_type": "problem_number",
    "float_parsing": "problem_number",
    "bool_type": "problem_true_false",
    "bool_parsing": "problem_true_false",
    "list_type": "problem_list",
    "tuple_type": "problem_list",
    "dict_type": "problem_table",
    "model_type": "problem_table",
    "model_attributes_type": "problem_table",
    "literal_error": "problem_one_of",
    "enum": "problem_one_of",
    "string_too_short": "problem_blank",
    "string_too_long": "problem_too_long_text",
    "too_short": "problem_too_few",
    "too_long": "problem_too_many",
    "greater_than": "problem_greater_than",
    "greater_than_equal": "problem_at_least",
    "less_than": "problem_less_than",
    "less_than_equal": "problem_at_most",
    "string_pattern_mismatch": "problem_pattern",
    "date_type": "problem_date",
    "date_parsing": "problem_date",
    "date_from_datetime_parsing": "problem_date",
    "datetime_type": "problem_moment",
    "datetime_parsing": "problem_moment",
    "datetime_from_date_parsing": "problem_moment",
    "timezone_aware": "problem_moment",
    "uuid_type": "problem_uuid",
    "uuid_parsing": "problem_uuid",
    "frozen_instance": "problem_value",
}
"""pydantic's error type → the key of its plain words; the parameters come from its context.
A type not here gets `problem_value` («har en verdi som ikke kan brukes her»)."""

_CONTEXT = {
    "problem_one_of": "expected",
    "problem_too_long_text": "max_length",
    "problem_too_few": "min_length",
    "problem_too_many": "max_length",
    "problem_greater_than": "gt",
    "problem_at_least": "ge",
    "problem_less_than": "lt",
    "problem_at_most": "le",
}
"""The context value each phrase names, as `{limit}`."""


PATTERN_WORDS: dict[str, str] = {}
"""A field's pattern → the key of words saying what the field takes (see `explain_pattern`);
a pattern not here gets `problem_pattern`."""


def explain_pattern(pattern: str, key: str) -> str:
    """Word a mismatch of `pattern` by the catalogue entry `key`; returns `pattern`, so that a
    model declares its pattern and its plain words in one place."""
    PATTERN_WORDS[pattern] = key
    return pattern


def validation_problems(errors: Sequence[ErrorDetails]) -> list[Phrase]:
    """Each of pydantic's errors as «felt: hva som er galt», the field's path as it is."""
    return [validation_problem(detail) for detail in errors]


def validation_problem(detail: ErrorDetails) -> Phrase:
    """One of pydantic's errors as «felt: hva som er galt»."""
    where = ".".join(_shown(part) for part in detail["loc"])
    reason = validation_reason(detail)
    language = detail["loc"][-1] if detail["loc"] else ""
    if detail["type"] == "missing" and language in ("nb", "en"):
        # A text of the bank without one of its two inline languages.
        reason = Phrase("problem_missing_text", code=language)
    return Phrase("problem_at_field", field=where, problem=reason) if where else reason


def validation_reason(detail: ErrorDetails) -> Phrase:
    """What is wrong, without where: from a `PhraseValueError`, else by the error's type."""
    context = detail.get("ctx") or {}
    raised = context.get("error")
    if isinstance(raised, PhraseValueError):
        return raised.phrase
    key = VALIDATION_REASONS.get(detail["type"], "problem_value")
    if key == "problem_pattern":
        key = PATTERN_WORDS.get(str(context.get("pattern", "")), key)
    wanted = _CONTEXT.get(key)
    if wanted is None:
        return Phrase(key)
    limit = context.get(wanted, "")
    if key == "problem_one_of":
        # pydantic words the choices «'a', 'b' or 'c'»; the «or» is English.
        limit = str(limit).replace("' or '", "', '")
    return Phrase(key, limit=limit)


def _shown(part: str | int) -> str:
    # Keys come from the file: keep them short and free of terminal control characters.
    text = str(part)
    text = text if len(text) <= 40 else text[:40] + "…"
    return text if text.isprintable() else repr(text)
