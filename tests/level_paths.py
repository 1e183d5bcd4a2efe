"""Every path to every verdict level on the tiny bank, with the words that must name its cause."""

from __future__ import annotations

from dataclasses import dataclass

from cocreate_tui.domain.scoring import AnswerValue


@dataclass(frozen=True)
class LevelPath:
    """Answers that reach `level` by one cause, the words that name it and words that must not
    appear (a cause it does not have)."""

    name: str
    answers: dict[str, AnswerValue]
    level: str
    kinds: list[str]
    words: list[str]
    absent: list[str]


MISSING = "Dette mangler"
WEAK = "Svake områder"
OVERALL_BELOW = "tynn samskaping krever minst 50"
TOO_FEW = "For få svar til et resultat"
UNCLEAR = "avgjør om dere kan starte"
THICK_AREAS = "Før dere går mot tykk samskaping"
THICK_OVERALL = "tykk samskaping krever minst 75"
ALL_CAUSES = [MISSING, WEAK, OVERALL_BELOW, TOO_FEW, UNCLEAR, THICK_AREAS, THICK_OVERALL]

PATHS = [
    LevelPath(
        "blocker",
        {"anchor_up": 1, "anchor_across": 4, "calendar": 3, "duration": 4},
        "not_ready",
        ["blocker"],
        [MISSING, "Forankre først"],
        [],
    ),
    LevelPath(
        "blocker-with-few-answers",
        {"anchor_up": 0},
        "not_ready",
        ["blocker"],
        [MISSING, "Forankre først", "Tallene bygger på 1 av 3 svar"],
        [],
    ),
    LevelPath(
        "coverage",
        {"anchor_up": 4},
        "undetermined",
        ["coverage"],
        [TOO_FEW, "minst 50 %", "Tallene bygger på 1 av 3 svar"],
        [],
    ),
    LevelPath(
        "blocker-question-unknown",
        {"anchor_up": "unknown", "anchor_across": 4, "calendar": 3},
        "undetermined",
        ["blocker_unknown"],
        [UNCLEAR, "Forankret oppover?"],
        [],
    ),
    LevelPath(
        "weak-area",
        {"anchor_up": 4, "anchor_across": 4, "calendar": 0, "duration": 4},
        "strengthen",
        ["weak_area"],
        [WEAK, "Tid 0", "Samlet: 67/100"],
        [],
    ),
    LevelPath(
        "overall-below",
        {"anchor_up": 2, "anchor_across": 0, "calendar": 1, "duration": 4},
        "strengthen",
        ["overall_below"],
        [OVERALL_BELOW, "Samlet poengsum er 33 av 100"],
        [],
    ),
    LevelPath(
        "thin-short-of-thick",
        {"anchor_up": 4, "anchor_across": 2, "calendar": 1, "duration": 4},
        "thin",
        ["thresholds_met", "overall_below", "weak_area"],
        [THICK_OVERALL, THICK_AREAS, "Tid 33"],
        [],
    ),
    LevelPath(
        "thick",
        {"anchor_up": 4, "anchor_across": 4, "calendar": 3, "duration": 4},
        "thick",
        ["thresholds_met"],
        ["Samlet: 100/100"],
        [],
    ),
    LevelPath(
        "thick-with-not-applicable",
        {"anchor_up": 4, "anchor_across": 4, "calendar": "not_applicable", "duration": 4},
        "thick",
        ["thresholds_met"],
        ["Samlet: 100/100", "Gjelder ikke oss"],
        [],
    ),
]
"""Each path's `absent` is every cause's words except its own (filled in below)."""

PATHS = [
    LevelPath(
        p.name,
        p.answers,
        p.level,
        p.kinds,
        p.words,
        [w for w in ALL_CAUSES if w not in p.words and not any(w in x for x in p.words)],
    )
    for p in PATHS
]
