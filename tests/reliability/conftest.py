"""The wizard's Pilot fixtures (demo bank, app factory, UTC clock), shared with the UI tests."""

from __future__ import annotations

from ..ui.conftest import _utc_local_time, data_dir, demo_bank, make_app

__all__ = ["_utc_local_time", "data_dir", "demo_bank", "make_app"]
