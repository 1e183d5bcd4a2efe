"""HTML is escaped unless it is marked safe: every text in every HTML export is text, and HTML is
written only in `Markup` templates, so a value put in without escaping cannot become markup."""

from __future__ import annotations

import ast
import re
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cocreate_tui.domain.bank_loader import load_bank
from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.compare import compare_sessions
from cocreate_tui.domain.exports import html_export, round_sheets
from cocreate_tui.domain.exports.html_parts import html_items, html_lines, html_list
from cocreate_tui.domain.exports.plan_export import plan_html
from cocreate_tui.domain.merge import merge_sessions
from cocreate_tui.domain.round_store import RoundStore
from cocreate_tui.domain.scoring import assess
from cocreate_tui.domain.sessions import Session, new_action
from cocreate_tui.domain.team_round import agree, finish, reveal, revote
from cocreate_tui.domain.text_safety import Markup

from .facilitator_helpers import build
from .source_scan import package_offences
from .tiny_bank import FILES, write_tiny_bank

NOW = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
TODAY = date(2024, 3, 15)


def hostile(field: str) -> str:
    """A value that is an HTML tag with an event handler, naming the field it was put in."""
    return f"<img src=x onerror=alert('{field}')>"


BANK_TEXT = re.compile(r'\b(nb|en|section|quote|stop_quote|source) = "')
"""Every text of the bank a reader sees: a custom bank is data, not markup, too."""


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    files = {
        name.replace(".", "_"): BANK_TEXT.sub(lambda found: found[0] + hostile("bank"), text)
        for name, text in FILES.items()
    }
    return load_bank(write_tiny_bank(tmp_path_factory.mktemp("bank"), **files))


SESSION_FIELDS = ("team", "organisation", "respondent", "role")


def hostile_session(bank: Bank, tag: str, days: int = 0, values: int = 0) -> Session:
    """A session with every field a person types hostile: names, every note, every action."""
    answers: dict[str, int | str] = {q.id: q.options[values].value for q in bank.questions}
    answers[bank.questions[-1].id] = "unknown"
    session = build(
        bank,
        answers,
        {q.id: hostile(f"note {tag}") for q in bank.questions},
        days=days,
        **{field: hostile(f"{field} {tag}") for field in SESSION_FIELDS},  # type: ignore[arg-type]
    )
    for action in (
        new_action(
            hostile(f"action {tag}"),
            lesson_id=bank.lessons[0].id,
            question_ids=[bank.questions[0].id],
            owner=hostile(f"owner {tag}"),
            due=TODAY - timedelta(days=5),
            now=NOW,
        ),
        new_action("x", status="dropped", dropped_reason=hostile(f"reason {tag}"), now=NOW),
    ):
        session = session.with_action(action, now=NOW)
    return session


def round_exports(bank: Bank, data: Path) -> list[str]:
    rounds = RoundStore(data)
    code = rounds.create(hostile("round team"), bank, NOW).code
    first = bank.questions[0]
    for number, value in enumerate((4, 1, 0)):
        _, session = rounds.join(code, hostile(f"member {number}"), bank, NOW)
        rounds.sessions.save(session.with_answer(first.id, value=value, now=NOW))
    team_round = rounds.load(code)
    revealed = reveal(team_round, bank, rounds.member_sessions(team_round), NOW)
    agreed = agree(revealed, bank, first.id, 3, hostile("why"), NOW)
    done, _ = finish(agreed, bank, NOW)
    states = (revealed, revote(agreed, first.id, NOW), done)
    return [round_sheets.round_html(bank, state, "nb") for state in states]


def every_html_export(bank: Bank, data: Path) -> list[str]:
    first = hostile_session(bank, "first")
    second = hostile_session(bank, "second", days=60, values=-1)
    exports = []
    for notes in (True, False):
        exports += [
            html_export.session_html(bank, one, assess(bank, one.answer_values()), "nb", notes)
            for one in (first, second)
        ]
        exports += [
            html_export.comparison_html(bank, compare_sessions(bank, [first, second]), "nb", notes),
            html_export.merge_html(
                bank, merge_sessions(bank, [first, second], hostile("merge")), "nb", notes
            ),
        ]
    return [*exports, *round_exports(bank, data)]


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes |= {name for name, _ in attrs}

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_every_typed_and_bank_text_is_text_in_every_html_export(bank: Bank, tmp_path: Path) -> None:
    shown: set[str] = set()
    for page in every_html_export(bank, tmp_path / "data"):
        parser = _Page()
        parser.feed(page)
        assert "img" not in parser.tags
        assert not {name for name in parser.attributes if name.startswith("on")}
        shown |= set(re.findall(r"<img src=x onerror=alert\('([^']*)'\)>", "".join(parser.text)))
    # Each value was there, as the text the person typed: escaped, not dropped.
    fields = {"bank", "merge", "round team", "why", "member 0", "member 1", "member 2"}
    for tag in ("first", "second"):
        fields |= {f"{field} {tag}" for field in SESSION_FIELDS}
        fields |= {f"note {tag}", f"action {tag}", f"owner {tag}", f"reason {tag}"}
    assert fields <= shown, sorted(fields - shown)


def test_the_action_plan_alone_shows_its_texts_as_text(bank: Bank) -> None:
    page = plan_html(bank, hostile_session(bank, "plan"), "nb", TODAY)
    parser = _Page()
    parser.feed(page)
    assert "img" not in parser.tags
    text = "".join(parser.text)
    for field in ("action plan", "owner plan", "reason plan"):
        assert hostile(field) in text


# --- a value put in without escaping is escaped -------------------------------------------------


TAG = "<img src=x onerror=alert(1)>"
ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"


def test_a_plain_text_part_of_a_page_is_escaped() -> None:
    page = html_export._page(TAG, [TAG, Markup("<p>ours</p>")], "nb", TAG)
    assert "<img" not in page
    assert page.count(ESCAPED) == 3  # the title, the part, the source
    assert "<p>ours</p>" in page


def test_the_parts_builders_escape_plain_text() -> None:
    table = html_export._table([TAG], [[TAG, TAG]], numeric=[TAG])
    assert "<img" not in table and table.count(ESCAPED) == 4
    for built in (html_lines([TAG]), html_items([TAG]), html_list([TAG])):
        assert "<img" not in built and ESCAPED in built
    assert Markup("<li>{}</li>").format(TAG) == f"<li>{ESCAPED}</li>"


# --- HTML is written in Markup templates only --------------------------------------------------


HTML_TAG = re.compile(
    r"<(/?)(html|head|body|main|footer|meta|title|style|section|article|h[1-6]|p|ul|ol|li|dl|dt"
    r"|dd|table|thead|tbody|tr|th|td|strong|em|small|br|code|blockquote|span|figure|figcaption"
    r"|svg|rect|line|tspan|form|input|label|button|a|img|script|div)[\s>/]"
)


def offences(source: str) -> list[str]:
    """HTML in `source` written anywhere but as the template of a `Markup(…)`."""
    tree = ast.parse(source)
    templates = {
        id(node.args[0])
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "Markup"
        and node.args
    }
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            literal = "".join(
                part.value
                for part in node.values
                if isinstance(part, ast.Constant) and isinstance(part.value, str)
            )
            if HTML_TAG.search(literal):
                found.append(f"an f-string of HTML (line {node.lineno})")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) in templates or id(node) in docstrings:
                continue
            # The literal parts of an f-string are reported with it, above.
            if HTML_TAG.search(node.value) and not _in_joined_string(tree, node):
                found.append(f"HTML outside Markup(…) (line {node.lineno})")
    return found


def _in_joined_string(tree: ast.AST, target: ast.Constant) -> bool:
    return any(
        isinstance(node, ast.JoinedStr) and any(part is target for part in node.values)
        for node in ast.walk(tree)
    )


def test_html_is_written_only_as_markup_templates() -> None:
    assert package_offences(lambda source, _: offences(source)) == {}


@pytest.mark.parametrize(
    "source",
    [
        "part = f'<p>{_e(text)}</p>'",
        "part = '<p>' + text + '</p>'",
        "part = '<li>{}</li>'.format(text)",
        "parts.append(f'<h2 id=\"x\">{heading}</h2>')",
    ],
)
def test_the_check_finds_html_outside_markup(source: str) -> None:
    assert offences(source)


def test_the_check_lets_markup_templates_and_docstrings_pass() -> None:
    source = (
        '"""The <name> of a module."""\n'
        "part = Markup('<p>{}</p>').format(text)\n"
        "page = Markup(\n    '<html lang=\"{}\">'\n    '<body>'\n).format(lang)\n"
        "error = 'cocreate serve: unknown Host'\n"
    )
    assert offences(source) == []
