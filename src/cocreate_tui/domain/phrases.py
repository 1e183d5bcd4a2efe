"""A message as a catalogue key and its parameters, worded only when shown, in any language."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ..i18n import t
from .human_format import local_time, number


class Phrase(str):
    """What the domain says (an error, a problem), worded again in whichever language it is shown.

    `Phrase("bank_unknown_lesson", lesson="x")` is worded by `text(lang)` from the catalogue
    entry of that key, so each message lives in one place: its PO entries. Parameters that are
    phrases themselves (or lists of them) are worded in the same language; anything else is
    shown as it is (paths, ids, names), a float and a moment as the language writes them.

    A phrase *is* its English text as a string, so logs, JSON and code that only compares or
    searches the English keep working; anything shown to a person goes through `text(lang)`.
    """

    key: str
    args: tuple[object, ...]
    params: dict[str, object]

    def __new__(cls, key: str, /, *args: object, **params: object) -> Phrase:
        phrase = super().__new__(cls, _render(key, args, params, "en"))
        phrase.key, phrase.args, phrase.params = key, args, params
        return phrase

    def text(self, lang: str) -> str:
        """The message in `lang`."""
        return str(self) if lang == "en" else _render(self.key, self.args, self.params, lang)

    def __repr__(self) -> str:
        shown = [repr(self.key), *map(repr, self.args)]
        shown += [f"{name}={value!r}" for name, value in self.params.items()]
        return f"Phrase({', '.join(shown)})"

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword parameters do not survive str's own pickling; a stored phrase is `dump`ed.
        return (_rebuilt, (self.key, self.args, self.params))


def _rebuilt(key: str, args: tuple[object, ...], params: dict[str, object]) -> Phrase:
    return Phrase(key, *args, **params)


def _render(key: str, args: tuple[object, ...], params: dict[str, object], lang: str) -> str:
    shown = [_worded(value, lang) for value in args]
    named = {name: _worded(value, lang) for name, value in params.items()}
    return t(key, lang).format(*shown, **named)


def _worded(value: object, lang: str) -> object:
    if isinstance(value, Phrase):
        return value.text(lang)
    if isinstance(value, datetime):
        return local_time(value, lang)
    if isinstance(value, float):
        # A limit from a bank's rules (0.6, 2.5) in the language's own way of writing numbers.
        decimals = 0 if value.is_integer() else min(len(f"{value:.6g}".partition(".")[2]), 3)
        return number(value, lang, decimals)
    if isinstance(value, Sequence) and not isinstance(value, str):
        # A list of problems reads as one line, each worded in the same language.
        return "; ".join(str(_worded(item, lang)) for item in value)
    return value


Words = str | Phrase
"""A message: a phrase worded per language, or text that is the same in every language."""


def worded(message: Words, lang: str) -> str:
    """`message` in `lang` (a plain string is shown as it is)."""
    return message.text(lang) if isinstance(message, Phrase) else message


class PhraseValueError(ValueError):
    """A `ValueError` that carries its message as a `Phrase`.

    Validators in pydantic models raise it, so that the problem they find is shown in the
    reader's language (`problem_words.validation_problems` reads it back from the error).
    """

    def __init__(self, phrase: Phrase) -> None:
        super().__init__(str(phrase))
        self.phrase = phrase


_MARK = '{"phrase":'
"""How a stored phrase begins (`dump`); any other stored text is plain."""


def dump(message: Words) -> str:
    """`message` as text to store (the session index keeps why a file cannot be read), so
    that it can be worded later in whatever language the reader has chosen."""
    if not isinstance(message, Phrase):
        return message
    import json  # here: phrases are made at start, stored only when something goes wrong

    return json.dumps(_encoded(message), ensure_ascii=False, separators=(",", ":"))


def load(text: str) -> Words:
    """The message `dump` stored; text that is not a stored phrase is returned as it is."""
    if not text.startswith(_MARK):
        return text
    try:
        import json

        return _decoded(json.loads(text))  # type: ignore[return-value]
    except (ValueError, TypeError, KeyError, AttributeError):
        return text


def _encoded(value: object) -> object:
    if isinstance(value, Phrase):
        params = {name: _encoded(item) for name, item in value.params.items()}
        return {"phrase": value.key, "args": [_encoded(a) for a in value.args], "params": params}
    if isinstance(value, list | tuple):
        return [_encoded(item) for item in value]
    return value if type(value) in (int, float, str) else str(value)


def _decoded(value: object) -> object:
    if isinstance(value, dict):
        args = [_decoded(item) for item in value["args"]]
        params = {str(name): _decoded(item) for name, item in value["params"].items()}
        return Phrase(str(value["phrase"]), *args, **params)
    if isinstance(value, list):
        return [_decoded(item) for item in value]
    return value
