"""Dates and times as the team reads them, in the local time zone (no Textual)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..domain.bank_models import Lang


def local_time(moment: datetime, lang: Lang) -> str:
    """`moment` in local time: `3.2.2024 14:05` in Norwegian, `2024-02-03 14:05` in English."""
    local = moment.astimezone()
    if lang == "nb":
        return f"{local.day}.{local.month}.{local.year} {local:%H:%M}"
    return f"{local:%Y-%m-%d %H:%M}"
