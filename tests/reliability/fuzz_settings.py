"""How many examples the fuzz targets run: a few hundred always, 10,000 each under `-m slow`.

`COCREATE_FUZZ_EXAMPLES=N` sets the slow count (e.g. 2,000 on a loaded machine); an explicit
`settings(...)` on a test would override any Hypothesis profile, so the count is read here.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

FUZZ_EXAMPLES_ENV = "COCREATE_FUZZ_EXAMPLES"
DEFAULT_SLOW_EXAMPLES = 10_000


def slow_examples() -> int:
    """The example count of each `-m slow` target: `COCREATE_FUZZ_EXAMPLES`, else 10,000."""
    raw = os.environ.get(FUZZ_EXAMPLES_ENV, "").strip()
    if not raw:
        return DEFAULT_SLOW_EXAMPLES
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"{FUZZ_EXAMPLES_ENV} must be a whole number of at least 1, not {raw!r}")
    return int(raw)


def fuzz_settings(examples: int) -> settings:
    """Settings for a fuzz target of `examples` examples: no deadline, no health checks."""
    return settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck))


LONG = fuzz_settings(slow_examples())
"""The `-m slow` targets' settings."""
