"""One term per concept: each language's glossary, and no forbidden word in its catalogue or bank."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from cocreate_tui import i18n
from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.bank_translations import bank_texts

GLOSSARIES = Path(i18n.LOCALES_DIR) / "glossary"
QUOTED = re.compile(r"«[^»]*»")
"""The report's own words (and names of buttons) in «» are quoted as they stand, not scanned."""


def glossary(lang: str) -> list[dict[str, Any]]:
    terms: list[dict[str, Any]] = tomllib.loads(
        (GLOSSARIES / f"{lang}.toml").read_text(encoding="utf-8")
    )["term"]
    return terms


def texts(lang: str, bank: Bank) -> dict[str, str]:
    """Everything written in `lang`: its catalogue and the bank's texts in it."""
    found = {f"locales/{lang}.po: {key}": text for key, text in i18n.catalogue(lang).items()}
    for where, text in bank_texts(bank):
        if text.has(lang):
            found[f"bank: {where}"] = text.get(lang)
    return found


def word(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])", re.IGNORECASE)


def test_every_shipped_language_has_a_glossary() -> None:
    assert {path.stem for path in GLOSSARIES.glob("*.toml")} >= {"nb", "nn", "en"}
    for lang in ("nb", "nn", "en"):
        concepts = [term["concept"] for term in glossary(lang)]
        assert len(concepts) == len(set(concepts)), lang
        assert {"citizen", "a saved assessment", "the verdict"} <= set(concepts)


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_no_forbidden_word_in_the_catalogue_or_the_bank(lang: str, shipped_bank: Bank) -> None:
    written = {where: QUOTED.sub("", text) for where, text in texts(lang, shipped_bank).items()}
    offenders = [
        f"{where}: «{forbidden}» (for {term['concept']}; use «{term['use'][0]}»)"
        for term in glossary(lang)
        for forbidden in term.get("never", [])
        for where, text in written.items()
        if word(forbidden).search(text)
    ]
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_chosen_terms_name_their_concepts(lang: str) -> None:
    catalogue = i18n.catalogue(lang)
    wrong = [
        f"{key}: {catalogue[key]!r} lacks «{term['use'][0]}»"
        for term in glossary(lang)
        for key in term.get("keys", [])
        if not any(word(use).search(catalogue[key]) for use in term["use"])
    ]
    assert not wrong, "\n".join(wrong)


def test_a_forbidden_word_is_found() -> None:
    assert word("økt").search("Lagret som ny økt: 1234")
    assert not word("økt").search("økte kostnader")
    assert not word("veileder").search("Veilederen i rapporten")


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_the_intro_says_it_plainly_and_the_about_screen_keeps_the_definition(lang: str) -> None:
    intro = i18n.t("intro_what_body", lang)
    first = intro.split(".")[0]
    assert first.startswith(("Dere lager ikke løsninger", "De lagar ikkje løysingar"))
    assert len(first.split()) <= 12
    assert "aktiva" not in intro and "empowerment" not in intro
    assert "aktiva" in i18n.t("about_definition_body", lang)
