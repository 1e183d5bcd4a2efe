"""The progress line draws the bar as Textual's Bar did, and updates only when it changes."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.style import Style
from textual.renderables.bar import Bar

from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.ui.widgets.progress_line import PERCENT_WIDTH, ProgressLine, bar_cells

from .conftest import AppFactory
from .test_question_updates import open_questions

DONE = Style(color="red")
REST = Style(color="blue")


def textual_bar(width: int, fraction: float) -> tuple[str, str]:
    """Textual's Bar renderable at `fraction` (as ProgressBar passed it), split by colour."""
    console = Console(width=width, color_system="truecolor", legacy_windows=False)
    bar = Bar(highlight_range=(0, width * fraction), highlight_style=DONE, background_style=REST)
    segments = list(console.render(bar, console.options.update_width(width)))
    done = "".join(s.text for s in segments if s.style is not None and s.style.color == DONE.color)
    rest = "".join(s.text for s in segments if s.style is not None and s.style.color == REST.color)
    return done, rest


@given(st.integers(min_value=1, max_value=200), st.integers(0, 60), st.integers(1, 60))
def test_the_bar_is_the_one_textual_draws(width: int, done: int, total: int) -> None:
    fraction = min(done, total) / total
    assert bar_cells(width, fraction) == textual_bar(width, fraction)


def test_no_room_no_bar() -> None:
    assert bar_cells(0, 0.5) == ("", "")


async def test_the_line_shows_the_label_the_bar_and_the_percentage(
    make_app: AppFactory, demo_bank: Bank, data_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_questions(pilot)
        line = screen.query_one("#q-progress", ProgressLine)
        total = len(demo_bank.questions)
        text = line.render().plain
        assert text.startswith(f"Besvart 0 av {total}  ")
        assert text.endswith("0%".rjust(PERCENT_WIDTH))
        assert len(text) == line.content_region.width
        await pilot.press("1")
        await pilot.pause()
        text = line.render().plain
        assert text.startswith(f"Besvart 1 av {total}  ")
        assert text.endswith(f"{round(100 / total)}%".rjust(PERCENT_WIDTH))
        assert "━" in text or "╸" in text
