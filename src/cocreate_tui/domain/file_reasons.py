"""Why a session file cannot be read, in the app's language (the domain and the CLI word it in
English, and the index stores it so)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..i18n import known, t

if TYPE_CHECKING:
    from .bank_models import Lang

_REASONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), key)
    for pattern, key in (
        (r"^not JSON that this app can read$", "file_reason_not_json_app"),
        (r"^not JSON \((.+)\)$", "file_reason_not_json"),
        (r"^not a session \(expected a JSON object, found (.+)\)$", "file_reason_not_session"),
        (r"^no schema_version \(this app reads (.+)\)$", "file_reason_no_schema"),
        (r"^unsupported schema_version (.+) \(this app reads (.+)\)$", "file_reason_bad_schema"),
        (r"^cannot be read \((.+)\)$", "file_reason_unreadable"),
        (r"^not a regular file$", "file_reason_not_file"),
        (r"^not UTF-8 text \(invalid byte at position (\d+)\)$", "file_reason_not_utf8"),
        (r"^too large \(a session file is at most (\d+) MB\)$", "file_reason_too_large"),
        (
            r"^the file name does not match the session id inside it \((.+)\)$",
            "file_reason_name_mismatch",
        ),
        (
            r"^a symbolic link \(links are not followed; use the file itself\)$",
            "file_reason_symlink",
        ),
        (r"^(.+: .+)$", "file_reason_format"),
    )
)
"""Each English reason's pattern and the key of its words in the catalogues; the last catches
the field-by-field problems of a file that is JSON but not a valid session (technical details
stay as they are). The JSON kinds `sessions._json_kind` names are `json_kind_<kind>`."""


def reason_words(reason: str, lang: Lang) -> str:
    """`reason` in `lang`; a reason this table does not know is shown as it is."""
    if lang == "en":
        return reason
    for pattern, key in _REASONS:
        found = pattern.match(reason)
        if found:
            groups = found.groups()
            kind = groups[0] if groups else ""
            if known(f"json_kind_{kind}"):
                kind = t(f"json_kind_{kind}", lang)
            return t(key, lang).format(*groups, kind0=kind)
    return reason


MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), key)
    for pattern, key in (
        (r"^No saved session has an id starting with (.+)\.$", "msg_no_session_prefix"),
        (r"^No saved session has the id (.+)\.$", "msg_no_session"),
        (r"^Give the id of a session, or its first few characters\.$", "msg_give_id"),
        (r"^(.+): the answers file cannot be used:$", "msg_answers_unusable"),
        (r"^compare needs at least two session ids$", "msg_compare_two"),
        (r"^export needs --format md\|html\|json\|csv \(or -o FILE .*\)$", "msg_export_format"),
        (r"^--name needs the team's name$", "msg_name_needed"),
        (r"^The question bank in (.+) has (\d+) problems?\.$", "msg_bank_problems"),
    )
)
"""The command line's most common messages, worded in English where they are raised, and the
keys of their words in the catalogues (see `message_words`)."""


def message_words(message: str, lang: Lang) -> str:
    """A command-line message in `lang`; one this table does not know is shown as it is."""
    if lang == "en":
        return message
    for pattern, key in MESSAGES:
        found = pattern.match(message)
        if found:
            groups = [reason_words(group, lang) for group in found.groups()]
            return t(key, lang).format(*groups)
    return message
