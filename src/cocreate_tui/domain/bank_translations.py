"""Which texts of a bank are missing in which language, named by item, for `bank validate`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pydantic import BaseModel

from .bank_models import Bank, Text


def _label(model: BaseModel, field: str) -> str:
    """How an item is named in a message: its kind and id where it has one."""
    ident = getattr(model, "id", None)
    kind = type(model).__name__.lower()
    if kind in {"question", "lesson", "dimension"}:
        return f"{kind} {ident}"
    if kind == "bankinfo":
        return "bank"
    if kind == "advicerule":
        return f"policy advice {ident}"
    if kind == "change":
        return f"change {getattr(model, 'version', '')} {getattr(model, 'question', '')}"
    if kind == "lawref":
        return f"law {getattr(model, 'name', '')}"
    return field


def _texts(model: BaseModel, where: str) -> Iterator[tuple[str, Text]]:
    """Every Text inside `model`, with a readable path to it."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = value if isinstance(value, (list, tuple)) else [value]
        for index, item in enumerate(items):
            if isinstance(item, Text):
                yield f"{where}: {name}".lstrip(": "), item
            elif isinstance(item, BaseModel):
                label = _label(item, name)
                if name == "options":
                    label = f"option {index + 1}"
                elif label == name and isinstance(value, list):
                    label = f"{name} {index + 1}"
                inner = f"{where} {label}".strip() if not hasattr(item, "id") else label
                if type(item).__name__ == "LawRef":
                    inner = f"{where} {label}".strip()
                yield from _texts(item, inner)


def bank_texts(bank: Bank) -> list[tuple[str, Text]]:
    """Every translatable text of the bank with where it stands, in bank order."""
    return list(_texts(bank, ""))


def missing_translations(bank: Bank, languages: Sequence[str]) -> dict[str, list[str]]:
    """For each language, the texts the bank lacks in it (empty lists left out)."""
    texts = bank_texts(bank)
    missing = {lang: [where for where, text in texts if not text.has(lang)] for lang in languages}
    return {lang: found for lang, found in missing.items() if found}
