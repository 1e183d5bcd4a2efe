"""Read an answers file (TOML or JSON) and check it against a bank, naming every problem."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .bank_models import Bank
from .fileio import FileReadError, read_capped
from .phrases import Phrase
from .problem_words import json_reason
from .scoring import NOT_APPLICABLE, UNKNOWN, AnswerValue
from .text_safety import NOTE_MAX, clean_text
from .toml_reading import parse_toml

MAX_ANSWERS_FILE_BYTES = 5_000_000
TOP_LEVEL_KEYS = ("answers", "meta", "notes")
META_KEYS = ("team", "organisation", "service_area", "respondent", "role", "mode", "phase")


@dataclass(frozen=True)
class AnswersFile:
    """A parsed, checked answers file."""

    answers: dict[str, AnswerValue]
    meta: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)


class AnswersFileError(Exception):
    """The answers file cannot be used; `problems` names each thing wrong (`Phrase.text`)."""

    def __init__(self, path: str, problems: list[Phrase]) -> None:
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: " + "; ".join(map(str, problems)))


def read_answers_file(path: Path, bank: Bank) -> AnswersFile:
    """Read `path` and check it against `bank`; raise AnswersFileError naming every problem."""
    try:
        raw = read_capped(path, MAX_ANSWERS_FILE_BYTES, what="answers")
    except FileReadError as error:
        raise AnswersFileError(str(path), [error.reason]) from None
    return parse_answers(raw, str(path), bank)


def parse_answers(raw: bytes, name: str, bank: Bank) -> AnswersFile:
    """Parse the bytes of an answers file named `name` (its suffix picks TOML or JSON)."""
    data = _decode(raw, name)
    problems: list[Phrase] = []
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            allowed = ", ".join(TOP_LEVEL_KEYS)
            problems.append(Phrase("answers_unknown_key", key=key, allowed=allowed))
    answers = _answers(data.get("answers"), bank, problems)
    meta = _strings(data.get("meta", {}), "meta", problems, allowed=META_KEYS)
    notes = _strings(data.get("notes", {}), "notes", problems, allowed=None)
    for question_id in notes:
        if bank.question(question_id) is None:
            problems.append(_at(f"notes.{question_id}", Phrase("answers_no_question")))
    if problems:
        raise AnswersFileError(name, problems)
    return AnswersFile(answers=answers, meta=meta, notes=notes)


def _decode(raw: bytes, name: str) -> dict[str, Any]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise AnswersFileError(name, [Phrase("problem_not_utf8", position=error.start)]) from None
    as_json = name.lower().endswith(".json") or (
        not name.lower().endswith(".toml") and text.lstrip().startswith("{")
    )
    try:
        data = (
            json.loads(text, object_pairs_hook=_no_duplicates)
            if as_json
            else parse_toml(text, Path(name))
        )
    except FileReadError as error:
        raise AnswersFileError(name, [error.reason]) from None
    except json.JSONDecodeError as error:
        raise AnswersFileError(name, [json_reason(error)]) from None
    except _DuplicateKeyError as error:
        raise AnswersFileError(name, [Phrase("answers_key_twice", key=error.key)]) from None
    except RecursionError:
        raise AnswersFileError(name, [Phrase("problem_too_deep")]) from None
    except ValueError:
        # An integer with thousands of digits: Python refuses to convert it.
        raise AnswersFileError(name, [Phrase("answers_number_too_long")]) from None
    if not isinstance(data, dict):
        raise AnswersFileError(name, [Phrase("answers_not_table")])
    return data


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # JSON allows a key twice and keeps the last; an answers file that does is a mistake that
    # would silently drop an answer, as TOML already refuses it.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(key)
        result[key] = value
    return result


def _at(field: str, problem: Phrase) -> Phrase:
    return Phrase("problem_at_field", field=field, problem=problem)


def _answers(raw: object, bank: Bank, problems: list[Phrase]) -> dict[str, AnswerValue]:
    if raw is None:
        problems.append(Phrase("answers_no_table"))
        return {}
    if not isinstance(raw, dict):
        problems.append(Phrase("answers_table_of_values"))
        return {}
    answers: dict[str, AnswerValue] = {}
    for question_id, value in raw.items():
        field = f"answers.{question_id}"
        question = bank.question(question_id)
        if question is None:
            problems.append(_at(field, Phrase("answers_no_question")))
            continue
        choices = [option.value for option in question.options]
        values = ", ".join(str(choice) for choice in choices)
        allowed = Phrase(
            "answers_allowed_not_applicable" if question.not_applicable else "answers_allowed",
            values=values,
        )
        if value == UNKNOWN:
            answers[question_id] = UNKNOWN
        elif value == NOT_APPLICABLE and question.not_applicable:
            answers[question_id] = NOT_APPLICABLE
        elif value == NOT_APPLICABLE:
            problems.append(_at(field, Phrase("answers_no_not_applicable", allowed=allowed)))
        elif isinstance(value, bool) or not isinstance(value, int):
            shown = json.dumps(value, ensure_ascii=False)[:40]
            problems.append(_at(field, Phrase("answers_not_value", value=shown, allowed=allowed)))
        elif value not in choices:
            problems.append(_at(field, Phrase("answers_not_option", value=value, allowed=allowed)))
        else:
            answers[question_id] = value
    return answers


def _strings(
    raw: object, table: str, problems: list[Phrase], allowed: tuple[str, ...] | None
) -> dict[str, str]:
    if not isinstance(raw, dict):
        problems.append(_at(table, Phrase("answers_table_of_texts")))
        return {}
    result: dict[str, str] = {}
    for key, value in raw.items():
        field = f"{table}.{key}"
        if allowed is not None and key not in allowed:
            unknown = Phrase("answers_unknown_meta", allowed=", ".join(allowed))
            problems.append(_at(field, unknown))
        elif not isinstance(value, str):
            problems.append(_at(field, Phrase("problem_text")))
        elif len(text := clean_text(value)) > NOTE_MAX:
            long = Phrase("answers_too_long", length=len(text), most=NOTE_MAX)
            problems.append(_at(field, long))
        else:
            result[key] = text
    return result
