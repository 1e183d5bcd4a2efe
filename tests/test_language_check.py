"""The English check itself: it flags English in Norwegian text, and only English."""

from __future__ import annotations

import pytest

from .language_check import (
    ALLOWED,
    assert_norwegian,
    english_formats,
    english_only,
    english_words,
    not_norwegian,
    vocabularies,
)


def test_a_planted_english_sentence_is_flagged() -> None:
    text = "Dere har svart på 12 av 54 spørsmål. Cannot be read: the file was not found."
    assert english_words(text) == ["cannot", "read", "the", "file", "was", "not", "found"]
    with pytest.raises(AssertionError, match="cannot"):
        assert_norwegian(text, "nn", "planted")


def test_the_operating_systems_english_is_known() -> None:
    # What lang must translate: the OS's own words behind «kan ikke leses».
    assert english_words("/tmp/x.toml: No such file or directory") == [
        "such",
        "file",
        "or",
        "directory",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Har leiinga sagt ja til mål, tid og arbeidsmåte for samskapinga?",
        "Ikke klare ennå – forbered dere internt først. Status: Ferdig · Plan · Team",
        "e Eksporter w Hvorfor? t Tiltak p Plan esc Lukk ? Hjelp ▏^p Meny",
        "På nynorsk · In English · Eksporter til Markdown",
        "Lagra i /home/kari/.local/share/cocreate/exports/team-2024-03-01-0900.md",
        "broken.json: ikke gyldig JSON (linje 1, kolonne 2)",
        "Samla: 40/100 · Svara: 83 % · 70,0 · 50 000 · 06.12.2026 12:30 (rapporten, 3.7)",
        # A session id: its letters between digits are no words (CI once read «add» here).
        "Vurdering 5add8a59a52843909c5d2d3ee226a954 · badge0cafe1",
    ],
)
def test_norwegian_text_passes(text: str) -> None:
    assert not_norwegian(text) == []


def test_english_number_and_date_formats_are_flagged() -> None:
    assert english_formats("Poeng 70.0 · samsvar 0.73 · endra 2026-12-06 · kapittel 3.7") == [
        "decimal point: 70.0",
        "decimal point: 0.73",
        "ISO date: 2026-12-06",
    ]


def test_every_allowed_word_would_otherwise_be_flagged() -> None:
    # An allowed word that no English text uses, or that a Norwegian text uses too, is dead
    # weight or a typo: the allow-list stays as short as the names that need it.
    english, norwegian = vocabularies()
    assert [word for word in ALLOWED if word not in english or word in norwegian] == []
    assert "the" in english_only() and "ikkje" not in english_only()
