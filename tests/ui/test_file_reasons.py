"""Why a file cannot be read is said in Norwegian in the Norwegian interface."""

from __future__ import annotations

from pathlib import Path

import pytest

from cocreate_tui.domain.errors import SessionFileError
from cocreate_tui.domain.file_reasons import reason_words
from cocreate_tui.domain.session_files import read_session_file

from ..reliability.test_hostile_files import HOSTILE

ENGLISH_LEADS = ("not ", "no ", "unsupported", "cannot", "too large", "the file", "a symbolic")


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_every_reason_a_hostile_file_gets_is_worded_in_norwegian(kind: str, tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    folder.mkdir()
    path = HOSTILE[kind](folder)
    with pytest.raises(SessionFileError) as raised:
        read_session_file(path)
    reason = raised.value.reason
    words = reason_words(reason, "nb")
    assert words != reason
    assert not words.startswith(ENGLISH_LEADS)
    assert reason_words(reason, "en") == reason  # English stays as the domain words it


def test_the_kind_of_json_found_is_named_in_norwegian() -> None:
    reason = "not a session (expected a JSON object, found an array)"
    assert reason_words(reason, "nb") == "ikke en vurdering (ventet et JSON-objekt, fant en liste)"


def test_a_reason_not_in_the_table_is_shown_as_it_is() -> None:
    assert reason_words("something new", "nb") == "something new"
