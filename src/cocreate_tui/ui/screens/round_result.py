"""The result of a team round: spread, agreement per area, where the team is split, the verdict."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from ...domain.bank_models import Bank, Lang
from ...domain.exports.round_export import round_json, round_markdown
from ...domain.exports.round_sheets import round_html
from ...domain.team_round import TeamRound
from .document import DocumentScreen


class RoundResultScreen(DocumentScreen):
    """The round as a report; `e` writes it as Markdown, JSON and printable HTML."""

    TITLE_KEY = "round_result_heading"

    def __init__(
        self, bank: Bank, team_round: TeamRound, data_dir: Path, clock: Callable[[], datetime]
    ) -> None:
        super().__init__(data_dir, clock, f"teamrunde-{team_round.team}")
        self._bank = bank
        self.team_round = team_round

    def has_notes(self) -> bool:
        return False

    def markdown(self, lang: Lang, include_notes: bool) -> str:
        return round_markdown(self._bank, self.team_round, lang)

    def exports(self, lang: Lang, include_notes: bool) -> dict[str, str]:
        return {
            "md": self.markdown(lang, include_notes),
            "json": round_json(self._bank, self.team_round, lang),
            "html": round_html(self._bank, self.team_round, lang),
        }
