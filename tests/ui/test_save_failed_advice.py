"""The save-failed dialog says what to do for the kind of failure: room on a full disk,
another folder or write access for a read-only one, in every shipped language."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from cocreate_tui.domain.bank_models import Lang
from cocreate_tui.i18n import t
from cocreate_tui.ui.dialogs.save_failed import SaveFailedDialog
from cocreate_tui.ui.screens.start import StartScreen

from .conftest import AppFactory, wait_for_screen

KINDS = ("full", "read_only", "too_large", "other")
ADVICE = {
    # kind: words only its advice holds, per language
    "full": {"nb": "rydd plass", "nn": "rydd plass", "en": "free some space"},
    "read_only": {"nb": "skrivetilgang", "nn": "skrivetilgang", "en": "write access"},
    "too_large": {"nb": "notater kortere", "nn": "notat kortare", "en": "shorten some notes"},
}


def never_saved(folder: Path) -> Path:
    raise AssertionError("no copy is saved here")


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
@pytest.mark.parametrize("kind", KINDS)
async def test_the_dialog_says_what_to_do_for_its_kind_of_failure(
    make_app: AppFactory, data_dir: Path, kind: str, lang: Lang
) -> None:
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, StartScreen)
        await app.push_screen(SaveFailedDialog(kind, "detail", never_saved, Path("/tmp")))
        dialog = await wait_for_screen(pilot, SaveFailedDialog)
        text = " ".join(str(static.render()) for static in dialog.query(Static))
        assert t(f"save_failed_todo_{kind}", lang) in text
        for other, words in ADVICE.items():
            assert (words[lang] in text) == (other == kind), (other, text)
