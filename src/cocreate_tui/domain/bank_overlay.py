"""A language's texts for the bank from `lang/<code>.toml`, an overlay keyed by item id.

Bokmål and English stay inline in the bank files, where the bank's authors write them side by
side; every further language is a file of its own, so a translator adds a language without
touching the bank (and the lead's rewrites of it never conflict with a translation).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .bank_hash import MAX_BANK_FILE_BYTES
from .bank_models import LANG_CODE
from .fileio import FileReadError
from .phrases import Phrase, Words
from .toml_reading import read_toml

OVERLAY_DIR = "lang"
"""The folder, inside a bank folder, that holds one overlay per language."""

Raw = dict[str, Any]
Found = list[tuple[Words, Phrase]]
"""What an overlay cannot place: (item, problem); the item is empty for the file itself."""


def overlay_files(folder: Path) -> list[Path]:
    """The overlays beside the bank in `folder`, in code order."""
    lang_dir = folder / OVERLAY_DIR
    if not lang_dir.is_dir():
        return []
    return sorted(p for p in lang_dir.glob("*.toml") if p.is_file())


def read_overlay(path: Path) -> tuple[Raw | None, Found]:
    """The overlay's tables, or None and (item, message) problems."""
    code = path.stem
    if not LANG_CODE.match(code):
        return None, [("", Phrase("problem_language_code", code=repr(code)))]
    try:
        data = read_toml(path, MAX_BANK_FILE_BYTES, what="bank")
    except FileReadError as error:
        return None, [("", error.reason)]
    declared = data.get("lang", {}).get("code", code)
    if declared != code:
        mismatch = Phrase("overlay_code_mismatch", declared=repr(declared), code=code)
        return None, [("lang", mismatch)]
    return data, []


def _by(entries: object, *keys: str) -> dict[tuple[str, ...], Raw]:
    if not isinstance(entries, list):
        return {}
    found: dict[tuple[str, ...], Raw] = {}
    for entry in entries:
        if isinstance(entry, dict) and all(isinstance(entry.get(k), str) for k in keys):
            found[tuple(entry[k] for k in keys)] = entry
    return found


class _Label:
    """An item's name as a key and its parts, made a phrase only when a problem names it: a
    phrase is worded as it is made, and most of an overlay's hundreds of items have none."""

    __slots__ = ("key", "parts")

    def __init__(self, key: str, **parts: object) -> None:
        self.key = key
        self.parts = parts

    def words(self) -> Phrase:
        parts = {k: v.words() if isinstance(v, _Label) else v for k, v in self.parts.items()}
        return Phrase(self.key, **parts)


Item = str | _Label
"""An item as an overlay names it: plain (`bank`, `policy level thin`) or a `_Label`."""


class _Applier:
    """Puts one overlay's texts into the raw bank tables, noting what it cannot place."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.problems: Found = []

    def problem(self, item: Item, problem: Phrase) -> None:
        self.problems.append((item.words() if isinstance(item, _Label) else item, problem))

    def text(self, target: Raw, field: str, value: object, item: Item) -> None:
        if not isinstance(value, str):
            self.problem(item, _at(field, Phrase("problem_text")))
        elif isinstance(target.get(field), dict):
            target[field][self.code] = value
        else:
            self.problem(item, _at(field, Phrase("overlay_no_such_text")))

    def fields(self, target: Raw | None, values: object, item: Item) -> None:
        if target is None:
            self.problem(item, Phrase("overlay_no_such_item"))
            return
        if not isinstance(values, dict):
            self.problem(item, Phrase("problem_table"))
            return
        for field, value in values.items():
            if field == "options":
                self.options(target, value, item)
            elif field == "law":
                self.laws(target, value, item)
            else:
                self.text(target, field, value, item)

    def options(self, question: Raw, labels: object, item: Item) -> None:
        options = question.get("options")
        if not isinstance(labels, list) or not isinstance(options, list):
            self.problem(item, _at("options", Phrase("overlay_list_of_texts")))
            return
        if len(labels) != len(options):
            counts = Phrase("overlay_option_count", given=len(labels), has=len(options))
            self.problem(item, _at("options", counts))
            return
        for index, (option, label) in enumerate(zip(options, labels, strict=True)):
            if isinstance(option, dict):
                where = _Label("bank_item_option", item=item, number=index + 1)
                self.text(option, "label", label, where)

    def laws(self, lesson: Raw, notes: object, item: Item) -> None:
        laws = _by(lesson.get("law"), "name")
        if not isinstance(notes, dict):
            self.problem(item, _at("law", Phrase("overlay_law_table")))
            return
        for name, note in notes.items():
            law = laws.get((name,))
            where = _Label("bank_item_law", item=item, name=name)
            if law is None:
                self.problem(where, Phrase("overlay_no_such_law"))
            else:
                self.text(law, "note", note, where)


def _at(field: str, problem: Phrase) -> Phrase:
    return Phrase("problem_at_field", field=field, problem=problem)


def apply_overlay(code: str, overlay: Raw, files: list[Raw]) -> Found:
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
            apply.problems.append((key, Phrase("overlay_unknown_table")))
    if "bank" in overlay:
        apply.fields(merged.get("bank"), overlay["bank"], "bank")
    for table in ("dimensions", "lessons", "questions"):
        items = _by(merged.get(table), "id")
        for item_id, values in overlay.get(table, {}).items():
            label = _Label(f"bank_item_{table.removesuffix('s')}", name=item_id)
            apply.fields(items.get((item_id,)), values, label)
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
            apply.fields(target, values, _Label("bank_item_change", name=f"{version} {question}"))
    return apply.problems
