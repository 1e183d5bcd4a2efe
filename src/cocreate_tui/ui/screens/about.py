"""About: the report the check rests on, its authors, what samskaping means, and privacy."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from ...domain.bank_models import Bank
from ..base import BaseScreen


class AboutScreen(BaseScreen[None]):
    """Shows the source, its definition of samskaping (3.3), and where the data is kept."""

    AUTO_FOCUS = "#about"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "key_back"),
    ]

    def __init__(self, bank: Bank, data_dir: Path) -> None:
        super().__init__()
        self._bank = bank
        self._data_dir = data_dir

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="about", classes="prose", can_focus=True):
            yield Static(self.tr("about_title"), classes="screen-title", markup=False)
            sections = (
                ("about_report_heading", self.tr("about_report_body")),
                ("about_source_heading", self._source()),
                ("about_definition_heading", self.tr("about_definition_body")),
                ("about_lessons_heading", self.tr("about_lessons_body")),
                ("about_tools_heading", self.tr("about_tools_body")),
                ("about_privacy_heading", self.tr("about_privacy_body", path=self._data_dir)),
            )
            for heading, body in sections:
                yield Static(self.tr(heading), classes="heading", markup=False)
                yield Static(body, classes="section-body", markup=False)
        yield Footer(compact=True)

    def _source(self) -> str:
        info = self._bank.info
        lines = [info.source]
        if info.source_url:
            lines.append(info.source_url)
        lines.append(self.tr("about_bank", id=info.id, version=info.version))
        return "\n".join(lines)

    def action_close(self) -> None:
        """Back to where you were."""
        self.dismiss(None)
