"""A revealed team round of five on the demo bank, at fixed times, for the round screen's tests."""

from __future__ import annotations

from pathlib import Path

from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.round_store import RoundStore
from cocreate_tui.domain.team_round import agree, reveal

from .conftest import START

ANSWERS = {
    "Kari": {"und_difference": 4, "anchor_leadership": 4, "lead_control": 4, "time_calendar": 2},
    "Ola": {"und_difference": 3, "anchor_leadership": 3, "lead_control": 4, "time_calendar": 2},
    "Per": {"und_difference": 3, "anchor_leadership": 2, "lead_control": 2, "time_calendar": 0},
    "Siri": {"und_difference": 4, "anchor_leadership": 3, "lead_control": 4, "time_calendar": 2},
    "Ali": {"und_difference": 2, "anchor_leadership": 1, "lead_control": 4, "time_calendar": 2},
}


def revealed_round(bank: Bank, data_dir: Path) -> str:
    """A round of five with answers revealed and one question agreed, at fixed times."""
    store = RoundStore(data_dir)
    code = store.create("Flyktningtjenesten", bank, START, code="KVT7RN").code
    for name, answers in ANSWERS.items():
        _, session = store.join(code, name, bank, START)
        for question_id, value in answers.items():
            session = session.with_answer(question_id, value=value, now=START)
        store.sessions.save(session)
    store.update(code, lambda r: reveal(r, bank, store.member_sessions(r), START))
    store.update(
        code, lambda r: agree(r, bank, "lead_control", 4, "Lederen sa det på møtet", START)
    )
    return code
