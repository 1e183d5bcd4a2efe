"""Why a file cannot be read is said in the reader's language, Norwegian in both written forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from cocreate_tui.domain.errors import SessionFileError
from cocreate_tui.domain.phrases import Phrase, worded
from cocreate_tui.domain.session_files import read_session_file

from ..reliability.test_hostile_files import HOSTILE

ENGLISH_LEADS = ("not ", "no ", "unsupported", "cannot", "too large", "the file", "a symbolic")


@pytest.mark.parametrize("kind", list(HOSTILE))
@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_every_reason_a_hostile_file_gets_is_worded_in_norwegian(
    kind: str, lang: str, tmp_path: Path
) -> None:
    folder = tmp_path / "sessions"
    folder.mkdir()
    path = HOSTILE[kind](folder)
    with pytest.raises(SessionFileError) as raised:
        read_session_file(path)
    reason = raised.value.reason
    words = worded(reason, lang)
    assert words != reason
    assert not words.startswith(ENGLISH_LEADS)
    assert worded(reason, "en") == reason  # the English is the phrase as a string


def test_the_kind_of_json_found_is_named_in_norwegian() -> None:
    reason = Phrase("file_reason_not_session", kind0=Phrase("json_kind_an array"))
    assert reason == "not a session (expected a JSON object, found an array)"
    assert reason.text("nb") == "ikke en vurdering (ventet et JSON-objekt, fant en liste)"
    assert reason.text("nn") == "ikkje ei vurdering (venta eit JSON-objekt, fann ei liste)"


def test_a_plain_reason_is_shown_as_it_is() -> None:
    assert worded("something new", "nb") == "something new"
