"""A tiny in-memory bank and session builders for the session and storage tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from cocreate_tui.domain.bank_models import (
    AmbitionPolicy,
    Bank,
    BankInfo,
    Dimension,
    Lesson,
    Levels,
    LevelText,
    Option,
    PassingLevel,
    Policy,
    Question,
    Text,
)
from cocreate_tui.domain.sessions import Session, SessionMeta, new_session

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


def text(words: str) -> Text:
    return Text(nb=words, en=words)


def make_question(question_id: str, dimension: str = "anchoring") -> Question:
    return Question(
        id=question_id,
        dimension=dimension,
        text=text(f"Spørsmål {question_id}?"),
        help=text("Fordi."),
        lessons=["anchor-first"],
        options=[Option(value=value, label=text(f"Situasjon {value}")) for value in (0, 2, 4)],
    )


def make_bank(
    question_ids: Sequence[str] = ("q1", "q2", "q3"), content_hash: str = "hash-1"
) -> Bank:
    """A valid bank with one readiness and one ambition dimension and the given questions."""
    return Bank(
        info=BankInfo(id="tiny", version="1.0", title=text("Liten"), source="Testkilde"),
        dimensions=[
            Dimension(id="anchoring", name=text("Forankring"), description=text("Forankring.")),
            Dimension(
                id="ambition", kind="ambition", name=text("Ambisjon"), description=text("Amb.")
            ),
        ],
        lessons=[
            Lesson(
                id="anchor-first",
                section="3.7",
                kind="blocker",
                title=text("Forankre først"),
                advice=text("Forankre."),
                quote="gode forberedelser",
            )
        ],
        questions=[make_question(question_id) for question_id in question_ids],
        policy=Policy(
            levels=Levels(
                not_ready=LevelText(label=text("Ikke klar"), summary=text("Forbered.")),
                strengthen=LevelText(label=text("Nesten klar"), summary=text("Styrk.")),
                thin=PassingLevel(label=text("Tynn"), summary=text("Tynn."), min_overall=50),
                thick=PassingLevel(label=text("Tykk"), summary=text("Tykk."), min_overall=75),
                undetermined=LevelText(label=text("Uavklart"), summary=text("Avklar.")),
            ),
            ambition=AmbitionPolicy(
                dimension="ambition", thin=text("Tynn"), thick=text("Tykk"), undetermined=text("?")
            ),
        ),
        content_hash=content_hash,
    )


def make_session(
    team: str = "Team Larvik", bank: Bank | None = None, now: datetime = T0
) -> Session:
    meta = SessionMeta(team=team, organisation="Larvik kommune", service_area="NAV")
    return new_session(meta, bank or make_bank(), now=now)
