"""One question at a time; the same screen is updated in place as the team moves between them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Header, Static

from ...domain.bank_models import Bank, Question
from ...domain.drift import session_drift
from ...domain.errors import CocreateError
from ...domain.text_safety import NOTE_MAX
from ..base import BaseScreen
from ..commands import PaletteCommand
from ..dialogs.why_ask import WhyAskDialog
from ..progress import answered_count, dimension_progress, first_in_dimension, next_open
from ..session_keeper import SessionKeeper
from ..widgets.answer_options import AnswerOptions
from ..widgets.dimension_sidebar import DimensionSidebar, SidebarEntry
from ..widgets.no_relayout import SizedText, update_in_place
from ..widgets.note_box import NoteBox
from ..widgets.progress_line import ProgressLine
from ..widgets.steady_footer import SteadyFooter
from .review import ReviewOutcome, ReviewScreen

if TYPE_CHECKING:
    from textual.widgets import TextArea

QuestionsOutcome = Literal["finish", "home"]
"""`finish`: the team wants its results; `home`: back to where the screen was opened from."""

NOTE_SAVE_DELAY = 0.5
"""Seconds of quiet before a note is saved; leaving the question or quitting saves at once."""
MAX_OPTIONS = 5
ANSWER_GROUP = Binding.Group("key_answer", compact=True)
FLAG_MARK = "⚑"
SIDEBAR_TOGGLED = "-sidebar-toggled"
QUESTION_ACTIONS = {
    "answer",
    "unknown",
    "not_applicable",
    "next",
    "previous",
    "next_open",
    "flag",
    "why",
}
"""Actions on the question on screen: off while the sidebar covers it on a narrow screen."""

BUTTONS = (
    ("previous", "q_previous"),
    ("next", "q_next"),
    ("why", "q_why"),
    ("review", "q_review"),
)
"""Buttons under the question: id (also the action) and i18n key."""


class QuestionsScreen(BaseScreen[QuestionsOutcome]):
    """Asks the bank's questions, grouped by dimension, saving every change at once."""

    AUTO_FOCUS = "#options"
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(str(number), f"answer({number})", "key_answer", group=ANSWER_GROUP)
            for number in range(1, MAX_OPTIONS + 1)
        ),
        Binding("0,v", "unknown", "key_unknown"),
        Binding("g", "not_applicable", "key_not_applicable"),
        Binding("n,right", "next", "key_next", show=False),
        Binding("p,left", "previous", "key_previous", show=False),
        Binding("u", "next_open", "key_next_open", show=False),
        Binding("f", "flag", "key_flag"),
        Binding("h,f2", "why", "key_why"),
        Binding("r", "review", "key_review"),
        Binding("s", "toggle_sidebar", "key_sidebar", show=False),
        Binding("escape", "close", "key_close"),
    ]
    PALETTE = (
        PaletteCommand("cmd_review", "cmd_review_help", "review"),
        PaletteCommand("cmd_next_open", "cmd_next_open_help", "next_open"),
        PaletteCommand("cmd_why", "cmd_why_help", "why"),
        PaletteCommand("cmd_flag", "cmd_flag_help", "flag"),
        PaletteCommand("cmd_sidebar", "cmd_sidebar_help", "toggle_sidebar"),
    )

    def __init__(
        self, bank: Bank, keeper: SessionKeeper, question_id: str, notice: str = ""
    ) -> None:
        """Ask `bank`'s questions for the session in `keeper`, starting at `question_id`."""
        super().__init__()
        self._bank = bank
        self._keeper = keeper
        self._ids = [question.id for question in bank.questions]
        self._current = question_id if question_id in self._ids else self._ids[0]
        self._notice = notice
        self._note_timer: Timer | None = None
        self._pending_note: tuple[str, str] | None = None
        """The note typed but not yet saved: its question and its text."""
        self._binding_state: tuple[int, bool, bool] | None = None
        self._notes: TextArea | None = None
        """The note's TextArea, once the note has been opened (kept: a query walks the screen)."""

    # --- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="q-body"):
            yield DimensionSidebar(id="sidebar")
            with Vertical(id="main"):
                yield Static(id="q-position", markup=False)
                yield SizedText(id="q-text", markup=False)
                # The options fill the room between the question and the note, and scroll in
                # it if need be: their place stays the same whatever the question, so moving
                # to the next one lays nothing out again, and the note is always in one place.
                yield AnswerOptions(id="options")
                # The note's TextArea is mounted when the note is opened (_open_note).
                yield NoteBox(self._open_note, id="note-box", classes="note-field")
        with Horizontal(id="q-buttons", classes="button-row"):
            for button_id, _ in BUTTONS:
                yield Button(id=button_id, compact=True)
        yield ProgressLine(len(self._ids), id="q-progress")
        yield SteadyFooter(compact=True)

    def on_mount(self) -> None:
        self.sub_title = self._keeper.session.meta.team
        self._apply_texts()
        self._show(self._current)
        if self._notice:
            self.notify(self._notice, timeout=20)

    async def apply_language(self) -> None:
        self._apply_texts()
        self._show(self._current)
        self.refresh_bindings()

    def _apply_texts(self) -> None:
        for button_id, key in BUTTONS:
            self.query_one(f"#{button_id}", Button).label = self.tr(key)
        for field in (self.query_one(NoteBox), self._note_area()):
            if field is not None:
                field.border_title = self.tr("q_notes_title")
                field.placeholder = self.tr("q_notes_placeholder")
        self.query_one("#sidebar", DimensionSidebar).border_title = self.tr("q_sidebar_title")

    @property
    def question(self) -> Question:
        """The question on screen."""
        question = self._bank.question(self._current)
        assert question is not None
        return question

    def _show(self, question_id: str) -> None:
        """Show `question_id`: every widget is updated in place, nothing is pushed."""
        self.flush_note()
        self._current = question_id
        question = self.question
        session = self._keeper.session
        answer = session.answer(question_id)
        lang = self.lang
        dimension = self._bank.dimension(question.dimension)
        in_dimension = [q.id for q in self._bank.questions_in(dimension.id)]
        position = self.tr(
            "q_position",
            dimension=dimension.name.get(lang),
            number=in_dimension.index(question_id) + 1,
            count=len(in_dimension),
        )
        flag = f"   {FLAG_MARK} {self.tr('q_flagged')}" if answer.flagged else ""
        drift = session_drift(self._bank, self._keeper.session)
        if question_id in drift.changed:
            flag += f"   {self.tr('drift_changed')}"
        elif question_id in drift.reworded:
            flag += f"   {self.tr('drift_reworded')}"
        update_in_place(
            self.query_one("#q-position", Static),
            Content.assemble((position, "bold"), (flag, "bold")),
        )
        update_in_place(self.query_one("#q-text", Static), question.text.get(lang))
        self.query_one("#options", AnswerOptions).show(
            question, answer, lang, self.tr("unknown"), self.tr("not_applicable")
        )
        notes = self._note_area()
        if notes is None:
            self.query_one(NoteBox).show_note(answer.note)
        elif notes.text != answer.note:
            notes.load_text(answer.note)
        self._show_progress()
        first = self._ids.index(question_id) == 0
        self.query_one("#previous", Button).disabled = first
        # The footer shows the digits for this question's options (it dims the others).
        binding_state = (len(question.options), first, question.not_applicable)
        if binding_state != self._binding_state:
            self._binding_state = binding_state
            self.refresh_bindings()

    def _show_progress(self) -> None:
        session = self._keeper.session
        lang = self.lang
        names = {d.id: d.name.get(lang) for d in self._bank.dimensions}
        entries = [
            SidebarEntry(p.dimension_id, names[p.dimension_id], p.answered, p.total)
            for p in dimension_progress(self._bank, session)
        ]
        self.query_one("#sidebar", DimensionSidebar).show(entries, self.question.dimension)
        answered = answered_count(self._bank, session)
        self.query_one("#q-progress", ProgressLine).show(
            self.tr("q_progress", answered=answered, total=len(self._ids)), answered
        )

    # --- answering ---------------------------------------------------------------------------

    @property
    def _sidebar_covers_question(self) -> bool:
        return self.has_class("-narrow") and self.has_class(SIDEBAR_TOGGLED)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in QUESTION_ACTIONS and self._sidebar_covers_question:
            return False
        if action == "answer":
            # A digit beyond this question's options is shown dimmed, not hidden: the footer
            # keeps its keys where they are (hiding one laid out the screen again, and often
            # twice, on one answer in four).
            number = parameters[0] if parameters else 0
            if not isinstance(number, int):
                return False
            return True if number <= len(self.question.options) else None
        if action == "previous":
            return self._ids.index(self._current) > 0 or None
        if action == "not_applicable":
            # Offered (and shown in the footer) only where the bank allows it.
            return self.question.not_applicable
        return True

    def action_answer(self, number: int) -> None:
        """Choose option `number` (1 is the first option shown)."""
        options = self.question.options
        if 1 <= number <= len(options):
            self._answer(options[number - 1].value, unknown=False)

    def action_unknown(self) -> None:
        """Answer «Vet ikke»."""
        self._answer(None, unknown=True)

    def action_not_applicable(self) -> None:
        """Answer «Gjelder ikke oss», where the question offers it."""
        if self.question.not_applicable:
            self._answer(None, unknown=False, not_applicable=True)

    @on(AnswerOptions.Chosen)
    def _option_chosen(self, event: AnswerOptions.Chosen) -> None:
        self._answer(event.value, event.unknown, event.not_applicable)

    def _answer(self, value: int | None, unknown: bool, not_applicable: bool = False) -> None:
        question_id = self._current
        if not_applicable:
            self._save(lambda: self._keeper.answer_not_applicable(question_id))
        elif unknown:
            self._save(lambda: self._keeper.answer_unknown(question_id))
        elif value is not None:
            self._save(lambda: self._keeper.answer(question_id, value))
        self._advance()

    def _advance(self) -> None:
        index = self._ids.index(self._current)
        if index + 1 < len(self._ids):
            self._show(self._ids[index + 1])
            return
        upcoming = next_open(self._bank, self._keeper.session, self._current)
        if upcoming is not None:
            self._show(upcoming)
        else:
            self._show(self._current)
            self.action_review()

    def _save(self, change: Callable[[], None]) -> None:
        try:
            change()
        except CocreateError as error:
            self.notify(
                error.words(self.lang), title=self.tr("save_failed"), severity="error", timeout=30
            )

    # --- moving ------------------------------------------------------------------------------

    def action_next(self) -> None:
        """Go to the next question; after the last one, to the review."""
        index = self._ids.index(self._current)
        if index + 1 < len(self._ids):
            self._show(self._ids[index + 1])
        else:
            self.action_review()

    def action_previous(self) -> None:
        """Go back to the previous question."""
        index = self._ids.index(self._current)
        if index > 0:
            self._show(self._ids[index - 1])

    def action_next_open(self) -> None:
        """Go to the next question without an answer."""
        self.flush_note()
        upcoming = next_open(self._bank, self._keeper.session, self._current)
        if upcoming is None:
            self.notify(self.tr("q_all_answered"))
        else:
            self._show(upcoming)

    @on(DimensionSidebar.Jump)
    def _jump(self, event: DimensionSidebar.Jump) -> None:
        self._show(first_in_dimension(self._bank, self._keeper.session, event.dimension_id))
        if self._sidebar_covers_question:
            self.remove_class(SIDEBAR_TOGGLED)
            self.refresh_bindings()
        self.query_one("#options").focus()

    def action_toggle_sidebar(self) -> None:
        """Show or hide the list of dimensions."""
        self.toggle_class(SIDEBAR_TOGGLED)
        self.refresh_bindings()
        sidebar = self.query_one("#sidebar", DimensionSidebar)
        self.call_after_refresh((sidebar if sidebar.display else self.query_one("#options")).focus)

    @on(Button.Pressed)
    async def _button(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id is not None:
            await self.run_action(event.button.id.replace("-", "_"))

    def action_why(self) -> None:
        """Explain why this question is asked, with the report's words."""
        self.app.push_screen(WhyAskDialog(self._bank, self.question))

    def action_flag(self) -> None:
        """Mark the question to come back to, or unmark it."""
        question_id = self._current
        flagged = not self._keeper.session.answer(question_id).flagged
        self._save(lambda: self._keeper.set_flag(question_id, flagged))
        self._show(question_id)

    def action_review(self) -> None:
        """Review unanswered, unknown and flagged questions before finishing."""
        self.flush_note()
        screen = ReviewScreen(self._bank, self._keeper.session)
        self.app.push_screen(screen, self._after_review)

    def _after_review(self, outcome: ReviewOutcome | None) -> None:
        if outcome is None:
            return
        if outcome.finish:
            self.dismiss("finish")
        elif outcome.question_id is not None:
            self._show(outcome.question_id)
            self.query_one("#options").focus()

    def action_close(self) -> None:
        """Leave the notes field or the areas; elsewhere, close the questions (all is saved)."""
        if self.focused is not None and self.focused.id == "notes":
            self.query_one("#options").focus()
            return
        if self._sidebar_covers_question:
            self.action_toggle_sidebar()
            return
        self.flush_note()
        self.dismiss("home")

    # --- notes -------------------------------------------------------------------------------

    def _note_area(self) -> TextArea | None:
        """The note's TextArea, once the note has been opened."""
        return self._notes

    def _open_note(self) -> Widget:
        """Mount the note's TextArea in place of its box, with the note, and focus it."""
        from ..widgets.fields import NotesArea  # with Textual's TextArea, only when needed

        box = self.query_one(NoteBox)
        area = NotesArea(
            self._keeper.session.answer(self._current).note,
            max_length=NOTE_MAX,
            id="notes",
            compact=True,
            classes="note-field",
        )
        area.border_title = self.tr("q_notes_title")
        area.placeholder = self.tr("q_notes_placeholder")
        self.query_one("#main").mount(area, after=box)
        self._notes = area
        box.display = False
        self.set_focus(area)  # now, so that the next key already goes to it
        return area

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id != "notes":
            return
        text = event.text_area.text
        if text == self._keeper.session.answer(self._current).note:
            return
        self._pending_note = (self._current, text)
        if self._note_timer is not None:
            self._note_timer.stop()
        self._note_timer = self.set_timer(NOTE_SAVE_DELAY, self.flush_note)

    def flush_note(self) -> None:
        """Save the note being typed now, rather than after the pause."""
        if self._note_timer is not None:
            self._note_timer.stop()
            self._note_timer = None
        # The field itself is read while it is there: a key typed just before quitting may
        # not have posted its change yet.
        notes = self._note_area()
        pending = (self._current, notes.text) if notes is not None else self._pending_note
        self._pending_note = None
        if pending is not None:
            question_id, text = pending
            self._save(lambda: self._keeper.set_note(question_id, text))

    def on_unmount(self) -> None:
        self.flush_note()
