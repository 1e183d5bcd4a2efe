"""Print the question bank as independent readers see it (the app's bokmål, no scoring rules).

Used to check a change to the bank: give each reader one case description and this text only
(see docs/bank-checks/). Usage: python scripts/bank_for_readers.py [BANK_DIR] > bank_for_readers.md
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path


def load(folder: Path) -> dict:
    data: dict = {}
    for path in sorted(folder.glob("*.toml")):
        for key, value in tomllib.loads(path.read_text(encoding="utf-8")).items():
            if isinstance(value, list):
                data.setdefault(key, []).extend(value)
            else:
                data[key] = value
    return data


def render(data: dict) -> str:
    out = [
        "# Spørsmålene i «Er vi klare for samskaping?» (bokmål)",
        "",
        "Hvert spørsmål har svaralternativer med et tall. I tillegg kan dere alltid svare",
        '«Vet ikke» (skriv "unknown"), og der det står, «Gjelder ikke oss»',
        '(skriv "not_applicable").',
        "",
    ]
    for dimension in data["dimensions"]:
        out += [f"## Område: {dimension['name']['nb']}", dimension["description"]["nb"], ""]
        for question in data["questions"]:
            if question["dimension"] != dimension["id"]:
                continue
            out.append(f"### {question['id']}: {question['text']['nb']}")
            out.append(f"Hvorfor spør vi? {question['help']['nb']}")
            out += [f"  {o['value']} = {o['label']['nb']}" for o in question["options"]]
            out.append('  "unknown" = Vet ikke')
            if question.get("not_applicable"):
                out.append('  "not_applicable" = Gjelder ikke oss')
            out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[1] / "questions"
    print(render(load(folder)))
