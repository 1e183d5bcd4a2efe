"""A read-only report screen (review, compare, merge): Markdown on screen, exports on `e`."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Markdown, Static

from ...domain.bank_models import Lang
from ...domain.exports.report_markdown import SLUG_FALLBACK, write_export
from ...domain.fileio import slug
from ...domain.problem_words import os_reason
from ..base import BaseScreen
from ..dialogs.export import ExportDialog

EXPORT_FORMATS = ("md", "html", "csv", "json")


class DocumentScreen(BaseScreen[None]):
    """Shows `markdown(lang, include_notes)`; `e` writes it in every export format."""

    AUTO_FOCUS = "#document-scroll"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "export", "key_export"),
        Binding("escape", "close", "key_back"),
    ]
    TITLE_KEY = "fac_review_title"

    def __init__(self, data_dir: Path, clock: Callable[[], datetime], name_for_files: str) -> None:
        super().__init__()
        self._data_dir = data_dir
        self._clock = clock
        self._file_stem = name_for_files
        self.exported: list[Path] = []
        """The files the last export wrote (for tests and the line under the title)."""

    def markdown(self, lang: Lang, include_notes: bool) -> str:
        """The report as Markdown."""
        raise NotImplementedError

    def exports(self, lang: Lang, include_notes: bool) -> dict[str, str]:
        """The report in each export format, by file suffix."""
        return {"md": self.markdown(lang, include_notes)}

    def has_notes(self) -> bool:
        """Whether the report holds notes (then an export asks whether to include them)."""
        return True

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="document-scroll", classes="document"):
            yield Static(id="document-exported", classes="hint", markup=False)
            yield Markdown(self.markdown(self.lang, True), id="document-body")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = self.tr(self.TITLE_KEY)
        self.query_one("#document-exported").display = False

    def action_close(self) -> None:
        """Back to the saved assessments."""
        self.dismiss(None)

    def action_export(self) -> None:
        """Export the report as Markdown, HTML, CSV and JSON under the data folder."""
        if self.has_notes():
            self.app.push_screen(ExportDialog(), self._export_chosen)
        else:
            self.export(include_notes=False)

    def _export_chosen(self, include_notes: bool | None) -> None:
        if include_notes is not None:
            self.export(include_notes=include_notes)

    @work(exclusive=True, group="export")
    async def export(self, include_notes: bool) -> None:
        """Write the files off the event loop, then show where they are."""
        texts = self.exports(self.lang, include_notes)
        stem = f"{slug(self._file_stem, SLUG_FALLBACK)}-{self._clock():%Y-%m-%d-%H%M}"

        def write() -> list[Path]:
            return [
                write_export(self._data_dir, f"{stem}.{suffix}", text)
                for suffix, text in texts.items()
            ]

        try:
            self.exported = await asyncio.to_thread(write)
        except OSError as error:
            reason = os_reason(error).text(self.lang)
            self.notify(self.tr("results_export_failed", reason=reason), severity="error")
            return
        line = self.query_one("#document-exported", Static)
        folder = self.exported[0].parent
        names = ", ".join(path.name for path in self.exported)
        line.update(self.tr("fac_exported", folder=str(folder), names=names))
        line.display = True
        self.notify(self.tr("fac_exported", folder=str(folder), names=names), timeout=15)
