"""Merging a team's individual sessions: spread, disagreement, the merged answer and its verdict."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.merge import merge_sessions, merged_session
from cocreate_tui.domain.scoring import assess
from cocreate_tui.domain.sessions import Session, session_from_json, session_to_json

from .facilitator_helpers import build


def member(
    bank: Bank, name: str, answers: dict[str, int | str], days: int = 0, **kw: Any
) -> Session:
    return build(bank, answers, respondent=name, days=days, **kw)


def test_distribution_median_spread_and_unknowns(tiny_bank: Bank) -> None:
    kari = member(tiny_bank, "Kari", {"anchor_up": 0, "calendar": 3})
    ola = member(tiny_bank, "Ola", {"anchor_up": 4, "calendar": "unknown"}, days=1)
    per = member(tiny_bank, "Per", {"anchor_up": 2}, days=2)

    merge = merge_sessions(tiny_bank, [per, kari, ola], "Horten")

    anchor_up = merge.question("anchor_up")
    assert anchor_up is not None
    assert [a.member for a in anchor_up.answers] == ["Kari", "Ola", "Per"]
    assert [a.value for a in anchor_up.answers] == [0, 4, 2]
    assert anchor_up.distribution == {0: 1, 1: 0, 2: 1, 3: 0, 4: 1}
    assert (anchor_up.median, anchor_up.spread, anchor_up.merged) == (2.0, 4, 2)
    assert anchor_up.disagreement
    calendar = merge.question("calendar")
    assert calendar is not None
    assert (calendar.unknown, calendar.unanswered, calendar.spread) == (1, 1, 0)
    # One member knows, one does not: the known answer stands.
    assert calendar.merged == 3 and not calendar.disagreement
    across = merge.question("anchor_across")
    assert across is not None
    assert (across.merged, across.median, across.spread, across.unanswered) == (None, None, None, 3)


def test_the_merged_answer_is_the_lower_median_option(tiny_bank: Bank) -> None:
    # An even split: 1 and 3 have no option in the middle of them on the 0–3 scale; the lower
    # one is taken, so a split team is never scored as readier than half of it thinks.
    merge = merge_sessions(
        tiny_bank,
        [member(tiny_bank, "A", {"calendar": 1}), member(tiny_bank, "B", {"calendar": 3})],
        "T",
    )
    calendar = merge.question("calendar")
    assert calendar is not None
    assert (calendar.median, calendar.merged) == (2.0, 1)


def test_disagreement_counts_option_steps_not_values(tiny_bank: Bank) -> None:
    # anchor_across offers 0, 2, 4: values 0 and 2 are one step apart; 0 and 4 are two.
    one_step = merge_sessions(
        tiny_bank,
        [
            member(tiny_bank, "A", {"anchor_across": 0}),
            member(tiny_bank, "B", {"anchor_across": 2}),
        ],
        "T",
    )
    two_steps = merge_sessions(
        tiny_bank,
        [
            member(tiny_bank, "A", {"anchor_across": 0}),
            member(tiny_bank, "B", {"anchor_across": 4}),
        ],
        "T",
    )
    assert [q.question_id for q in one_step.disagreements] == []
    assert [q.question_id for q in two_steps.disagreements] == ["anchor_across"]
    question = two_steps.question("anchor_across")
    assert question is not None and question.spread == 2


def test_every_answer_unknown_merges_to_unknown(tiny_bank: Bank) -> None:
    merge = merge_sessions(
        tiny_bank,
        [
            member(tiny_bank, "A", {"calendar": "unknown"}),
            member(tiny_bank, "B", {"calendar": "unknown"}),
        ],
        "T",
    )
    assert merge.answers == {"calendar": "unknown"}
    assert merge.assessment.unknown == ["calendar"]


def test_the_merged_answers_are_scored_by_the_same_engine(tiny_bank: Bank) -> None:
    sessions = [
        member(tiny_bank, "A", {"anchor_up": 1, "anchor_across": 4, "calendar": 3, "duration": 4}),
        member(tiny_bank, "B", {"anchor_up": 3, "anchor_across": 4, "calendar": 2, "duration": 2}),
        member(tiny_bank, "C", {"anchor_up": 4, "anchor_across": 2, "calendar": 3, "duration": 4}),
    ]
    merge = merge_sessions(tiny_bank, sessions, "T")
    assert merge.answers == {"anchor_up": 3, "anchor_across": 4, "calendar": 3, "duration": 4}
    assert merge.assessment == assess(tiny_bank, merge.answers)
    assert merge.assessment.level == "thick"


def test_names_are_told_apart_and_fall_back_to_role_or_id(tiny_bank: Bank) -> None:
    first = member(tiny_bank, "Kari", {})
    second = member(tiny_bank, "Kari", {}, days=1)
    leader = build(tiny_bank, {}, role="leder", mode="individual", days=2)
    nameless = build(tiny_bank, {}, days=3)

    merge = merge_sessions(tiny_bank, [first, second, leader, nameless], "T")

    assert [m.name for m in merge.members] == [
        f"Kari ({first.id[:6]})",
        f"Kari ({second.id[:6]})",
        "leder",
        nameless.id[:8],
    ]


def test_values_the_bank_no_longer_offers_and_unknown_questions(tiny_bank: Bank) -> None:
    # 1 is not an option of anchor_across (0, 2, 4); a dropped question is named, not merged.
    odd = member(tiny_bank, "A", {"anchor_across": 1, "gone": 2})
    other = member(tiny_bank, "B", {"anchor_across": 4}, days=1)
    merge = merge_sessions(tiny_bank, [odd, other], "T")
    question = merge.question("anchor_across")
    assert question is not None
    assert [a.value for a in question.answers] == [None, 4]
    assert question.merged == 4
    assert merge.not_in_bank == ["gone"]


def test_merged_session_is_a_team_session_with_combined_notes(tiny_bank: Bank) -> None:
    kari = member(tiny_bank, "Kari", {"anchor_up": 0, "calendar": 3}, phase="before_inviting")
    kari = kari.with_note("anchor_up", "Leder er usikker", now=kari.created_at)
    ola = member(tiny_bank, "Ola", {"anchor_up": 4, "calendar": "unknown"}, days=1)
    ola = ola.with_note("anchor_up", "Vi har forankret", now=ola.created_at)
    merge = merge_sessions(tiny_bank, [kari, ola], " Horten samlet ")
    now = datetime(2024, 6, 1, 12, tzinfo=UTC)

    session = merged_session(merge, tiny_bank, now=now)

    assert session.meta.team == "Horten samlet"
    assert session.meta.mode == "team" and session.meta.respondent == ""
    assert session.meta.organisation == "Horten kommune"
    assert session.answer("anchor_up").value == 0
    assert session.answer("anchor_up").note == "Kari: Leder er usikker\nOla: Vi har forankret"
    assert session.answer("anchor_up").flagged
    assert session.answer("calendar").value == 3 and not session.answer("calendar").flagged
    assert session.created_at == now
    assert session.status == "in_progress"
    assert session.id not in (kari.id, ola.id)
    assert session_from_json(session_to_json(session)) == session


def test_merged_session_takes_the_latest_phase_when_members_differ(tiny_bank: Bank) -> None:
    early = member(tiny_bank, "A", {}, phase="before_inviting")
    late = member(tiny_bank, "B", {}, days=5, phase="after_first_meeting", organisation="Annen")
    session = merged_session(merge_sessions(tiny_bank, [late, early], "T"), tiny_bank)
    assert session.meta.phase == "after_first_meeting"
    assert session.meta.organisation == ""


def test_bad_input_is_refused(tiny_bank: Bank) -> None:
    session = member(tiny_bank, "A", {})
    with pytest.raises(ValueError, match="at least one"):
        merge_sessions(tiny_bank, [], "T")
    with pytest.raises(ValueError, match="more than once"):
        merge_sessions(tiny_bank, [session, session], "T")
    with pytest.raises(ValueError, match="name"):
        merge_sessions(tiny_bank, [session], "  ")
