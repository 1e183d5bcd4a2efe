"""One forkserver for the tests that start many processes: children fork from a clean server.

Forking pytest itself (threads of xdist, hypothesis or the app) can deadlock a child; a
forkserver is single-threaded. It is started once per test process, so the modules every such
test needs are preloaded here, together.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.context import ForkServerContext

PRELOAD = ["cocreate_tui.domain.exchange", "tests.reliability.crash_child"]


def context() -> ForkServerContext:
    """The forkserver context, with the test helpers preloaded."""
    chosen = multiprocessing.get_context("forkserver")
    chosen.set_forkserver_preload(PRELOAD)
    return chosen
