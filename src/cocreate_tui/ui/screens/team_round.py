"""The facilitator's round screen: progress live while members answer, then the reveal and the
team's agreement question by question."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from ...domain.agreement import AreaAgreement, strength
from ...domain.bank_models import Bank
from ...domain.errors import CocreateError
from ...domain.exports.common import answer_words, dimension_words
from ...domain.exports.round_export import (
    agreement_words,
    question_agreement_words,
    spread_lines,
)
from ...domain.human_format import number
from ...domain.round_store import RoundStore
from ...domain.scoring import NOT_APPLICABLE, UNKNOWN, AnswerValue
from ...domain.sessions import Session
from ...domain.team_round import (
    MemberProgress,
    QuestionSpread,
    TeamRound,
    agree,
    agree_unanimous,
    area_view,
    collect_revotes,
    finish,
    progress,
    reveal,
    reveal_view,
    revote,
    with_names_shown,
)
from ..base import BaseScreen
from ..dialogs.confirm import ConfirmDialog
from ..dialogs.round_fields import RoundFieldsDialog

POLL_SECONDS = 0.05
"""How often the screen looks at the round's files: one stat per file (~0.1 ms for 13 files),
so a member's save shows within a tenth of a second, on a shared network folder too, where
change notifications do not reach. Only a change re-reads the files (~4 ms for 12 members)."""
MAX_OPTIONS = 5
ANSWER_GROUP = Binding.Group("key_answer", compact=True)
ANSWERING_ACTIONS = {"reveal"}
REVEALED_ACTIONS = {
    "agree",
    "agree_unknown",
    "agree_not_applicable",
    "why",
    "revote",
    "agree_all",
    "toggle_names",
}


class RoundScreen(BaseScreen[None]):
    """One team round, for the facilitator; every change goes to the round file at once."""

    AUTO_FOCUS = "#round-questions"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v", "reveal", "key_reveal"),
        *(
            Binding(str(n), f"agree({n})", "key_answer", group=ANSWER_GROUP)
            for n in range(1, MAX_OPTIONS + 1)
        ),
        Binding("0", "agree_unknown", "key_unknown", show=False),
        Binding("g", "agree_not_applicable", "key_not_applicable", show=False),
        Binding("w", "why", "key_round_why"),
        Binding("r", "revote", "key_round_revote"),
        Binding("a", "agree_all", "key_round_agree_all"),
        Binding("n", "toggle_names", "key_round_names"),
        Binding("f", "finish", "key_round_finish"),
        Binding("escape", "close", "key_back"),
    ]

    def __init__(
        self,
        store: RoundStore,
        bank: Bank,
        code: str,
        clock: Callable[[], datetime],
        show_result: Callable[[TeamRound], None],
    ) -> None:
        super().__init__()
        self._store = store
        self._bank = bank
        self._clock = clock
        self._show_result = show_result
        self.team_round = store.load(code)
        self.sessions: dict[str, Session] = {}
        self.progress: list[MemberProgress] = []
        """Each member's count of answers, as last read (never their answers)."""
        self.spreads: list[QuestionSpread] = []
        """After the reveal: each question's spread, in talking order."""
        self.areas: dict[str, AreaAgreement] = {}
        """After the reveal: r_wg(J) per area, by area id in the bank's order."""
        self._stamp: tuple[tuple[int, int], ...] = ()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="round-head", markup=False)
        with VerticalScroll(id="round-waiting"):
            yield Static(id="round-members", markup=False)
            yield Static(self.tr("round_hidden_note"), classes="hint", markup=False)
        with Horizontal(id="round-revealed"):
            yield OptionList(id="round-questions")
            with VerticalScroll(id="round-detail-scroll"):
                yield Static(id="round-detail", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.sub_title = self.tr("round_title")
        self._reload()
        self.set_interval(POLL_SECONDS, self._poll)

    async def apply_language(self) -> None:
        await super().apply_language()
        self._show()

    # --- reading the round ----------------------------------------------------------------

    def _poll(self) -> None:
        if self._store.stamp(self.team_round) != self._stamp:
            self._reload()

    def _reload(self) -> None:
        """Read the round and its members' sessions again, and show them."""
        try:
            self._stamp = self._store.stamp(self.team_round)
            team_round = self._store.load(self.team_round.code)
            self.sessions = self._store.member_sessions(team_round)
            if team_round.reopened:
                team_round = self._store.update(team_round.code, self._collect)
        except CocreateError as error:
            self.notify(error.words(self.lang), severity="error")
            return
        self._set(team_round)

    def _collect(self, current: TeamRound) -> TeamRound:
        return collect_revotes(current, self._bank, self.sessions, self._clock())

    def _set(self, team_round: TeamRound) -> None:
        self.team_round = team_round
        self.progress = progress(team_round, self._bank, self.sessions)
        answering = team_round.state == "answering"
        self.spreads = [] if answering else reveal_view(team_round, self._bank, self.sessions)
        self.areas = {} if answering else area_view(team_round, self._bank)
        self._show()
        self.refresh_bindings()

    def _change(self, change: Callable[[TeamRound], TeamRound]) -> bool:
        """Apply `change` to the round on disk, under its lock; say plainly if it cannot be."""
        try:
            team_round = self._store.update(self.team_round.code, change)
        except CocreateError as error:
            self.notify(error.words(self.lang), severity="warning", timeout=10)
            return False
        self._stamp = self._store.stamp(team_round)
        self._set(team_round)
        return True

    # --- showing it -----------------------------------------------------------------------

    def _show(self) -> None:
        team_round = self.team_round
        head = Content.assemble(
            (team_round.team, "bold"),
            "   ",
            (f"{self.tr('round_code')}: {team_round.code}", "bold $accent"),
            "   ",
            self.tr(f"round_state_{team_round.state}"),
        )
        if team_round.state != "answering":
            agreed = self.tr(
                "round_agreed_count", count=len(team_round.agreed), total=len(self.spreads)
            )
            head = Content.assemble(head, "   ", agreed)
        self.query_one("#round-head", Static).update(head)
        answering = team_round.state == "answering"
        self.query_one("#round-waiting").display = answering
        self.query_one("#round-revealed").display = not answering
        if answering:
            self._show_members()
        else:
            self._show_questions()

    def _show_members(self) -> None:
        members = self.query_one("#round-members", Static)
        if not self.progress:
            members.update(self.tr("round_no_members", code=self.team_round.code))
            return
        header = self.tr("round_member")
        width = max(len(header), *(len(m.name) for m in self.progress)) + 2
        done = self.tr("round_done")
        lines = [f"{header:<{width}}{self.tr('round_progress')}"]
        for member in self.progress:
            mark = f"  ✓ {done}" if member.done else ""
            lines.append(f"{member.name:<{width}}{member.answered:>3}/{member.total}{mark}")
        finished = sum(m.done for m in self.progress)
        lines += ["", f"{finished}/{len(self.progress)} {done}"]
        members.update("\n".join(lines))

    def _show_questions(self) -> None:
        listing = self.query_one("#round-questions", OptionList)
        current = self._current_id()
        options = [Option(self._list_entry(s), id=s.question_id) for s in self.spreads]
        listing.set_options(options)
        ids = [s.question_id for s in self.spreads]
        listing.highlighted = ids.index(current) if current in ids else 0
        self._show_detail()

    def _list_entry(self, spread: QuestionSpread) -> Content:
        question = self._bank.question(spread.question_id)
        text = question.text.get(self.lang) if question is not None else spread.question_id
        figure = spread.agreement.rwg
        mark = "✓ " if spread.agreed is not None else ("⚑ " if spread.blocker else "  ")
        if spread.pending is not None:
            shown = "…"
        else:
            shown = "–" if figure is None else number(figure, self.lang, 2)
        style = "bold $error" if spread.agreement.split and spread.agreed is None else ""
        return Content.assemble(mark, (shown, style), " ", text)

    @on(OptionList.OptionHighlighted, "#round-questions")
    def _highlighted(self) -> None:
        self._show_detail()

    def _current(self) -> QuestionSpread | None:
        current = self._current_id()
        return next((s for s in self.spreads if s.question_id == current), None)

    def _current_id(self) -> str | None:
        listing = self.query_one("#round-questions", OptionList)
        if listing.highlighted is None or not listing.option_count:
            return None
        return listing.get_option_at_index(listing.highlighted).id

    def _show_detail(self) -> None:
        detail = self.query_one("#round-detail", Static)
        spread = self._current()
        if spread is None:
            detail.update("")
            return
        question = self._bank.question(spread.question_id)
        assert question is not None
        parts: list[str | tuple[str, str]] = [(question.text.get(self.lang), "bold"), "\n\n"]
        if spread.blocker:
            parts += [(f"⚑ {self.tr('round_blocker_mark')}", "bold $error"), "\n\n"]
        if spread.pending is not None:
            parts.append(self.tr("round_revoting", count=spread.pending))
        else:
            names = self.team_round.show_names
            parts.append("\n".join(spread_lines(self._bank, spread, names, self.lang)))
            words = question_agreement_words(spread.agreement, self.lang)
            parts += ["\n\n", f"{self.tr('round_agreement')}: {words}"]
            area = self.areas.get(spread.dimension)
            if area is not None:
                figure = agreement_words(area.rwg_j, self.lang)
                name = dimension_words(self._bank, spread.dimension, self.lang)
                parts += ["\n", self.tr("round_area_line", area=name, figure=figure)]
        if spread.revotes:
            parts += ["\n", self.tr("round_revotes", count=spread.revotes)]
        if spread.agreed is not None:
            agreed = answer_words(self._bank, spread.question_id, spread.agreed.answer, self.lang)
            parts += ["\n\n", (f"✓ {self.tr('round_agreed_answer')}: {agreed}", "bold $success")]
            if spread.agreed.why:
                parts += ["\n", f"{self.tr('round_why')}: {spread.agreed.why}"]
        parts += ["\n\n", (self.tr("round_areas_heading"), "bold"), *self._area_lines(spread)]
        detail.update(Content.assemble(*parts))

    def _area_lines(self, shown: QuestionSpread) -> list[str | tuple[str, str]]:
        """Every area's r_wg(J), the least agreed first; the shown question's area marked."""
        order = list(self.areas)
        ranked = sorted(
            self.areas.items(),
            key=lambda item: (
                2.0 if item[1].rwg_j is None else item[1].rwg_j,
                order.index(item[0]),
            ),
        )
        lines: list[str | tuple[str, str]] = []
        for area_id, area in ranked:
            figure = "–   " if area.rwg_j is None else number(area.rwg_j, self.lang, 2)
            mark = "▸" if area_id == shown.dimension else " "
            name = dimension_words(self._bank, area_id, self.lang)
            weak = area.rwg_j is not None and strength(area.rwg_j) == "weak"
            lines += ["\n", f"{mark} ", (figure, "bold $error" if weak else ""), f" {name}"]
        return lines

    # --- what the facilitator does --------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        state = self.team_round.state
        if action in ANSWERING_ACTIONS:
            return state == "answering"
        if action in REVEALED_ACTIONS:
            return state == "revealed"
        if action == "finish":
            return state != "answering"
        return True

    def action_reveal(self) -> None:
        """Show every member's answers at once (asks first if someone is not done)."""
        done = sum(m.done for m in self.progress)
        if done == len(self.progress):
            self._reveal()
            return
        body = self.tr("round_reveal_early", done=done, count=len(self.progress))
        dialog = ConfirmDialog(
            self.tr("round_reveal"), body, yes=self.tr("round_reveal"), no=self.tr("key_cancel")
        )
        self.app.push_screen(dialog, lambda yes: self._reveal() if yes else None)

    def _reveal(self) -> None:
        def revealed(current: TeamRound) -> TeamRound:
            sessions = self._store.member_sessions(current)
            return reveal(current, self._bank, sessions, self._clock())

        if self._change(revealed):
            self.query_one("#round-questions", OptionList).focus()

    def action_agree(self, number: int) -> None:
        """Record the option with this number as the team's answer to the question shown."""
        spread = self._current()
        question = self._bank.question(spread.question_id) if spread else None
        if spread is None or question is None or number > len(question.options):
            return
        self._agree(spread, question.options[number - 1].value)

    def action_agree_unknown(self) -> None:
        """Record «Vet ikke» as the team's answer to the question shown."""
        spread = self._current()
        if spread is not None:
            self._agree(spread, UNKNOWN)

    def action_agree_not_applicable(self) -> None:
        """Record «Gjelder ikke oss» as the team's answer, where the bank allows it."""
        spread = self._current()
        if spread is not None:
            self._agree(spread, NOT_APPLICABLE)

    def _agree(self, spread: QuestionSpread, value: AnswerValue, why: str | None = None) -> None:
        kept = spread.agreed.why if spread.agreed is not None else ""
        text = kept if why is None else why
        self._change(lambda r: agree(r, self._bank, spread.question_id, value, text, self._clock()))

    def action_why(self) -> None:
        """Write why the team chose its answer to the question shown."""
        spread = self._current()
        if spread is None or spread.agreed is None:
            self.notify(self.tr("round_not_agreed"), severity="warning")
            return
        agreed = spread.agreed
        value = agreed.answer
        fields = [("round-why", "round_why", agreed.why)]
        dialog = RoundFieldsDialog("round_why_title", "round_why_body", fields, required=False)

        def written(values: tuple[str, ...] | None) -> None:
            if values is not None and value is not None:
                self._agree(spread, value, values[0])

        self.app.push_screen(dialog, written)

    def action_revote(self) -> None:
        """Let the members vote on the question shown again; the earlier votes are kept."""
        spread = self._current()
        if spread is not None and self._change(
            lambda r: revote(r, spread.question_id, self._clock())
        ):
            self.notify(self.tr("round_revote_asked"))

    def action_agree_all(self) -> None:
        """Agree every question where all members answered alike, in one step."""
        before = len(self.team_round.agreed)
        if self._change(lambda r: agree_unanimous(r, self._bank, self._clock())):
            count = len(self.team_round.agreed) - before
            self.notify(self.tr("round_agreed_unanimous", count=count))

    def action_toggle_names(self) -> None:
        """Show or hide who chose which option."""
        shown = not self.team_round.show_names
        if self._change(lambda r: with_names_shown(r, shown, self._clock())):
            self.notify(self.tr("round_names_shown" if shown else "round_names_hidden"))

    def action_finish(self) -> None:
        """Score the agreed answers as the team's session, and show the round's result.

        Asks first while some questions have no agreed answer (they count as unanswered)."""
        open_count = len(self.spreads) - len(self.team_round.agreed)
        if self.team_round.state != "revealed" or open_count == 0:
            self._finish()
            return
        dialog = ConfirmDialog(
            self.tr("round_finish"),
            self.tr("round_finish_early", count=open_count),
            yes=self.tr("round_finish"),
            no=self.tr("key_cancel"),
        )
        self.app.push_screen(dialog, lambda yes: self._finish() if yes else None)

    def _finish(self) -> None:
        if self.team_round.state == "revealed":
            saved: list[Session] = []

            def finished(current: TeamRound) -> TeamRound:
                done, session = finish(current, self._bank, self._clock())
                # The team session first, so the round never names a session that is not there.
                self._store.sessions.save(session)
                saved.append(session)
                return done

            if not self._change(finished):
                return
            self.notify(self.tr("round_session_saved", id=saved[0].id), timeout=15)
        self._show_result(self.team_round)

    def action_close(self) -> None:
        """Back to the start."""
        self.dismiss(None)
