"""The verdict's reasons in words, shared by the results screen, `score` and the exports."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import t
from .bank_models import Bank, Lang, Lesson
from .drift import Drift
from .scoring import Assessment, DimensionResult, LevelReason


def _join(items: list[str], lang: Lang) -> str:
    if len(items) <= 1:
        return "".join(items)
    last = t("list_and", lang)
    return ", ".join(items[:-1]) + last + items[-1]


def _areas(bank: Bank, reasons: list[LevelReason], lang: Lang) -> str:
    return _join(
        [
            t("reason_area", lang).format(
                name=bank.dimension(r.dimension_id or "").name.get(lang),
                score="–" if r.score is None else f"{r.score:.0f}",
            )
            for r in reasons
        ],
        lang,
    )


def _question_texts(bank: Bank, question_ids: tuple[str, ...], lang: Lang) -> str:
    texts = []
    for question_id in question_ids:
        question = bank.question(question_id)
        texts.append(f"«{question.text.get(lang)}»" if question else question_id)
    return "; ".join(texts)


MAX_NAMED_QUESTIONS = 3
"""More questions than this that decide a start are counted in the verdict, not listed."""


BULLET = "• "
"""Before each item of a reason's list, where plain text shows it."""


@dataclass(frozen=True)
class Reason:
    """One cause of the verdict: a sentence, and the items it lists (shown one per line)."""

    text: str
    items: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """The sentence, then each item on a line of its own behind a bullet."""
        return [self.text, *(f"{BULLET}{item}" for item in self.items)]


def reason_lines(bank: Bank, assessment: Assessment, lang: Lang) -> list[Reason]:
    """Why the verdict is what it is, one reason per kind of cause, in plain words."""
    reasons = assessment.level_reasons
    by_kind: dict[str, list[LevelReason]] = {}
    for reason in reasons:
        by_kind.setdefault(reason.kind, []).append(reason)
    missing: list[Reason] = []
    if "blocker" in by_kind:
        # A list, not a sentence: each title names a precondition of its own.
        titles = [bank.lesson(r.lesson_id or "").title.get(lang) for r in by_kind["blocker"]]
        missing.append(Reason(t("reason_missing", lang), tuple(titles)))
    lines: list[str] = []
    if "coverage" in by_kind:
        needed = bank.policy.min_coverage * 100
        lines.append(
            t("reason_coverage", lang).format(
                answered=assessment.answered, counted=assessment.counted, needed=f"{needed:.0f}"
            )
        )
    for reason in by_kind.get("blocker_unknown", []):
        # A long list belongs under «Avklar før dere starter», where it stands first anyway;
        # the verdict names a few, or says how many.
        if len(reason.questions) > MAX_NAMED_QUESTIONS:
            count = len(reason.questions)
            lines.append(t("reason_blocker_unknown_many", lang).format(count=count))
        else:
            items = _question_texts(bank, reason.questions, lang)
            lines.append(t("reason_blocker_unknown", lang).format(items=items))
    towards_thick = assessment.level == "thin"
    overall = by_kind.get("overall_below", [])
    weak = by_kind.get("weak_area", [])
    for reason in overall:
        key = "reason_towards_thick_overall" if towards_thick else "reason_overall_below"
        score = f"{reason.score or 0:.0f}"
        lines.append(t(key, lang).format(score=score, floor=f"{reason.threshold or 0:.0f}"))
    if weak:
        key = "reason_towards_thick_areas" if towards_thick else "reason_weak_areas"
        floor = f"{weak[0].threshold or 0:.0f}"
        lines.append(t(key, lang).format(items=_areas(bank, weak, lang), floor=floor))
    return [*missing, *(Reason(line) for line in lines)]


def figures_line(assessment: Assessment, lang: Lang) -> str:
    """The headline figures, or, while too few answers make a score honest, what they rest on."""
    if not assessment.overall_shown or assessment.overall is None:
        return t("rests_on", lang).format(answered=assessment.answered, counted=assessment.counted)
    return t("results_figures", lang).format(
        overall=f"{assessment.overall:.0f}/100", coverage=f"{assessment.coverage * 100:.0f}"
    )


def area_note(result: DimensionResult, lang: Lang) -> str:
    """A warning for an area scored on fewer than half its questions; empty otherwise."""
    if result.total and result.answered and result.thinly_answered:
        return t("area_thin", lang).format(answered=result.answered, total=result.total)
    return ""


def stop_line(lesson: Lesson, lang: Lang) -> str:
    """For a raised blocker: the report's words that make it a stop; empty when none is given."""
    if lesson.stop_quote is None:
        return ""
    section = lesson.stop_section or lesson.section
    return t("stop_reason", lang).format(section=section, quote=lesson.stop_quote.strip("«»"))


def lesson_quote(lesson: Lesson, *, after_stop: bool = False) -> str | None:
    """The lesson's quote inside «»; None after a stop line whose words already say it."""
    if after_stop and lesson.stop_quote:
        quote, stop = _bare(lesson.quote), _bare(lesson.stop_quote)
        # Most blockers rest on the very sentence that makes them a stop: showing it twice,
        # once in bold and once as the lesson's quote, reads as a mistake.
        if quote in stop or stop in quote:
            return None
    return lesson.quote if lesson.quote.startswith("«") else f"«{lesson.quote}»"


def _bare(quote: str) -> str:
    return " ".join(quote.strip("«»").split())


def law_lines(lesson: Lesson, lang: Lang) -> list[str]:
    """The laws that have changed since the report, beside the lesson's advice."""
    return [
        t("law_now", lang).format(
            name=law.name, year=law.year, note=law.note.get(lang), url=law.url
        )
        for law in lesson.law
    ]


def drift_line(drift: Drift, lang: Lang) -> str:
    """The banner for a session made with an older bank; empty when the bank has not moved."""
    if not drift.active:
        return ""
    return t("drift_banner", lang).format(
        old=drift.from_version,
        new=drift.to_version,
        changed=len(drift.changed),
        reworded=len(drift.reworded),
    )


def clarify_first(assessment: Assessment) -> list[str]:
    """What to clarify, in order: the questions that decide a precondition, then the unknowns."""
    first = assessment.blocker_questions_unclear
    return [*first, *(q for q in assessment.unknown if q not in first)]
