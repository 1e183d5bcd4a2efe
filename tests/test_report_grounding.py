"""Every section the bank cites is a real heading of the report, and every quote is verbatim.

The report is not part of this repository (only short attributed quotes are); these tests read it
from `../shared/report/` beside the checkout and skip, saying so, where it is not there.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cocreate_tui.domain.bank_models import Bank

REPORT = Path(__file__).resolve().parents[2] / "shared" / "report" / "000_8dea3686eb69f351.txt"
APPENDIX_1_SUBHEADINGS = (
    "Forberedelsesfasen",
    "Rekruttering og håndtering av deltakere fra sivilsamfunnet",
    "Gjennomføringsfasen",
    "Trygghet og likeverd",
    "Kommunikasjon",
    "Ledelse og tilrettelegging",
)

pytestmark = pytest.mark.skipif(
    not REPORT.is_file(),
    reason=f"the report is not at {REPORT} (it lives in shared/, not in the repo)",
)


def normalise(text: str) -> str:
    """Join words hyphenated at line ends and fold all white space, as a reader would."""
    return " ".join(re.sub(r"-[ \t]*\n\s*", "", text).split())


def headings(lines: list[str]) -> dict[str, int]:
    """Section name → line index where it starts, for numbered sections and Appendiks 1 parts."""
    found: dict[str, int] = {}
    in_appendix_1 = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        numbered = re.match(r"^([1-4]\.[0-9])\s+\S", stripped)
        appendix = re.match(r"^Appendiks ([0-9])\.?$", stripped)
        if numbered:
            found[numbered.group(1)] = index
        elif appendix:
            found[f"Appendiks {appendix.group(1)}"] = index
            in_appendix_1 = appendix.group(1) == "1"
        elif in_appendix_1 and stripped in APPENDIX_1_SUBHEADINGS:
            found[stripped] = index
    return found


@pytest.fixture(scope="module")
def report_lines() -> list[str]:
    return REPORT.read_text(encoding="utf-8").splitlines()


def section_span(section: str, lines: list[str]) -> str:
    """The text of `section` (e.g. `Appendiks 1 – Gjennomføringsfasen – Kommunikasjon`)."""
    marks = headings(lines)
    parts = [part.strip() for part in section.split("–")]
    key = parts[-1] if parts[0].startswith("Appendiks 1") and len(parts) > 1 else parts[0]
    start = marks[key]
    # A part that has sub-parts (Gjennomføringsfasen) runs until the next non-nested heading.
    nested = {
        "Gjennomføringsfasen": (
            "Trygghet og likeverd",
            "Kommunikasjon",
            "Ledelse og tilrettelegging",
        )
    }
    following = [i for name, i in marks.items() if i > start and name not in nested.get(key, ())]
    end = min(following, default=len(lines))
    return "\n".join(lines[start:end])


def test_heading_index_finds_the_reports_structure(report_lines: list[str]) -> None:
    marks = headings(report_lines)
    assert {"1.1", "1.2", "3.3", "3.7", "4.3", "4.8", "Appendiks 1", "Appendiks 2"} <= set(marks)
    assert set(APPENDIX_1_SUBHEADINGS) <= set(marks)


def test_every_cited_section_is_a_real_heading(shipped_bank: Bank, report_lines: list[str]) -> None:
    marks = headings(report_lines)
    wrong = []
    for lesson in shipped_bank.lessons:
        parts = [part.strip() for part in lesson.section.split("–")]
        if parts[0] not in marks or (
            parts[0] == "Appendiks 1" and not all(p in APPENDIX_1_SUBHEADINGS for p in parts[1:])
        ):
            wrong.append((lesson.id, lesson.section))
    assert wrong == []


def test_every_quote_is_verbatim_in_the_report(shipped_bank: Bank, report_lines: list[str]) -> None:
    report = normalise("\n".join(report_lines))
    missing = [
        lesson.id for lesson in shipped_bank.lessons if normalise(lesson.quote) not in report
    ]
    assert missing == []


def test_every_quote_stands_in_the_section_it_cites(
    shipped_bank: Bank, report_lines: list[str]
) -> None:
    misplaced = [
        (lesson.id, lesson.section)
        for lesson in shipped_bank.lessons
        if normalise(lesson.quote) not in normalise(section_span(lesson.section, report_lines))
    ]
    assert misplaced == []


def test_normalise_joins_line_end_hyphens_only() -> None:
    assert (
        normalise("for-\n\nankring og bruker- og pårørende") == "forankring og bruker- og pårørende"
    )


def test_every_blocker_says_in_the_reports_words_why_it_stops(
    shipped_bank: Bank, report_lines: list[str]
) -> None:
    """A blocker caps the verdict, so the bank must show the words of the report that make it
    a stop, standing where the bank says they stand (its `stop_section`, else its `section`)."""
    blockers = [lesson for lesson in shipped_bank.lessons if lesson.kind == "blocker"]
    assert blockers
    without = [lesson.id for lesson in blockers if not lesson.stop_quote]
    misplaced = [
        (lesson.id, lesson.stop_section or lesson.section)
        for lesson in blockers
        if lesson.stop_quote
        and normalise(lesson.stop_quote)
        not in normalise(section_span(lesson.stop_section or lesson.section, report_lines))
    ]
    assert (without, misplaced) == ([], [])
