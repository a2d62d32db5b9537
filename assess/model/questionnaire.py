"""The questionnaire: its pydantic models, as written in the YAML files under `questionnaires/`.

The models check shapes and single values; `assess.files.loading` checks what spans the whole file
(unique ids, references between parts, the NIST CSF list).
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StrictInt, StrictStr

from assess.model.base import Id, Model

OptionValue = StrictInt | StrictStr
Score = Annotated[float, Field(ge=0, le=1)]
Weight = Annotated[float, Field(gt=0)]
LevelNumber = Annotated[int, Field(ge=1, le=9)]

DEFAULT_MET_THRESHOLD = 2 / 3


class Level(Model):
    """One maturity level; levels are cumulative, as in C2M2."""

    level: LevelNumber
    name: str
    description: str


class ScaleOption(Model):
    """One answer a `choice` question can take, and what it scores."""

    value: OptionValue
    label: str
    score: Score
    description: str


class Profile(Model):
    """A protection profile: the target level an organization of this kind should reach."""

    id: Id
    name: str
    description: str
    target_level: LevelNumber
    targets: dict[str, LevelNumber] = Field(
        default_factory=dict, description="Per-dimension target levels that override target_level."
    )


class Condition(Model):
    """`when`: the question applies only if an earlier question's answer is one of `in`."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    question: Id
    in_: list[OptionValue] = Field(alias="in", min_length=1)


References = dict[
    Literal["nist-csf-2.0", "iso-27001-2022", "gb-t-22239-2019", "cii-regulations-2021"],
    list[str],
]


class _Question(Model):
    """What every question has, scored or not."""

    id: Id
    text: str = Field(min_length=1)
    guidance: str | None = None
    profiles: list[Id] | None = Field(
        default=None, description="The question applies only to these profiles."
    )
    when: Condition | None = None
    allow_na: bool = False
    references: References = Field(default_factory=dict)
    previous_ids: list[Id] = Field(
        default_factory=list, description="Ids this question had in earlier versions."
    )


class _ScoredQuestion(_Question):
    """What every scored question has: a level, a weight and advice."""

    guidance: str = Field(min_length=1)
    level: LevelNumber
    weight: Weight = 1.0
    critical: bool = False
    recommendation: str = Field(min_length=1)


class ChoiceQuestion(_ScoredQuestion):
    """One option of a named scale."""

    type: Literal["choice"]
    scale: Id


class MultiOption(Model):
    """One item of a checklist; checked items add their weight."""

    value: StrictStr
    label: str
    weight: Weight = 1.0
    description: str | None = None


class MultiQuestion(_ScoredQuestion):
    """A checklist: score = weight of the checked items / weight of all items."""

    type: Literal["multi"]
    options: list[MultiOption] = Field(min_length=1)


class Band(Model):
    """Numbers up to `max` (inclusive) score `score`; the last band has no `max`."""

    max: float | None = None
    score: Score
    label: str


class NumberQuestion(_ScoredQuestion):
    """A measured value, scored by the first band whose `max` is not below it."""

    type: Literal["number"]
    unit: str
    minimum: float
    maximum: float
    bands: list[Band] = Field(min_length=1)

    def band(self, value: float) -> Band:
        """The band `value` falls in: the first whose `max` is not below it (the last is open)."""
        return next(b for b in self.bands if b.max is None or value <= b.max)


class TextQuestion(_Question):
    """Free text for context; never scored."""

    type: Literal["text"]


Question = Annotated[
    ChoiceQuestion | MultiQuestion | NumberQuestion | TextQuestion, Field(discriminator="type")
]
ScoredQuestion = ChoiceQuestion | MultiQuestion | NumberQuestion


class Dimension(Model):
    """One principle of the speech, turned into questions."""

    id: Id
    name: str
    weight: Weight = 1.0
    description: str | None = None
    quote: str = Field(min_length=1, description="Verbatim from the source speech.")
    questions: list[Question] = Field(min_length=1)


class Questionnaire(Model):
    """A released questionnaire version; never edited after release."""

    id: Id
    version: StrictStr
    title: str
    description: str | None = None
    met_threshold: Score = DEFAULT_MET_THRESHOLD
    levels: list[Level] = Field(min_length=1)
    scales: dict[Id, list[ScaleOption]]
    profiles: list[Profile] = Field(min_length=1)
    dimensions: list[Dimension] = Field(min_length=1)

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
