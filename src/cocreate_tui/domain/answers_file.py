"""Read an answers file (TOML or JSON) and check it against a bank, naming every problem."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .bank_models import Bank
from .fileio import FileReadError, read_capped
from .scoring import NOT_APPLICABLE, UNKNOWN, AnswerValue
from .text_safety import NOTE_MAX, clean_text

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
    """The answers file cannot be used; `problems` names each thing wrong."""

    def __init__(self, path: str, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(f"{path}: {len(problems)} {noun}")


def read_answers_file(path: Path, bank: Bank) -> AnswersFile:
    """Read `path` and check it against `bank`; raise AnswersFileError naming every problem."""
    try:
        raw = read_capped(path, MAX_ANSWERS_FILE_BYTES, what="answers file")
    except FileReadError as error:
        reason = f"cannot be read: {error.os_reason}" if error.os_reason else error.reason
        raise AnswersFileError(str(path), [reason]) from None
    return parse_answers(raw, str(path), bank)


def parse_answers(raw: bytes, name: str, bank: Bank) -> AnswersFile:
    """Parse the bytes of an answers file named `name` (its suffix picks TOML or JSON)."""
    data = _decode(raw, name)
    problems: list[str] = []
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            problems.append(f"unknown key '{key}'; expected: {', '.join(TOP_LEVEL_KEYS)}")
    answers = _answers(data.get("answers"), bank, problems)
    meta = _strings(data.get("meta", {}), "meta", problems, allowed=META_KEYS)
    notes = _strings(data.get("notes", {}), "notes", problems, allowed=None)
    for question_id in notes:
        if bank.question(question_id) is None:
            problems.append(f"notes.{question_id}: no such question in the bank")
    if problems:
        raise AnswersFileError(name, problems)
    return AnswersFile(answers=answers, meta=meta, notes=notes)


def _decode(raw: bytes, name: str) -> dict[str, Any]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AnswersFileError(name, ["is not UTF-8 text"]) from None
    as_json = name.lower().endswith(".json") or (
        not name.lower().endswith(".toml") and text.lstrip().startswith("{")
    )
    try:
        data = (
            json.loads(text, object_pairs_hook=_no_duplicates) if as_json else tomllib.loads(text)
        )
    except json.JSONDecodeError as error:
        raise AnswersFileError(name, [f"is not valid JSON: {error}"]) from None
    except tomllib.TOMLDecodeError as error:
        raise AnswersFileError(name, [f"is not valid TOML: {error}"]) from None
    except _DuplicateKeyError as error:
        raise AnswersFileError(name, [f"has the key '{error.key}' twice"]) from None
    except RecursionError:
        raise AnswersFileError(name, ["is nested too deeply"]) from None
    except ValueError:
        # An integer with thousands of digits: Python refuses to convert it.
        raise AnswersFileError(name, ["holds a number too long to read"]) from None
    if not isinstance(data, dict):
        raise AnswersFileError(name, ["must be a table/object with an 'answers' table"])
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


def _answers(raw: object, bank: Bank, problems: list[str]) -> dict[str, AnswerValue]:
    if raw is None:
        problems.append("has no 'answers' table")
        return {}
    if not isinstance(raw, dict):
        problems.append("'answers' must be a table mapping question id to a value")
        return {}
    answers: dict[str, AnswerValue] = {}
    for question_id, value in raw.items():
        question = bank.question(question_id)
        if question is None:
            problems.append(f"answers.{question_id}: no such question in the bank")
            continue
        choices = [option.value for option in question.options]
        words = (
            ' or "unknown"' if not question.not_applicable else ', "unknown" or "not_applicable"'
        )
        allowed = ", ".join(str(choice) for choice in choices) + words
        if value == UNKNOWN:
            answers[question_id] = UNKNOWN
        elif value == NOT_APPLICABLE and question.not_applicable:
            answers[question_id] = NOT_APPLICABLE
        elif value == NOT_APPLICABLE:
            problems.append(
                f"answers.{question_id}: this question does not offer «Gjelder ikke oss»;"
                f" use {allowed}"
            )
        elif isinstance(value, bool) or not isinstance(value, int):
            problems.append(f"answers.{question_id}: {value!r} is not a value; use {allowed}")
        elif value not in choices:
            problems.append(f"answers.{question_id}: {value} is not an option; use {allowed}")
        else:
            answers[question_id] = value
    return answers


def _strings(
    raw: object, table: str, problems: list[str], allowed: tuple[str, ...] | None
) -> dict[str, str]:
    if not isinstance(raw, dict):
        problems.append(f"'{table}' must be a table of texts")
        return {}
    result: dict[str, str] = {}
    for key, value in raw.items():
        if allowed is not None and key not in allowed:
            problems.append(f"{table}.{key}: unknown key; expected one of: {', '.join(allowed)}")
        elif not isinstance(value, str):
            problems.append(f"{table}.{key}: must be text, not {type(value).__name__}")
        elif len(text := clean_text(value)) > NOTE_MAX:
            problems.append(f"{table}.{key}: {len(text)} characters; at most {NOTE_MAX}")
        else:
            result[key] = text
    return result
