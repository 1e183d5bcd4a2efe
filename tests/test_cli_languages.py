"""The command line in bokmål, nynorsk and English: every human output in the chosen language,
with its numbers and dates (issue 13). JSON and CSV keep ISO 8601 and are tested elsewhere."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cocreate_tui.domain.sessions import new_action
from cocreate_tui.domain.storage import SessionStore

from .language_check import assert_norwegian
from .test_cli import run

GOLDEN = Path(__file__).parent / "golden" / "larvik_svarstad.toml"
"""A real case's answers to the shipped bank: every area scored, with decimals."""
LANGS = ["nb", "nn", "en"]
DATE = {"nb": r"\d{2}\.\d{2}\.\d{4}", "nn": r"\d{2}\.\d{2}\.\d{4}", "en": r"\d{4}-\d{2}-\d{2}"}
"""How a date is written in each language's human output."""
SCORE = {"nb": r"\b\d{1,3},\d\b", "nn": r"\b\d{1,3},\d\b", "en": r"\b\d{1,3}\.\d\b"}
"""How an area's score (one decimal) is written."""
PERCENT = r"\d[\s\u00a0]%"
"""How a share is written in Norwegian: «71 %». (English writes «71 %» too today, where «71%»
is usual: the catalogues' `results_figures` hold the sign; left to the catalogues' owners.)"""
COMMANDS = ("bank", "score", "list", "show", "export", "compare", "merge", "import", "plan")
COMMANDS += ("round", "serve", "validate", "new", "join", "status", "reveal", "agree")
"""The sub-commands' names: words a team types as they stand, in every language."""


@pytest.fixture
def saved(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[Path, str]:
    """A data folder with the golden case saved as a session, with one action."""
    data = tmp_path / "data"
    code, out, _ = run(capsys, "--data-dir", str(data), "score", str(GOLDEN), "--save")
    assert code == 0
    store = SessionStore(data)
    session = store.load(out.strip())
    action = new_action("Sett av faste møter i kalenderen.", now=session.updated_at)
    store.save(session.with_action(action, now=session.updated_at))
    return data, session.id


class _Visible(HTMLParser):
    """The text a browser shows of a page: no styles, scripts or tags."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._hidden += tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _visible_text(page: str) -> str:
    parser = _Visible()
    parser.feed(page)
    return "\n".join(parser.parts)


def _check(text: str, lang: str, where: str) -> None:
    assert text.strip(), f"{where}: no output"
    assert_norwegian(text, lang, where, literal=COMMANDS)


@pytest.mark.parametrize("lang", LANGS)
def test_score(capsys: pytest.CaptureFixture[str], lang: str) -> None:
    code, out, err = run(capsys, "--lang", lang, "score", str(GOLDEN))
    assert (code, err) == (0, "")
    _check(out, lang, "score")
    assert re.search(SCORE[lang], out), "an area's score with the language's decimal mark"


@pytest.mark.parametrize("lang", LANGS)
def test_list_and_show(
    capsys: pytest.CaptureFixture[str], saved: tuple[Path, str], lang: str
) -> None:
    data, session_id = saved
    for command in (["list"], ["show", session_id[:8]]):
        code, out, err = run(capsys, "--data-dir", str(data), "--lang", lang, *command)
        assert (code, err) == (0, ""), command
        _check(out, lang, command[0])
        assert re.search(rf"{DATE[lang]} \d{{2}}:\d{{2}}", out), f"{command[0]}: a local time"
    assert re.search(SCORE[lang], out), "show: an area's score with the language's decimal mark"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_export_in_the_human_formats(
    capsys: pytest.CaptureFixture[str], saved: tuple[Path, str], lang: str, fmt: str
) -> None:
    data, session_id = saved
    argv = ["--data-dir", str(data), "--lang", lang, "export", session_id, "--format", fmt]
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, "")
    if fmt == "html":  # written to a file under the data folder, whose path is printed
        out = _visible_text(Path(out.strip()).read_text(encoding="utf-8"))
    _check(out, lang, f"export --format {fmt}")
    assert re.search(DATE[lang], out), "the day it was last changed"
    assert lang == "en" or re.search(PERCENT, out), "the share answered"


@pytest.mark.parametrize("lang", LANGS)
def test_plan(capsys: pytest.CaptureFixture[str], saved: tuple[Path, str], lang: str) -> None:
    data, session_id = saved
    store = SessionStore(data)
    session = store.load(session_id)
    due = new_action("Snakk med lederen om tid.", now=session.updated_at, due=date(2027, 2, 20))
    store.save(session.with_action(due, now=session.updated_at))
    code, out, err = run(capsys, "--data-dir", str(data), "--lang", lang, "plan", session_id)
    assert (code, err) == (0, "")
    assert "Sett av faste møter i kalenderen." in out
    assert re.search(DATE[lang], out)  # the day the assessment was made
    _check(out, lang, "plan")
    assert {"nb": "20.02.2027", "nn": "20.02.2027", "en": "2027-02-20"}[lang] in out


@pytest.mark.parametrize("lang", LANGS)
def test_help_of_the_command_and_of_a_subcommand(
    capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    for argv in (["--help"], ["score", "--help"], ["plan", "-h"]):
        code, out, err = run(capsys, "--lang", lang, *argv)
        assert (code, err) == (0, ""), argv
        _check(out, lang, " ".join(argv))


@pytest.mark.parametrize("lang", LANGS)
def test_a_usage_error(capsys: pytest.CaptureFixture[str], lang: str) -> None:
    code, out, err = run(capsys, "--lang", lang, "plan", "--format", "pdf", "x")
    assert (code, out) == (2, "")
    _check(err, lang, "usage error")
    assert "Traceback" not in err


@pytest.mark.parametrize("lang", LANGS)
def test_a_file_error(capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str) -> None:
    missing = tmp_path / "finnes-ikke.toml"
    code, out, err = run(capsys, "--lang", lang, "score", str(missing))
    assert (code, out) == (1, "")
    assert str(missing) in err and "Traceback" not in err
    _check(err, lang, "file error")
