"""Validated models of the question bank: lessons, dimensions, questions and scoring policy."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from .phrases import Phrase, PhraseValueError
from .problem_words import explain_pattern
from .text_safety import cleaned_text

Lang = str
"""A language code, e.g. `nb`, `nn`, `en`: the languages are whatever the catalogues and the
bank's overlays (`lang/<code>.toml`) hold, not a fixed list."""

LANG_CODE = re.compile(r"^[a-z]{2,3}$")
"""A language code as ISO 639 writes it (`nb`, `nn`, `en`, `se`, `smj`)."""

ItemId = Annotated[
    str, Field(pattern=explain_pattern(r"^[a-z0-9][a-z0-9_.-]{0,63}$", "problem_id_pattern"))
]
"""Stable ids: lower-case ASCII, digits, `_`, `.` and `-`, so they are safe in files and URLs."""

Percent = Annotated[float, Field(ge=0, le=100)]
OptionValue = Annotated[int, Field(ge=0, le=4)]

MAX_QUOTE_WORDS = 25


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Text(BaseModel):
    """A text in every language of the product: bokmål and English written inline in the bank,
    every further language (nynorsk …) as an extra field, most often from `lang/<code>.toml`."""

    model_config = ConfigDict(frozen=True, extra="allow")

    # A custom bank is text from outside too: its controls go as it is loaded (text_safety).
    nb: Annotated[str, Field(min_length=1), BeforeValidator(cleaned_text)]
    """Norwegian bokmål: the source every other language translates."""
    en: Annotated[str, Field(min_length=1), BeforeValidator(cleaned_text)]
    """English."""

    @field_validator("nb", "en")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise PhraseValueError(Phrase("problem_blank"))
        return value.strip()

    @model_validator(mode="before")
    @classmethod
    def _languages(cls, data: object) -> object:
        if not isinstance(data, dict):
            return data
        for code, value in data.items():
            if code in ("nb", "en"):
                continue
            if not isinstance(code, str) or not LANG_CODE.match(code):
                raise PhraseValueError(Phrase("problem_language_code", code=repr(code)))
            if not isinstance(value, str) or not value.strip():
                raise PhraseValueError(Phrase("problem_language_text", code=code))
        # Every further language is text from outside as much as bokmål is (text_safety).
        return {
            k: str(cleaned_text(v)).strip() if isinstance(v, str) and k not in ("nb", "en") else v
            for k, v in data.items()
        }

    def get(self, lang: Lang) -> str:
        """The text in `lang`; bokmål where `lang` has none (`bank validate` names the gaps)."""
        if lang == "en":
            return self.en
        if lang == "nb":
            return self.nb
        extra = self.__pydantic_extra__ or {}
        found = extra.get(lang)
        return found if isinstance(found, str) else self.nb

    def has(self, lang: Lang) -> bool:
        """Whether the text is written in `lang`."""
        return lang in ("nb", "en") or lang in (self.__pydantic_extra__ or {})

    def by_language(self) -> dict[str, str]:
        """Every language's text: bokmål, English, then the rest in code order."""
        extra = self.__pydantic_extra__ or {}
        return {"nb": self.nb, "en": self.en, **{k: str(extra[k]) for k in sorted(extra)}}


class BankInfo(_Frozen):
    """Who made the bank and which source its lessons cite by default."""

    id: ItemId
    """Stable id of the bank; sessions remember it."""
    version: Annotated[str, Field(min_length=1, max_length=32)]
    """Version of the bank's content, e.g. `1.0.0`; sessions remember it."""
    title: Text
    """Name shown to users."""
    source: Annotated[str, Field(min_length=1)]
    """Full citation of the source that lessons cite unless they name their own."""
    source_url: str | None = None
    """Where the source can be read, if public."""
    strict_blockers: bool = False
    """When true, every blocker lesson must give its `stop_quote` (the report's words that
    make it a stop); off while a bank is being written."""


class Dimension(_Frozen):
    """One area of readiness (or the team's ambition) that questions are grouped under."""

    id: ItemId
    """Stable id."""
    kind: Literal["readiness", "ambition"] = "readiness"
    """`readiness` counts towards the verdict; `ambition`: how thick the team means to go."""
    name: Text
    """Short name shown in the sidebar and the results."""
    description: Text
    """One or two sentences on what this dimension is about."""


def _normalised_quote(value: str) -> str:
    words = len(value.split())
    if words > MAX_QUOTE_WORDS:
        raise PhraseValueError(Phrase("problem_quote_words", words=words, most=MAX_QUOTE_WORDS))
    return " ".join(value.split())


class LawRef(_Frozen):
    """A law that has changed what the lesson may advise since the source was written."""

    name: Annotated[str, Field(min_length=1, max_length=120)]
    """The law's short name, e.g. `Tolkeloven`."""
    year: Annotated[int, Field(ge=1800, le=2200)]
    """The year the law (or the change) was passed."""
    url: Annotated[
        str, Field(pattern=explain_pattern(r"^https://\S+$", "problem_url_pattern"), max_length=500)
    ]
    """Where the law can be read (https only)."""
    note: Text
    """What the law now requires, in plain words."""


class Lesson(_Frozen):
    """An actionable lesson from a source, cited by section with a short verbatim quote."""

    id: ItemId
    """Stable id."""
    section: Annotated[str, Field(min_length=1)]
    """The section of the source it rests on, e.g. `3.7` or `Appendiks 1 – Forberedelsesfasen`."""
    source: str | None = None
    """The source, when it is not the bank's default source."""
    kind: Literal["blocker", "advice"]
    """`blocker`: the source says fix this before inviting citizens; `advice`: good practice."""
    title: Text
    """The lesson in a few words."""
    advice: Text
    """What the team should do, in plain words."""
    quote: Annotated[str, Field(min_length=1)]
    """A short verbatim quote from the source (at most 25 words)."""
    stop_quote: Annotated[str, Field(min_length=1)] | None = None
    """For a blocker: the source's verbatim words that make this a stop (at most 25 words)."""
    stop_section: Annotated[str, Field(min_length=1)] | None = None
    """The section `stop_quote` stands in, when it is not the lesson's own `section`."""
    law: list[LawRef] = []
    """Laws that have changed since the source; the advice follows them."""

    @field_validator("quote", "stop_quote")
    @classmethod
    def _short_quote(cls, value: str | None) -> str | None:
        return None if value is None else _normalised_quote(value)


class Option(_Frozen):
    """One answer: a concrete situation, with its place on the ordered 0–4 scale."""

    value: OptionValue
    """Position on the scale: 0 is furthest from ready, higher is readier."""
    label: Text
    """The situation, described concretely (not agree/disagree)."""


class BlockerRule(_Frozen):
    """Answers at or below `at_most` raise the blocker lesson `lesson`."""

    lesson: ItemId
    """Id of a lesson of kind `blocker`."""
    at_most: OptionValue
    """Highest option value that still raises the blocker."""


class Question(_Frozen):
    """A readiness (or ambition) question with ordered options."""

    id: ItemId
    """Stable id; answers files and sessions refer to it."""
    dimension: ItemId
    """Id of the dimension it belongs to."""
    text: Text
    """The question itself."""
    help: Text
    """Why we ask: what the source found, in plain words."""
    lessons: Annotated[list[ItemId], Field(min_length=1)]
    """Ids of the lessons this question rests on."""
    options: Annotated[list[Option], Field(min_length=3, max_length=5)]
    """3–5 options in ascending order of value. «Vet ikke» is always offered besides these."""
    weight: Annotated[float, Field(gt=0, le=10)] = 1.0
    """Weight within its dimension."""
    blockers: list[BlockerRule] = []
    """Which answers raise which blocker lessons."""
    not_applicable: bool = False
    """Whether «Gjelder ikke oss» is offered: neither unknown nor a score."""

    @field_validator("options")
    @classmethod
    def _ascending(cls, options: list[Option]) -> list[Option]:
        values = [option.value for option in options]
        if values != sorted(set(values)):
            raise PhraseValueError(Phrase("problem_option_values", values=str(values)))
        labels = [option.label.nb for option in options]
        if len(set(labels)) != len(labels):
            raise PhraseValueError(Phrase("problem_option_labels"))
        return options

    @model_validator(mode="after")
    def _blockers_can_fire(self) -> Question:
        values = [option.value for option in self.options]
        for rule in self.blockers:
            if rule.at_most < values[0]:
                raise PhraseValueError(
                    Phrase("problem_blocker_never", lesson=rule.lesson, at_most=rule.at_most)
                )
            if rule.at_most >= values[-1]:
                raise PhraseValueError(
                    Phrase("problem_blocker_always", lesson=rule.lesson, at_most=rule.at_most)
                )
        return self

    @property
    def max_value(self) -> int:
        """The highest option value: a full answer."""
        return self.options[-1].value

    @property
    def min_value(self) -> int:
        """The lowest option value."""
        return self.options[0].value

    def option(self, value: int) -> Option | None:
        """The option with `value`, if there is one."""
        return next((option for option in self.options if option.value == value), None)


class LevelText(_Frozen):
    """How a verdict level is named and explained."""

    label: Text
    """The level in a few plain words."""
    summary: Text
    """What it means and what to do next."""


class PassingLevel(LevelText):
    """A level a team reaches when no blocker is raised and the thresholds are met."""

    min_overall: Percent
    """Lowest overall score that reaches this level."""
    min_dimension: Percent = 0
    """Lowest score any readiness dimension may have at this level."""


class Levels(_Frozen):
    """The five verdict levels, in plain words, with the thresholds of the two passing ones."""

    not_ready: LevelText
    """A blocker is raised: a precondition is missing."""
    strengthen: LevelText
    """No blocker, enough answers, but the scores are below the `thin` thresholds."""
    thin: PassingLevel
    """Ready for thin co-creation: citizens in a bounded first phase."""
    thick: PassingLevel
    """Ready to move towards thick co-creation: citizens take part over time."""
    undetermined: LevelText
    """Too many unknowns, or a blocker question unknown."""

    @model_validator(mode="after")
    def _thick_above_thin(self) -> Levels:
        if self.thick.min_overall < self.thin.min_overall:
            raise PhraseValueError(Phrase("problem_thick_below_thin"))
        return self


class AmbitionPolicy(_Frozen):
    """How the team's ambition is read from the ambition dimension."""

    dimension: ItemId
    """Id of the dimension of kind `ambition`."""
    thick_from: Percent = 50
    """Ambition score from which the team is aiming for thick co-creation."""
    thin: Text
    """Name of a thin ambition."""
    thick: Text
    """Name of a thick ambition."""
    undetermined: Text
    """Name used when the ambition questions are unknown."""


class AnswerCondition(_Frozen):
    """A condition on one answer; an unknown or missing answer never meets it."""

    question: ItemId
    """Id of the question."""
    at_most: OptionValue | None = None
    """The answer's value is at most this."""
    at_least: OptionValue | None = None
    """The answer's value is at least this."""
    not_applicable: bool = False
    """The answer is «Gjelder ikke oss» (then no bound may be given)."""

    @model_validator(mode="after")
    def _has_bound(self) -> AnswerCondition:
        bounded = self.at_most is not None or self.at_least is not None
        if self.not_applicable and bounded:
            raise PhraseValueError(Phrase("problem_condition_both"))
        if not self.not_applicable and not bounded:
            raise PhraseValueError(Phrase("problem_condition_none"))
        return self


LevelId = Literal["not_ready", "strengthen", "thin", "thick", "undetermined"]
LEVEL_RANK: dict[str, int] = {"not_ready": 1, "strengthen": 2, "thin": 3, "thick": 4}
"""Order of the determined levels for «better/worse»; `undetermined` stands apart (absent)."""
AmbitionId = Literal["thin", "thick", "undetermined"]


class AdviceRule(_Frozen):
    """Advice on ambition against readiness, given when every stated condition holds."""

    id: ItemId
    """Stable id."""
    readiness: list[LevelId] = []
    """The verdict is one of these levels (empty: any)."""
    ambition: list[AmbitionId] = []
    """The ambition is one of these (empty: any)."""
    conditions: list[AnswerCondition] = []
    """Every condition on the answers holds."""
    any_of: list[AnswerCondition] = []
    """At least one of these holds (empty: no such requirement)."""
    placement: Literal["verdict", "ambition"] = "ambition"
    """`verdict`: shown right under the verdict's summary; `ambition`: with the ambition."""
    text: Text
    """The advice, in plain words."""
    lessons: list[ItemId] = []
    """Lessons the advice rests on."""


class Policy(_Frozen):
    """Weights, thresholds and levels: the scoring policy, as data."""

    min_coverage: Annotated[float, Field(ge=0, le=1)] = 0.6
    """Share of readiness questions that must have a known answer for a verdict."""
    recommend_min_gap: Annotated[float, Field(ge=0, le=1)] = 0.25
    """Answers at least this far below full (as a share of the scale) give recommendations."""
    dimension_weights: dict[ItemId, Annotated[float, Field(gt=0, le=10)]] = {}
    """Weight of each readiness dimension in the overall score (missing: 1)."""
    levels: Levels
    """The verdict levels."""
    ambition: AmbitionPolicy
    """How ambition is read."""
    advice: list[AdviceRule] = []
    """Advice on ambition against readiness."""
    top_recommendations: Annotated[int, Field(ge=1, le=100)] = 7
    """How many non-blocker recommendations are shown before «N more»."""


ChangeKind = Literal["added", "removed", "reworded", "options_changed"]


class Change(_Frozen):
    """One change to a question in a bank version, from `changes.toml`."""

    version: Annotated[
        str,
        Field(pattern=explain_pattern(r"^\d+(\.\d+)*$", "problem_version_pattern"), max_length=32),
    ]
    """The bank version that made the change, e.g. `2.0.0`."""
    question: ItemId
    """The question changed."""
    kind: ChangeKind
    """`added`, `removed`, `reworded` (scored, to look over) or `options_changed` (answer again)."""
    note: Text
    """What changed, in plain words."""


class Bank(_Frozen):
    """A whole, cross-checked question bank."""

    info: BankInfo
    """Id, version, title and default source."""
    dimensions: list[Dimension]
    """Dimensions in the order they are asked."""
    lessons: list[Lesson]
    """All lessons."""
    questions: list[Question]
    """All questions, grouped by dimension in dimension order."""
    policy: Policy
    """The scoring policy."""
    changes: list[Change] = []
    """The change log of questions across bank versions (`[[changes]]`)."""
    content_hash: str
    """SHA-256 of the bank's files, so a session knows exactly which bank it was made with."""

    def dimension(self, dimension_id: str) -> Dimension:
        """The dimension with this id."""
        return next(d for d in self.dimensions if d.id == dimension_id)

    def lesson(self, lesson_id: str) -> Lesson:
        """The lesson with this id."""
        return next(lesson for lesson in self.lessons if lesson.id == lesson_id)

    def question(self, question_id: str) -> Question | None:
        """The question with this id, if the bank has it."""
        return next((q for q in self.questions if q.id == question_id), None)

    def questions_in(self, dimension_id: str) -> list[Question]:
        """The questions of one dimension, in order."""
        return [q for q in self.questions if q.dimension == dimension_id]

    @property
    def readiness_dimensions(self) -> list[Dimension]:
        """Dimensions that count towards the verdict."""
        return [d for d in self.dimensions if d.kind == "readiness"]

    def lesson_source(self, lesson: Lesson) -> str:
        """The source a lesson cites."""
        return lesson.source or self.info.source


def is_item_id(value: str) -> bool:
    """Whether `value` is a well-formed item id."""
    return re.fullmatch(r"[a-z0-9][a-z0-9_.-]{0,63}", value) is not None


def version_key(version: str) -> tuple[int, ...]:
    """A dotted version as numbers, so that 1.10 sorts after 1.9; non-numbers count as 0."""
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))
