"""Why a dimension got its score: the answers that moved it, and the lessons that say why."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from ...console_views import score_bar
from ...domain.bank_models import Bank
from ...domain.scoring import DimensionResult
from ...domain.sessions import Session
from ..base import BaseDialog


class WhyScoreDialog(BaseDialog[None]):
    """Each known answer of the dimension with the points it cost, worst first."""

    AUTO_FOCUS = ".dialog-body"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,w", "close", "key_close"),
        Binding("enter", "close", "key_close", show=False),
    ]

    def __init__(
        self, bank: Bank, session: Session, dimension_id: str, result: DimensionResult
    ) -> None:
        super().__init__()
        self._bank = bank
        self._session = session
        self._dimension = bank.dimension(dimension_id)
        self._result = result

    def compose(self) -> ComposeResult:
        lang = self.lang
        result = self._result
        with Vertical(classes="dialog wide") as dialog:
            dialog.border_title = self.tr("why_score_title")
            with VerticalScroll(classes="dialog-body", can_focus=True):
                yield Static(
                    Content.assemble(
                        (self._dimension.name.get(lang), "bold"),
                        "\n",
                        self._dimension.description.get(lang),
                        "\n\n",
                        score_bar(result.score, lang=self.lang),
                        "   ",
                        self.tr("results_counts", answered=result.answered, total=result.total),
                    )
                )
                yield Static(self.tr("why_score_explained"), classes="hint", markup=False)
                for effect in result.effects:
                    question = self._bank.question(effect.question_id)
                    if question is None:
                        continue
                    option = question.option(effect.value)
                    label = option.label.get(lang) if option else str(effect.value)
                    parts: list[str | tuple[str, str]] = [
                        (question.text.get(lang), "bold"),
                        "\n",
                        f"{self.tr('why_score_answer')}: «{label}»\n",
                        (self.tr("why_score_points", lost=f"{effect.lost:.0f}"), "bold"),
                    ]
                    if effect.lost > 0:
                        for lesson_id in question.lessons:
                            lesson = self._bank.lesson(lesson_id)
                            parts += [
                                "\n• ",
                                lesson.title.get(lang),
                                f" ({self.tr('report_ref', section=lesson.section)}): ",
                                (lesson.advice.get(lang), "italic"),
                            ]
                    yield Static(Content.assemble(*parts), classes="lesson")
                missing = [*result.unknown, *result.unanswered]
                if missing:
                    yield Static(self.tr("why_score_missing"), classes="heading", markup=False)
                    lines = []
                    for question_id in missing:
                        question = self._bank.question(question_id)
                        status = self.tr(
                            "unknown" if question_id in result.unknown else "review_open"
                        )
                        text = question.text.get(lang) if question else question_id
                        lines.append(f"• {text} ({status.lower()})")
                    yield Static("\n".join(lines), markup=False)
            yield Button(self.tr("close"), id="close", compact=True)

    def on_button_pressed(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        """Close the explanation."""
        self.dismiss(None)
