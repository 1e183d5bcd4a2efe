"""Every UI string exists in every language's catalogue, and every key any code uses exists."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path
from typing import get_args

import pytest

from cocreate_tui.domain.bank_models import LevelId
from cocreate_tui.domain.sessions import Mode, Phase, Status
from cocreate_tui.i18n import catalogue, languages, t

NB = catalogue("nb")
"""The bokmål catalogue: the source every other language translates."""

SOURCE = Path(__file__).resolve().parents[2] / "src" / "cocreate_tui"
SOURCE_FILES = sorted(path for path in SOURCE.rglob("*.py") if path.name != "i18n.py")
"""Everything that may call the catalogue: the wizard, exports, commands, console views, web."""
LOOKUPS = {"t", "tr", "_tr", "translate"}
"""Functions and methods that look up an i18n key given as their first string argument."""
KEY_PREFIXES = (
    "key_",
    "cmd_",
    "q_",
    "meta_",
    "start_",
    "review_",
    "results_",
    "intro_",
    "about_",
    "help_",
    "saved_",
    "export_",
    "why_",
    "md_",
)
"""Strings with these prefixes, wherever they appear in the UI code, are i18n keys."""


def _action_strings(tree: ast.AST) -> set[int]:
    # The action of a Binding (its second argument) is not a key, e.g. "help_quit"; nor is a
    # name looked up or stored in a dict, e.g. an export's JSON field "saved_session".
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Binding":
            ids.update(id(arg) for arg in node.args[1:2])
        elif isinstance(node, ast.Subscript):
            ids.add(id(node.slice))
    return ids


def used_keys() -> dict[str, str]:
    """Every literal i18n key in the source, with the file that uses it."""
    found: dict[str, str] = {}
    for path in SOURCE_FILES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        actions = _action_strings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                arguments = node.args[1:2] if name == "translate" else node.args[:1]
                if name in LOOKUPS:
                    for argument in arguments:
                        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                            found[argument.value] = path.name
            elif (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in actions
                and node.value.startswith(KEY_PREFIXES)
                and re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)+", node.value)
            ):
                found[node.value] = path.name
    return found


def test_the_scan_finds_the_keys_it_should() -> None:
    keys = used_keys()
    assert {"key_answer", "cmd_new", "intro_what_body", "md_source", "report_ref"} <= set(keys)
    assert "help_quit" not in keys  # an action, not a key
    assert len(keys) > 150


def test_every_key_used_anywhere_in_src_exists() -> None:
    missing = {key: file for key, file in used_keys().items() if key not in NB}
    assert not missing


@pytest.mark.parametrize(
    ("prefix", "values"),
    [
        ("phase_", get_args(Phase)),
        ("saved_phase_", get_args(Phase)),
        ("mode_", get_args(Mode)),
        ("meta_mode_", get_args(Mode)),
        ("status_", get_args(Status)),
    ],
)
def test_keys_built_from_values_exist(prefix: str, values: tuple[str, ...]) -> None:
    assert values
    assert all(f"{prefix}{value}" in NB for value in values)


def test_levels_are_named_by_the_bank_not_here() -> None:
    # The verdict's words are data (policy.toml); the UI only adds the heading.
    assert get_args(LevelId) == ("not_ready", "strengthen", "thin", "thick", "undetermined")


def test_the_shipped_languages_are_found_in_the_catalogues() -> None:
    assert languages()[:1] == ("nb",)
    assert {"nb", "nn", "en"} <= set(languages())


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_every_string_is_in_every_shipped_language(lang: str) -> None:
    texts = catalogue(lang)
    missing = sorted(set(NB) - {key for key, text in texts.items() if text})
    assert not missing
    assert all(t(key, lang) == text for key, text in texts.items())


@pytest.mark.parametrize("lang", ["nn", "en"])
def test_every_language_has_the_bokmal_placeholders(lang: str) -> None:
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}

    texts = catalogue(lang)
    differing = [key for key, nb in NB.items() if fields(nb) != fields(texts.get(key, nb))]
    assert not differing


def test_norwegian_speaks_of_citizens_not_users() -> None:
    # «innbyggere», never «brukere»: the report's own advice on language (Appendiks 1).
    # (The verb «bruker», as in «de som bruker tjenestene», is fine.)
    noun = re.compile(r"\bbruker(e|ne|en)\b", re.IGNORECASE)
    offenders = [key for key in used_keys() if noun.search(NB[key])]
    assert not offenders
