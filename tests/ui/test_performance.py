"""What keeps the wizard fast: a short start list, cheap rows, screens imported when first used."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table
from textual.color import Color
from textual.style import Style
from textual.visual import RenderOptions
from textual.widgets import OptionList

from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.sessions import SessionMeta, new_session
from cocreate_tui.domain.storage import SessionStore
from cocreate_tui.ui.screens.saved import SavedScreen
from cocreate_tui.ui.screens.start import MORE_ID, UNFINISHED_SHOWN, StartScreen
from cocreate_tui.ui.widgets.row_visual import RowVisual

from .conftest import START, AppFactory, wait_for_screen, wait_until


async def test_start_lists_only_the_most_recent_unfinished(
    make_app: AppFactory, demo_bank: Bank, data_dir: Path
) -> None:
    store = SessionStore(data_dir)
    for number in range(UNFINISHED_SHOWN + 5):
        meta = SessionMeta(team=f"Team {number:02}")
        store.save(new_session(meta, demo_bank, now=START + timedelta(minutes=number)))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        start = await wait_for_screen(pilot, StartScreen)
        listing = start.query_one("#continue-list", OptionList)
        await wait_until(pilot, lambda: listing.option_count > 0, "the unfinished sessions")
        assert listing.option_count == UNFINISHED_SHOWN + 1
        newest = listing.get_option_at_index(0).prompt
        assert f"Team {UNFINISHED_SHOWN + 4:02}" in str(newest)
        assert listing.get_option_at_index(UNFINISHED_SHOWN).id == MORE_ID
        # The last entry leads to the saved assessments, where all of them are.
        listing.focus()
        listing.highlighted = UNFINISHED_SHOWN
        await pilot.press("enter")
        await wait_for_screen(pilot, SavedScreen)


def rich_grid(mark: str, mark_width: int, text: str, tail: str = "") -> str:
    """The row as the Rich `Table.grid` the visual replaces would print it."""
    grid = Table.grid(padding=(0, 1), expand=bool(tail))
    grid.add_column(width=mark_width, no_wrap=True)
    grid.add_column(ratio=1)
    cells = [mark, text]
    if tail:
        grid.add_column(no_wrap=True, justify="right")
        cells.append(tail)
    grid.add_row(*cells)
    return printed(grid, 40)


def printed(renderable: object, width: int) -> str:
    console = Console(width=width, color_system=None, legacy_windows=False)
    with console.capture() as capture:
        console.print(renderable)
    return "\n".join(line.rstrip() for line in capture.get().splitlines())


def test_row_visual_lays_out_like_the_rich_grid() -> None:
    long = "Vi er enige om mål, tid og arbeidsmåte, skriftlig, og alle vet hva det betyr"
    for mark, width, text, tail in (
        ("● 1", 4, long, ""),
        ("○ 0", 4, "Vet ikke", ""),
        ("▶✓", 2, "Felles forståelse av målet og mer enn det", "10/10"),
        ("", 2, "Kort", "0/4"),
    ):
        assert printed(RowVisual(mark, width, text, tail), 40) == rich_grid(mark, width, text, tail)


ROW_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from(" æøå«»–"),
    max_size=120,
)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["● 1", "○ 0", "▶✓", "", "○ g"]),
    st.integers(1, 5),
    ROW_TEXT,
    st.sampled_from(["", "0/4", "10/10"]),
    st.integers(1, 90),
    st.sampled_from([Style(), Style(bold=True), Style(background=Color.parse("#203040"))]),
)
@example("● 1", 1, "\ua8e0", "", 3, Style())  # a combining mark alone (hypothesis found it)
def test_row_strips_are_those_content_draws(
    mark: str, mark_width: int, text: str, tail: str, width: int, style: Style
) -> None:
    # The row draws its ready lines itself rather than letting Content wrap them again: it must
    # give the very strips Content gives (text, styles, and the offsets text selection uses).
    row = RowVisual(mark, mark_width, text, tail)
    joined, _ = row._lines(width)
    options = RenderOptions(Style.parse, {})
    assert row.render_strips(width, None, style, options) == joined.render_strips(
        width, None, style, options
    )


def test_the_start_screen_does_not_import_the_other_screens() -> None:
    code = (
        "import sys\n"
        "import cocreate_tui.ui.app\n"
        "heavy = ('questions', 'results', 'action_plan', 'saved', 'action_form', 'about')\n"
        "print([m for m in sys.modules if m.rsplit('.', 1)[-1] in heavy])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
