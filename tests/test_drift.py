"""Bank version drift: answers to changed questions are kept, not scored, and asked again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cocreate_tui.domain.bank_loader import load_bank
from cocreate_tui.domain.bank_models import Bank, version_key
from cocreate_tui.domain.drift import bank_drift, scored_answers, session_drift
from cocreate_tui.domain.scoring import assess
from cocreate_tui.domain.sessions import Session, SessionMeta, new_session
from cocreate_tui.ui.progress import next_open

from .tiny_bank import BANK, CHANGES_0_2, write_tiny_bank

CHANGES = (
    CHANGES_0_2
    + """
[[changes]]
version = "0.10"
question = "duration"
kind = "options_changed"
note = { nb = "Nye svar.", en = "New options." }
"""
)

ANSWERS = {"anchor_up": 4, "anchor_across": 4, "calendar": 3, "duration": 4}


@pytest.fixture(scope="module")
def new_bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    bank_toml = BANK.replace('version = "0.1"', 'version = "0.10"') + CHANGES
    return load_bank(write_tiny_bank(tmp_path_factory.mktemp("b"), bank_toml=bank_toml))


def test_versions_compare_as_numbers() -> None:
    assert version_key("0.10") > version_key("0.9") > version_key("0.2") > version_key("0.1")
    assert version_key("2.0.0") > version_key("1.10.3")


def test_changes_after_the_sessions_version_touch_its_answers(new_bank: Bank) -> None:
    drift = bank_drift(new_bank, "0.1", ANSWERS)
    assert drift.active
    assert drift.changed == ["calendar", "duration"]
    assert drift.reworded == ["anchor_up"]


def test_changes_up_to_the_sessions_version_do_not(new_bank: Bank) -> None:
    drift = bank_drift(new_bank, "0.2", ANSWERS)
    assert (drift.changed, drift.reworded) == (["duration"], [])
    assert not bank_drift(new_bank, "0.10", ANSWERS).active
    assert bank_drift(new_bank, "0.10", ANSWERS).changed == []


def test_only_answered_questions_are_listed(new_bank: Bank) -> None:
    drift = bank_drift(new_bank, "0.1", {"anchor_across": 4})
    assert (drift.changed, drift.reworded) == ([], [])
    assert drift.active


def test_a_changed_answer_is_kept_but_not_scored_and_asked_again(new_bank: Bank) -> None:
    session = new_session(SessionMeta(team="T"), new_bank).model_copy(
        update={
            "bank": new_session(SessionMeta(team="T"), new_bank).bank.model_copy(
                update={"version": "0.1", "content_hash": "old"}
            )
        }
    )
    for question_id, value in ANSWERS.items():
        session = session.with_answer(question_id, value)
    assert session.answer("calendar").value == 3  # kept in the file
    scored = scored_answers(new_bank, session)
    assert "calendar" not in scored and "duration" not in scored
    result = assess(new_bank, scored)
    assert "calendar" in result.unanswered
    assert result.dimensions["anchoring"].answered == 2  # reworded: still scored
    assert next_open(new_bank, session, None) == "calendar"
    # Answered again with the new bank, the answer counts again.
    session = session.with_answer("calendar", 2, bank_version="0.10")
    assert session.answer("calendar").bank_version == "0.10"
    assert session_drift(new_bank, session).changed == ["duration"]
    assert scored_answers(new_bank, session)["calendar"] == 2
    assert next_open(new_bank, session, None) == "duration"


def test_an_answer_given_with_the_sessions_own_bank_records_no_version(tiny_bank: Bank) -> None:
    session = new_session(SessionMeta(team="T"), tiny_bank)
    session = session.with_answer("calendar", 2, bank_version=tiny_bank.info.version)
    assert session.answer("calendar").bank_version is None


def test_drift_is_empty_for_a_bank_without_a_change_log(tmp_path: Path, tiny_bank: Bank) -> None:
    drift = bank_drift(tiny_bank, "0.0.1", ANSWERS)
    assert drift.active and drift.changed == [] and drift.reworded == []


def test_show_and_the_exports_say_what_changed_since_an_old_session(
    capsys: pytest.CaptureFixture[str], new_bank: Bank, tmp_path: Path
) -> None:
    import json

    from cocreate_tui.cli import main
    from cocreate_tui.domain.exports.html_export import session_html
    from cocreate_tui.domain.exports.report_markdown import assessment_markdown

    bank_dir, session = _saved_old_session(tmp_path, new_bank, ANSWERS)
    banner = "Spørsmålene er endret siden denne vurderingen ble laget (bank 0.1 → 0.10)"
    base = ["--bank", str(bank_dir), "--data-dir", str(tmp_path / "data"), "show", session.id]
    assert main(base) == 0
    out = capsys.readouterr().out
    assert banner in " ".join(out.split())
    assert "Spørsmålet er endret siden dere svarte – svar på nytt" in out
    assert main([*base, "--json"]) == 0
    dump = json.loads(capsys.readouterr().out)
    assert dump["drift"] == {
        "from_version": "0.1",
        "to_version": "0.10",
        "changed": ["calendar", "duration"],
        "reworded": ["anchor_up"],
    }
    assert "calendar" in dump["assessment"]["unanswered"]
    result = assess(new_bank, scored_answers(new_bank, session))
    assert banner in assessment_markdown(new_bank, session, result, "nb")
    assert banner in session_html(new_bank, session, result, "nb")


def test_the_saved_list_scores_an_old_session_as_show_does(
    capsys: pytest.CaptureFixture[str], new_bank: Bank, tmp_path: Path
) -> None:
    # The list comes from the index, which scores the stored answers again whenever the bank
    # changes; answers the bank has changed since must be left out there too, or the list and
    # the review give one team two verdicts.
    import json

    from cocreate_tui.cli import main
    from cocreate_tui.domain.storage import SessionStore

    answers = {**ANSWERS, "calendar": 0, "duration": 0}
    bank_dir, session = _saved_old_session(tmp_path, new_bank, answers)
    # Answered again with the new bank: this one counts.
    session = session.with_answer("duration", 4, bank_version="0.10")
    SessionStore(tmp_path / "data").save(session)
    scored = assess(new_bank, scored_answers(new_bank, session))
    naive = assess(new_bank, session.answer_values())
    assert (naive.level, naive.overall) != (scored.level, scored.overall)

    base = ["--bank", str(bank_dir), "--data-dir", str(tmp_path / "data")]
    assert main([*base, "show", session.id, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)["assessment"]
    assert main([*base, "list", "--json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)["sessions"]
    assert listed["level"] == shown["level"] == scored.level
    expected = None if shown["overall"] is None else round(shown["overall"], 1)
    assert listed["overall"] == expected


def _saved_old_session(
    tmp_path: Path, new_bank: Bank, answers: dict[str, int]
) -> tuple[Path, Session]:
    """A bank folder of version 0.10, and a session made with 0.1 answered `answers`, saved."""
    from cocreate_tui.domain.sessions import BankRef
    from cocreate_tui.domain.storage import SessionStore

    bank_dir = write_tiny_bank(
        tmp_path / "bank", bank_toml=BANK.replace('version = "0.1"', 'version = "0.10"') + CHANGES
    )
    session = new_session(SessionMeta(team="Holmestrand"), new_bank)
    session = session.model_copy(
        update={"bank": BankRef(id="tiny", version="0.1", content_hash="older")}
    )
    for question_id, value in answers.items():
        session = session.with_answer(question_id, value)
    SessionStore(tmp_path / "data").save(session)
    return bank_dir, session


RELEASED = Path(__file__).parent / "golden" / "released"
"""Each released bank's questions as the team read them (the bokmål question and its options,
`value:label` a line), one JSON file per version: what a session made with it was answered to."""


def _as_read(bank: Bank) -> dict[str, str]:
    return {
        question.id: "\n".join(
            [
                question.text.nb,
                *(f"{option.value}:{option.label.nb}" for option in question.options),
            ]
        )
        for question in bank.questions
    }


@pytest.mark.parametrize("released", sorted(RELEASED.glob("*.json")), ids=lambda path: path.stem)
def test_every_question_changed_since_a_released_bank_has_a_change_entry(
    shipped_bank: Bank, released: Path
) -> None:
    # Without an entry, a session made with the older bank scores its old answer as if the
    # question were the same, and nothing tells the team to look at it again.
    before = json.loads(released.read_text(encoding="utf-8"))
    now = _as_read(shipped_bank)
    logged = {
        change.question
        for change in shipped_bank.changes
        if version_key(change.version) > version_key(released.stem)
    }
    changed = {question for question, text in now.items() if before.get(question) != text}
    assert sorted(changed - logged) == []
    # And no entry says a question changed that reads as it did.
    assert sorted(logged - changed) == []
