"""The trash: deleted sessions, which can be restored; nothing in it is changed or removed."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Static

from ...domain.errors import CocreateError
from ...domain.phrases import worded
from ...domain.storage import SessionStore
from ...domain.trash import TrashItem, list_trash, restore_from_trash
from ..base import BaseScreen
from ..timefmt import local_time
from ..widgets.table_cell import cell_text


class TrashScreen(BaseScreen[None]):
    """The sessions in the trash; `r` or Enter restores the highlighted one."""

    AUTO_FOCUS = "#trash-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "restore", "key_restore"),
        Binding("escape", "close", "key_back"),
    ]

    def __init__(self, store: SessionStore, data_dir: Path) -> None:
        super().__init__()
        self._store = store
        self._data_dir = data_dir
        self.items: list[TrashItem] = []
        """What the trash holds, as shown."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="saved-page"):
            yield Static(self.tr("saved_trash_title"), classes="screen-title", markup=False)
            yield Static(self.tr("saved_trash_lead"), classes="lead", markup=False)
            table: DataTable[Text] = DataTable(
                id="trash-table", cursor_type="row", zebra_stripes=True
            )
            yield table
            yield Static(id="trash-empty", classes="hint", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.show_items()

    async def apply_language(self) -> None:
        await super().apply_language()
        self.show_items()

    def show_items(self) -> None:
        """Read the trash folder (small) and show it."""
        try:
            self.items = list_trash(self._data_dir)
        except CocreateError as error:
            self.notify(error.words(self.lang), severity="error")
            self.items = []
        table: DataTable[Text] = self.query_one("#trash-table", DataTable)
        table.clear(columns=True)
        # Text, never markup: a team name is shown as typed, whatever brackets it holds.
        table.add_column(cell_text(self.tr("saved_team")), key="team")
        table.add_column(cell_text(self.tr("saved_updated")), key="updated")
        table.add_column(cell_text(self.tr("saved_trash_id")), key="id")
        for item in self.items:
            reason = worded(item.reason, self.lang)
            team = item.team or self.tr("saved_trash_unreadable", reason=reason)
            updated = local_time(item.updated_at, self.lang) if item.updated_at else "–"
            table.add_row(cell_text(team), cell_text(updated), cell_text(item.id[:8]), key=item.id)
        table.display = bool(self.items)
        empty = self.query_one("#trash-empty", Static)
        empty.update(self.tr("saved_trash_empty"))
        empty.display = not self.items

    @on(DataTable.RowSelected, "#trash-table")
    def _row_chosen(self) -> None:
        self.action_restore()

    def action_restore(self) -> None:
        """Put the highlighted session back among the saved ones (never over another)."""
        table: DataTable[Text] = self.query_one("#trash-table", DataTable)
        if not self.items or not table.row_count:
            return
        item = self.items[table.cursor_row]
        try:
            restore_from_trash(self._store, self._data_dir, item.id)
        except CocreateError as error:
            self.notify(
                error.words(self.lang), title=self.tr("saved_restore_failed"), severity="error"
            )
            return
        self.notify(self.tr("saved_restored", team=item.team or item.id[:8]))
        self.show_items()

    def action_close(self) -> None:
        """Back to the saved assessments."""
        self.dismiss(None)
