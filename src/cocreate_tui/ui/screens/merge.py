"""A team's individual answers merged: spread per question, disagreements, a savable result."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual.binding import Binding, BindingType

from ...domain.bank_models import Bank, Lang
from ...domain.errors import CocreateError
from ...domain.exports.csv_export import merge_csv
from ...domain.exports.html_export import merge_html
from ...domain.exports.json_export import merge_json
from ...domain.exports.markdown_export import merge_markdown
from ...domain.merge import Merge, merged_session
from ...domain.storage import SessionStore
from ..commands import PaletteCommand
from .document import DocumentScreen


class MergeScreen(DocumentScreen):
    """The merge of several members' sessions; `s` saves the merged answers as a session."""

    TITLE_KEY = "fac_merge_title"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "save_merged", "key_save_merged"),
    ]
    PALETTE = (PaletteCommand("cmd_save_merged", "cmd_save_merged_help", "save_merged"),)

    def __init__(
        self,
        bank: Bank,
        merge: Merge,
        store: SessionStore,
        data_dir: Path,
        clock: Callable[[], datetime],
    ) -> None:
        super().__init__(data_dir, clock, "merge-" + merge.name)
        self._bank = bank
        self._store = store
        self.merge = merge
        self.saved_id: str | None = None
        """The id of the merged session, once saved."""

    def has_notes(self) -> bool:
        return any(a.note.strip() for q in self.merge.questions for a in q.answers)

    def markdown(self, lang: Lang, include_notes: bool) -> str:
        return merge_markdown(self._bank, self.merge, lang, include_notes)

    def exports(self, lang: Lang, include_notes: bool) -> dict[str, str]:
        return {
            "md": self.markdown(lang, include_notes),
            "html": merge_html(self._bank, self.merge, lang, include_notes),
            "csv": merge_csv(self._bank, self.merge, lang, include_notes),
            "json": merge_json(self._bank, self.merge, lang, include_notes, self.saved_id),
        }

    def action_save_merged(self) -> None:
        """Save the merged answers as a session of their own (once)."""
        if self.saved_id is not None:
            self.notify(self.tr("saved_as", id=self.saved_id))
            return
        session = merged_session(self.merge, self._bank, now=self._clock())
        try:
            self._store.save(session)
        except CocreateError as error:
            self.notify(
                error.words(self.lang), title=self.tr("save_failed"), severity="error", timeout=30
            )
            return
        self.saved_id = session.id
        self.notify(self.tr("saved_as", id=session.id), timeout=15)
