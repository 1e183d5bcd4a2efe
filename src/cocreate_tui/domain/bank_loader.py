"""Load a question bank from a folder of TOML files and report every problem at once."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .bank_hash import MAX_BANK_FILE_BYTES, files_content_hash
from .bank_models import (
    AdviceRule,
    AnswerCondition,
    Bank,
    BankInfo,
    Change,
    Dimension,
    Lesson,
    Policy,
    Question,
    version_key,
)
from .bank_overlay import OVERLAY_DIR, apply_overlay, overlay_files, read_overlay
from .fileio import FileReadError
from .phrases import Phrase, Words, worded
from .problem_words import validation_problems
from .toml_reading import read_toml

"""A bank file larger than this is refused unread: real banks are a few hundred KB."""

TOP_LEVEL_KEYS = ("bank", "policy", "dimensions", "lessons", "questions", "changes")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a bank: where it is, which item (may be empty), and what is wrong."""

    file: str
    item: Words
    message: Phrase

    def text(self, lang: str) -> str:
        """«file: item: problem» in `lang` (the item left out when there is none)."""
        item = worded(self.item, lang)
        return (
            f"{self.file}: {item}: {self.message.text(lang)}"
            if item
            else (f"{self.file}: {self.message.text(lang)}")
        )

    def __str__(self) -> str:
        return self.text("en")


class BankError(Exception):
    """The bank cannot be used; `problems` lists everything found wrong."""

    def __init__(self, folder: Path, problems: list[Problem]) -> None:
        self.folder = folder
        self.problems = problems
        self.phrase = Phrase("msg_bank_problems", folder, len(problems))
        """«The question bank in … has N problems.», worded when shown."""
        super().__init__(str(self.phrase))


@dataclass
class _Item:
    """A validated item and the file it came from."""

    file: str
    model: Any


@dataclass
class _Collected:
    """Items gathered from every file, before cross-checking."""

    info: list[_Item] = field(default_factory=list)
    policy: list[_Item] = field(default_factory=list)
    dimensions: list[_Item] = field(default_factory=list)
    lessons: list[_Item] = field(default_factory=list)
    questions: list[_Item] = field(default_factory=list)
    changes: list[_Item] = field(default_factory=list)
    broken_ids: set[str] = field(default_factory=set)
    """Ids of items that failed validation: not reported again as unknown where cited."""


def load_bank(folder: Path) -> Bank:
    """Load and cross-check the bank in `folder`; raise BankError naming every problem."""
    problems: list[Problem] = []
    files = _bank_files(folder, problems)
    if not files:
        raise BankError(folder, problems)
    collected = _Collected()
    read = [(path.name, data) for path in files if (data := _read_toml(path, problems))]
    _apply_overlays(folder, [data for _, data in read], problems)
    for name, data in read:
        _collect(name, data, collected, problems)
    bank = _assemble(collected, files_content_hash(files), problems)
    if problems or bank is None:
        raise BankError(folder, problems)
    return bank


def _apply_overlays(folder: Path, files: list[dict[str, Any]], problems: list[Problem]) -> None:
    """Put the texts of every `lang/<code>.toml` into the bank's tables, before validation."""
    for path in overlay_files(folder):
        where = f"{OVERLAY_DIR}/{path.name}"
        overlay, found = read_overlay(path)
        if overlay is not None:
            found = apply_overlay(path.stem, overlay, files)
        problems.extend(Problem(where, item, message) for item, message in found)


def _bank_files(folder: Path, problems: list[Problem]) -> list[Path]:
    if not folder.exists():
        problems.append(Problem(str(folder), "", Phrase("os_not_found")))
        return []
    if not folder.is_dir():
        problems.append(Problem(str(folder), "", Phrase("bank_not_folder")))
        return []
    files = sorted(p for p in folder.glob("*.toml") if p.is_file())
    if not files:
        problems.append(Problem(str(folder), "", Phrase("bank_no_files")))
    return files


def _read_toml(path: Path, problems: list[Problem]) -> dict[str, Any] | None:
    try:
        return read_toml(path, MAX_BANK_FILE_BYTES, what="bank")
    except FileReadError as error:
        problems.append(Problem(path.name, "", error.reason))
    return None


def _collect(name: str, data: dict[str, Any], into: _Collected, problems: list[Problem]) -> None:
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            allowed = ", ".join(TOP_LEVEL_KEYS)
            problems.append(Problem(name, key, Phrase("bank_unknown_table", allowed=allowed)))
    if "bank" in data:
        _validate_one(name, lambda: "bank", data["bank"], BankInfo, into.info, problems)
    if "policy" in data:
        _validate_one(name, lambda: "policy", data["policy"], Policy, into.policy, problems)
    tables: tuple[tuple[str, type[BaseModel]], ...] = (
        ("dimensions", Dimension),
        ("lessons", Lesson),
        ("questions", Question),
        ("changes", Change),
    )
    for key, model in tables:
        if key not in data:
            continue
        entries = data[key]
        if not isinstance(entries, list):
            problems.append(Problem(name, key, Phrase("bank_array_of_tables", key=key)))
            continue
        target: list[_Item] = getattr(into, key)
        for index, entry in enumerate(entries):
            label = functools.partial(_entry_label, key, index, entry)
            valid = _validate_one(name, label, entry, model, target, problems)
            if not valid and isinstance(entry, dict) and isinstance(entry.get("id"), str):
                into.broken_ids.add(entry["id"])


def _entry_label(key: str, index: int, entry: object) -> Phrase:
    singular = key.removesuffix("s")
    if key == "changes" and isinstance(entry, dict) and isinstance(entry.get("question"), str):
        return item_label("change", f"{entry.get('version', '?')} {entry['question']}")
    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
        return item_label(singular, entry["id"])
    return item_label(singular, f"#{index + 1}")


def item_label(kind: str, name: str) -> Phrase:
    """An item of the bank as its kind and id: «spørsmål q1», «lærdom ta-tid»."""
    return Phrase(f"bank_item_{kind}", name=name)


def _validate_one(
    file: str,
    label: Callable[[], Words],
    raw: object,
    model: type[BaseModel],
    into: list[_Item],
    problems: list[Problem],
) -> bool:
    # `label` names the item only when there is a problem: a phrase is worded (in English) as
    # it is made, which every entry of a sound bank would pay for at each start.
    try:
        into.append(_Item(file, model.model_validate(raw)))
    except ValidationError as error:
        found = validation_problems(error.errors(include_url=False))
        where = label()
        problems.extend(Problem(file, where, message) for message in found)
        return False
    return True


def _assemble(c: _Collected, content_hash: str, problems: list[Problem]) -> Bank | None:
    info = _exactly_one(c.info, "bank", problems)
    policy = _exactly_one(c.policy, "policy", problems)
    for kind, items in (("dimension", c.dimensions), ("lesson", c.lessons)):
        _no_duplicates(kind, items, problems)
    _no_duplicates("question", c.questions, problems)
    dimensions = [item.model for item in c.dimensions]
    lessons = [item.model for item in c.lessons]
    _check_dimensions(dimensions, problems, c.dimensions)
    _check_questions(c.questions, c.dimensions, lessons, c.broken_ids, problems)
    _check_lessons_used(c.lessons, [item.model for item in c.questions], problems)
    if info is not None:
        _check_sources(info.model, c.lessons, problems)
        _check_stop_quotes(info.model, c.lessons, problems)
        _check_changes(info.model, c.changes, problems)
    if policy is not None:
        _check_policy(policy, dimensions, lessons, [item.model for item in c.questions], problems)
    if problems or info is None or policy is None:
        return None
    order = {dimension.id: index for index, dimension in enumerate(dimensions)}
    questions = sorted((item.model for item in c.questions), key=lambda q: order[q.dimension])
    return Bank(
        info=info.model,
        dimensions=dimensions,
        lessons=lessons,
        questions=questions,
        policy=policy.model,
        changes=[item.model for item in c.changes],
        content_hash=content_hash,
    )


def _exactly_one(items: list[_Item], table: str, problems: list[Problem]) -> _Item | None:
    if not items:
        problems.append(Problem("(bank)", table, Phrase("bank_no_table", table=table)))
        return None
    if len(items) > 1:
        files = ", ".join(item.file for item in items)
        problems.append(
            Problem(items[1].file, table, Phrase("bank_table_twice", table=table, files=files))
        )
    return items[0]


def _no_duplicates(kind: str, items: list[_Item], problems: list[Problem]) -> None:
    counts = Counter(item.model.id for item in items)
    seen: dict[str, str] = {}
    for item in items:
        if counts[item.model.id] > 1 and item.model.id in seen:
            problems.append(
                Problem(
                    item.file,
                    item_label(kind, item.model.id),
                    Phrase("bank_duplicate_id_in", file=seen[item.model.id]),
                )
            )
        seen.setdefault(item.model.id, item.file)


def _check_dimensions(dims: list[Dimension], problems: list[Problem], items: list[_Item]) -> None:
    if not any(d.kind == "readiness" for d in dims):
        problems.append(Problem("(bank)", "dimensions", Phrase("bank_no_readiness")))
    ambition = [item for item in items if item.model.kind == "ambition"]
    if len(ambition) > 1:
        problems.append(
            Problem(
                ambition[1].file,
                item_label("dimension", ambition[1].model.id),
                Phrase("bank_two_ambitions"),
            )
        )


def _check_questions(
    items: list[_Item],
    dims: list[_Item],
    lessons: list[Lesson],
    broken: set[str],
    problems: list[Problem],
) -> None:
    dimension_ids = {d.model.id for d in dims} | broken
    lesson_kinds: dict[str, str] = {lesson_id: "broken" for lesson_id in broken}
    lesson_kinds |= {lesson.id: lesson.kind for lesson in lessons}
    for item in items:
        question: Question = item.model
        found: list[Phrase] = []
        if question.dimension not in dimension_ids:
            found.append(Phrase("bank_unknown_dimension", dimension=question.dimension))
        for lesson_id in question.lessons:
            if lesson_id not in lesson_kinds:
                found.append(Phrase("bank_unknown_lesson", lesson=lesson_id))
        for rule in question.blockers:
            kind = lesson_kinds.get(rule.lesson)
            if kind is None:
                found.append(Phrase("bank_blocker_unknown_lesson", lesson=rule.lesson))
            elif kind not in ("blocker", "broken"):
                found.append(Phrase("bank_blocker_not_blocker", lesson=rule.lesson))
        if found:
            # Named only now: a phrase is worded as it is made, and most questions are sound.
            where = item_label("question", question.id)
            problems.extend(Problem(item.file, where, problem) for problem in found)
    used = Counter(item.model.dimension for item in items)
    for dim in dims:
        if used[dim.model.id] == 0:
            label = item_label("dimension", dim.model.id)
            problems.append(Problem(dim.file, label, Phrase("bank_no_questions")))


def _check_lessons_used(
    items: list[_Item], questions: list[Question], problems: list[Problem]
) -> None:
    cited = {lesson for q in questions for lesson in q.lessons}
    cited |= {rule.lesson for q in questions for rule in q.blockers}
    for item in items:
        if item.model.id not in cited:
            label = item_label("lesson", item.model.id)
            problems.append(Problem(item.file, label, Phrase("bank_lesson_unused")))


def _check_sources(info: BankInfo, items: list[_Item], problems: list[Problem]) -> None:
    # Every lesson must be traceable: its own source, or the bank's default one.
    for item in items:
        lesson: Lesson = item.model
        if lesson.source is not None and not lesson.source.strip():
            label = item_label("lesson", lesson.id)
            problems.append(Problem(item.file, label, Phrase("bank_source_blank")))


def _check_stop_quotes(info: BankInfo, items: list[_Item], problems: list[Problem]) -> None:
    # Only a finished bank must say, per blocker, which words of the report make it a stop.
    if not info.strict_blockers:
        return
    for item in items:
        lesson: Lesson = item.model
        if lesson.kind == "blocker" and lesson.stop_quote is None:
            label = item_label("lesson", lesson.id)
            problems.append(Problem(item.file, label, Phrase("bank_stop_quote_needed")))


def _check_changes(info: BankInfo, items: list[_Item], problems: list[Problem]) -> None:
    for item in items:
        change: Change = item.model
        if version_key(change.version) > version_key(info.version):
            label = item_label("change", f"{change.version} {change.question}")
            newer = Phrase("bank_change_newer", version=change.version, bank=info.version)
            problems.append(Problem(item.file, label, newer))


def _check_policy(
    item: _Item,
    dims: list[Dimension],
    lessons: list[Lesson],
    questions: list[Question],
    problems: list[Problem],
) -> None:
    policy: Policy = item.model
    kinds = {d.id: d.kind for d in dims}
    for dim_id in policy.dimension_weights:
        if kinds.get(dim_id) != "readiness":
            problems.append(
                Problem(
                    item.file,
                    "policy.dimension_weights",
                    Phrase("bank_weight_not_readiness", dimension=dim_id),
                )
            )
    if kinds.get(policy.ambition.dimension) != "ambition":
        problems.append(
            Problem(
                item.file,
                "policy.ambition",
                Phrase("bank_ambition_not_ambition", dimension=policy.ambition.dimension),
            )
        )
    by_id = {q.id: q for q in questions}
    lesson_ids = {lesson.id for lesson in lessons}
    for rule in policy.advice:
        _check_advice_rule(item.file, rule, by_id, lesson_ids, problems)
    seen = Counter(rule.id for rule in policy.advice)
    for rule_id, count in seen.items():
        if count > 1:
            label = f"policy.advice {rule_id}"
            problems.append(Problem(item.file, label, Phrase("bank_duplicate_id")))


def _check_advice_rule(
    file: str,
    rule: AdviceRule,
    questions: dict[str, Question],
    lesson_ids: set[str],
    problems: list[Problem],
) -> None:
    where = f"policy.advice {rule.id}"
    for lesson_id in rule.lessons:
        if lesson_id not in lesson_ids:
            problems.append(Problem(file, where, Phrase("bank_unknown_lesson", lesson=lesson_id)))
    for condition in [*rule.conditions, *rule.any_of]:
        _check_condition(file, where, condition, questions, problems)


def _check_condition(
    file: str,
    where: str,
    condition: AnswerCondition,
    questions: dict[str, Question],
    problems: list[Problem],
) -> None:
    question = questions.get(condition.question)
    if question is None:
        unknown = Phrase("bank_condition_unknown_question", question=condition.question)
        problems.append(Problem(file, where, unknown))
        return
    if condition.not_applicable and not question.not_applicable:
        problems.append(
            Problem(file, where, Phrase("bank_condition_no_not_applicable", question=question.id))
        )
    values = {option.value for option in question.options}
    for bound in (condition.at_most, condition.at_least):
        if bound is not None and bound not in values:
            no_option = Phrase("bank_condition_no_option", question=question.id, value=bound)
            problems.append(Problem(file, where, no_option))
