"""Two or more sessions of a team in time order: what changed, read-only, with exports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from ...domain.bank_models import Bank, Lang
from ...domain.compare import Comparison
from ...domain.exports.csv_export import comparison_csv
from ...domain.exports.html_export import comparison_html
from ...domain.exports.json_export import comparison_json
from ...domain.exports.markdown_export import comparison_markdown
from .document import DocumentScreen


class CompareScreen(DocumentScreen):
    """Per-dimension and level change, changed answers, blockers raised and cleared."""

    TITLE_KEY = "fac_compare_title"

    def __init__(
        self, bank: Bank, comparison: Comparison, data_dir: Path, clock: Callable[[], datetime]
    ) -> None:
        super().__init__(data_dir, clock, "compare-" + "-".join(comparison.teams))
        self._bank = bank
        self.comparison = comparison

    def has_notes(self) -> bool:
        return any(
            answer.note.strip()
            for compared in self.comparison.sessions
            for answer in compared.session.answers.values()
        )

    def markdown(self, lang: Lang, include_notes: bool) -> str:
        return comparison_markdown(self._bank, self.comparison, lang, include_notes)

    def exports(self, lang: Lang, include_notes: bool) -> dict[str, str]:
        return {
            "md": self.markdown(lang, include_notes),
            "html": comparison_html(self._bank, self.comparison, lang, include_notes),
            "csv": comparison_csv(self._bank, self.comparison, lang, include_notes),
            "json": comparison_json(self._bank, self.comparison, lang, include_notes),
        }
