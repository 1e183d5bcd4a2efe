"""Comparing one team's sessions over time: levels, scores, answers and blockers that moved."""

from __future__ import annotations

import pytest

from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.compare import compare_sessions
from cocreate_tui.domain.sessions import BankRef

from .facilitator_helpers import build

BEFORE = {"anchor_up": 0, "anchor_across": 0, "calendar": 1, "duration": 4}
AFTER = {"anchor_up": 3, "anchor_across": 4, "calendar": 3, "duration": 2}


def test_sessions_are_put_in_time_order_whatever_the_order_given(tiny_bank: Bank) -> None:
    first = build(tiny_bank, BEFORE, days=0)
    second = build(tiny_bank, AFTER, days=90)
    third = build(tiny_bank, AFTER | {"calendar": 2}, days=200)

    comparison = compare_sessions(tiny_bank, [third, first, second])

    assert [c.session.id for c in comparison.sessions] == [first.id, second.id, third.id]
    assert [(s.before.session.id, s.after.session.id) for s in comparison.steps] == [
        (first.id, second.id),
        (second.id, third.id),
    ]
    change = comparison.overall_change
    assert (change.before.session.id, change.after.session.id) == (first.id, third.id)


def test_horten_before_and_after_consolidating(tiny_bank: Bank) -> None:
    before = build(tiny_bank, BEFORE, {"anchor_up": "Leder har ikke sagt ja"}, days=0)
    after = build(tiny_bank, AFTER, {"anchor_up": "Hjemmefronten er samlet"}, days=90)

    step = compare_sessions(tiny_bank, [before, after]).overall_change

    assert (step.level_before, step.level_after, step.level_changed) == ("not_ready", "thick", True)
    assert step.level_direction == "better"
    assert step.overall_before == pytest.approx(100 / 9)
    assert step.overall_after == pytest.approx(800 / 9)
    assert step.overall_delta == pytest.approx(700 / 9)
    deltas = {d.dimension_id: d.delta for d in step.dimensions}
    assert [d.dimension_id for d in step.dimensions] == ["anchoring", "time", "ambition"]
    assert deltas["anchoring"] == pytest.approx(250 / 3)
    assert deltas["time"] == pytest.approx(200 / 3)
    assert deltas["ambition"] == pytest.approx(-50)
    assert step.blockers_cleared == ["anchor-first"]
    assert step.blockers_raised == []
    assert not step.shared_only and step.left_out == []


def test_changed_answers_in_bank_order_with_option_steps_and_notes(tiny_bank: Bank) -> None:
    before = build(tiny_bank, {"anchor_up": 1, "anchor_across": 0, "calendar": "unknown"})
    after = build(
        tiny_bank,
        {"anchor_up": 1, "anchor_across": 4, "calendar": 2, "duration": 0},
        {"anchor_across": "Avklart med barnevernet"},
        days=30,
    )

    step = compare_sessions(tiny_bank, [before, after]).steps[0]

    changes = {c.question_id: c for c in step.changed_answers}
    assert [c.question_id for c in step.changed_answers] == [
        "anchor_across",
        "calendar",
        "duration",
    ]
    across = tiny_bank.question("anchor_across")
    assert across is not None
    # 0 → 4 on the options 0, 2, 4 is two steps, not four.
    assert changes["anchor_across"].steps(across) == 2
    assert changes["anchor_across"].note_after == "Avklart med barnevernet"
    calendar = tiny_bank.question("calendar")
    assert calendar is not None
    assert (changes["calendar"].before, changes["calendar"].after) == ("unknown", 2)
    assert changes["calendar"].steps(calendar) is None
    assert (changes["duration"].before, changes["duration"].after) == (None, 0)


def test_a_blocker_raised_later_is_named(tiny_bank: Bank) -> None:
    before = build(tiny_bank, AFTER)
    after = build(tiny_bank, AFTER | {"anchor_up": 1}, days=10)

    step = compare_sessions(tiny_bank, [before, after]).steps[0]

    assert step.blockers_raised == ["anchor-first"]
    assert step.blockers_cleared == []
    assert (step.level_before, step.level_after) == ("thick", "not_ready")


def test_different_bank_versions_are_compared_on_what_they_share(tiny_bank: Bank) -> None:
    old_bank = BankRef(id="tiny", version="0.0", content_hash="old-hash")
    # The old bank had no `calendar` question, and a question the current bank has dropped.
    before = build(
        tiny_bank,
        {"anchor_up": 2, "anchor_across": 2, "duration": 2, "old_question": 3},
        bank_ref=old_bank,
    )
    after = build(
        tiny_bank, {"anchor_up": 4, "anchor_across": 2, "calendar": 0, "duration": 2}, days=1
    )

    comparison = compare_sessions(tiny_bank, [before, after])
    step = comparison.steps[0]

    assert step.shared_only
    assert step.left_out == ["calendar"]
    assert [c.question_id for c in step.changed_answers] == ["anchor_up"]
    times = {d.dimension_id: (d.before, d.after) for d in step.dimensions}
    # `calendar` (answered only after) is left out of the scores, so time has no score either side.
    assert times["time"] == (None, None)
    assert step.overall_before == pytest.approx(50)
    assert step.overall_after == pytest.approx(250 / 3)
    # Each session's own verdict still uses every answer it has.
    assert comparison.sessions[1].assessment.dimensions["time"].score == 0
    assert comparison.not_in_bank == ["old_question"]
    assert comparison.sessions[0].not_in_bank == ["old_question"]
    assert comparison.sessions[0].bank_differs and not comparison.sessions[1].bank_differs
    assert [(b.version, b.current, b.session_ids) for b in comparison.banks] == [
        ("0.0", False, [before.id]),
        ("0.1", True, [after.id]),
    ]
    assert comparison.mixed_banks


def test_same_bank_is_compared_on_every_answer(tiny_bank: Bank) -> None:
    comparison = compare_sessions(
        tiny_bank, [build(tiny_bank, BEFORE), build(tiny_bank, AFTER, days=1)]
    )
    assert not comparison.mixed_banks
    assert len(comparison.banks) == 1 and comparison.banks[0].current


def test_several_teams_are_named(tiny_bank: Bank) -> None:
    comparison = compare_sessions(
        tiny_bank,
        [build(tiny_bank, BEFORE, team="Larvik"), build(tiny_bank, AFTER, team="Horten", days=1)],
    )
    assert comparison.teams == ["Larvik", "Horten"]


def test_fewer_than_two_or_the_same_session_twice_is_refused(tiny_bank: Bank) -> None:
    session = build(tiny_bank, BEFORE)
    with pytest.raises(ValueError, match="at least two"):
        compare_sessions(tiny_bank, [session])
    with pytest.raises(ValueError, match="more than once"):
        compare_sessions(tiny_bank, [session, session])


def test_levels_are_ordered_with_undetermined_apart() -> None:
    from cocreate_tui.domain.scoring import level_rank

    order = ["not_ready", "strengthen", "thin", "thick"]
    ranks = [level_rank(level) for level in order]  # type: ignore[arg-type]
    assert ranks == sorted(ranks) and len(set(ranks)) == 4
    assert level_rank("undetermined") is None
