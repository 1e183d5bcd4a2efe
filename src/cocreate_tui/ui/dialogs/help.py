"""The help screen: every key, screen by screen, and how the check keeps answers safe."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Static

from ..base import BaseDialog

KEYS = (
    (
        "help_everywhere",
        (
            ("? / F1", "help_key_help"),
            ("Ctrl+P", "help_key_palette"),
            ("Ctrl+T", "help_key_theme"),
            ("Tab / Shift+Tab", "help_key_tab"),
            ("Ctrl+Q", "help_key_quit"),
        ),
    ),
    (
        "help_questions",
        (
            ("↑ ↓ + Enter", "help_key_choose"),
            ("1–5", "help_key_digits"),
            ("0 / v", "help_key_unknown"),
            ("g", "help_key_not_applicable"),
            ("n / →", "help_key_next"),
            ("p / ←", "help_key_previous"),
            ("u", "help_key_next_open"),
            ("f", "help_key_flag"),
            ("h / F2", "help_key_why"),
            ("Tab", "help_key_notes"),
            ("s", "help_key_sidebar"),
            ("r", "help_key_review"),
            ("Esc", "help_key_close_questions"),
        ),
    ),
    (
        "help_results",
        (
            ("Enter / w", "help_key_why_score"),
            ("e", "help_key_export"),
            ("b", "help_key_edit"),
        ),
    ),
    (
        "help_plan",
        (
            ("t", "help_key_make_action"),
            ("p", "help_key_plan"),
            ("e / Enter", "help_key_edit_action"),
            ("g", "help_key_done"),
            ("x", "help_key_drop"),
            ("a", "help_key_new_action"),
            ("f / s", "help_key_sort"),
            ("Delete", "help_key_delete"),
            ("r", "help_key_next_round"),
        ),
    ),
    (
        "help_saved",
        (
            ("Enter", "help_key_saved_open"),
            ("/", "help_key_saved_filter"),
            ("s / S", "help_key_saved_sort"),
            ("Space", "help_key_saved_select"),
            ("c", "help_key_saved_compare"),
            ("m", "help_key_saved_merge"),
            ("d / Delete", "help_key_saved_delete"),
            ("t", "help_key_saved_trash"),
            ("e", "help_key_saved_export"),
        ),
    ),
)
"""Sections of the help: i18n key of the heading, then (keys, i18n key of what they do)."""


class HelpDialog(BaseDialog[None]):
    """Keys and mouse, in the app's language."""

    AUTO_FOCUS = ".dialog-body"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,question_mark", "close", "key_close"),
        Binding("enter", "close", "key_close", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide") as dialog:
            dialog.border_title = self.tr("help_title")
            with VerticalScroll(classes="dialog-body", can_focus=True):
                yield Static(self.tr("help_intro"), markup=False)
                for heading, keys in KEYS:
                    yield Static(self.tr(heading), classes="heading", markup=False)
                    grid = Table.grid(padding=(0, 2))
                    grid.add_column(no_wrap=True, style="bold")
                    grid.add_column(ratio=1)
                    for key, description in keys:
                        grid.add_row(key, self.tr(description))
                    yield Static(grid)
                yield Static(self.tr("help_mouse"), classes="heading", markup=False)
                yield Static(self.tr("help_mouse_body"), markup=False)
            yield Button(self.tr("close"), id="close", compact=True)

    def on_button_pressed(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
