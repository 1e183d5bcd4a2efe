"""Why we ask a question: what the report found, and the lessons with their sections and quotes."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from ...domain.bank_models import Bank, Question
from ..base import BaseDialog


class WhyAskDialog(BaseDialog[None]):
    """The help text of `question` and the lessons it rests on."""

    AUTO_FOCUS = ".dialog-body"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,h,f2", "close", "key_close"),
        Binding("enter", "close", "key_close", show=False),
    ]

    def __init__(self, bank: Bank, question: Question) -> None:
        super().__init__()
        self._bank = bank
        self._question = question

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog wide") as dialog:
            dialog.border_title = self.tr("why_ask_title")
            with VerticalScroll(classes="dialog-body", can_focus=True):
                yield Static(self._question.text.get(lang), classes="dialog-question", markup=False)
                yield Static(self._question.help.get(lang), markup=False)
                yield Static(self.tr("why_ask_lessons"), classes="heading", markup=False)
                for lesson_id in self._question.lessons:
                    lesson = self._bank.lesson(lesson_id)
                    quote = lesson.quote if lesson.quote.startswith("«") else f"«{lesson.quote}»"
                    yield Static(
                        Content.assemble(
                            (lesson.title.get(lang), "bold"),
                            f" ({self.tr('report_ref', section=lesson.section)})\n",
                            lesson.advice.get(lang),
                            "\n",
                            (quote, "italic"),
                            "\n",
                            (self._bank.lesson_source(lesson), "dim"),
                        ),
                        classes="lesson",
                    )
            yield Button(self.tr("close"), id="close", compact=True)

    def on_button_pressed(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        """Close the explanation."""
        self.dismiss(None)
