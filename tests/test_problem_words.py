"""What the libraries report (OS, TOML, JSON, pydantic) is worded plainly, in every language."""

from __future__ import annotations

import errno
import json
import re
import tomllib
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails

from cocreate_tui import i18n
from cocreate_tui.domain.phrases import Phrase, PhraseValueError, dump, load, worded
from cocreate_tui.domain.problem_words import (
    VALIDATION_REASONS,
    json_reason,
    os_reason,
    toml_reason,
    toml_reason_from_message,
    validation_problem,
    validation_problems,
)

# --- OS errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "key", "nynorsk"),
    [
        (errno.ENOENT, "os_not_found", "finst ikkje"),
        (errno.EACCES, "os_no_permission", "du har ikkje tilgang"),
        (errno.EPERM, "os_no_permission", "du har ikkje tilgang"),
        (errno.EISDIR, "os_is_folder", "er ei mappe, ikkje ei fil"),
        (errno.ENOTDIR, "os_not_folder", "ein del av stien er ikkje ei mappe"),
        (errno.ENOSPC, "os_disk_full", "det er ikkje meir plass på disken"),
        (errno.EROFS, "os_read_only", "disken kan berre lesast, ikkje skrivast til"),
        (errno.EADDRINUSE, "os_address_in_use", "adressa er allereie i bruk"),
    ],
)
def test_an_os_error_is_named_in_plain_words(number: int, key: str, nynorsk: str) -> None:
    reason = os_reason(OSError(number, "the operating system's English"))
    assert reason.key == key
    assert reason.text("nn").startswith(nynorsk)
    assert "English" not in reason.text("nb")


def test_an_os_error_without_plain_words_is_named_by_its_symbol_not_its_english() -> None:
    reason = os_reason(OSError(errno.EXDEV, "Invalid cross-device link"))
    assert reason.key == "os_other"
    assert reason.text("nb") == "uventet feil fra systemet (EXDEV)"
    assert reason.text("nn") == "uventa feil frå systemet (EXDEV)"
    assert os_reason(OSError("no errno at all")).text("nn") == "uventa feil frå systemet (OSError)"


def test_a_real_missing_file_is_not_found() -> None:
    with pytest.raises(OSError) as raised:
        open("/nonexistent/for/sure.toml", encoding="utf-8")  # noqa: SIM115
    assert os_reason(raised.value).text("nb") == "finnes ikke"


# --- TOML and JSON ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "nb"),
    [
        # Python 3.11–3.13 put the position only in the message.
        ("Invalid value (at line 3, column 5)", "ikke gyldig TOML (linje 3, kolonne 5)"),
        ("Expected ']' at the end of a table declaration (at line 12, column 1)", "linje 12"),
        ("Invalid value (at end of document)", "ikke gyldig TOML (feilen er på slutten av filen)"),
        ("Something new without a position", "ikke gyldig TOML"),
    ],
)
def test_the_toml_position_is_read_from_the_message(message: str, nb: str) -> None:
    reason = toml_reason(tomllib.TOMLDecodeError(message))
    assert nb in reason.text("nb")
    assert "Invalid" not in reason.text("nn") and "Expected" not in reason.text("nn")


def test_the_toml_position_attributes_win_where_python_has_them() -> None:
    # Python 3.14 gives `lineno` and `colno` (and words the message the same way).
    error = tomllib.TOMLDecodeError("Invalid value (at line 1, column 1)")
    error.lineno, error.colno = 7, 2  # type: ignore[attr-defined]
    assert toml_reason(error).text("nn") == "ikkje gyldig TOML (linje 7, kolonne 2)"


def test_a_real_toml_error_names_line_and_column() -> None:
    with pytest.raises(tomllib.TOMLDecodeError) as raised:
        tomllib.loads('a = 1\nb = "open\n')
    reason = toml_reason(raised.value)
    assert reason == toml_reason_from_message(str(raised.value))
    assert reason.text("nb").startswith("ikke gyldig TOML (linje 2, kolonne")


def test_a_json_error_names_line_and_column() -> None:
    with pytest.raises(json.JSONDecodeError) as raised:
        json.loads('{\n  "a": nope}')
    assert json_reason(raised.value).text("nn") == "ikkje gyldig JSON (linje 2, kolonne 8)"


# --- pydantic ---------------------------------------------------------------------------------


class _Sample(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, Field(min_length=1, max_length=5)]
    count: Annotated[int, Field(ge=1, le=10)]
    kind: Literal["readiness", "ambition"]
    share: Annotated[float, Field(ge=0, le=0.6)] = 0.0
    tags: list[str] = []

    @field_validator("tags")
    @classmethod
    def _no_x(cls, tags: list[str]) -> list[str]:
        if "x" in tags:
            raise PhraseValueError(Phrase("problem_blank"))
        return tags


def _problems(data: object) -> dict[str, Phrase]:
    with pytest.raises(ValidationError) as raised:
        _Sample.model_validate(data)
    found = validation_problems(raised.value.errors(include_url=False))
    return {str(problem.params.get("field", "")): problem for problem in found}


def test_each_pydantic_error_type_gets_plain_words_with_the_fields_path() -> None:
    found = _problems({"name": "", "count": "many", "kind": "thick", "colour": 1, "share": 0.9})
    nb = {field: problem.text("nb") for field, problem in found.items()}
    assert nb == {
        "name": "name: er tom",
        "count": "count: må være et heltall",
        "kind": "kind: må være en av disse: 'readiness', 'ambition'",
        "colour": "colour: ukjent felt; sjekk stavemåten",
        "share": "share: må være høyst 0,6",
    }
    assert found["count"].text("nn") == "count: må vere eit heiltal"


def test_missing_wrong_type_and_limits() -> None:
    found = _problems({"name": "abcdefgh", "count": 0, "tags": "a"})
    assert found["name"].text("nn") == "name: er for lang (høgst 5 teikn)"
    assert found["count"].text("nb") == "count: må være minst 1"
    assert found["kind"].text("nn") == "kind: manglar"
    assert found["tags"].text("nb") == "tags: må være en liste"


def test_a_validators_own_phrase_is_kept() -> None:
    found = _problems({"name": "a", "count": 1, "kind": "ambition", "tags": ["x"]})
    assert found["tags"].text("nn") == "tags: er tom"


def test_an_unknown_error_type_falls_back_to_plain_words() -> None:
    detail: ErrorDetails = {
        "type": "some_future_type",
        "loc": ("questions", 0, "url"),
        "msg": "Input should be something else entirely",
        "input": "x",
    }
    assert "some_future_type" not in VALIDATION_REASONS
    problem = validation_problem(detail)
    assert problem.text("nb") == "questions.0.url: har en verdi som ikke kan brukes her"
    assert "Input" not in problem.text("nn")


def test_every_mapped_error_type_has_words_in_every_language() -> None:
    for key in {*VALIDATION_REASONS.values(), "problem_value", "problem_at_field"}:
        for lang in i18n.languages():
            assert key in i18n.catalogue(lang), (lang, key)


# --- phrases ----------------------------------------------------------------------------------


def test_a_phrase_is_its_english_and_words_itself_in_any_language() -> None:
    reason = Phrase("file_unreadable", reason=Phrase("os_no_permission"))
    assert reason == "cannot be read: permission denied"
    assert reason.text("nb") == "kan ikke leses: du har ikke tilgang"
    assert reason.text("nn") == "kan ikkje lesast: du har ikkje tilgang"
    assert worded(reason, "nn") == reason.text("nn")
    assert worded("plain text", "nn") == "plain text"


def test_lists_numbers_and_moments_are_worded_in_the_language() -> None:
    moment = datetime(2026, 12, 6, 11, 30, tzinfo=UTC)
    phrase = Phrase("lock_where", pid=12, host="vm", since=moment)
    assert f"{moment.astimezone():%d.%m.%Y %H:%M}" in phrase.text("nn")
    problems = Phrase("file_reason_format", [Phrase("problem_missing"), Phrase("problem_text")])
    assert problems.text("nn") == "innhaldet stemmer ikkje med formatet: manglar; må vere ein tekst"
    assert Phrase("problem_at_most", limit=2.5).text("nb") == "må være høyst 2,5"
    assert Phrase("problem_at_most", limit=2.5) == "must be at most 2.5"


def test_a_stored_phrase_comes_back_whole() -> None:
    reason = Phrase(
        "file_reason_format",
        [Phrase("problem_at_field", field="id", problem=Phrase("problem_missing"))],
    )
    stored = dump(reason)
    back = load(stored)
    assert isinstance(back, Phrase)
    assert back.text("nn") == reason.text("nn")
    assert load("an older index's English reason") == "an older index's English reason"
    assert load('{"phrase": broken') == '{"phrase": broken'


# --- every phrase the code raises has words in every language ---------------------------------

SOURCE = Path(__file__).resolve().parents[1] / "src" / "cocreate_tui"
DYNAMIC = {
    # Keys built from a part (f"bank_item_{kind}" …): each family, every member.
    "bank_item_": ("dimension", "lesson", "question", "change", "option", "law"),
    "file_kind_": ("session", "answers", "bank", "lock", "file"),
    "lock_change_": ("saved", "trashed"),
    "json_kind_": ("an object", "an array", "true or false", "a number", "null"),
    "round_state_": ("answering", "revealed", "agreed"),
}


def test_every_phrase_in_the_code_has_words_in_every_language() -> None:
    literal = re.compile(r'Phrase\(\s*"([a-z0-9_]+)"')
    keys = {key for path in SOURCE.rglob("*.py") for key in literal.findall(path.read_text())}
    keys |= {prefix + part for prefix, parts in DYNAMIC.items() for part in parts}
    assert len(keys) > 150
    for lang in i18n.languages():
        missing = sorted(key for key in keys if key not in i18n.catalogue(lang))
        assert not missing, (lang, missing)


def test_a_pattern_mismatch_says_what_the_field_takes() -> None:
    from cocreate_tui.domain.bank_models import LawRef

    with pytest.raises(ValidationError) as raised:
        LawRef.model_validate(
            {"name": "Tolkeloven", "year": 2022, "url": "http://x", "note": {"nb": "a", "en": "a"}}
        )
    [problem] = validation_problems(raised.value.errors(include_url=False))
    assert problem.text("nn") == "url: må vere ei nettadresse som byrjar med https://"
    unknown: ErrorDetails = {
        "type": "string_pattern_mismatch",
        "loc": ("code",),
        "msg": "String should match pattern '^x$'",
        "input": "y",
        "ctx": {"pattern": "^x$"},
    }
    assert validation_problem(unknown).text("nb") == (
        "code: har tegn eller en form som ikke er lov her"
    )
