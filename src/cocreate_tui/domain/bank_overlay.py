"""A language's texts for the bank from `lang/<code>.toml`, an overlay keyed by item id.

Bokmål and English stay inline in the bank files, where the bank's authors write them side by
side; every further language is a file of its own, so a translator adds a language without
touching the bank (and the lead's rewrites of it never conflict with a translation).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from .bank_hash import MAX_BANK_FILE_BYTES
from .bank_models import LANG_CODE
from .fileio import FileReadError, read_capped

OVERLAY_DIR = "lang"
"""The folder, inside a bank folder, that holds one overlay per language."""

Raw = dict[str, Any]


def overlay_files(folder: Path) -> list[Path]:
    """The overlays beside the bank in `folder`, in code order."""
    lang_dir = folder / OVERLAY_DIR
    if not lang_dir.is_dir():
        return []
    return sorted(p for p in lang_dir.glob("*.toml") if p.is_file())


def read_overlay(path: Path) -> tuple[Raw | None, list[tuple[str, str]]]:
    """The overlay's tables, or None and (item, message) problems."""
    code = path.stem
    if not LANG_CODE.match(code):
        return None, [("file", f"{code!r} is not a language code (two or three letters)")]
    try:
        data = tomllib.loads(read_capped(path, MAX_BANK_FILE_BYTES, what="bank file").decode())
    except FileReadError as error:
        reason = f"cannot be read: {error.os_reason}" if error.os_reason else error.reason
        return None, [("file", reason)]
    except RecursionError:
        return None, [("file", "is nested too deeply to be a question bank")]
    except UnicodeDecodeError as error:
        return None, [("file", f"is not UTF-8 text ({error.reason})")]
    except tomllib.TOMLDecodeError as error:
        return None, [("file", f"is not valid TOML: {error}")]
    except OSError as error:
        return None, [("file", f"cannot be read: {error.strerror}")]
    declared = data.get("lang", {}).get("code", code)
    if declared != code:
        return None, [("lang", f"code {declared!r} does not match the file name ({code})")]
    return data, []


def _by(entries: object, *keys: str) -> dict[tuple[str, ...], Raw]:
    if not isinstance(entries, list):
        return {}
    found: dict[tuple[str, ...], Raw] = {}
    for entry in entries:
        if isinstance(entry, dict) and all(isinstance(entry.get(k), str) for k in keys):
            found[tuple(entry[k] for k in keys)] = entry
    return found


class _Applier:
    """Puts one overlay's texts into the raw bank tables, noting what it cannot place."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.problems: list[tuple[str, str]] = []

    def text(self, target: Raw, field: str, value: object, item: str) -> None:
        if not isinstance(value, str):
            self.problems.append((item, f"{field}: must be a text"))
        elif isinstance(target.get(field), dict):
            target[field][self.code] = value
        else:
            self.problems.append((item, f"{field}: the bank has no such text"))

    def fields(self, target: Raw | None, values: object, item: str) -> None:
        if target is None:
            self.problems.append((item, "no such item in the bank"))
            return
        if not isinstance(values, dict):
            self.problems.append((item, "must be a table"))
            return
        for field, value in values.items():
            if field == "options":
                self.options(target, value, item)
            elif field == "law":
                self.laws(target, value, item)
            else:
                self.text(target, field, value, item)

    def options(self, question: Raw, labels: object, item: str) -> None:
        options = question.get("options")
        if not isinstance(labels, list) or not isinstance(options, list):
            self.problems.append((item, "options: must be a list of texts"))
            return
        if len(labels) != len(options):
            self.problems.append(
                (item, f"options: {len(labels)} given, the question has {len(options)}")
            )
            return
        for index, (option, label) in enumerate(zip(options, labels, strict=True)):
            if isinstance(option, dict):
                self.text(option, "label", label, f"{item} option {index + 1}")

    def laws(self, lesson: Raw, notes: object, item: str) -> None:
        laws = _by(lesson.get("law"), "name")
        if not isinstance(notes, dict):
            self.problems.append((item, "law: must be a table of law name = note"))
            return
        for name, note in notes.items():
            law = laws.get((name,))
            if law is None:
                self.problems.append((item, f"law {name!r}: the lesson cites no such law"))
            else:
                self.text(law, "note", note, f"{item} law {name}")


def apply_overlay(code: str, overlay: Raw, files: list[Raw]) -> list[tuple[str, str]]:
    """Put `overlay`'s texts for `code` into the raw bank `files`; return what cannot be placed."""
    merged: dict[str, Any] = {}
    for data in files:
        for key, value in data.items():
            if isinstance(value, list):
                merged.setdefault(key, []).extend(value)
            else:
                merged.setdefault(key, value)
    apply = _Applier(code)
    for key in overlay:
        if key not in ("lang", "bank", "dimensions", "lessons", "questions", "policy", "changes"):
            apply.problems.append((key, "unknown table"))
    if "bank" in overlay:
        apply.fields(merged.get("bank"), overlay["bank"], "bank")
    for table in ("dimensions", "lessons", "questions"):
        items = _by(merged.get(table), "id")
        for item_id, values in overlay.get(table, {}).items():
            apply.fields(items.get((item_id,)), values, f"{table.removesuffix('s')} {item_id}")
    policy = merged.get("policy") if isinstance(merged.get("policy"), dict) else {}
    assert isinstance(policy, dict)
    for level, values in overlay.get("policy", {}).get("levels", {}).items():
        apply.fields(policy.get("levels", {}).get(level), values, f"policy level {level}")
    if "ambition" in overlay.get("policy", {}):
        apply.fields(policy.get("ambition"), overlay["policy"]["ambition"], "policy ambition")
    rules = _by(policy.get("advice"), "id")
    for rule_id, values in overlay.get("policy", {}).get("advice", {}).items():
        apply.fields(rules.get((rule_id,)), values, f"policy advice {rule_id}")
    changes = _by(merged.get("changes"), "version", "question")
    for version, questions in overlay.get("changes", {}).items():
        for question, values in questions.items():
            target = changes.get((version, question))
            apply.fields(target, values, f"change {version} {question}")
    return apply.problems
