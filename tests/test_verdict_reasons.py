"""Every path to every level carries its cause, and the words shown (`score` text) match it."""

from __future__ import annotations

import io
from html import unescape

import pytest
from rich.console import Console

from cocreate_tui.console_views import render_assessment
from cocreate_tui.domain.bank_models import Bank, Lang
from cocreate_tui.domain.exports import html_export, markdown_export
from cocreate_tui.domain.scoring import assess
from cocreate_tui.domain.verdict_words import Reason, reason_lines
from cocreate_tui.i18n import t

from .facilitator_helpers import build
from .level_paths import PATHS, LevelPath


def score_text(bank: Bank, answers: dict, **options: object) -> str:
    out = io.StringIO()
    console = Console(file=out, width=200, color_system=None)
    render_assessment(bank, assess(bank, answers), "nb", answers, console=console, **options)
    return out.getvalue()


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_every_level_path_carries_its_cause(tiny_bank: Bank, path: LevelPath) -> None:
    result = assess(tiny_bank, path.answers)
    assert result.level == path.level
    assert sorted({r.kind for r in result.level_reasons}) == sorted(set(path.kinds))


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_the_score_text_names_the_cause_and_no_other(tiny_bank: Bank, path: LevelPath) -> None:
    text = score_text(tiny_bank, path.answers)
    label = getattr(tiny_bank.policy.levels, path.level).label.nb
    assert f"Resultat: {label}" in text
    for words in path.words:
        assert words in text, words
    for words in path.absent:
        assert words not in text, words


def test_not_ready_is_given_only_for_a_raised_blocker(tiny_bank: Bank) -> None:
    # 67/100 with one weak area used to be «not ready», whose text says a precondition is missing.
    result = assess(tiny_bank, {"anchor_up": 4, "anchor_across": 4, "calendar": 0, "duration": 4})
    assert result.blockers == []
    assert result.level == "strengthen"
    weak = [r for r in result.level_reasons if r.kind == "weak_area"]
    assert [(r.dimension_id, r.score, r.threshold) for r in weak] == [("time", 0.0, 25)]


def test_not_ready_lists_every_missing_precondition_by_title(tiny_bank: Bank) -> None:
    result = assess(tiny_bank, {"anchor_up": 0})
    assert reason_lines(tiny_bank, result, "en") == [Reason("This is missing:", ("Anchor first",))]


def test_a_raised_blocker_shows_the_reports_stop_words_and_the_law(tiny_bank: Bank) -> None:
    text = score_text(tiny_bank, {"anchor_up": 0, "anchor_across": 4, "calendar": 3})
    assert "Rapporten, 3.7: «før innbyggerne inviteres»" in text
    assert "Loven nå: Tolkeloven (2022) – Bruk kvalifisert tolk. https://lovdata.no/" in text


@pytest.mark.parametrize(
    "answers", [{"anchor_up": 4}, {"anchor_up": 0}], ids=["undetermined", "not-ready"]
)
def test_no_headline_score_in_any_output_under_the_minimum_coverage(
    tiny_bank: Bank, answers: dict
) -> None:
    from cocreate_tui.domain.exports.html_export import session_html
    from cocreate_tui.domain.exports.report_markdown import assessment_markdown
    from cocreate_tui.domain.json_views import assessment_to_json
    from cocreate_tui.domain.sessions import SessionMeta, new_session

    session = new_session(SessionMeta(team="T"), tiny_bank)
    for question_id, value in answers.items():
        session = session.with_answer(question_id, value)
    result = assess(tiny_bank, answers)
    assert result.overall is not None and not result.overall_shown
    rests_on = "Tallene bygger på 1 av 3 svar"
    outputs = {
        "score": score_text(tiny_bank, answers),
        "markdown": assessment_markdown(tiny_bank, session, result, "nb"),
        "html": session_html(tiny_bank, session, result, "nb"),
    }
    for name, text in outputs.items():
        assert rests_on in text, name
        assert "Samlet:" not in text and "/100" not in text, name
    dump = assessment_to_json(tiny_bank, result, "nb")
    assert dump["overall"] == round(result.overall, 1) and dump["overall_shown"] is False


def test_an_area_answered_on_fewer_than_half_its_questions_says_so(tmp_path) -> None:
    from cocreate_tui.domain.bank_loader import load_bank

    from .tiny_bank import QUESTIONS, write_tiny_bank

    third = """
[[questions]]
id = "anchor_third"
dimension = "anchoring"
text = { nb = "Forankret i ledergruppen?", en = "Anchored with the leaders?" }
help = { nb = "Fordi.", en = "Because." }
lessons = ["anchor-first"]
options = [
  { value = 0, label = { nb = "Nei", en = "No" } },
  { value = 2, label = { nb = "Delvis", en = "Partly" } },
  { value = 4, label = { nb = "Ja", en = "Yes" } },
]
"""
    bank = load_bank(write_tiny_bank(tmp_path / "b", questions_toml=QUESTIONS + third))
    # Anchoring: 1 of 3 answered (fewer than half); time: 1 of 1.
    text = score_text(bank, {"anchor_up": 4, "calendar": 3, "duration": 4})
    assert "1/3 (bare 1 av 3 besvart)" in text
    assert "1/1 (bare" not in text
    # Two of three is more than half: no warning.
    text = score_text(bank, {"anchor_up": 4, "anchor_third": 4, "calendar": 3, "duration": 4})
    assert "bare 2 av 3" not in text and "2/3" in text


def test_many_unclear_start_questions_are_counted_not_listed_in_the_verdict(
    shipped_bank: Bank,
) -> None:
    """With most of the bank unanswered, the verdict says how many questions decide the start
    instead of listing twenty of them; «Avklar før dere starter» lists them."""
    result = assess(shipped_bank, {"understanding_what_it_is": 2})
    unclear = next(r for r in result.level_reasons if r.kind == "blocker_unknown")
    assert len(unclear.questions) > 3
    lines = [reason.text for reason in reason_lines(shipped_bank, result, "nb")]
    assert f"{len(unclear.questions)} spørsmål som avgjør om dere kan starte" in " ".join(lines)
    first = shipped_bank.question(unclear.questions[0])
    assert first is not None and first.text.nb not in " ".join(lines)


def test_a_blocker_resting_on_its_own_stop_words_shows_them_once(shipped_bank: Bank) -> None:
    """Most blockers quote the very sentence that makes them a stop; it appears once."""
    lesson = shipped_bank.lesson("anchor-across")
    assert lesson.stop_quote == lesson.quote
    text = score_text(shipped_bank, {"anchor_across": 0})
    assert text.count("Det er dumt å møte innbyggere i samskaping") == 1


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_missing_preconditions_are_listed_one_per_line_on_screen_in_score_and_exports(
    shipped_bank: Bank, lang: Lang
) -> None:
    """«Dette mangler:» and then a bulleted line per precondition, not one long sentence of
    capitalised titles; the exports make it a real list."""
    answers: dict[str, int | str] = {q.id: 0 for q in shipped_bank.questions}
    result = assess(shipped_bank, answers)
    blockers = [r for r in result.level_reasons if r.kind == "blocker"]
    titles = tuple(shipped_bank.lesson(r.lesson_id or "").title.get(lang) for r in blockers)
    assert len(titles) >= 2
    missing = reason_lines(shipped_bank, result, lang)[0]
    assert missing == Reason(t("reason_missing", lang), titles)
    assert missing.lines() == [t("reason_missing", lang), *(f"• {title}" for title in titles)]

    out = io.StringIO()
    console = Console(file=out, width=200, color_system=None)
    render_assessment(shipped_bank, result, lang, answers, console=console)
    assert "\n".join(missing.lines()) in out.getvalue()

    session = build(shipped_bank, answers)
    markdown = markdown_export.session_markdown(shipped_bank, session, result, lang)
    assert "\n".join(f"- {title}" for title in titles) in markdown
    html = html_export.session_html(shipped_bank, session, result, lang)
    assert "<ul>" + "".join(f"<li>{title}</li>" for title in titles) + "</ul>" in unescape(html)
