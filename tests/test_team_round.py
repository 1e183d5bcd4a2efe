"""The team round's domain: agreement figures, the reveal, re-votes, the agreed session, files."""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cocreate_tui.domain.agreement import area_agreement, question_agreement, rwg, rwg_j, strength
from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.round_store import NameTakenError, RoundStore, SealedSessionError
from cocreate_tui.domain.scoring import assess
from cocreate_tui.domain.sessions import Session, SessionMeta, new_session
from cocreate_tui.domain.team_round import (
    CODE_ALPHABET,
    RoundError,
    TeamRound,
    agree,
    agree_unanimous,
    area_view,
    collect_revotes,
    finish,
    hides_until_reveal,
    normalise_code,
    progress,
    reveal,
    reveal_view,
    revote,
    round_result,
)

from .platform_guards import assert_private

NOW = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)
VOTES: dict[str, dict[str, int | str]] = {
    "Kari": {"anchor_up": 2, "anchor_across": 4, "calendar": 3, "duration": 2},
    "Ola": {"anchor_up": 2, "anchor_across": 4, "calendar": 3, "duration": 2},
    "Per": {"anchor_up": 3, "anchor_across": 4, "calendar": 3, "duration": 2},
    "Siri": {"anchor_up": 3, "anchor_across": 4, "calendar": 2, "duration": 2},
    "Ali": {"anchor_up": 4, "anchor_across": 4, "calendar": 3, "duration": "unknown"},
}


def answered(session: Session, answers: dict[str, int | str], now: datetime) -> Session:
    for question_id, value in answers.items():
        if value == "unknown":
            session = session.with_answer(question_id, unknown=True, now=now)
        else:
            assert isinstance(value, int)
            session = session.with_answer(question_id, value=value, now=now)
    return session


def round_of_five(data: Path, bank: Bank) -> tuple[RoundStore, TeamRound]:
    store = RoundStore(data)
    team_round = store.create("Flyktningtjenesten", bank, NOW)
    for name, answers in VOTES.items():
        _, session = store.join(team_round.code, name, bank, NOW)
        store.sessions.save(answered(session, answers, NOW))
    return store, store.load(team_round.code)


# --- agreement figures, against values worked out by hand -------------------------------------


def test_rwg_per_question_against_hand_computed_values() -> None:
    # Positions 2,2,3,3,4: mean 2.8, squared deviations .64+.64+.04+.04+1.44 = 2.8, s² = 2.8/4
    # = 0.7; five options give σ²_EU = (25 − 1)/12 = 2; r_wg = 1 − 0.7/2 = 0.65.
    assert rwg([2, 2, 3, 3, 4], 5) == pytest.approx(0.65)
    # Four options: σ²_EU = 15/12 = 1.25; 3,3,3,2,3 gives s² = 0.8/4 = 0.2; 1 − 0.16 = 0.84.
    assert rwg([3, 3, 3, 2, 3], 4) == pytest.approx(0.84)
    assert rwg([1, 1, 1], 3) == 1.0
    # Answers at the two ends: s² = 16/3, more than chance (2): reported as 0, never below.
    assert rwg([0, 4, 0, 4], 5) == 0.0
    # One answer has no spread to measure.
    assert rwg([3], 5) is None
    assert rwg([], 5) is None


def test_rwg_j_per_area_against_hand_computed_values() -> None:
    # Two five-option questions with s² 0.7 and 0.3: m = 0.5, m/σ² = 0.25, J = 2:
    # 2(0.75) / (2(0.75) + 0.25) = 1.5/1.75 = 0.857…
    assert rwg_j([(0.7, 5), (0.3, 5)]) == pytest.approx(1.5 / 1.75)
    # Mixed option counts: the ratio is each question's own, averaged: (0.35 + 0)/2 = 0.175;
    # 2(0.825) / (1.65 + 0.175) = 0.9041…
    assert rwg_j([(0.7, 5), (0.0, 3)]) == pytest.approx(1.65 / 1.825)
    assert rwg_j([(4.0, 5)]) == 0.0
    assert rwg_j([]) is None


def test_strength_follows_lebreton_and_senter() -> None:
    assert [strength(v) for v in (0.70, 0.69, 0.51, 0.50, 0.0)] == [
        "strong",
        "moderate",
        "moderate",
        "weak",
        "weak",
    ]


def test_one_member_two_steps_away_is_a_split_whatever_the_figure_says() -> None:
    # Seven at 2 and one at 4: s² = 3.5/7 = 0.5, r_wg = 0.75 (strong), but one is two steps off.
    figure = question_agreement([2] * 7 + [4], 5)
    assert figure.rwg == pytest.approx(0.75)
    assert figure.split and figure.spread == 2 and figure.members == 8
    assert not question_agreement([2, 2, 3, 3], 5).split  # r_wg 0.833, one step apart


def test_area_figure_names_the_members_behind_it() -> None:
    area = area_agreement(
        [
            ([2, 2], 5, frozenset({"Kari", "Ola"})),
            ([1], 5, frozenset({"Per"})),  # one answer: no variance, left out
        ]
    )
    assert (area.rwg_j, area.questions, area.members) == (1.0, 1, 2)


@given(st.lists(st.integers(0, 4), min_size=2, max_size=12))
def test_rwg_is_between_zero_and_one(positions: list[int]) -> None:
    value = rwg(positions, 5)
    assert value is not None and 0.0 <= value <= 1.0
    assert (value == 1.0) == (len(set(positions)) == 1)


# --- the round: join, reveal, re-vote, agree --------------------------------------------------


def test_join_codes_are_unambiguous_and_read_forgivingly() -> None:
    assert not set("0O1IL") & set(CODE_ALPHABET)
    assert normalise_code(" abc 234 ") == "ABC234"
    for bad in ("ABC23", "ABC2340", "ABCO23", "../../x"):
        with pytest.raises(RoundError, match="not a join code"):
            normalise_code(bad)


def test_before_the_reveal_nothing_of_anyone_s_answers_is_shown(
    tmp_path: Path, tiny_bank: Bank
) -> None:
    store, team_round = round_of_five(tmp_path, tiny_bank)
    sessions = store.member_sessions(team_round)
    # The facilitator sees counts only, and the round file holds no answer.
    assert [(p.name, p.answered) for p in progress(team_round, tiny_bank, sessions)] == [
        ("Kari", 4),
        ("Ola", 4),
        ("Per", 4),
        ("Siri", 4),
        ("Ali", 4),
    ]
    assert team_round.votes == {}
    assert json.loads(store.path_for(team_round.code).read_text())["votes"] == {}
    with pytest.raises(RoundError, match="answering"):
        reveal_view(team_round, tiny_bank)
    with pytest.raises(RoundError):
        area_view(team_round, tiny_bank)
    # A member who joins again gets their own session back, and only that.
    _, own = store.join(team_round.code, "kari ", tiny_bank, NOW)
    assert own.meta.respondent == "Kari" and own.answer_values() == VOTES["Kari"]


def test_after_the_reveal_every_answer_is_shown_and_ordered_by_disagreement(
    tmp_path: Path, tiny_bank: Bank
) -> None:
    store, team_round = round_of_five(tmp_path, tiny_bank)
    later = NOW + timedelta(minutes=5)
    team_round = store.update(
        team_round.code,
        lambda r: reveal(r, tiny_bank, store.member_sessions(r), later),
    )
    spreads = reveal_view(team_round, tiny_bank)
    # Hides nothing: every member's vote on every question.
    for spread in spreads:
        assert {name: VOTES[name][spread.question_id] for name in VOTES} == spread.votes
    assert [s.question_id for s in spreads] == [
        "anchor_up",
        "calendar",
        "anchor_across",
        "duration",
    ]
    up = spreads[0]
    assert up.agreement.rwg == pytest.approx(0.65) and up.agreement.split
    assert up.counts == {0: 0, 1: 0, 2: 2, 3: 2, 4: 1}
    assert up.names[3] == ["Per", "Siri"]
    duration = spreads[-1]
    # «Vet ikke» is left out of the figure, and the figure says how many it rests on.
    assert (duration.unknown, duration.agreement.members, duration.agreement.rwg) == (1, 4, 1.0)
    areas = area_view(team_round, tiny_bank)
    assert areas["anchoring"].rwg_j == pytest.approx(1.65 / 1.825)
    assert areas["anchoring"].members == 5
    # Joining after the reveal is refused: the answers are out.
    with pytest.raises(RoundError, match="revealed"):
        store.join(team_round.code, "Nils", tiny_bank, later)


def test_a_blocker_raised_by_any_member_comes_first(tmp_path: Path, tiny_bank: Bank) -> None:
    store = RoundStore(tmp_path)
    code = store.create("T", tiny_bank, NOW).code
    for name, value in (("A", 4), ("B", 4), ("C", 1)):
        _, session = store.join(code, name, tiny_bank, NOW)
        session = answered(session, {"anchor_up": value, "calendar": value % 4}, NOW)
        store.sessions.save(session)
    team_round = store.update(code, lambda r: reveal(r, tiny_bank, store.member_sessions(r), NOW))
    first = reveal_view(team_round, tiny_bank)[0]
    assert (first.question_id, first.blocker) == ("anchor_up", True)


def test_revote_keeps_the_history_and_hides_the_question_until_all_have_voted(
    tmp_path: Path, tiny_bank: Bank
) -> None:
    store, team_round = round_of_five(tmp_path, tiny_bank)
    code = team_round.code
    store.update(code, lambda r: reveal(r, tiny_bank, store.member_sessions(r), NOW))
    asked = NOW + timedelta(minutes=10)
    team_round = store.update(code, lambda r: revote(r, "anchor_up", asked))
    assert team_round.history["anchor_up"][0].votes == {n: VOTES[n]["anchor_up"] for n in VOTES}
    spread = next(s for s in reveal_view(team_round, tiny_bank) if s.question_id == "anchor_up")
    assert spread.votes == {} and spread.pending == 5 and spread.revotes == 1
    with pytest.raises(RoundError, match="voted on again"):
        agree(team_round, tiny_bank, "anchor_up", 3, "", asked)
    # Four vote again; the question stays open until the fifth has.
    after = asked + timedelta(minutes=1)
    sessions = store.member_sessions(team_round)
    for name in ("Kari", "Ola", "Per", "Siri"):
        store.sessions.save(sessions[name].with_answer("anchor_up", value=3, now=after))
    sessions = store.member_sessions(team_round)
    assert collect_revotes(team_round, tiny_bank, sessions, after) is team_round
    # With the members' sessions, the spread counts who has still to vote: Ali alone.
    waiting = next(s for s in reveal_view(team_round, tiny_bank, sessions) if s.pending)
    assert (waiting.question_id, waiting.pending, waiting.votes) == ("anchor_up", 1, {})
    assert [p.answered for p in progress(team_round, tiny_bank, sessions)] == [4, 4, 4, 4, 3]
    store.sessions.save(sessions["Ali"].with_answer("anchor_up", value=3, now=after))
    team_round = store.update(
        code, lambda r: collect_revotes(r, tiny_bank, store.member_sessions(r), after)
    )
    assert team_round.votes["anchor_up"] == dict.fromkeys(VOTES, 3)
    assert team_round.reopened == {}
    assert len(team_round.history["anchor_up"]) == 1


def test_the_agreed_session_is_exactly_the_recorded_answers(
    tmp_path: Path, tiny_bank: Bank
) -> None:
    store, team_round = round_of_five(tmp_path, tiny_bank)
    code = team_round.code
    store.update(code, lambda r: reveal(r, tiny_bank, store.member_sessions(r), NOW))
    team_round = store.update(code, lambda r: agree_unanimous(r, tiny_bank, NOW))
    # All known votes match on these two (duration's «Vet ikke» is left out); not on calendar.
    assert sorted(team_round.agreed) == ["anchor_across", "duration"]
    team_round = store.update(
        code, lambda r: agree(r, tiny_bank, "anchor_up", 2, "Leder har ikke sagt ja ennå", NOW)
    )
    team_round = store.update(code, lambda r: agree(r, tiny_bank, "calendar", "unknown", "", NOW))
    done, session = finish(team_round, tiny_bank, NOW)
    assert session.answer_values() == {
        "anchor_up": 2,
        "anchor_across": 4,
        "calendar": "unknown",
        "duration": 2,
    }
    assert session.answer("anchor_up").note == "Leder har ikke sagt ja ennå"
    assert session.answer("anchor_up").flagged  # the team stayed split there
    assert session.meta.mode == "team" and session.status == "complete"
    assert (done.state, done.agreed_session_id) == ("agreed", session.id)
    result = round_result(done, tiny_bank)
    assert result.assessment == assess(tiny_bank, session.answer_values())
    assert result.split == ["anchor_up"] and result.not_agreed == []
    with pytest.raises(RoundError, match="closed"):
        agree(done, tiny_bank, "anchor_up", 3, "", NOW)


def test_agree_refuses_an_option_the_question_does_not_have(
    tmp_path: Path, tiny_bank: Bank
) -> None:
    store, team_round = round_of_five(tmp_path, tiny_bank)
    team_round = reveal(team_round, tiny_bank, store.member_sessions(team_round), NOW)
    with pytest.raises(RoundError, match="anchor_across: 3 is not an option"):
        agree(team_round, tiny_bank, "anchor_across", 3, "", NOW)
    with pytest.raises(RoundError, match="no agreed answers"):
        finish(team_round, tiny_bank, NOW)


# --- until the reveal, a member's session is theirs alone ------------------------------------


def test_members_sessions_are_hidden_from_everyone_else_until_the_reveal(
    tmp_path: Path, tiny_bank: Bank
) -> None:
    store, team_round = round_of_five(tmp_path, tiny_bank)
    kari = team_round.members[0].session_id
    outside = new_session(SessionMeta(team="Horten"), tiny_bank, now=NOW)
    store.sessions.save(outside)
    assert hides_until_reveal(team_round, kari)
    assert not hides_until_reveal(team_round, outside.id)
    assert store.sealing_round(kari) == team_round
    assert store.sealing_round(outside.id) is None
    assert set(store.sealed_sessions()) == {m.session_id for m in team_round.members}
    with pytest.raises(
        SealedSessionError, match=f"Kari's answers belong to team round {team_round.code}"
    ):
        store.refuse_sealed([outside.id, kari])
    store.refuse_sealed([outside.id])  # anything else is not held back

    # A file in the rounds folder that is no round hides nothing and breaks nothing.
    (store.directory / "notes.json").write_text("{")
    (store.directory / f"{'Z' * 6}.json").write_text("{")
    assert store.sealing_round(kari) == team_round

    revealed = store.update(
        team_round.code, lambda r: reveal(r, tiny_bank, store.member_sessions(r), NOW)
    )
    assert not hides_until_reveal(revealed, kari)
    assert store.sealing_round(kari) is None and store.sealed_sessions() == {}
    store.refuse_sealed([kari])


# --- files: private, and nothing lost when many save at once ----------------------------------


def test_round_files_are_private_and_unknown_codes_are_named(
    tmp_path: Path, tiny_bank: Bank
) -> None:
    store = RoundStore(tmp_path)
    team_round = store.create("T", tiny_bank, NOW)
    path = store.path_for(team_round.code)
    assert_private(path, path.parent)
    with pytest.raises(RoundError, match="No team round has the code ABCDEF"):
        store.load("abcdef")
    path.write_text("{}")
    with pytest.raises(RoundError, match="not a round file"):
        store.load(team_round.code)


def test_members_joining_at_once_are_all_kept(tmp_path: Path, tiny_bank: Bank) -> None:
    store = RoundStore(tmp_path)
    code = store.create("T", tiny_bank, NOW).code
    names = [f"Medlem {n}" for n in range(12)]

    def join(name: str) -> str:
        # Each member in a store of their own, as in separate processes on one folder.
        _, session = RoundStore(tmp_path).join(code, name, tiny_bank, NOW)
        RoundStore(tmp_path).sessions.save(session.with_answer("calendar", value=1, now=NOW))
        return session.id

    with ThreadPoolExecutor(max_workers=6) as pool:
        ids = list(pool.map(join, names))
    team_round = store.load(code)
    assert sorted(m.name for m in team_round.members) == sorted(names)
    assert {m.session_id for m in team_round.members} == set(ids)
    assert all(s.answer("calendar").value == 1 for s in store.member_sessions(team_round).values())
    assert not list(store.directory.glob("*.lock"))


def test_one_name_joining_from_two_windows_at_once_leaves_one_session(
    tmp_path: Path, tiny_bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = RoundStore(tmp_path)
    code = store.create("T", tiny_bank, NOW).code
    first: list[Session] = []
    update = RoundStore.update

    def other_window_first(
        self: RoundStore, code: str, change: Callable[[TeamRound], TeamRound]
    ) -> TeamRound:
        # Between this window's session file and its change to the round, another window
        # joins Kari: the round then names the other window's session.
        if not first:
            monkeypatch.setattr(RoundStore, "update", update)
            first.append(RoundStore(tmp_path).join(code, "Kari", tiny_bank, NOW)[1])
        return update(self, code, change)

    monkeypatch.setattr(RoundStore, "update", other_window_first)
    team_round, session = store.join(code, "Kari", tiny_bank, NOW)

    kari = team_round.member("Kari")
    assert kari is not None and session.id == first[0].id == kari.session_id
    files = sorted(p.stem for p in store.sessions.directory.glob("*.json"))
    assert files == [session.id]  # no stray blank session from the window that came second
    assert [row.id for row in store.sessions.index.query()] == [session.id]


def test_a_member_is_found_again_only_from_where_they_joined(
    tmp_path: Path, tiny_bank: Bank
) -> None:
    # Answers are the member's alone until the reveal: a name is no key to another's session.
    store = RoundStore(tmp_path)
    code = store.create("T", tiny_bank, NOW).code
    _, kari = store.join(code, "Kari", tiny_bank, NOW)  # at a terminal
    _, ola = store.join(code, "Ola", tiny_bank, NOW, device="phone-of-ola")  # in a browser

    assert store.join(code, "kari", tiny_bank, NOW)[1].id == kari.id
    assert store.join(code, "Ola", tiny_bank, NOW, device="phone-of-ola")[1].id == ola.id
    for name, device in (("Kari", "some-phone"), ("Ola", "another-phone"), ("Ola", None)):
        with pytest.raises(NameTakenError, match=f"{name} has already joined round {code}"):
            store.join(code, name, tiny_bank, NOW, device=device)
    assert len(list(store.sessions.directory.glob("*.json"))) == 2  # nothing new written


def test_a_member_name_must_be_printable_and_not_taken(tmp_path: Path, tiny_bank: Bank) -> None:
    store = RoundStore(tmp_path)
    code = store.create("T", tiny_bank, NOW).code
    with pytest.raises(RoundError, match="printable"):
        store.join(code, "Kari\x1b[2J", tiny_bank, NOW)
    with pytest.raises(RoundError, match="at most 60"):
        store.join(code, "K" * 61, tiny_bank, NOW)
    # Nothing was written for the refused names: no member, no session file.
    assert store.load(code).members == []
    assert not list(store.sessions.directory.glob("*.json"))


def test_gjelder_ikke_oss_is_left_out_of_the_figure_and_can_be_agreed(
    tmp_path: Path, tiny_bank: Bank
) -> None:
    store = RoundStore(tmp_path)
    code = store.create("T", tiny_bank, NOW).code
    votes = {"A": (3, "not_applicable"), "B": (3, 2), "C": (3, 3), "D": (3, "not_applicable")}
    for name, (up, calendar) in votes.items():
        _, session = store.join(code, name, tiny_bank, NOW)
        session = session.with_answer("anchor_up", value=up, now=NOW)
        if calendar == "not_applicable":
            session = session.with_answer("calendar", not_applicable=True, now=NOW)
        else:
            assert isinstance(calendar, int)
            session = session.with_answer("calendar", value=calendar, now=NOW)
        store.sessions.save(session)
    team_round = store.update(code, lambda r: reveal(r, tiny_bank, store.member_sessions(r), NOW))
    calendar_spread = next(
        s for s in reveal_view(team_round, tiny_bank) if s.question_id == "calendar"
    )
    # Two «Gjelder ikke oss» are counted beside the figure, not in it: r_wg of 2 and 3 on four
    # options is 1 − 0.5/1.25 = 0.6, behind it two members.
    assert calendar_spread.not_applicable == 2
    assert calendar_spread.agreement.members == 2
    assert calendar_spread.agreement.rwg == pytest.approx(0.6)
    with pytest.raises(RoundError, match="does not allow «Gjelder ikke oss»"):
        agree(team_round, tiny_bank, "anchor_up", "not_applicable", "", NOW)
    team_round = agree(
        team_round, tiny_bank, "calendar", "not_applicable", "Vi har ingen kalender", NOW
    )
    team_round = agree_unanimous(team_round, tiny_bank, NOW)
    _, session = finish(team_round, tiny_bank, NOW)
    assert session.answer("calendar").not_applicable
    assert session.answer_values() == {"anchor_up": 3, "calendar": "not_applicable"}
    assert round_result(team_round, tiny_bank).assessment.not_applicable == ["calendar"]
