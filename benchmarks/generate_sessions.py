"""Generate many realistic, deterministic sessions for benchmarks: `generate_sessions.py DIR N`."""

from __future__ import annotations

import argparse
import os
import random
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cocreate_tui.domain.bank_loader import BankError, load_bank
from cocreate_tui.domain.bank_location import shipped_bank_dir
from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.paths import ensure_private_dir, sessions_dir
from cocreate_tui.domain.sessions import (
    Answer,
    BankRef,
    Phase,
    Session,
    SessionMeta,
    session_to_json,
)

DEFAULT_SEED = 20210301
"""The month the report came out; any fixed number keeps the output the same run after run."""

MUNICIPALITIES = (
    "Horten", "Holmestrand", "Larvik", "Tønsberg", "Sandefjord", "Færder", "Porsgrunn",
    "Skien", "Drammen", "Kongsberg", "Notodden", "Bamble", "Kragerø", "Re", "Lier",
)  # fmt: skip
SERVICES = (
    "NAV", "Flyktningtjenesten", "Frivilligsentralen", "Barnevernet", "Helsestasjonen",
    "Boligsosialt arbeid", "Rus og psykisk helse", "Kulturskolen", "Hjemmetjenesten",
    "Oppfølgingstjenesten", "Introduksjonsprogrammet",
)  # fmt: skip
FIRST_NAMES = (
    "Kari", "Ola", "Ingrid", "Lars", "Sofie", "Ahmed", "Nora", "Jonas", "Fatima", "Marius",
    "Hanne", "Erik", "Amina", "Thomas", "Silje", "Mohammed", "Liv", "Anders", "Maja", "Per",
)  # fmt: skip
ROLES = ("leder", "veileder", "konsulent", "saksbehandler", "prosjektleder", "miljøarbeider")
NOTES = (
    "Må tas opp med enhetsleder.",
    "Uenige i teamet her.",
    "Kommunalsjef er informert, men ikke involvert.",
    "Vi har ikke satt av tid i kalenderen ennå.",
    "Tolk må bestilles i god tid.",
    "Brukerrådet kan hjelpe oss å nå innbyggerne.",
    "Usikre på hva samskaping betyr for oss.",
    "Vi har snakket med flyktningtjenesten om dette.",
)
PHASES: tuple[Phase, ...] = ("before_inviting", "after_first_meeting", "evaluation")
START = datetime(2021, 3, 1, tzinfo=UTC)


def generate_sessions(bank: Bank, count: int, seed: int = DEFAULT_SEED) -> Iterator[Session]:
    """`count` valid sessions of `bank`, the same for the same seed.

    Teams come back over time (the phases advance and readiness tends to rise), about a third
    of the sessions are one member answering alone, some are unfinished, some answers are
    «Vet ikke», and a few carry notes.
    """
    rng = random.Random(seed)
    teams = max(1, count // 3)
    readiness = [rng.betavariate(2.2, 2.0) for _ in range(teams)]
    last_visit = [START + timedelta(days=rng.randrange(2 * 365)) for _ in range(teams)]
    visits = [0] * teams
    for _ in range(count):
        team = rng.randrange(teams)
        visits[team] += 1
        # A team comes back one to four months after its last check.
        if visits[team] > 1:
            last_visit[team] += timedelta(days=rng.randrange(30, 120))
        created = last_visit[team] + timedelta(minutes=rng.randrange(8 * 60, 16 * 60))
        yield _session(bank, rng, team, readiness[team], visits[team], created)


def write_sessions(
    data_dir: Path, count: int, bank: Bank | None = None, seed: int = DEFAULT_SEED
) -> int:
    """Write `count` sessions into `data_dir`'s sessions folder (0600 files, 0700 folder)."""
    bank = bank or load_bank(shipped_bank_dir())
    folder = ensure_private_dir(sessions_dir(data_dir))
    written = 0
    for session in generate_sessions(bank, count, seed):
        # Plain writes without fsync: the files are throwaway benchmark data, and 50,000 fsyncs
        # would take longer than the benchmark itself.
        path = folder / f"{session.id}.json"
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(session_to_json(session))
        written += 1
    return written


def _session(
    bank: Bank,
    rng: random.Random,
    team: int,
    readiness: float,
    visit: int,
    created: datetime,
) -> Session:
    municipality = MUNICIPALITIES[team % len(MUNICIPALITIES)]
    service = SERVICES[(team // len(MUNICIPALITIES)) % len(SERVICES)]
    number = team // (len(MUNICIPALITIES) * len(SERVICES))
    individual = rng.random() < 0.3
    # Each return visit is later in the work, and the team has usually moved forward.
    phase = PHASES[min(visit - 1, len(PHASES) - 1)]
    level = min(1.0, readiness + 0.12 * (visit - 1) + rng.gauss(0, 0.05))
    updated = created + timedelta(minutes=rng.randrange(5, 180))
    finished = rng.random() < 0.8
    meta = SessionMeta(
        team=f"{service} {municipality}" + (f" {number + 1}" if number else ""),
        organisation=f"{municipality} kommune" if service != "NAV" else f"NAV {municipality}",
        service_area=service,
        respondent=rng.choice(FIRST_NAMES) if individual else "",
        role=rng.choice(ROLES) if individual else "",
        mode="individual" if individual else "team",
        phase=phase,
    )
    answers: dict[str, Answer] = {}
    for question in bank.questions:
        if not finished and rng.random() < 0.35:
            continue
        note = rng.choice(NOTES) if rng.random() < 0.08 else ""
        if rng.random() < 0.07:
            answers[question.id] = Answer(unknown=True, note=note, answered_at=updated)
            continue
        top = len(question.options) - 1
        position = round(min(top, max(0, rng.gauss(level * top, 0.9))))
        answers[question.id] = Answer(
            value=question.options[position].value, note=note, answered_at=updated
        )
    return Session(
        id=uuid.UUID(int=rng.getrandbits(128), version=4).hex,
        meta=meta,
        bank=BankRef.of(bank),
        answers=answers,
        status="complete" if finished else "in_progress",
        created_at=created,
        updated_at=updated,
        language="nb" if rng.random() < 0.9 else "en",
    )


def main(argv: list[str] | None = None) -> int:
    """`python benchmarks/generate_sessions.py DIR N [--seed S] [--bank BANK]`."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dir", type=Path, help="data folder; sessions go to DIR/sessions")
    parser.add_argument("count", type=int, help="how many sessions")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--bank", type=Path, help="bank folder (default: the shipped bank)")
    args = parser.parse_args(argv)
    if args.count < 0:
        parser.error("N must be 0 or more")
    try:
        bank = load_bank(args.bank or shipped_bank_dir())
    except BankError as error:
        print(f"generate_sessions: {error}", file=sys.stderr)
        return 1
    written = write_sessions(args.dir, args.count, bank, args.seed)
    print(f"{written} sessions in {sessions_dir(args.dir)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
