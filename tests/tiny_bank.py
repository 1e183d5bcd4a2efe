"""A small, valid bank written as TOML, for tests that must not depend on the shipped bank."""

from __future__ import annotations

from pathlib import Path

BANK = """
[bank]
id = "tiny"
version = "0.1"
title = { nb = "Liten bank", en = "Tiny bank" }
source = "Testkilde"
"""

DIMENSIONS = """
[[dimensions]]
id = "anchoring"
name = { nb = "Forankring", en = "Anchoring" }
description = { nb = "Forankring.", en = "Anchoring." }

[[dimensions]]
id = "time"
name = { nb = "Tid", en = "Time" }
description = { nb = "Tid.", en = "Time." }

[[dimensions]]
id = "ambition"
kind = "ambition"
name = { nb = "Ambisjon", en = "Ambition" }
description = { nb = "Ambisjon.", en = "Ambition." }
"""

LESSONS = """
[[lessons]]
id = "anchor-first"
section = "3.7"
kind = "blocker"
title = { nb = "Forankre først", en = "Anchor first" }
advice = { nb = "Forankre.", en = "Anchor." }
quote = "Det er viktig at det er gode forberedelser"
stop_quote = "før innbyggerne inviteres"
law = [{ name = "Tolkeloven", year = 2022, url = "https://lovdata.no/lov/2021-06-11-74", note = { nb = "Bruk kvalifisert tolk.", en = "Use a qualified interpreter." } }]

[[lessons]]
id = "take-time"
section = "4.6"
kind = "advice"
title = { nb = "Ta tid", en = "Take time" }
advice = { nb = "Sett av tid.", en = "Set aside time." }
quote = "det tar tid"

[[lessons]]
id = "thin-thick"
section = "Appendiks 1 – Forberedelsesfasen"
kind = "advice"
title = { nb = "Tynn eller tykk", en = "Thin or thick" }
advice = { nb = "Bestem dere.", en = "Decide." }
quote = "tykk samskaping"
"""

QUESTIONS = """
[[questions]]
id = "anchor_up"
dimension = "anchoring"
weight = 2
text = { nb = "Forankret oppover?", en = "Anchored upwards?" }
help = { nb = "Fordi.", en = "Because." }
lessons = ["anchor-first"]
options = [
  { value = 0, label = { nb = "Nei", en = "No" } },
  { value = 1, label = { nb = "Litt", en = "A bit" } },
  { value = 2, label = { nb = "Delvis", en = "Partly" } },
  { value = 3, label = { nb = "Mest", en = "Mostly" } },
  { value = 4, label = { nb = "Ja", en = "Yes" } },
]
blockers = [{ lesson = "anchor-first", at_most = 1 }]

[[questions]]
id = "anchor_across"
dimension = "anchoring"
text = { nb = "Forankret på tvers?", en = "Anchored across?" }
help = { nb = "Fordi.", en = "Because." }
lessons = ["anchor-first", "take-time"]
options = [
  { value = 0, label = { nb = "Nei", en = "No" } },
  { value = 2, label = { nb = "Delvis", en = "Partly" } },
  { value = 4, label = { nb = "Ja", en = "Yes" } },
]

[[questions]]
id = "calendar"
dimension = "time"
not_applicable = true
text = { nb = "Tid i kalenderen?", en = "Time in the calendar?" }
help = { nb = "Fordi.", en = "Because." }
lessons = ["take-time"]
options = [
  { value = 0, label = { nb = "Nei", en = "No" } },
  { value = 1, label = { nb = "Litt", en = "A bit" } },
  { value = 2, label = { nb = "Noe", en = "Some" } },
  { value = 3, label = { nb = "Ja", en = "Yes" } },
]

[[questions]]
id = "duration"
dimension = "ambition"
text = { nb = "Hvor lenge?", en = "How long?" }
help = { nb = "Fordi.", en = "Because." }
lessons = ["thin-thick"]
options = [
  { value = 0, label = { nb = "Ett møte", en = "One meeting" } },
  { value = 2, label = { nb = "Noen måneder", en = "Some months" } },
  { value = 4, label = { nb = "Over tid", en = "Over time" } },
]
"""

POLICY = """
[policy]
min_coverage = 0.5
recommend_min_gap = 0.25
dimension_weights = { anchoring = 2.0 }

[policy.levels.not_ready]
label = { nb = "Ikke klare", en = "Not ready" }
summary = { nb = "Forbered.", en = "Prepare." }

[policy.levels.strengthen]
label = { nb = "Nesten klare", en = "Almost ready" }
summary = { nb = "Styrk.", en = "Strengthen." }

[policy.levels.thin]
min_overall = 50
min_dimension = 25
label = { nb = "Tynn", en = "Thin" }
summary = { nb = "Tynn.", en = "Thin." }

[policy.levels.thick]
min_overall = 75
min_dimension = 50
label = { nb = "Tykk", en = "Thick" }
summary = { nb = "Tykk.", en = "Thick." }

[policy.levels.undetermined]
label = { nb = "Uavklart", en = "Undetermined" }
summary = { nb = "Uavklart.", en = "Undetermined." }

[policy.ambition]
dimension = "ambition"
thin = { nb = "Tynn", en = "Thin" }
thick = { nb = "Tykk", en = "Thick" }
undetermined = { nb = "Ikke bestemt", en = "Not decided" }

[[policy.advice]]
id = "start-thin"
readiness = ["thin"]
ambition = ["thick"]
text = { nb = "Start tynt.", en = "Start thin." }
lessons = ["thin-thick"]

[[policy.advice]]
id = "one-meeting"
conditions = [{ question = "duration", at_most = 0 }, { question = "calendar", at_most = 1 }]
text = { nb = "Ett møte er ikke samskaping.", en = "One meeting is not co-creation." }

[[policy.advice]]
id = "across-or-no-calendar"
any_of = [{ question = "anchor_across", at_most = 0 }, { question = "calendar", not_applicable = true }]
text = { nb = "Snakk med de andre enhetene.", en = "Talk to the other units." }

[[policy.advice]]
id = "a-hearing"
placement = "verdict"
conditions = [{ question = "duration", at_most = 0 }]
text = { nb = "Dette er en høring, ikke samskaping.", en = "This is a hearing, not co-creation." }
"""

FILES = {
    "bank.toml": BANK,
    "dimensions.toml": DIMENSIONS,
    "lessons.toml": LESSONS,
    "questions.toml": QUESTIONS,
    "policy.toml": POLICY,
}


def write_tiny_bank(folder: Path, **overrides: str) -> Path:
    """Write the tiny bank into `folder`; `overrides` replace whole files by name (dots as _)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in FILES.items():
        key = name.replace(".", "_")
        (folder / name).write_text(overrides.get(key, text), encoding="utf-8")
    return folder


CHANGES_0_2 = """
[[changes]]
version = "0.2"
question = "calendar"
kind = "options_changed"
note = { nb = "Nye svar.", en = "New options." }

[[changes]]
version = "0.2"
question = "anchor_up"
kind = "reworded"
note = { nb = "Ny tekst.", en = "New wording." }
"""
"""The change log of a version 0.2 of the tiny bank: one question's options, one's wording."""

STAND_TOGETHER = """
[[lessons]]
id = "stand-together"
section = "3.2"
kind = "advice"
title = { nb = "Stå samlet", en = "Stand together" }
advice = { nb = "Snakk sammen.", en = "Talk together." }
quote = "stå samlet"
"""


def write_top_one_bank(folder: Path) -> Path:
    """The tiny bank showing one recommendation, with a third lesson on anchor_across so that
    low answers leave advice over for «N til» / `--all`."""
    return write_tiny_bank(
        folder,
        policy_toml=POLICY.replace(
            "recommend_min_gap = 0.25\n", "recommend_min_gap = 0.25\ntop_recommendations = 1\n"
        ),
        lessons_toml=LESSONS + STAND_TOGETHER,
        questions_toml=QUESTIONS.replace(
            'lessons = ["anchor-first", "take-time"]',
            'lessons = ["anchor-first", "take-time", "stand-together"]',
        ),
    )
