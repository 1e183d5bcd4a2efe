"""Review of one saved session, read-only: the results, then every answer with note and flag."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from ...domain.bank_models import Bank, Lang
from ...domain.drift import scored_answers
from ...domain.exports.common import answer_words, dimension_words, question_words
from ...domain.exports.csv_export import sessions_csv
from ...domain.exports.html_export import session_html
from ...domain.exports.json_export import session_json
from ...domain.exports.markdown_export import session_markdown
from ...domain.scoring import assess
from ...domain.sessions import Session
from ...domain.text_safety import md_inline as md
from ...i18n import t
from .document import DocumentScreen


class SessionReviewScreen(DocumentScreen):
    """A saved session's verdict and all its answers, by dimension; nothing can be changed."""

    TITLE_KEY = "fac_review_title"

    def __init__(
        self, bank: Bank, session: Session, data_dir: Path, clock: Callable[[], datetime]
    ) -> None:
        super().__init__(data_dir, clock, session.meta.team)
        self._bank = bank
        self._session = session
        self._assessment = assess(bank, scored_answers(bank, session))

    def has_notes(self) -> bool:
        return any(answer.note.strip() for answer in self._session.answers.values())

    def markdown(self, lang: Lang, include_notes: bool) -> str:
        report = session_markdown(self._bank, self._session, self._assessment, lang, include_notes)
        return report + "\n\n" + "\n".join(self._answers(lang, include_notes))

    def _answers(self, lang: Lang, include_notes: bool) -> list[str]:
        lines = [f"## {t('fac_all_answers', lang)}"]
        values = self._session.answer_values()
        for dimension in self._bank.dimensions:
            lines += ["", f"### {md(dimension_words(self._bank, dimension.id, lang))}", ""]
            for question in self._bank.questions:
                if question.dimension != dimension.id:
                    continue
                answer = self._session.answers.get(question.id)
                words = answer_words(self._bank, question.id, values.get(question.id), lang)
                flag = f" — ⚑ {t('fac_flagged', lang)}" if answer and answer.flagged else ""
                lines.append(f"- **{md(question_words(self._bank, question.id, lang))}**{flag}")
                lines.append(f"  {md(words)}")
                if include_notes and answer is not None and answer.note.strip():
                    lines.append(f"  _{t('fac_note', lang)}: {md(answer.note)}_")
        return lines

    def exports(self, lang: Lang, include_notes: bool) -> dict[str, str]:
        return {
            "md": self.markdown(lang, include_notes),
            "html": session_html(self._bank, self._session, self._assessment, lang, include_notes),
            "csv": sessions_csv(self._bank, [self._session], lang, include_notes),
            "json": session_json(self._session, include_notes),
        }
