"""Every user-facing string of the app and the CLI, in Norwegian bokmål and English."""

from __future__ import annotations

from typing import Literal

Lang = Literal["nb", "en"]

STRINGS: dict[str, tuple[str, str]] = {
    # key: (nb, en)
    "level": ("Vurdering", "Verdict"),
    "overall": ("Samlet", "Overall"),
    "coverage": ("Besvart", "Answered"),
    "dimension": ("Område", "Area"),
    "score": ("Poeng", "Score"),
    "questions": ("Spørsmål", "Questions"),
    "lessons": ("Lærdommer", "Lessons"),
    "dimensions": ("Områder", "Areas"),
    "section": ("Kapittel", "Section"),
    "kind": ("Type", "Kind"),
    "blocker": ("Må på plass først", "Must be in place first"),
    "advice": ("Råd", "Advice"),
    "blockers_heading": (
        "Må på plass før dere inviterer innbyggere",
        "Must be in place before you invite citizens",
    ),
    "recommendations_heading": ("Dette bør dere gjøre først", "What to do first"),
    "ambition_heading": ("Ambisjon og forberedelser", "Ambition and readiness"),
    "ambition": ("Ambisjon", "Ambition"),
    "clarify_heading": ("Avklar før dere starter", "Clarify before you start"),
    "unanswered_heading": ("Ikke besvart", "Not answered"),
    "notes_heading": ("Notater", "Notes"),
    "no_score": ("ikke nok svar", "not enough answers"),
    "because_of": ("fordi dere svarte", "because you answered"),
    "unknown": ("Vet ikke", "Don't know"),
    "from_report": ("Fra rapporten", "From the report"),
    "undetermined_coverage": (
        "For mange spørsmål er ubesvart eller «Vet ikke».",
        "Too many questions are unanswered or «Don't know».",
    ),
    "undetermined_blocker_unknown": (
        "Et spørsmål som avgjør om dere kan starte, er ikke besvart.",
        "A question that decides whether you can start is not answered.",
    ),
    "ignored_answers": (
        "Svar på spørsmål som ikke finnes i denne banken, er tatt vare på, men ikke regnet med",
        "Answers to questions this bank does not have are kept, but not counted",
    ),
}


def t(key: str, lang: Lang) -> str:
    """The string `key` in `lang`."""
    nb, en = STRINGS[key]
    return nb if lang == "nb" else en
