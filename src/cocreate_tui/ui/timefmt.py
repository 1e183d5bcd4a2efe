"""Dates and times as the team reads them, in the local time zone (no Textual)."""

from __future__ import annotations

from ..domain.human_format import local_time

__all__ = ["local_time"]
