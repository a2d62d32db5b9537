"""The questionnaire: its pydantic models, as written in the YAML files under `questionnaires/`.

The models check shapes and single values; `assess.model.checks` checks what spans the whole
file (unique ids, references between parts, the NIST CSF list). The question types live in
`assess.model.questions`.
"""

from __future__ import annotations

from functools import cached_property
from typing import Self

from pydantic import Field, StrictStr, model_validator

from assess.model.base import Id, Model, empty_dict
from assess.model.language import ENGLISH, LanguageTag
from assess.model.quality import QualitySettings
from assess.model.questions import (
    Band,
    ChoiceQuestion,
    MultiOption,
    MultiQuestion,
    NumberQuestion,
    Question,
    ScoredQuestion,
    TextQuestion,
    is_scored,
)
from assess.model.values import (
    Condition,
    LevelNumber,
    OptionValue,
    References,
    ScaleOption,
    Score,
    Weight,
)

__all__ = [
    "Band",
    "ChoiceQuestion",
    "Condition",
    "Dimension",
    "Level",
    "LevelNumber",
    "LevelZero",
    "MultiOption",
    "MultiQuestion",
    "NumberQuestion",
    "OptionValue",
    "Profile",
    "Question",
    "Questionnaire",
    "References",
    "ScaleOption",
    "Score",
    "ScoredQuestion",
    "TextQuestion",
    "Weight",
    "is_scored",
]

DEFAULT_MET_THRESHOLD = 2 / 3


class Level(Model):
    """One maturity level; levels are cumulative, as in C2M2."""

    level: LevelNumber
    name: str
    description: str


class LevelZero(Model):
    """What a dimension that reaches no level is called; questionnaires may name it their way."""

    name: str = "Below level 1"
    description: str = "Not every level-1 question is met."


class Profile(Model):
    """A protection profile: the target level an organization of this kind should reach."""

    id: Id
    name: str
    description: str
    target_level: LevelNumber
    targets: dict[str, LevelNumber] = Field(
        default_factory=empty_dict,
        description="Per-dimension target levels that override target_level.",
    )


class Dimension(Model):
    """One area of the assessment (for cyberposture, one principle of the speech)."""

    id: Id
    name: str
    weight: Weight = 1.0
    description: str | None = None
    quote: str | None = Field(
        default=None, min_length=1, description="Why the dimension matters, from a source text."
    )
    questions: list[Question] = Field(min_length=1)


class Questionnaire(Model):
    """A released questionnaire version; never edited after release."""

    id: Id
    version: StrictStr
    title: str
    description: str | None = None
    source: Id | None = Field(
        default=None,
        description="The bundled source text that `basis` excerpts must occur in (speech-2016).",
    )
    language: LanguageTag = Field(
        default=ENGLISH, description="The language of the text (a translation changes it)."
    )
    met_threshold: Score = DEFAULT_MET_THRESHOLD
    level_zero: LevelZero = Field(
        default_factory=LevelZero, description="Name and meaning of reaching no level."
    )
    levels: list[Level] = Field(min_length=1)
    scales: dict[Id, list[ScaleOption]]
    profiles: list[Profile] = Field(min_length=1)
    dimensions: list[Dimension] = Field(min_length=1)
    quality: QualitySettings = Field(
        default_factory=QualitySettings,
        description="Tuning of the assessment-quality checks (docs/scoring.md).",
    )

    @model_validator(mode="after")
    def _attach_scales(self) -> Self:
        # Done once here, so a choice question knows its options wherever it goes.
        for question in self.questions():
            question.attach(self.scales)
        return self

    @property
    def ref(self) -> str:
        """`id@version`, the way commands name a questionnaire."""
        return f"{self.id}@{self.version}"

    def questions(self) -> list[Question]:
        """Every question, in file order."""
        return [q for d in self.dimensions for q in d.questions]

    @cached_property
    def _by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions()}

    @cached_property
    def renamed(self) -> dict[str, str]:
        """Ids that questions had in earlier versions, each mapped to the question's id now."""
        return {old: q.id for q in self.questions() for old in q.previous_ids}

    def question(self, question_id: str) -> Question | None:
        """The question with this id, if the questionnaire has one."""
        return self._by_id.get(question_id)

    def profile(self, profile_id: str) -> Profile | None:
        """The profile with this id, if the questionnaire has one."""
        return next((p for p in self.profiles if p.id == profile_id), None)

    def dimension_of(self, question_id: str) -> Dimension | None:
        """The dimension that holds this question."""
        for d in self.dimensions:
            if any(q.id == question_id for q in d.questions):
                return d
        return None
