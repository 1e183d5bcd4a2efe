"""Within-team agreement: r_wg per question and r_wg(J) per area (James, Demaree & Wolf 1984)."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .merge import DISAGREEMENT_STEPS

STRONG_FROM = 0.70
"""LeBreton & Senter (2008): from here the team agrees enough to speak as one."""
MODERATE_FROM = 0.51
"""From here up to `STRONG_FROM` the agreement is moderate; below it, weak."""

Strength = Literal["strong", "moderate", "weak"]


def expected_variance(options: int) -> float:
    """σ²_EU: the variance of answers given at random over `options` equally likely options."""
    if options < 2:
        raise ValueError("a question needs at least two options to measure agreement")
    return (options * options - 1) / 12


def observed_variance(positions: Sequence[int]) -> float | None:
    """s²: the sample variance of the members' known answers; None with fewer than two."""
    # The sample (n − 1) variance, as James, Demaree & Wolf use; one answer has no spread.
    return statistics.variance(positions) if len(positions) >= 2 else None


def rwg(positions: Sequence[int], options: int) -> float | None:
    """r_wg for one question: `1 − s²/σ²_EU`, below 0 reported as 0; None with < 2 answers.

    `positions` are the known answers as option positions (0 = the first option), so a bank
    whose option values skip a number still measures steps between neighbours.
    """
    variance = observed_variance(positions)
    if variance is None:
        return None
    return max(0.0, 1 - variance / expected_variance(options))


def rwg_j(items: Sequence[tuple[float, int]]) -> float | None:
    """r_wg(J) for an area: `J(1 − m/σ²) / (J(1 − m/σ²) + m/σ²)`; None without items.

    `items` holds one (s², number of options) pair per question with at least two known
    answers. Where the questions' option counts differ, `m/σ²` is the mean of each question's
    own ratio, which equals the textbook form when they are all the same.
    """
    if not items:
        return None
    count = len(items)
    ratio = statistics.fmean(variance / expected_variance(options) for variance, options in items)
    if ratio >= 1:
        # More spread than chance: the formula turns negative or divides by zero; reported as 0.
        return 0.0
    agreed = count * (1 - ratio)
    return agreed / (agreed + ratio)


def strength(value: float) -> Strength:
    """How to read an agreement figure: strong (≥ 0.70), moderate (0.51–0.70) or weak."""
    if value >= STRONG_FROM:
        return "strong"
    if value >= MODERATE_FROM:
        return "moderate"
    return "weak"


@dataclass(frozen=True)
class QuestionAgreement:
    """How far a team agrees on one question, and how many members the figure rests on."""

    rwg: float | None
    """r_wg, or None when fewer than two members gave a known answer."""
    members: int
    """Members with a known answer: the figure rests on these («Vet ikke» and «Gjelder ikke
    oss» are left out)."""
    spread: int | None
    """Option steps between the lowest and the highest known answer."""

    @property
    def split(self) -> bool:
        """The team does not speak as one here: weak or moderate r_wg, or a member two or more
        steps from the rest, whatever the figure says (with 3–6 members it is noisy)."""
        if self.spread is not None and self.spread >= DISAGREEMENT_STEPS:
            return True
        return self.rwg is not None and self.rwg < STRONG_FROM

    @property
    def unanimous(self) -> bool:
        """Every known answer is the same option (and there is at least one)."""
        return self.spread == 0


def question_agreement(positions: Sequence[int], options: int) -> QuestionAgreement:
    """The agreement on one question from the members' known answers, as option positions."""
    return QuestionAgreement(
        rwg=rwg(positions, options),
        members=len(positions),
        spread=max(positions) - min(positions) if positions else None,
    )


@dataclass(frozen=True)
class AreaAgreement:
    """How far a team agrees across the questions of one area."""

    rwg_j: float | None
    """r_wg(J) over the questions with two or more known answers; None when there are none."""
    questions: int
    """The questions the figure rests on."""
    members: int
    """The members with a known answer to at least one of those questions."""


def area_agreement(
    answers: Sequence[tuple[Sequence[int], int, frozenset[str]]],
) -> AreaAgreement:
    """r_wg(J) for an area from (positions, number of options, members behind) per question."""
    items: list[tuple[float, int]] = []
    members: set[str] = set()
    for positions, options, names in answers:
        variance = observed_variance(positions)
        if variance is not None:
            items.append((variance, options))
            members |= names
    return AreaAgreement(rwg_j=rwg_j(items), questions=len(items), members=len(members))
