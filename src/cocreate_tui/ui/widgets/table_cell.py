"""Table cells that show text exactly as it was typed, for every DataTable of the app."""

from __future__ import annotations

from rich.text import Text


def cell_text(value: str) -> Text:
    """A table cell showing `value` as it is: never read as markup, so never measured as such.

    (A team named «a[/b]» would otherwise be a markup error, and «[red]x» red.)
    """
    return Text(value, no_wrap=True, end="")
