"""Before finishing: the questions still open, answered «Vet ikke», or flagged for review."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from ...domain.bank_models import Bank
from ...domain.drift import session_drift
from ...domain.sessions import Session, open_questions, orphaned_answers
from ..base import BaseScreen
from ..commands import PaletteCommand
from ..dialogs.confirm import ConfirmDialog

NOTE_PREVIEW = 60


@dataclass(frozen=True)
class ReviewOutcome:
    """What the team chose: go to a question, or finish and see the results."""

    question_id: str | None = None
    finish: bool = False


class ReviewScreen(BaseScreen[ReviewOutcome | None]):
    """Lists what may need another look; choosing a question goes back to it."""

    AUTO_FOCUS = "#review-list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "finish", "key_results"),
        Binding("escape", "back", "key_back"),
    ]
    PALETTE = (PaletteCommand("cmd_results", "cmd_results_help", "finish"),)

    def __init__(self, bank: Bank, session: Session) -> None:
        super().__init__()
        self._bank = bank
        self._session = session
        self._open = open_questions(session, bank)
        self._unknown = [q.id for q in bank.questions if session.answer(q.id).unknown]
        self._changed = session_drift(bank, session).changed
        self._not_applicable = [q.id for q in bank.questions if session.answer(q.id).not_applicable]
        self._flagged = [q.id for q in bank.questions if session.answer(q.id).flagged]
        self._orphans = orphaned_answers(session, bank)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="review-page"):
            yield Static(self.tr("review_title"), classes="screen-title", markup=False)
            yield Static(self._summary(), classes="lead", markup=False)
            review_list = OptionList(*self._options(), id="review-list")
            review_list.display = review_list.option_count > 0
            yield review_list
            with Horizontal(classes="button-row"):
                yield Button(self.tr("review_finish"), variant="primary", id="finish", compact=True)
                yield Button(self.tr("review_back"), id="back", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        if not self.query_one("#review-list").display:
            self.query_one("#finish").focus()

    def _summary(self) -> str:
        total = len(self._bank.questions)
        summary = self.tr(
            "review_summary",
            answered=total - len(self._open),
            total=total,
            open=len(self._open),
            unknown=len(self._unknown),
            flagged=len(self._flagged),
        )
        if not (self._open or self._unknown or self._flagged or self._changed):
            summary += " " + self.tr("review_all_clear")
        return summary

    def _options(self) -> list[Option | None]:
        options: list[Option | None] = []
        groups = (
            ("drift_changed", self._changed),
            ("review_open", self._open),
            ("review_unknown", self._unknown),
            ("review_flagged", self._flagged),
            ("not_applicable", self._not_applicable),
        )
        for key, question_ids in groups:
            if not question_ids:
                continue
            if options:
                options.append(None)
            heading = Content.styled(f"{self.tr(key)} ({len(question_ids)})", "bold")
            options.append(Option(heading, disabled=True))
            for question_id in question_ids:
                options.append(Option(self._line(question_id), id=f"{key}:{question_id}"))
        if self._orphans:
            if options:
                options.append(None)
            heading = Content.styled(f"{self.tr('review_removed')} ({len(self._orphans)})", "bold")
            options.append(Option(heading, disabled=True))
            for question_id in self._orphans:
                options.append(Option(Content(f"  {question_id}"), disabled=True))
        return options

    def _line(self, question_id: str) -> Table:
        question = self._bank.question(question_id)
        assert question is not None
        lang = self.lang
        dimension = self._bank.dimension(question.dimension).name.get(lang)
        text = Text.assemble((f"{dimension}: ", "italic"), question.text.get(lang))
        note = " ".join(self._session.answer(question_id).note.split())
        if note:
            if len(note) > NOTE_PREVIEW:
                note = note[: NOTE_PREVIEW - 1] + "…"
            text.append(f"\n{self.tr('note')}: {note}", style="dim")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=2, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row("•", text)
        return grid

    @on(OptionList.OptionSelected, "#review-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(ReviewOutcome(question_id=event.option.id.split(":", 1)[1]))

    @on(Button.Pressed, "#finish")
    def _finish_pressed(self) -> None:
        self.action_finish()

    @on(Button.Pressed, "#back")
    def _back_pressed(self) -> None:
        self.action_back()

    def action_finish(self) -> None:
        """See the results; asks first if questions are still open."""
        if not self._open:
            self.dismiss(ReviewOutcome(finish=True))
            return
        dialog = ConfirmDialog(
            self.tr("review_confirm_title"),
            self.tr("review_confirm_body", open=len(self._open)),
            yes=self.tr("review_confirm_yes"),
            no=self.tr("review_confirm_no"),
        )
        self.app.push_screen(dialog, self._confirmed)

    def _confirmed(self, confirmed: bool | None) -> None:
        if confirmed:
            self.dismiss(ReviewOutcome(finish=True))

    def action_back(self) -> None:
        """Back to the questions."""
        self.dismiss(None)
