"""The results: the verdict in plain words, blockers first, then what to do, and why each score."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import ClassVar, Literal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Footer, Header, Static

from ...domain.action_plan import action_from_recommendation, actions_for_lesson
from ...domain.bank_models import Bank
from ...domain.drift import session_drift
from ...domain.errors import CocreateError
from ...domain.exports.plan_export import due_words, owner_words, status_words
from ...domain.exports.report_markdown import assessment_markdown, export_file_name, write_export
from ...domain.problem_words import os_reason
from ...domain.scoring import Assessment, Recommendation
from ...domain.sessions import ACTIONS_MAX, Action, Session
from ...domain.verdict_words import (
    area_note,
    clarify_first,
    drift_line,
    figures_line,
    law_lines,
    lesson_quote,
    reason_lines,
    stop_line,
)
from ..base import BaseScreen
from ..commands import PaletteCommand
from ..dialogs.action_form import ActionFormDialog
from ..dialogs.export import ExportDialog
from ..dialogs.why_score import WhyScoreDialog
from ..session_keeper import SessionKeeper
from ..shell import shell_of
from ..widgets.score_list import ScoreList, ScoreRow

ResultsOutcome = Literal["edit", "home"]
"""`edit`: back to the questions to change answers; `home`: close the results."""


class LessonCard(Static, can_focus=True):
    """One recommendation; focus it (Tab or click) and press t to make it an action."""

    def __init__(
        self, content: Content, recommendation: Recommendation, number: int, classes: str
    ) -> None:
        super().__init__(content, classes=classes)
        self.recommendation = recommendation
        """The recommendation the card shows."""
        self.number = number
        """Its number in the list."""


READ_ONLY_HIDDEN = frozenset({"edit", "make_action", "open_plan", "next_round"})
"""Actions a read-only view of the results leaves out: each would change the session."""


class ResultsScreen(BaseScreen[ResultsOutcome]):
    """Presents an `Assessment` of a session; the scoring is done before the screen is made."""

    AUTO_FOCUS = "#results-page"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "export", "key_export"),
        Binding("w", "why", "key_why_score"),
        Binding("t", "make_action", "key_make_action"),
        Binding("a", "show_all", "key_all_advice"),
        Binding("p", "open_plan", "key_plan"),
        Binding("r", "next_round", "key_next_round", show=False),
        Binding("b", "edit", "key_edit"),
        Binding("escape", "close", "key_close"),
    ]
    FOOTER_DROP_FIRST: ClassVar[tuple[str, ...]] = ("show_all", "why", "open_plan")
    PALETTE = (
        PaletteCommand("cmd_export", "cmd_export_help", "export"),
        PaletteCommand("cmd_make_action", "cmd_make_action_help", "make_action"),
        PaletteCommand("cmd_plan", "cmd_plan_help", "open_plan"),
        PaletteCommand("cmd_next_round", "cmd_next_round_help", "next_round"),
        PaletteCommand("cmd_edit", "cmd_edit_help", "edit"),
    )

    def __init__(
        self,
        bank: Bank,
        session: Session,
        assessment: Assessment,
        data_dir: Path,
        clock: Callable[[], datetime],
        keeper: SessionKeeper | None = None,
        *,
        read_only: bool = False,
    ) -> None:
        """Show `assessment` of `session`; exports go under `data_dir`, named by `clock`.

        With `keeper` (which holds `session`), recommendations can be made into actions.
        `read_only` (the session is open in another window) leaves out the way back to editing.
        """
        super().__init__()
        self._read_only = read_only
        self._bank = bank
        self._session = session
        self._keeper = keeper
        self._assessment = assessment
        self._data_dir = data_dir
        self._clock = clock
        self._exported: Path | None = None
        self._all_advice_shown = False

    # --- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="results-page", can_focus=True):
            if self._read_only:
                note = self.tr("open_elsewhere_read_only_note")
                yield Static(note, id="read-only-note", classes="hint", markup=False)
            yield from self._verdict()
            if self._assessment.level == "undetermined":
                # What to clarify decides the verdict, so it comes before any advice.
                yield from self._to_clarify()
            if self._assessment.recommendations and self._keeper is not None:
                yield Static(self.tr("results_action_hint"), classes="hint", markup=False)
            yield from self._lessons(blockers=True)
            yield Static(self.tr("results_scores_title"), classes="heading", markup=False)
            yield Static(self.tr("results_scores_hint"), classes="hint", markup=False)
            yield ScoreList(id="scores")
            yield from self._lessons(blockers=False)
            yield from self._ambition()
            if self._assessment.level != "undetermined":
                yield from self._to_clarify()
            yield from self._not_applicable()
            yield from self._notes()
            yield from self._ignored()
        # Below the page, just above the buttons: seen at once wherever the page is scrolled,
        # and where no toast covers it.
        yield Static(id="export-path", classes="export-path", markup=False)
        with Horizontal(id="results-buttons", classes="button-row"):
            yield Button(self.tr("results_export"), variant="primary", id="export", compact=True)
            if self._keeper is not None:
                yield Button(self.tr("results_make_action"), id="make-action", compact=True)
            if not self._read_only:
                yield Button(self.tr("results_edit"), id="edit", compact=True)
            yield Button(self.tr("results_close"), id="close", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = self._session.meta.team
        self._show_scores()
        self._show_export_path()

    def on_screen_resume(self) -> None:
        self._refresh_cards()

    def _refresh_cards(self) -> None:
        """Show each card's actions as the plan has them now (it may have changed elsewhere)."""
        if self._keeper is None:
            return
        self._session = self._keeper.session
        for card in self.query(LessonCard):
            card.update(self._lesson_text(card.number, card.recommendation))

    async def apply_language(self) -> None:
        await super().apply_language()
        self._show_scores()
        self._show_export_path()

    def _verdict(self) -> Iterator[Widget]:
        lang = self.lang
        assessment = self._assessment
        level = getattr(self._bank.policy.levels, assessment.level)
        lines = [level.summary.get(lang)]
        lines += [f"• {advice.text.get(lang)}" for advice in assessment.verdict_advice]
        lines += [
            line for reason in reason_lines(self._bank, assessment, lang) for line in reason.lines()
        ]
        drift = drift_line(session_drift(self._bank, self._session), lang)
        with Vertical(id="verdict", classes=f"level-{assessment.level}") as verdict:
            verdict.border_title = self.tr("level")
            yield Static(Content.styled(level.label.get(lang), "bold"), id="verdict-label")
            yield Static("\n".join(lines), id="verdict-summary", markup=False)
            if drift:
                yield Static(drift, id="verdict-drift", markup=False)
            figures = figures_line(assessment, lang)
            yield Static(figures, id="verdict-figures", markup=False)

    def _show_scores(self) -> None:
        lang = self.lang
        rows = []
        for dimension in self._bank.dimensions:
            result = self._assessment.dimensions[dimension.id]
            name = dimension.name.get(lang)
            counts = self.tr("results_counts", answered=result.answered, total=result.total)
            note = area_note(result, lang)
            rows.append(
                ScoreRow(
                    dimension.id,
                    name,
                    result.score,
                    f"{counts} – {note}" if note else counts,
                    self.tr("not_applicable" if result.not_applicable else "no_score"),
                    lang,
                )
            )
        self.query_one("#scores", ScoreList).show(rows)

    def _lessons(self, *, blockers: bool) -> Iterator[Widget]:
        chosen = [r for r in self._assessment.recommendations if r.blocker == blockers]
        if not chosen:
            return
        heading = "blockers_heading" if blockers else "recommendations_heading"
        classes = "lesson blocker" if blockers else "lesson"
        yield Static(
            self.tr(heading), classes="heading blockers" if blockers else "heading", markup=False
        )
        # Every blocker is shown; advice is ranked, so the first few come first and the rest
        # wait behind a button rather than burying what follows.
        shown = chosen if blockers else chosen[: self._bank.policy.top_recommendations]
        for number, recommendation in enumerate(shown, start=1):
            yield self._card(number, recommendation, classes)
        rest = chosen[len(shown) :]
        if not rest:
            return
        label = self.tr("more_recommendations_ui", count=len(rest))
        yield Button(label, id="show-all", compact=True)
        with Vertical(id="more-advice") as more:
            more.display = self._all_advice_shown
            for number, recommendation in enumerate(rest, start=len(shown) + 1):
                yield self._card(number, recommendation, classes)

    def _card(self, number: int, recommendation: Recommendation, classes: str) -> Widget:
        content = self._lesson_text(number, recommendation)
        if self._keeper is None:
            return Static(content, classes=classes)
        return LessonCard(content, recommendation, number, classes)

    def _lesson_text(self, number: int, recommendation: Recommendation) -> Content:
        lang = self.lang
        lesson = self._bank.lesson(recommendation.lesson_id)
        parts: list[str | tuple[str, str] | Content] = [
            (f"{number}. {lesson.title.get(lang)}", "bold"),
            f"  ({self.tr('report_ref', section=lesson.section)})\n",
        ]
        if recommendation.blocker and lesson.stop_quote:
            parts += [(stop_line(lesson, lang), "bold"), "\n"]
        parts += [lesson.advice.get(lang), "\n"]
        for line in law_lines(lesson, lang):
            parts += [(line, "bold"), "\n"]
        quote = lesson_quote(lesson, after_stop=recommendation.blocker)
        if quote:
            parts += [(quote, "italic"), "\n"]
        parts += [(f"{self.tr('because_of').capitalize()}:", "dim")]
        for question_id in recommendation.questions:
            parts += ["\n", ("  • ", "dim"), (self._answered(question_id), "dim")]
        for action in actions_for_lesson(self._session, recommendation.lesson_id):
            parts += ["\n", self._action_line(action)]
        return Content.assemble(*parts)

    def _action_line(self, action: Action) -> Content:
        lang = self.lang
        today = self._clock().date()
        return Content.assemble(
            (f"{self.tr('action_text')}: ", "bold"),
            (status_words(action, lang, today), "bold"),
            f" · {owner_words(action, lang)} · {self.tr('action_due')}: {due_words(action, lang)}",
        )

    def _answered(self, question_id: str) -> str:
        lang = self.lang
        question = self._bank.question(question_id)
        if question is None:
            return question_id
        answer = self._session.answer(question_id)
        option = question.option(answer.value) if answer.value is not None else None
        text = question.text.get(lang)
        if answer.not_applicable:
            return f"{text} – «{self.tr('not_applicable')}»"
        return f"{text} – «{option.label.get(lang)}»" if option else text

    def _ambition(self) -> Iterator[Widget]:
        lang = self.lang
        ambition = self._assessment.ambition
        name = getattr(self._bank.policy.ambition, ambition.level).get(lang)
        yield Static(self.tr("ambition_heading"), classes="heading", markup=False)
        parts: list[str | tuple[str, str]] = [f"{self.tr('ambition')}: ", (name, "bold")]
        for advice in ambition.advice:
            parts += ["\n• ", advice.text.get(lang)]
        yield Static(Content.assemble(*parts), classes="section-body")

    def _to_clarify(self) -> Iterator[Widget]:
        assessment = self._assessment
        if not (assessment.unknown or assessment.unanswered):
            return
        yield Static(self.tr("clarify_heading"), classes="heading", markup=False)
        # The questions that decide a precondition first: only they can change the verdict.
        first = assessment.blocker_questions_unclear
        lines = [f"• {self._question_text(qid)}" for qid in clarify_first(assessment)]
        if assessment.unanswered:
            lines.append(f"{self.tr('unanswered_heading')}:")
            lines += [
                f"• {self._question_text(qid)}" for qid in assessment.unanswered if qid not in first
            ]
        yield Static("\n".join(lines), id="to-clarify", classes="section-body", markup=False)

    def _not_applicable(self) -> Iterator[Widget]:
        if not self._assessment.not_applicable:
            return
        yield Static(self.tr("not_applicable_heading"), classes="heading", markup=False)
        lines = [f"• {self._question_text(qid)}" for qid in self._assessment.not_applicable]
        yield Static("\n".join(lines), classes="section-body", markup=False)

    def _question_text(self, question_id: str) -> str:
        question = self._bank.question(question_id)
        return question.text.get(self.lang) if question else question_id

    def _notes(self) -> Iterator[Widget]:
        order = {q.id: index for index, q in enumerate(self._bank.questions)}
        noted = sorted(
            ((qid, a.note.strip()) for qid, a in self._session.answers.items() if a.note.strip()),
            key=lambda item: (order.get(item[0], len(order)), item[0]),
        )
        if not noted:
            return
        yield Static(self.tr("notes_heading"), classes="heading", markup=False)
        parts: list[str | tuple[str, str]] = []
        for question_id, note in noted:
            if parts:
                parts.append("\n")
            parts += [(self._question_text(question_id), "bold"), "\n", note, "\n"]
        yield Static(Content.assemble(*parts), classes="section-body")

    def _ignored(self) -> Iterator[Widget]:
        if not self._assessment.ignored:
            return
        yield Static(self.tr("ignored_answers"), classes="heading", markup=False)
        yield Static(", ".join(self._assessment.ignored), classes="section-body", markup=False)

    def _show_export_path(self) -> None:
        label = self.query_one("#export-path", Static)
        label.display = self._exported is not None
        if self._exported is not None:
            label.update(self.tr("results_exported", path=str(self._exported)))

    # --- actions -----------------------------------------------------------------------------

    @on(ScoreList.Explain)
    def _explain(self, event: ScoreList.Explain) -> None:
        self._open_why(event.dimension_id)

    def action_why(self) -> None:
        """Explain the highlighted dimension's score."""
        scores = self.query_one("#scores", ScoreList)
        option = scores.highlighted_option
        dimension_id = option.id if option is not None else self._bank.dimensions[0].id
        if dimension_id is not None:
            self._open_why(dimension_id)

    def _open_why(self, dimension_id: str) -> None:
        result = self._assessment.dimensions[dimension_id]
        self.app.push_screen(WhyScoreDialog(self._bank, self._session, dimension_id, result))

    @on(Button.Pressed)
    async def _button(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id is not None:
            await self.run_action(event.button.id.replace("-", "_"))

    def action_show_all(self) -> None:
        """Show every piece of advice, not only the first few."""
        self._all_advice_shown = True
        for widget in self.query("#more-advice"):
            widget.display = True
        for widget in self.query("#show-all"):
            widget.display = False
        self.refresh_bindings()

    def action_export(self) -> None:
        """Export the results to a Markdown file; asks whether to include the notes."""
        has_notes = any(answer.note.strip() for answer in self._session.answers.values())
        if has_notes:
            self.app.push_screen(ExportDialog(), self._export_chosen)
        else:
            self.export(include_notes=False)

    def _export_chosen(self, include_notes: bool | None) -> None:
        if include_notes is not None:
            self.export(include_notes=include_notes)

    @work(exclusive=True, group="export")
    async def export(self, include_notes: bool) -> None:
        """Write the Markdown file off the event loop, then show where it is."""
        text = assessment_markdown(
            self._bank, self._session, self._assessment, self.lang, include_notes=include_notes
        )
        name = export_file_name(self._session.meta.team, self._clock())
        try:
            path = await asyncio.to_thread(write_export, self._data_dir, name, text)
        except OSError as error:
            reason = os_reason(error).text(self.lang)
            self.notify(
                self.tr("results_export_failed", reason=reason), severity="error", timeout=30
            )
            return
        self._exported = path
        # The line above the buttons says where the file is; a toast would only cover it.
        self._show_export_path()

    def action_make_action(self) -> None:
        """Make the chosen recommendation an action (or change its action, if it has one).

        With no card chosen, the first recommendation without an action is taken: blockers
        come first.
        """
        if self._keeper is None:
            return
        recommendations = self._assessment.recommendations
        if not recommendations:
            self.notify(self.tr("results_no_advice"))
            return
        focused = self.focused
        if isinstance(focused, LessonCard):
            recommendation = focused.recommendation
        else:
            recommendation = next(
                (
                    rec
                    for rec in recommendations
                    if not actions_for_lesson(self._session, rec.lesson_id)
                ),
                recommendations[0],
            )
            self._focus_card(recommendation)
        lang = self.lang
        lesson = self._bank.lesson(recommendation.lesson_id)
        line = self.tr("action_form_lesson", title=lesson.title.get(lang), section=lesson.section)
        existing = actions_for_lesson(self._session, recommendation.lesson_id)
        if existing:
            dialog = ActionFormDialog(self._clock, existing[0], lesson_line=line, focus="owner")
        elif self._session.plan_full:
            self.notify(self.tr("plan_full", most=ACTIONS_MAX), severity="warning", timeout=15)
            return
        else:
            draft = action_from_recommendation(self._bank, recommendation, lang)
            dialog = ActionFormDialog(
                self._clock,
                text=draft.text,
                lesson_id=draft.lesson_id,
                question_ids=draft.question_ids,
                lesson_line=line,
                focus="owner",
            )
        self.app.push_screen(dialog, self._action_made)

    def _focus_card(self, recommendation: Recommendation) -> None:
        for card in self.query(LessonCard):
            if card.recommendation.lesson_id == recommendation.lesson_id:
                if not card.parent or not card.parent.display:
                    self.action_show_all()
                card.focus()
                return

    def _action_made(self, action: Action | None) -> None:
        if action is None or self._keeper is None:
            return
        keeper = self._keeper
        try:
            keeper.save_action(action)
        except CocreateError as error:
            self.notify(
                error.words(self.lang), title=self.tr("save_failed"), severity="error", timeout=30
            )
            return
        self._refresh_cards()
        self.notify(self.tr("action_saved"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Read-only (open in another window): nothing that changes the session is offered –
        # no way back to the questions, no actions, no plan, no next round.
        if action == "show_all":
            # In the footer only while some advice is still hidden.
            return bool(self.query("#show-all")) and not self._all_advice_shown
        return not (self._read_only and action in READ_ONLY_HIDDEN)

    def action_open_plan(self) -> None:
        """Show the action plan of this session."""
        shell_of(self).navigator.open_plan()

    def action_next_round(self) -> None:
        """Start the team's next round from the open actions."""
        shell_of(self).navigator.next_round()

    def action_edit(self) -> None:
        """Back to the questions to change answers."""
        self.dismiss("edit")

    def action_close(self) -> None:
        """Close the results."""
        self.dismiss("home")
