"""A radio button whose mark shows whether it is chosen, not only its colour."""

from __future__ import annotations

from textual.widgets import RadioButton

CHOSEN = "●"
NOT_CHOSEN = " "


class Choice(RadioButton):
    """A radio button drawn ▐●▌ when chosen and ▐ ▌ when not."""

    # A property where Textual has a class attribute (the mark follows the value); mypy
    # reports any such override.
    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 (Textual's name)
        """The mark inside the button."""
        return CHOSEN if self.value else NOT_CHOSEN
