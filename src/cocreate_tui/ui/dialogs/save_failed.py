"""Says in plain words why a save failed, and offers to save a copy elsewhere, retry or wait."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from ...domain.errors import CocreateError
from ..base import BaseDialog

SaveFailedChoice = Literal["retry", "later"]
"""`retry`: try the data folder again now; `later`: carry on, the next change tries again."""

SaveCopy = Callable[[Path], Path]
"""Writes the session into a folder and returns the file; raises `CocreateError`."""


class SaveFailedDialog(BaseDialog[SaveFailedChoice]):
    """Shown when a change could not be saved; the answers stay in memory meanwhile."""

    AUTO_FOCUS = "#save-elsewhere"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "later", "key_cancel"),
    ]

    def __init__(self, kind: str, detail: str, save_copy: SaveCopy, suggested: Path) -> None:
        """`kind` is `full`, `read_only` or `other`; `detail` the technical message."""
        super().__init__()
        self._kind = kind
        self._detail = detail
        self._save_copy = save_copy
        self._suggested = suggested

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="save-failed") as dialog:
            dialog.border_title = self.tr("save_failed_title")
            with Vertical(classes="dialog-body"):
                yield Static(
                    self.tr(f"save_failed_{self._kind}"), classes="dialog-question", markup=False
                )
                # What to do depends on the kind: room on a full disk, another folder or
                # write access for a read-only one.
                yield Static(
                    f"{self.tr('save_failed_kept')} {self.tr(f'save_failed_todo_{self._kind}')}",
                    markup=False,
                )
                yield Static(self._detail, id="save-failed-detail", classes="hint", markup=False)
                yield Static(self.tr("save_failed_folder"), markup=False)
                yield Input(str(self._suggested), id="copy-folder", compact=True)
                yield Static(id="copy-result", markup=False)
            yield Button(
                self.tr("save_failed_elsewhere"),
                variant="primary",
                id="save-elsewhere",
                compact=True,
            )
            with Horizontal(classes="button-row"):
                yield Button(self.tr("save_failed_retry"), id="retry", compact=True)
                yield Button(self.tr("save_failed_later"), id="later", compact=True)

    @on(Button.Pressed, "#save-elsewhere")
    @on(Input.Submitted, "#copy-folder")
    def _save_elsewhere(self) -> None:
        text = self.query_one("#copy-folder", Input).value.strip()
        result = self.query_one("#copy-result", Static)
        if not text:
            result.update(self.tr("save_failed_no_folder"))
            return
        try:
            path = self._save_copy(Path(text).expanduser())
        except CocreateError as error:
            result.update(self.tr("save_failed_copy_failed", reason=error.words(self.lang)))
            return
        result.update(self.tr("save_failed_copy_saved", path=str(path)))
        self.notify(self.tr("save_failed_copy_saved", path=str(path)), timeout=20)

    @on(Button.Pressed, "#retry")
    def _retry(self) -> None:
        self.dismiss("retry")

    @on(Button.Pressed, "#later")
    def _later_pressed(self) -> None:
        self.action_later()

    def action_later(self) -> None:
        """Carry on without saving now; the next change tries again."""
        self.dismiss("later")
