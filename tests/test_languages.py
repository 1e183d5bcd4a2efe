"""Languages as data: PO catalogues, bank overlays, a language added from files alone."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cocreate_tui import i18n, po
from cocreate_tui.domain.bank_loader import BankError, load_bank
from cocreate_tui.domain.bank_location import shipped_bank_dir
from cocreate_tui.domain.bank_translations import missing_translations
from cocreate_tui.domain.settings import saved_language

from .platform_guards import assert_private
from .test_cli import run

ROOT = Path(__file__).resolve().parents[1]
LOCALES = Path(i18n.LOCALES_DIR)


@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1))
def test_any_text_survives_a_po_round_trip(text: str) -> None:
    entry = po.Entry("some_key", text, text + "!")
    back = po.parse(po.render(po.Catalogue({"Language": "xx"}, [entry])))
    assert [(e.key, e.source, e.text) for e in back.entries] == [("some_key", text, text + "!")]
    assert back.header["Language"] == "xx"


_ENTRIES = st.lists(
    st.tuples(
        st.from_regex(r"[a-z_]{1,12}", fullmatch=True),
        st.text(st.characters(blacklist_categories=("Cs",))),
        st.text(st.characters(blacklist_categories=("Cs",))),
        st.booleans(),
    ),
    unique_by=lambda entry: entry[0],
)


@given(_ENTRIES)
def test_the_quick_reader_reads_what_the_parser_reads(
    entries: list[tuple[str, str, str, bool]],
) -> None:
    text = po.render(
        po.Catalogue(
            {"Language": "xx"},
            [po.Entry(key, source, text, fuzzy) for key, source, text, fuzzy in entries],
        )
    )
    quick = po.quick_texts(text)
    # Fuzzy entries and carriage returns are left to the parser; all else is read alike.
    if any(fuzzy for *_, fuzzy in entries) or "\r" in text:
        assert quick is None
    else:
        assert quick == po.parse(text).texts()


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_shipped_catalogues_are_read_quickly_and_alike(lang: str) -> None:
    text = (LOCALES / f"{lang}.po").read_text(encoding="utf-8")
    assert po.quick_texts(text) == po.parse(text).texts()
    i18n.reset()
    assert i18n.catalogue(lang) == po.parse(text).texts()


def test_a_catalogue_the_quick_reader_does_not_expect_is_left_to_the_parser() -> None:
    no_key = 'msgid ""\nmsgstr ""\n\nmsgid "A"\nmsgstr "a"\n'
    stray = 'msgctxt "a"\nmsgid "A"\nmsgstr "a"\n\nmsgctxt "b"\nmsgfoo "B"\nmsgstr "b"\n'
    assert po.quick_texts(no_key) is None and po.quick_texts(stray) is None


def test_own_words_are_the_catalogues_words_without_reading_it_whole() -> None:
    i18n.reset()
    keys = [
        entry.key
        for entry in po.read(LOCALES / "nn.po").entries
        if entry.key != entry.source and entry.text  # found by its context (msgctxt)
    ][:20]
    assert "language_menu" in [e.key for e in po.read(LOCALES / "nn.po").entries]
    for lang in i18n.languages():
        for key in ["language_menu", *keys]:
            assert i18n.own_words(key, lang) == i18n.t(key, lang), (lang, key)
    i18n.reset()
    for lang in i18n.languages():
        i18n.own_words("language_menu", lang)
    assert i18n.catalogue.cache_info().currsize == 0  # no catalogue read whole


def test_a_broken_catalogue_names_its_line() -> None:
    with pytest.raises(po.PoError, match=r"xx.po:2: unknown keyword 'msgfoo'"):
        po.parse('msgctxt "a"\nmsgfoo "b"\n', "xx.po")


def test_fuzzy_and_empty_translations_count_as_missing() -> None:
    text = 'msgctxt "a"\nmsgid "A"\nmsgstr ""\n\n#, fuzzy\nmsgctxt "b"\nmsgid "B"\nmsgstr "b"\n'
    assert po.parse(text).texts() == {}


def test_the_template_lists_every_bokmal_key() -> None:
    template = po.read(LOCALES / "messages.pot")
    assert [e.key for e in template.entries] == [e.key for e in po.read(LOCALES / "nb.po").entries]
    assert not template.texts()


def test_strings_added_on_a_branch_move_into_the_catalogues(tmp_path: Path) -> None:
    locales = shutil.copytree(LOCALES, tmp_path / "locales")
    i18n_file = tmp_path / "i18n.py"
    source = (ROOT / "src" / "cocreate_tui" / "i18n.py").read_text(encoding="utf-8")
    merged = source.replace(
        "STRINGS: dict[str, tuple[str, str]] = {}",
        'STRINGS: dict[str, tuple[str, str]] = {\n    "round_new": ("Ny runde", "New round"),\n'
        '    "level": ("Vurderingen", "Verdict"),\n}',
    )
    assert merged != source
    i18n_file.write_text(merged, encoding="utf-8")
    script = ROOT / "scripts" / "strings_to_po.py"
    done = subprocess.run(
        [sys.executable, str(script), "--i18n-file", str(i18n_file), "--locales", str(locales)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "nn.po: 2 to translate: level, round_new" in done.stdout
    nb, en, nn = (po.read(locales / f"{code}.po") for code in ("nb", "en", "nn"))
    assert nb.texts()["round_new"] == "Ny runde" and en.texts()["round_new"] == "New round"
    assert nb.texts()["level"] == "Vurderingen"
    assert "round_new" not in nn.texts()  # untranslated: validate names it
    assert "level" not in nn.texts()  # its source changed: fuzzy until a translator looks
    assert next(e for e in nn.entries if e.key == "level").fuzzy
    assert "round_new" in [e.key for e in po.read(locales / "messages.pot").entries]
    assert "STRINGS: dict[str, tuple[str, str]] = {}\n" in i18n_file.read_text(encoding="utf-8")


def test_the_shipped_bank_is_complete_in_every_shipped_language() -> None:
    bank = load_bank(shipped_bank_dir())
    assert {"nb", "nn", "en"} <= set(i18n.languages())
    assert missing_translations(bank, i18n.languages()) == {}
    assert bank.questions[0].text.get("nn") != bank.questions[0].text.get("nb")


def test_an_overlay_naming_an_unknown_item_is_refused(tmp_path: Path) -> None:
    bank = shutil.copytree(shipped_bank_dir(), tmp_path / "bank")
    (bank / "lang" / "nn.toml").write_text(
        '[questions.no_such_question]\ntext = "Kva?"\n[lessons.curious-not-expert]\n'
        'title = "Nyfikne"\nadvice = 3\n',
        encoding="utf-8",
    )
    with pytest.raises(BankError) as raised:
        load_bank(bank)
    found = {(p.file, p.item, p.message) for p in raised.value.problems}
    assert ("lang/nn.toml", "question no_such_question", "no such item in the bank") in found
    assert ("lang/nn.toml", "lesson curious-not-expert", "advice: must be a text") in found


# --- a fourth language, from files alone --------------------------------------------------


def _pseudo(value: Any) -> Any:
    """Every text of an overlay marked as the dummy language's."""
    if isinstance(value, str):
        return f"ẋ {value}"
    if isinstance(value, list):
        return [_pseudo(item) for item in value]
    return {key: _pseudo(item) for key, item in value.items()}


def _toml(tables: dict[str, Any], prefix: str = "") -> str:
    """A minimal TOML writer for an overlay: tables of texts and lists of texts."""
    lines: list[str] = []
    simple = {k: v for k, v in tables.items() if not isinstance(v, dict)}
    nested = {k: v for k, v in tables.items() if isinstance(v, dict)}
    if simple and prefix:
        lines.append(f"[{prefix}]")
    for key, value in simple.items():
        lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in nested.items():
        lines.append(_toml(value, f"{prefix}.{_key(key)}" if prefix else _key(key)))
    return "\n".join(lines) + "\n"


def _key(key: str) -> str:
    return key if key.replace("-", "").replace("_", "").isalnum() else _value(key)


def _value(value: Any) -> str:
    import json

    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)


@pytest.fixture
def dummy_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Language `xx`: a catalogue in a folder of its own and an overlay in a copy of the bank."""
    locales = tmp_path / "locales"
    locales.mkdir()
    nb = po.read(LOCALES / "nb.po")
    entries = [po.Entry(e.key, e.source, _pseudo(e.text)) for e in nb.entries]
    dummy = next(e for e in entries if e.key == "language_name")
    dummy.text = "Dummy"
    po.write(locales / "xx.po", po.Catalogue({"Language": "xx"}, entries))
    bank = shutil.copytree(shipped_bank_dir(), tmp_path / "bank")
    overlay = tomllib.loads((bank / "lang" / "nn.toml").read_text(encoding="utf-8"))
    overlay = {key: _pseudo(value) for key, value in overlay.items() if key != "lang"}
    (bank / "lang" / "xx.toml").write_text(_toml(overlay), encoding="utf-8")
    monkeypatch.setenv(i18n.EXTRA_LOCALES_ENV, str(locales))
    i18n.reset()
    yield bank
    monkeypatch.undo()
    i18n.reset()


def test_a_dummy_language_is_offered_and_complete(dummy_language: Path) -> None:
    assert "xx" in i18n.languages()
    assert i18n.language_name("xx") == "Dummy"
    bank = load_bank(dummy_language)
    assert missing_translations(bank, ["xx"]) == {}
    assert bank.questions[0].options[0].label.get("xx").startswith("ẋ ")


def test_score_speaks_the_dummy_language(
    capsys: pytest.CaptureFixture[str], dummy_language: Path, tmp_path: Path
) -> None:
    bank = load_bank(dummy_language)
    answers = tmp_path / "answers.toml"
    answers.write_text(
        "[answers]\n" + "".join(f"{q.id} = 0\n" for q in bank.questions), encoding="utf-8"
    )
    code, out, _ = run(capsys, "--bank", str(dummy_language), "--lang", "xx", "score", str(answers))
    assert code == 0
    assert f"ẋ {i18n.t('level', 'nb')}" in out
    assert bank.policy.levels.not_ready.label.get("xx") in out


def test_validate_names_every_missing_translation_per_language(
    capsys: pytest.CaptureFixture[str], dummy_language: Path
) -> None:
    overlay = dummy_language / "lang" / "xx.toml"
    text = overlay.read_text(encoding="utf-8")
    without = re.sub(r'(\[lessons\.curious-not-expert\]\n)title = "[^"]*"\n', r"\1", text)
    assert without != text
    overlay.write_text(without, encoding="utf-8")
    catalogue = po.read(Path(os.environ[i18n.EXTRA_LOCALES_ENV]) / "xx.po")
    next(e for e in catalogue.entries if e.key == "overall").text = ""
    po.write(Path(os.environ[i18n.EXTRA_LOCALES_ENV]) / "xx.po", catalogue)
    i18n.reset()
    code, _, err = run(capsys, "bank", "validate", str(dummy_language))
    assert code == 0  # it works, in bokmål where xx is missing
    assert run(capsys, "bank", "validate", "--strict", str(dummy_language))[0] == 1
    assert "Dummy (xx) mangler tekster: 2" in err
    assert "  bank: lesson curious-not-expert: title" in err
    assert "  locales/xx.po: overall" in err
    assert "(nn)" not in err  # nynorsk is complete


def test_validate_passes_the_shipped_bank_in_every_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "bank", "validate", "--strict")
    assert code == 0, err
    assert "OK" in out
    assert not err


async def test_the_app_runs_in_the_dummy_language(dummy_language: Path, tmp_path: Path) -> None:
    from cocreate_tui.domain.storage import SessionStore
    from cocreate_tui.ui.app import CocreateApp
    from cocreate_tui.ui.screens.start import StartScreen

    bank = load_bank(dummy_language)
    data = tmp_path / "data"
    app = CocreateApp(bank, SessionStore(data), data, lang="xx", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(200):
            if isinstance(app.screen, StartScreen):
                break
            await pilot.pause()
        menu = app.screen.query_one("#start-menu")
        labels = [str(option.prompt) for option in menu.options]  # type: ignore[attr-defined]
        assert labels[0] == f"ẋ {i18n.t('start_new', 'nb')}"
        assert "På nynorsk" in labels and "På bokmål" in labels
        assert app.title == bank.info.title.get("xx")
        await app.workers.wait_for_complete()  # the list of unfinished sessions is loaded
        await pilot.press("l")  # the next language: bokmål, nynorsk, English, xx, and round
        for _ in range(200):
            if app.lang != "xx":
                break
            await pilot.pause()
        assert app.lang == "nb"
    assert i18n.languages() == ("nb", "nn", "en", "xx")
    assert saved_language(data) == "nb"
    assert_private(data / "settings.json")


# --- the command line in the chosen language ------------------------------------------------


def test_help_is_norwegian_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert out.startswith("bruk: cocreate")
    assert "vis denne hjelpen og avslutt" in out
    assert "regn ut resultatet for en svarfil (TOML eller JSON)" in out
    assert "usage" not in out and "show this help" not in out


def test_a_usage_error_is_norwegian_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "score")
    assert code == 2
    assert "cocreate score: feil: dette må være med: SVARFIL" in err
    code, _, err = run(capsys, "list", "--bogus")
    assert code == 2
    assert "feil: ukjente argumenter: --bogus" in err


def test_help_and_errors_follow_lang(capsys: pytest.CaptureFixture[str]) -> None:
    assert "vis denne hjelpa og avslutt" in run(capsys, "--lang", "nn", "--help")[1]
    assert "show this help message and exit" in run(capsys, "--lang=en", "--help")[1]
    err = run(capsys, "score", "--lang", "nn")[2]
    assert "feil: dette må vere med: SVARFIL" in err


def test_the_saved_language_is_spoken_and_lang_overrides_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    from cocreate_tui.domain.settings import save_language

    save_language(data, "nn")
    assert_private(data / "settings.json")
    assert "vis denne hjelpa og avslutt" in run(capsys, "--data-dir", str(data), "--help")[1]
    assert "vis denne hjelpen" in run(capsys, "--data-dir", str(data), "--lang", "nb", "-h")[1]
    (data / "settings.json").write_text("{broken", encoding="utf-8")
    assert "vis denne hjelpen" in run(capsys, "--data-dir", str(data), "--help")[1]


def test_numbers_and_times_follow_the_language() -> None:
    from datetime import UTC, datetime

    from cocreate_tui.domain.human_format import local_time, number, percent

    assert number(70, "nb", 1) == "70,0"
    assert number(50_000, "nn") == "50\u202f000"
    assert number(1234.5, "en", 1) == "1,234.5"
    assert percent(100, "nb") == "100\u00a0%"
    moment = datetime(2026, 12, 6, 12, 30, tzinfo=UTC).astimezone()
    assert local_time(moment, "nb") == moment.strftime("%d.%m.%Y %H:%M")
    assert local_time(moment, "en") == moment.strftime("%Y-%m-%d %H:%M")


def test_common_messages_follow_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show", "zz")
    assert code == 1
    assert "cocreate: Ingen lagret vurdering har en id som begynner med 'zz'." in err
    assert (
        "Inga lagra vurdering har ein id som byrjar med 'zz'."
        in run(capsys, "--lang", "nn", "show", "zz")[2]
    )
    assert (
        "No saved session has an id starting with 'zz'."
        in run(capsys, "--lang", "en", "show", "zz")[2]
    )
