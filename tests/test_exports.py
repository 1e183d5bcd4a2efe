"""Exports: CSV rows and columns, notes left out everywhere, safe self-contained HTML."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable

import pytest

from cocreate_tui.domain.bank_models import Bank, Lang
from cocreate_tui.domain.compare import compare_sessions
from cocreate_tui.domain.exports import csv_export, html_export, json_export, markdown_export
from cocreate_tui.domain.exports.common import without_notes
from cocreate_tui.domain.merge import merge_sessions
from cocreate_tui.domain.scoring import assess
from cocreate_tui.domain.sessions import Session, session_from_json

from .facilitator_helpers import build

SECRET = "Ola (14) bor på krisesenteret"
SECRET_2 = "Leder sa nei i møtet 3. mars"


@pytest.fixture
def before(tiny_bank: Bank) -> Session:
    return build(
        tiny_bank,
        {"anchor_up": 0, "anchor_across": 0, "calendar": 1, "duration": 4, "gone": 1},
        {"anchor_up": SECRET, "gone": SECRET_2},
        team="Horten <b>fet</b>",
    )


@pytest.fixture
def after(tiny_bank: Bank) -> Session:
    return build(
        tiny_bank,
        {"anchor_up": 3, "anchor_across": 4, "calendar": 3, "duration": 2},
        {"anchor_up": SECRET_2, "calendar": '=HYPERLINK("x")'},
        team="Horten <b>fet</b>",
        days=90,
    )


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


Export = Callable[[Bank, Session, Session, Lang, bool], str]


def _session_md(bank: Bank, a: Session, b: Session, lang: Lang, notes: bool) -> str:
    return markdown_export.session_markdown(bank, a, assess(bank, a.answer_values()), lang, notes)


def _session_html(bank: Bank, a: Session, b: Session, lang: Lang, notes: bool) -> str:
    return html_export.session_html(bank, a, assess(bank, a.answer_values()), lang, notes)


def _session_csv(bank: Bank, a: Session, b: Session, lang: Lang, notes: bool) -> str:
    return csv_export.sessions_csv(bank, [a, b], lang, notes)


def _session_json(bank: Bank, a: Session, b: Session, lang: Lang, notes: bool) -> str:
    return json_export.session_json(a, notes)


def _comparison(render: Callable[..., str]) -> Export:
    def export(bank: Bank, a: Session, b: Session, lang: Lang, notes: bool) -> str:
        return render(bank, compare_sessions(bank, [a, b]), lang, notes)

    return export


def _merge(render: Callable[..., str]) -> Export:
    def export(bank: Bank, a: Session, b: Session, lang: Lang, notes: bool) -> str:
        return render(bank, merge_sessions(bank, [a, b], "Horten <b>"), lang, notes)

    return export


EXPORTS: dict[str, Export] = {
    "session-md": _session_md,
    "session-html": _session_html,
    "session-csv": _session_csv,
    "session-json": _session_json,
    "compare-md": _comparison(markdown_export.comparison_markdown),
    "compare-html": _comparison(html_export.comparison_html),
    "compare-csv": _comparison(csv_export.comparison_csv),
    "compare-json": _comparison(json_export.comparison_json),
    "merge-md": _merge(markdown_export.merge_markdown),
    "merge-html": _merge(html_export.merge_html),
    "merge-csv": _merge(csv_export.merge_csv),
    "merge-json": _merge(json_export.merge_json),
}


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_notes_are_in_by_default(
    name: str, tiny_bank: Bank, before: Session, after: Session
) -> None:
    text = EXPORTS[name](tiny_bank, before, after, "nb", True)
    # The comparison shows the later session's note for each changed answer.
    expected = SECRET_2 if name.startswith("compare") and not name.endswith("csv") else SECRET
    assert expected in text
    assert "Notatene er ikke med" not in text


@pytest.mark.parametrize("name", sorted(EXPORTS))
@pytest.mark.parametrize(
    ("lang", "statement"), [("nb", "Notatene er ikke med"), ("en", "Notes are left out")]
)
def test_no_notes_removes_every_note_and_says_so(
    name: str, lang: Lang, statement: str, tiny_bank: Bank, before: Session, after: Session
) -> None:
    text = EXPORTS[name](tiny_bank, before, after, lang, False)
    for secret in (SECRET, SECRET_2, "HYPERLINK"):
        assert secret not in text
    if name == "session-json":
        # The session format has no room for the statement; the CLI says it (see the CLI tests).
        assert session_from_json(text).answers["anchor_up"].note == ""
    elif name.endswith("json"):
        assert json.loads(text)["notes_left_out"] is True
    else:
        assert statement in text


def test_csv_has_one_row_per_question_per_session(
    tiny_bank: Bank, before: Session, after: Session
) -> None:
    text = csv_export.sessions_csv(tiny_bank, [before, after], "nb")
    rows = csv_rows(text)
    assert list(rows[0]) == list(csv_export.COLUMNS)
    # Four bank questions each, and the first session's answer to a dropped question.
    assert len(rows) == 4 + 1 + 4
    first = [r for r in rows if r["session_id"] == before.id]
    assert [r["question_id"] for r in first] == [
        "anchor_up",
        "anchor_across",
        "calendar",
        "duration",
        "gone",
    ]
    anchor = first[0]
    assert anchor["team"] == "Horten <b>fet</b>"
    assert anchor["organisation"] == "Horten kommune"
    assert anchor["dimension"] == "anchoring"
    assert anchor["question"] == "Forankret oppover?"
    assert (anchor["value"], anchor["answer"], anchor["note"]) == ("0", "Nei", SECRET)
    assert anchor["created_at"] == before.created_at.isoformat()
    assert (first[4]["dimension"], first[4]["value"]) == ("", "1")
    assert text.endswith("\r\n")


def test_csv_unknown_unanswered_and_formula_cells(tiny_bank: Bank) -> None:
    session = build(tiny_bank, {"calendar": "unknown"}, {"anchor_up": "=1+1", "calendar": "@SUM"})
    rows = {
        r["question_id"]: r for r in csv_rows(csv_export.sessions_csv(tiny_bank, [session], "en"))
    }
    assert (rows["calendar"]["value"], rows["calendar"]["answer"]) == ("unknown", "Don't know")
    assert (rows["duration"]["value"], rows["duration"]["answer"]) == ("", "Not answered")
    # A cell that a spreadsheet would run as a formula is made plain text.
    assert rows["anchor_up"]["note"] == "'=1+1"
    assert rows["calendar"]["note"] == "'@SUM"


def test_merge_csv_adds_the_team_result_to_each_row(tiny_bank: Bank) -> None:
    kari = build(tiny_bank, {"anchor_up": 0}, respondent="Kari")
    ola = build(tiny_bank, {"anchor_up": 4}, respondent="Ola", days=1)
    rows = csv_rows(
        csv_export.merge_csv(tiny_bank, merge_sessions(tiny_bank, [kari, ola], "H"), "nb")
    )
    assert list(rows[0]) == list(csv_export.MERGE_COLUMNS)
    assert len(rows) == 8
    anchor = [r for r in rows if r["question_id"] == "anchor_up"]
    assert [r["respondent"] for r in anchor] == ["Kari", "Ola"]
    assert {(r["merged_value"], r["median"], r["spread"], r["disagreement"]) for r in anchor} == {
        ("0", "2", "4", "yes")
    }


def test_without_notes_keeps_flags_and_drops_note_only_answers(
    tiny_bank: Bank, before: Session
) -> None:
    noted = before.with_note("duration", "").with_note("calendar", "bare notat")
    noted = noted.with_flag("anchor_across", True)
    stripped = without_notes(noted)
    assert all(answer.note == "" for answer in stripped.answers.values())
    assert stripped.answer("anchor_across").flagged
    assert stripped.answer_values() == noted.answer_values()
    only_note = build(tiny_bank, {}, {"duration": "bare et notat"})
    assert without_notes(only_note).answers == {}


HTML_URL = re.compile(r"(?:https?:)?//[\w.-]+|\b(?:src|href|action|formaction)\s*=", re.I)


@pytest.mark.parametrize("name", [n for n in sorted(EXPORTS) if n.endswith("html")])
def test_html_is_self_contained_and_safe(
    name: str, tiny_bank: Bank, before: Session, after: Session
) -> None:
    text = EXPORTS[name](tiny_bank, before, after, "nb", True)
    lower = text.lower()
    assert "<script" not in lower
    # The only addresses are the laws the lessons cite, as plain text for the reader: no link,
    # nothing the browser would fetch.
    cited = [law.url for lesson in tiny_bank.lessons for law in lesson.law]
    for url in cited:
        lower, text = lower.replace(url.lower(), ""), text.replace(url, "")
    assert "http://" not in lower and "https://" not in lower
    assert HTML_URL.search(text) is None
    for tag in ("<link", "<img", "<iframe", "<object", "<embed", "@import", "url(", "<a "):
        assert tag not in lower
    assert (
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">"
    ) in text
    # Team names (and the merge's name) are user text: escaped, never markup.
    assert "<b>" not in text and "&lt;b&gt;" in text


def test_html_team_name_is_escaped_everywhere(tiny_bank: Bank) -> None:
    session = build(
        tiny_bank,
        {"anchor_up": 1},
        {"anchor_up": '"><svg onload=alert(1)>'},
        team="<b>Team</b> & co",
    )
    text = html_export.session_html(
        tiny_bank, session, assess(tiny_bank, session.answer_values()), "nb"
    )
    assert "&lt;b&gt;Team&lt;/b&gt; &amp; co" in text
    assert "<b>Team" not in text
    assert "<svg onload" not in text and "&lt;svg onload=alert(1)&gt;" in text


def test_html_chart_has_a_bar_and_a_number_per_dimension(tiny_bank: Bank, before: Session) -> None:
    text = html_export.session_html(
        tiny_bank, before, assess(tiny_bank, before.answer_values()), "en"
    )
    bars = re.findall(r'<rect class="bar" data-dimension="([\w-]+)"[^>]*width="([\d.]+)"', text)
    assert bars == [("anchoring", "0.0"), ("time", "120.0"), ("ambition", "360.0")]
    scores = re.findall(r'<text class="score"[^>]*>([^<]*)</text>', text)
    assert scores == ["0", "33", "100"]
    assert "Anchor first" in text and "«Det er viktig at det er gode forberedelser»" in text
    assert "Section 3.7" in text


def test_html_comparison_chart_has_one_bar_per_session(
    tiny_bank: Bank, before: Session, after: Session
) -> None:
    text = html_export.comparison_html(
        tiny_bank, compare_sessions(tiny_bank, [before, after]), "nb"
    )
    scores = re.findall(r'<text class="score"[^>]*>([^<]*)</text>', text)
    assert scores == [
        "01.03.2024: 0",
        "30.05.2024: 83",
        "01.03.2024: 33",
        "30.05.2024: 100",
        "01.03.2024: 100",
        "30.05.2024: 50",
    ]
    assert "På plass siden sist" in text and "+78" in text


def test_markdown_escapes_markup_in_user_text(tiny_bank: Bank) -> None:
    session = build(tiny_bank, {"anchor_up": 1}, {"anchor_up": "a | b *c*"}, team="<b>Team</b>")
    text = markdown_export.session_markdown(
        tiny_bank, session, assess(tiny_bank, session.answer_values()), "nb"
    )
    assert "\\<b\\>Team\\</b\\>" in text
    assert "a \\| b \\*c\\*" in text
    assert "<b>" not in text


def test_merge_markdown_names_the_disagreements_with_the_report_quote(tiny_bank: Bank) -> None:
    kari = build(tiny_bank, {"anchor_up": 0}, respondent="Kari")
    ola = build(tiny_bank, {"anchor_up": 4}, respondent="Ola", days=1)
    text = markdown_export.merge_markdown(
        tiny_bank, merge_sessions(tiny_bank, [kari, ola], "H"), "nb"
    )
    assert "## Snakk sammen om dette før dere inviterer innbyggere" in text
    assert "når man ikke står samlet i egen organisasjon" in text
    assert "- Kari: Nei" in text and "- Ola: Ja" in text


def test_comparison_json_shape(tiny_bank: Bank, before: Session, after: Session) -> None:
    data = json.loads(
        json_export.comparison_json(tiny_bank, compare_sessions(tiny_bank, [after, before]), "nb")
    )
    assert data["format"] == "cocreate-comparison" and data["format_version"] == 1
    assert [s["id"] for s in data["sessions"]] == [before.id, after.id]
    step = data["steps"][0]
    assert step["level"] == {"before": "not_ready", "after": "thick", "direction": "better"}
    assert step["overall"] == {"before": 11.1, "after": 88.9, "delta": 77.8}
    assert step["dimensions"]["anchoring"] == {"before": 0.0, "after": 83.3, "delta": 83.3}
    assert step["blockers_cleared"] == ["anchor-first"]
    assert [c["question"] for c in step["changed_answers"]] == [
        "anchor_up",
        "anchor_across",
        "calendar",
        "duration",
    ]
    assert data["not_in_bank"] == ["gone"]


def test_facilitator_domain_modules_import_neither_textual_nor_rich() -> None:
    import subprocess
    import sys

    modules = [
        "cocreate_tui.domain.compare",
        "cocreate_tui.domain.merge",
        "cocreate_tui.domain.exchange",
        "cocreate_tui.domain.exports.common",
        "cocreate_tui.domain.exports.csv_export",
        "cocreate_tui.domain.exports.html_export",
        "cocreate_tui.domain.exports.json_export",
        "cocreate_tui.domain.exports.markdown_export",
    ]
    probe = "\n".join(f"import {m}" for m in modules)
    probe += "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = json.loads(done.stdout)
    assert not [m for m in loaded if m.split(".")[0] in ("textual", "rich")]
