"""Why a session file cannot be read, in the app's language (the domain and the CLI word it in
English, and the index stores it so)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..domain.bank_models import Lang

_KINDS_NB = {
    "an object": "et objekt",
    "an array": "en liste",
    "true or false": "sann eller usann",
    "a number": "et tall",
    "null": "null",
}
"""The JSON kinds `sessions._json_kind` names, in Norwegian (a quoted string stays as it is)."""

_NORWEGIAN: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words)
    for pattern, words in (
        (r"^not JSON that this app can read$", "ikke JSON som appen kan lese"),
        (r"^not JSON \((.+)\)$", "ikke gyldig JSON ({0})"),
        (
            r"^not a session \(expected a JSON object, found (.+)\)$",
            "ikke en vurdering (ventet et JSON-objekt, fant {kind0})",
        ),
        (
            r"^no schema_version \(this app reads (.+)\)$",
            "mangler schema_version (appen leser {0})",
        ),
        (
            r"^unsupported schema_version (.+) \(this app reads (.+)\)$",
            "schema_version {0} kan ikke leses av denne versjonen av appen (den leser {1})",
        ),
        (r"^cannot be read \((.+)\)$", "kan ikke leses ({0})"),
        (r"^not a regular file$", "ikke en vanlig fil"),
        (
            r"^not UTF-8 text \(invalid byte at position (\d+)\)$",
            "ikke UTF-8-tekst (feil på byte {0})",
        ),
        (
            r"^too large \(a session file is at most (\d+) MB\)$",
            "for stor (en vurderingsfil kan være på høyst {0} MB)",
        ),
        (
            r"^the file name does not match the session id inside it \((.+)\)$",
            "filnavnet stemmer ikke med id-en i filen ({0})",
        ),
        (
            r"^a symbolic link \(links are not followed; use the file itself\)$",
            "en lenke til en annen fil (lenker følges ikke; bruk selve filen)",
        ),
        (r"^(.+: .+)$", "innholdet stemmer ikke med formatet: {0}"),
    )
)
"""Each English reason's pattern and its Norwegian words; the last catches the field-by-field
problems of a file that is JSON but not a valid session (technical details stay as they are)."""


def reason_words(reason: str, lang: Lang) -> str:
    """`reason` in `lang`; a reason this table does not know is shown as it is."""
    if lang != "nb":
        return reason
    for pattern, words in _NORWEGIAN:
        found = pattern.match(reason)
        if found:
            groups = found.groups()
            kind = _KINDS_NB.get(groups[0], groups[0]) if groups else ""
            return words.format(*groups, kind0=kind)
    return reason
