"""The short form for a new assessment: who answers, for which service, and when."""

from __future__ import annotations

from typing import ClassVar, get_args

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Footer, Header, Input, Label, RadioButton, RadioSet, Static

from ...domain.sessions import Mode, Phase, SessionMeta
from ..base import BaseScreen
from ..widgets.choice import Choice
from ..widgets.text_field import TextField

TEXT_FIELDS = (
    # field, i18n key of the label, i18n key of the placeholder, max length
    ("team", "meta_team", "meta_team_placeholder", 120),
    ("organisation", "meta_organisation", "meta_organisation_placeholder", 200),
    ("service_area", "meta_service_area", "meta_service_area_placeholder", 200),
    ("respondent", "meta_respondent", "meta_respondent_placeholder", 200),
    ("role", "meta_role", "meta_role_placeholder", 200),
)
MODES: tuple[Mode, ...] = get_args(Mode)
PHASES: tuple[Phase, ...] = get_args(Phase)


class NewSessionScreen(BaseScreen[SessionMeta | None]):
    """The metadata form; returns the validated `SessionMeta`, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "key_begin"),
        Binding("escape", "cancel", "key_cancel"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="form"):
            yield Static(self.tr("meta_title"), classes="screen-title", markup=False)
            yield Static(self.tr("meta_lead"), classes="lead", markup=False)
            with Grid(id="form-grid"):
                for name, label_key, placeholder_key, max_length in TEXT_FIELDS:
                    yield Label(self.tr(label_key), classes="form-label")
                    with Vertical(classes="form-field"):
                        yield TextField(
                            placeholder=self.tr(placeholder_key),
                            max_length=max_length,
                            compact=True,
                            id=f"field-{name}",
                        )
                        if name == "team":
                            yield Static(id="team-error", classes="form-error", markup=False)
                yield Label(self.tr("meta_mode"), classes="form-label")
                with RadioSet(id="field-mode", compact=True):
                    for index, mode in enumerate(MODES):
                        yield Choice(self.tr(f"meta_mode_{mode}"), value=index == 0, name=mode)
                yield Label(self.tr("meta_phase"), classes="form-label")
                with RadioSet(id="field-phase", compact=True):
                    for index, phase in enumerate(PHASES):
                        yield Choice(self.tr(f"phase_{phase}"), value=index == 0, name=phase)
            with Horizontal(classes="button-row"):
                yield Button(self.tr("meta_begin"), variant="primary", id="begin", compact=True)
                yield Button(self.tr("meta_cancel"), id="cancel", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#team-error").display = False
        self.query_one("#field-team", Input).focus()

    async def apply_language(self) -> None:
        # Composed anew in the new language; what the team typed is put back.
        texts = {name: self._text(name) for name, *_ in TEXT_FIELDS}
        choices = {
            set_id: self.query_one(f"#{set_id}", RadioSet).pressed_index
            for set_id in ("field-mode", "field-phase")
        }
        error_shown = bool(self.query_one("#team-error").display)
        await super().apply_language()
        for name, text in texts.items():
            self.query_one(f"#field-{name}", Input).value = text
        for set_id, index in choices.items():
            buttons = list(self.query_one(f"#{set_id}", RadioSet).query(RadioButton))
            if 0 <= index < len(buttons):
                buttons[index].value = True
        self._show_team_error(error_shown)
        self.query_one("#field-team", Input).focus()

    def _text(self, name: str) -> str:
        return self.query_one(f"#field-{name}", Input).value

    def _choice(self, set_id: str) -> str:
        pressed = self.query_one(f"#{set_id}", RadioSet).pressed_button
        return pressed.name if pressed is not None and pressed.name else ""

    def _show_team_error(self, shown: bool) -> None:
        error = self.query_one("#team-error", Static)
        error.update(self.tr("meta_team_required"))
        error.display = shown
        self.query_one("#field-team", Input).set_class(shown, "-invalid")

    @on(Input.Changed, "#field-team")
    def _team_typed(self, event: Input.Changed) -> None:
        if event.value.strip():
            self._show_team_error(False)

    @on(Input.Submitted)
    def _field_submitted(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#begin")
    def _begin_pressed(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_submit(self) -> None:
        """Check the form; start the assessment if the team's name is given."""
        if not self._text("team").strip():
            self._show_team_error(True)
            self.query_one("#field-team", Input).focus()
            return
        try:
            meta = SessionMeta.model_validate(
                {name: self._text(name) for name, *_ in TEXT_FIELDS}
                | {"mode": self._choice("field-mode"), "phase": self._choice("field-phase")}
            )
        except ValidationError:
            self._show_team_error(True)
            return
        self.dismiss(meta)

    def action_cancel(self) -> None:
        """Go back without starting."""
        self.dismiss(None)
