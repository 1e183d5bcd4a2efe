"""Compare two readers' answers per case: the blockers each raises, and where they differ.

Usage: python scripts/compare_readers.py ANSWERS_DIR
(files named <case>_<n>.toml, as in docs/bank-checks/; the shipped bank's blocker rules apply).
"""

from __future__ import annotations

import sys
import tomllib
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bank_for_readers import load

QUESTIONS = {q["id"]: q for q in load(Path(__file__).parents[1] / "questions")["questions"]}


def blockers(answers: dict) -> list[str]:
    """The blocker lessons these answers raise."""
    return [
        rule["lesson"]
        for qid, question in QUESTIONS.items()
        if isinstance(answers.get(qid), int)
        for rule in question.get("blockers", [])
        if answers[qid] <= rule["at_most"]
    ]


def main(folder: Path) -> None:
    runs: dict[str, dict[str, dict]] = defaultdict(dict)
    for path in sorted(folder.glob("*.toml")):
        case, run = path.stem.rsplit("_", 1)
        runs[case][run] = tomllib.loads(path.read_text(encoding="utf-8"))["answers"]
    same_total = known_total = 0
    for case, by_run in sorted(runs.items()):
        print(f"\n=== {case}")
        for run, answers in sorted(by_run.items()):
            print(f"  reader {run}: blockers {blockers(answers)}")
        if len(by_run) < 2:
            continue
        first, second = (by_run[run] for run in sorted(by_run)[:2])
        known = [q for q in QUESTIONS if "unknown" not in (first.get(q), second.get(q))]
        known += [q for q in QUESTIONS if (first.get(q), second.get(q)).count("unknown") == 1]
        same = [q for q in known if first.get(q) == second.get(q)]
        same_total += len(same)
        known_total += len(known)
        print(f"  same option where either answered: {len(same)}/{len(known)}")
        for qid in QUESTIONS:
            if first.get(qid) != second.get(qid):
                print(f"    split {qid}: {first.get(qid)!r} vs {second.get(qid)!r}")
    if known_total:
        print(f"\nAll cases: {same_total}/{known_total} = {same_total / known_total:.0%}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
