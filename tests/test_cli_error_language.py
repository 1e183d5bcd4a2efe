"""Every error the command line prints is in the chosen language, Norwegian in both written forms,
with no English left over from the libraries underneath; exit 1 (2 for usage), no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cocreate_tui.cli import main

from .tiny_bank import DIMENSIONS, LESSONS, QUESTIONS, write_tiny_bank

ENGLISH = (
    "cannot",
    "is not",
    "No such",
    "invalid",
    "Invalid",
    "missing",
    "field",
    "expected",
    "Expected",
    "Input should",
    "must be",
    "does not",
    "not a",
    "problem",
    "error",
    "should",
    "Field required",
)
"""Words the detail lines used to bring in English, from the domain or the libraries."""


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    return write_tiny_bank(tmp_path / "tiny")


def run(capsys: pytest.CaptureFixture[str], tmp_path: Path, *argv: str) -> tuple[int, str]:
    try:
        code = main(["--data-dir", str(tmp_path / "data"), *argv])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    _, err = capsys.readouterr()
    # Paths stay as they are, and pytest's folder names hold English words: leave them out.
    return code, err.replace(str(tmp_path), "<tmp>")


def assert_speaks(err: str, lang: str, *expected: dict[str, str]) -> None:
    assert "Traceback" not in err
    for words in expected:
        assert words[lang] in err, (lang, words[lang], err)
    found = [word for word in ENGLISH if word in err]
    assert not found, (found, err)


LANGS = ["nb", "nn"]


@pytest.mark.parametrize("lang", LANGS)
def test_a_missing_answers_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bank_dir: Path, lang: str
) -> None:
    code, err = run(
        capsys, tmp_path, "--lang", lang, "--bank", str(bank_dir), "score", "/nope.toml"
    )
    assert code == 1
    assert_speaks(
        err,
        lang,
        {"nb": "svarfilen kan ikke brukes", "nn": "svarfila kan ikkje brukast"},
        {"nb": "/nope.toml: finnes ikke", "nn": "/nope.toml: finst ikkje"},
    )


@pytest.mark.parametrize("lang", LANGS)
def test_an_answers_file_that_cannot_be_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bank_dir: Path, lang: str
) -> None:
    folder = tmp_path / "svar.toml"
    folder.mkdir()
    code, err = run(capsys, tmp_path, "--lang", lang, "--bank", str(bank_dir), "score", str(folder))
    assert code == 1
    assert_speaks(err, lang, {"nb": "ikke en vanlig fil", "nn": "ikkje ei vanleg fil"})


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("x = [", {"nb": "feilen er på slutten av filen", "nn": "feilen er på slutten av fila"}),
        (
            "[answers]\nanchor_up = 3\n[meta\n",
            {"nb": "linje 3, kolonne 6", "nn": "linje 3, kolonne 6"},
        ),
    ],
)
def test_an_answers_file_that_is_not_toml(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    bank_dir: Path,
    lang: str,
    text: str,
    where: dict[str, str],
) -> None:
    answers = tmp_path / "svar.toml"
    answers.write_text(text, encoding="utf-8")
    code, err = run(
        capsys, tmp_path, "--lang", lang, "--bank", str(bank_dir), "score", str(answers)
    )
    assert code == 1
    assert_speaks(err, lang, {"nb": "ikke gyldig TOML", "nn": "ikkje gyldig TOML"}, where)


@pytest.mark.parametrize("lang", LANGS)
def test_answers_that_do_not_fit_the_bank(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bank_dir: Path, lang: str
) -> None:
    answers = tmp_path / "svar.toml"
    answers.write_text(
        '[answers]\nanchor_up = 9\nghost = 1\nduration = "mye"\n[meta]\ncolour = "rød"\n',
        encoding="utf-8",
    )
    code, err = run(
        capsys, tmp_path, "--lang", lang, "--bank", str(bank_dir), "score", str(answers)
    )
    assert code == 1
    assert_speaks(
        err,
        lang,
        {
            "nb": "anchor_up: 9 er ikke et svaralternativ",
            "nn": "anchor_up: 9 er ikkje eit svaralternativ",
        },
        {"nb": "ghost: spørsmålsbanken har ikke", "nn": "ghost: spørsmålsbanken har ikkje"},
        {"nb": '"mye" kan ikke brukes som svar', "nn": '"mye" kan ikkje brukast som svar'},
        {"nb": "meta.colour: ukjent nøkkel", "nn": "meta.colour: ukjend nøkkel"},
    )


@pytest.mark.parametrize("lang", LANGS)
def test_an_invalid_session_file_is_not_imported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str
) -> None:
    broken = tmp_path / "vurdering.json"
    broken.write_text(json.dumps({"schema_version": 2, "id": 5, "colour": "rød"}), encoding="utf-8")
    not_json = tmp_path / "tull.json"
    not_json.write_text("{\n  nope", encoding="utf-8")
    code, err = run(capsys, tmp_path, "--lang", lang, "import", str(broken), str(not_json))
    assert code == 1
    assert_speaks(
        err,
        lang,
        {"nb": "vurdering.json: ikke importert", "nn": "vurdering.json: ikkje importert"},
        {"nb": "id: må være en tekst", "nn": "id: må vere ein tekst"},
        {"nb": "meta: mangler", "nn": "meta: manglar"},
        {"nb": "og 3 feil til", "nn": "og 3 feil til"},
        {
            "nb": "ikke gyldig JSON (linje 2, kolonne 3)",
            "nn": "ikkje gyldig JSON (linje 2, kolonne 3)",
        },
    )


BROKEN_LESSONS = LESSONS.replace('section = "4.6"\n', "").replace(  # a field left out
    'title = { nb = "Ta tid", en = "Take time" }',
    'title = { nb = "Ta tid", en = "Take time" }\ncolour = "blå"',  # a field the bank has not
)
BROKEN_QUESTIONS = (
    QUESTIONS.replace("weight = 2", 'weight = "tung"')  # wrong type
    .replace('lessons = ["thin-thick"]', 'lessons = ["thin-thikc"]')  # unknown lesson
    .replace('id = "calendar"', 'id = "anchor_across"')  # the same id twice
)


@pytest.mark.parametrize("lang", LANGS)
def test_a_custom_bank_with_many_kinds_of_problems(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str
) -> None:
    bank = write_tiny_bank(
        tmp_path / "bank",
        lessons_toml=BROKEN_LESSONS,
        questions_toml=BROKEN_QUESTIONS,
        dimensions_toml=DIMENSIONS + "\n[extra]\n",
    )
    code, err = run(capsys, tmp_path, "--lang", lang, "--bank", str(bank), "list")
    assert code == 1
    assert_speaks(
        err,
        lang,
        {"nb": "Spørsmålsbanken i <tmp>/bank har", "nn": "Spørsmålsbanken i <tmp>/bank har"},
        {"nb": "lærdom take-time: section: mangler", "nn": "lærdom take-time: section: manglar"},
        {
            "nb": "lærdom take-time: colour: ukjent felt; sjekk stavemåten",
            "nn": "lærdom take-time: colour: ukjent felt; sjekk stavemåten",
        },
        {
            "nb": "spørsmål anchor_up: weight: må være et tall",
            "nn": "spørsmål anchor_up: weight: må vere eit tal",
        },
        {
            "nb": "spørsmål duration: viser til en ukjent lærdom 'thin-thikc'",
            "nn": "spørsmål duration: viser til ein ukjend lærdom 'thin-thikc'",
        },
        {
            "nb": "spørsmål anchor_across: id-en er brukt før (også i questions.toml)",
            "nn": "spørsmål anchor_across: id-en er brukt før (òg i questions.toml)",
        },
        {
            "nb": "extra: ukjent tabell; tabellene kan være",
            "nn": "extra: ukjend tabell; tabellane kan vere",
        },
    )


@pytest.mark.parametrize("lang", LANGS)
def test_a_bank_that_is_not_a_folder_or_not_toml(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str
) -> None:
    file = tmp_path / "bank.toml"
    file.write_text("x = [", encoding="utf-8")
    code, err = run(capsys, tmp_path, "--lang", lang, "--bank", str(file), "list")
    assert code == 1
    assert_speaks(
        err, lang, {"nb": "er ikke en mappe; bruk mappen", "nn": "er ikkje ei mappe; bruk mappa"}
    )
    bank = write_tiny_bank(tmp_path / "bank", lessons_toml="[[lessons]\nid = ")
    code, err = run(capsys, tmp_path, "--lang", lang, "bank", "validate", str(bank))
    assert code == 1
    assert_speaks(
        err,
        lang,
        {
            "nb": "lessons.toml: ikke gyldig TOML (linje 1, kolonne 10)",
            "nn": "lessons.toml: ikkje gyldig TOML (linje 1, kolonne 10)",
        },
    )


@pytest.mark.parametrize("lang", LANGS)
def test_an_unknown_session_id(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bank_dir: Path, lang: str
) -> None:
    for command in (["show", "zz"], ["export", "zz", "--format", "md"], ["plan", "zz"]):
        code, err = run(capsys, tmp_path, "--lang", lang, "--bank", str(bank_dir), *command)
        assert code == 1
        assert_speaks(
            err,
            lang,
            {
                "nb": "Ingen lagret vurdering har en id som begynner med 'zz'.",
                "nn": "Inga lagra vurdering har ein id som byrjar med 'zz'.",
            },
        )
    code, err = run(capsys, tmp_path, "--lang", lang, "round", "status", "0O1IL")
    assert code == 1
    assert_speaks(
        err,
        lang,
        {"nb": "er ikke en kode for å bli med", "nn": "er ikkje ein kode for å bli med"},
    )


@pytest.mark.parametrize("lang", LANGS)
def test_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str) -> None:
    code, err = run(capsys, tmp_path, "--lang", lang, "score")
    assert code == 2
    assert "Traceback" not in err
    code, err = run(capsys, tmp_path, "--lang", lang, "compare", "abc")
    assert code == 2
    assert_speaks(
        err, lang, {"nb": "compare trenger minst to id-er", "nn": "compare treng minst to id-ar"}
    )
    code, err = run(capsys, tmp_path, "--lang", lang, "export", "abc", "-o", "rapport.docx")
    assert code == 2
    assert_speaks(
        err,
        lang,
        {
            "nb": "kan ikke se formatet på rapport.docx",
            "nn": "kan ikkje sjå formatet på rapport.docx",
        },
    )


def test_english_is_english(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bank_dir: Path
) -> None:
    code, err = run(
        capsys, tmp_path, "--lang", "en", "--bank", str(bank_dir), "score", "/nope.toml"
    )
    assert code == 1
    assert "/nope.toml: the answers file cannot be used:\n  /nope.toml: does not exist" in err


@pytest.mark.parametrize("lang", LANGS)
def test_a_language_overlay_that_does_not_fit_the_bank(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str
) -> None:
    bank = write_tiny_bank(tmp_path / "bank")
    (bank / "lang").mkdir()
    (bank / "lang" / "nn.toml").write_text(
        '[questions.ghost]\ntext = "Kva?"\n[questions.duration]\noptions = ["Eitt møte"]\n'
        "[lessons.take-time]\nadvice = 3\n[extra]\n",
        encoding="utf-8",
    )
    code, err = run(capsys, tmp_path, "--lang", lang, "bank", "validate", str(bank))
    assert code == 1
    assert_speaks(
        err,
        lang,
        {
            "nb": "lang/nn.toml: spørsmål ghost: finnes ikke i banken",
            "nn": "spørsmål ghost: finst ikkje i banken",
        },
        {
            "nb": "spørsmål duration: options: antall tekster er 1, men spørsmålet har 3 svaralternativer",
            "nn": "spørsmål duration: options: talet på tekstar er 1, men spørsmålet har 3 svaralternativ",
        },
        {
            "nb": "lærdom take-time: advice: må være en tekst",
            "nn": "lærdom take-time: advice: må vere ein tekst",
        },
        {"nb": "lang/nn.toml: extra: ukjent tabell", "nn": "lang/nn.toml: extra: ukjend tabell"},
    )
