"""Numbers and times as people read them in the chosen language (JSON and CSV keep ISO 8601).

The separators and the date pattern are in each language's catalogue (`fmt_*`), so a new
language brings its own: Norwegian writes 70,0 and 50 000 and 06.12.2026 12:30.
"""

from __future__ import annotations

from datetime import date, datetime

from ..i18n import t


def number(value: float, lang: str, decimals: int = 0) -> str:
    """`value` with the language's decimal mark and thousands separator."""
    text = f"{value:,.{decimals}f}"
    whole, _, fraction = text.partition(".")
    whole = whole.replace(",", t("fmt_thousands", lang))
    return f"{whole}{t('fmt_decimal', lang)}{fraction}" if fraction else whole


def percent(value: float, lang: str, decimals: int = 0) -> str:
    """`value` (0–100) as a percentage, e.g. «100 %» in Norwegian and «100%» in English."""
    return t("fmt_percent", lang).format(value=number(value, lang, decimals))


def local_time(moment: datetime, lang: str) -> str:
    """`moment` in the local time zone: `06.12.2026 12:30` in Norwegian."""
    return t("fmt_datetime", lang).format(moment=moment.astimezone())


def day(value: date, lang: str) -> str:
    """A date: `06.12.2026` in Norwegian, `2026-12-06` in English."""
    return t("fmt_date", lang).format(day=value)


def local_day(moment: datetime, lang: str) -> str:
    """The day of `moment` in the local time zone: `06.12.2026` in Norwegian."""
    return day(moment.astimezone().date(), lang)
