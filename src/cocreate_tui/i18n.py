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

STRINGS: dict[str, tuple[str, str]] = {
    "join_title": (
        "Bli med i teamrunden",
        "Join the team round",
    ),
    "join_body": (
        "Skriv koden som står på fasilitatorens skjerm. Du ser bare dine egne svar, og ingen andre ser dem før fasilitatoren viser svarene for alle samtidig.",
        "Type the code shown on the facilitator's screen. You see only your own answers, and no one else sees them until the facilitator reveals everyone's at once.",
    ),
    "join_code_label": (
        "Koden",
        "The code",
    ),
    "join_go": (
        "Bli med",
        "Join",
    ),
    "join_wrong_code": (
        "Ingen teamrunde her har koden «{code}». Sjekk koden på fasilitatorens skjerm og prøv igjen (den har seks tegn, uten 0, O, 1, I og L).",
        "No team round here has the code «{code}». Check the code on the facilitator's screen and try again (it has six characters, without 0, O, 1, I or L).",
    ),
    "join_round_closed": (
        "Teamrunden {code} er avsluttet: teamet er blitt enige. Det er ikke lenger mulig å svare.",
        "The team round {code} has ended: the team has agreed. It is no longer possible to answer.",
    ),
    "participant_title": (
        "Teamrunde {code} – {team}",
        "Team round {code} – {team}",
    ),
    "participant_intro": (
        "Skriv navnet ditt for å svare på spørsmålene. Du svarer alene: teamet ser svarene dine først når fasilitatoren viser alle svarene samtidig.",
        "Write your name to answer the questions. You answer alone: the team sees your answers only when the facilitator reveals everyone's at once.",
    ),
    "participant_name_taken": (
        "Noen andre er allerede med i runden som «{name}». Velg et annet navn, eller bruk nettleseren du begynte i.",
        "Someone else is already in the round as «{name}». Choose another name, or use the browser you started in.",
    ),
    "participant_progress": (
        "Du er med som {name}. Besvart {answered} av {total}.",
        "You are in as {name}. Answered {answered} of {total}.",
    ),
    "participant_continue": (
        "Fortsett å svare",
        "Go on answering",
    ),
    "participant_leave": (
        "Avslutt",
        "Leave",
    ),
    "participant_revote": (
        "Teamet vil stemme på nytt over et spørsmål. Trykk «Fortsett å svare».",
        "The team wants to vote again on a question. Press «Go on answering».",
    ),
    "key_participant_leave": (
        "Avslutt",
        "Leave",
    ),
    "participant_too_late": (
        "Svarene i denne runden er allerede vist, så nye deltakere kan ikke bli med nå. Har du svart før, skriv navnet du brukte, i nettleseren du brukte.",
        "The answers of this round have been revealed, so no new members can join now. If you answered before, write the name you used, in the browser you used.",
    ),
    "round_count": (
        "Antall",
        "Count",
    ),
    "participant_open_elsewhere": (
        "Svarene dine er åpne i en annen fane. Lukk den, og prøv igjen her.",
        "Your answers are open in another tab. Close it, and try again here.",
    ),
}
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
    return po.read(path).texts() if path else {}


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
