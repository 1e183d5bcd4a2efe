"""Every user-facing string of the app and the CLI: `t(key, lang)` over a PO file per language.

The catalogues are `locales/<code>.po` (gettext PO: msgctxt is the key, msgid the bokmål source,
msgstr the translation), read with a small stdlib reader the first time a language is used.
Adding a language is adding a file: `Lang` is whatever codes the catalogues hold.
"""

import functools
import os

from . import po

Lang = str
"""A language code with a catalogue, e.g. `nb`, `nn`, `en` (see `languages()`)."""

DEFAULT_LANG = "nb"
"""The product's first language, and the source every other catalogue translates from."""

LOCALES_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locales")
"""The shipped catalogues."""

EXTRA_LOCALES_ENV = "COCREATE_LOCALES"
"""Extra folders of catalogues (os.pathsep-separated): a translator tries a language without
touching the installed package, and tests add a dummy one."""

STRINGS: dict[str, tuple[str, str]] = {}
"""Strings not yet moved into the catalogues, as (nb, en): branches that still add entries here
keep working, and `scripts/strings_to_po.py` moves them into the PO files after a merge."""


@functools.cache
def _catalogue_files() -> dict[str, str]:
    """Language code → its catalogue file; extra folders win over the shipped one."""
    found: dict[str, str] = {}
    extra = [p for p in os.environ.get(EXTRA_LOCALES_ENV, "").split(os.pathsep) if p]
    for folder in [LOCALES_DIR, *extra]:
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if name.endswith(".po"):
                found[name[:-3]] = os.path.join(folder, name)
    return found


def reset() -> None:
    """Forget the catalogues read so far (tests that add a language call this)."""
    _catalogue_files.cache_clear()
    catalogue.cache_clear()


NORWEGIAN_FIRST = ("nb", "nn")
"""Norway's two written forms come first wherever languages are listed or cycled through."""


def languages() -> tuple[str, ...]:
    """Every language with a catalogue: bokmål, nynorsk, then the rest in code order."""

    def order(code: str) -> tuple[int, str]:
        first = NORWEGIAN_FIRST.index(code) if code in NORWEGIAN_FIRST else len(NORWEGIAN_FIRST)
        return first, code

    return tuple(sorted(_catalogue_files(), key=order))


@functools.cache
def catalogue(lang: str) -> dict[str, str]:
    """Key → text of `lang`'s catalogue (empty when there is none)."""
    path = _catalogue_files().get(lang)
    if path is None:
        return {}
    if os.path.dirname(path) == LOCALES_DIR:
        # A shipped catalogue, which the tests read both ways: the quick reader suffices.
        with open(path, encoding="utf-8") as file:
            texts = po.quick_texts(file.read())
        if texts is not None:
            return texts
    return po.read(path).texts()


def own_words(key: str, lang: str) -> str:
    """`t(key, lang)`, reading only that entry of a catalogue not read yet.

    The start menu offers every language in its own words before its first frame; reading
    the nynorsk and English catalogues whole for one string each took ~5 ms of that frame.
    Found by its context (`msgctxt "key"`); anything else is left to `t`.
    """
    path = _catalogue_files().get(lang)
    if path is None or key in STRINGS:
        return t(key, lang)
    with open(path, encoding="utf-8") as file:
        text = file.read()
    start = text.find(f'\nmsgctxt "{key}"\n')
    if start < 0:
        return t(key, lang)
    end = text.find("\n\n", start + 1)
    entry = po.parse(text[start + 1 : end if end >= 0 else len(text)], path).texts().get(key)
    return entry if entry is not None else t(key, lang)


def language_name(lang: str) -> str:
    """The language's own name for itself, e.g. «Nynorsk», from its catalogue."""
    return catalogue(lang).get("language_name") or lang


def known(key: str) -> bool:
    """Whether `key` is a string of the product (in the bokmål catalogue or still pending)."""
    return key in STRINGS or key in catalogue(DEFAULT_LANG)


_output = [DEFAULT_LANG]
"""The language of the command line's plain output in this process (set by `cli.main`)."""


def set_output_language(lang: str) -> None:
    """Let messages printed by the commands speak `lang`."""
    _output[0] = lang


def output_language() -> str:
    """The language of the command line's plain output."""
    return _output[0]


def t(key: str, lang: Lang) -> str:
    """The string `key` in `lang`; bokmål where `lang` lacks it (`bank validate` names the gaps)."""
    if key in STRINGS and lang in ("nb", "en"):
        # Pending entries from a merged branch are newer than the catalogues' copies.
        nb, en = STRINGS[key]
        return en if lang == "en" else nb
    text = catalogue(lang).get(key)
    if text is not None:
        return text
    if key in STRINGS:
        return STRINGS[key][0]
    return catalogue(DEFAULT_LANG)[key]
