"""The question types, each owning what its answers mean: match, check, score, parse, label.

Adding a question type means adding a class here; no other module asks which type a question
is. A `choice` question's options come from a scale of its questionnaire, attached once when the
questionnaire is loaded (`attach`).
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Mapping, Sequence
from math import fsum
from typing import Annotated, ClassVar, Literal, TypeGuard

from pydantic import Field, PrivateAttr, StrictStr

from assess.errors import AssessError
from assess.i18n import N_, _
from assess.model.base import AnswerValue, Id, Loc, Model, empty_dict, empty_list
from assess.model.values import (
    Condition,
    LevelNumber,
    OptionValue,
    Problem,
    References,
    ScaleOption,
    Score,
    ValueKey,
    ValueProblem,
    Weight,
    anchor_problems,
    parse_number,
    problem,
    same_value,
    value_key,
)


class _Question(Model):
    """What every question has, scored or not."""

    scored: ClassVar[bool] = False

    id: Id
    text: str = Field(min_length=1)
    guidance: str | None = None
    profiles: list[Id] | None = Field(
        default=None, description="The question applies only to these profiles."
    )
    when: Condition | None = None
    allow_na: bool = False
    references: References = Field(default_factory=empty_dict)
    previous_ids: list[Id] = Field(
        default_factory=empty_list, description="Ids this question had in earlier versions."
    )

    def option_values(self) -> set[OptionValue] | None:
        """The values a `when` condition may look for; None for questions without options."""
        return None

    def matches(self, value: AnswerValue, wanted: Sequence[OptionValue]) -> bool:
        """Whether an answer `value` satisfies a `when` condition listing `wanted`."""
        return any(same_value(w, value) for w in wanted)

    def parse(self, text: str) -> AnswerValue:
        """A value as typed on the command line, read the way this type expects it."""
        return text

    def problem(self, value: AnswerValue) -> ValueProblem | None:
        """Why `value` is not an answer this question can take; None when it is fine."""
        return None if isinstance(value, str) else ("expected text", "quote it")

    def label(self, value: AnswerValue) -> str:
        """The value as a reader should see it."""
        return ", ".join(value) if isinstance(value, list) else str(value)

    def anchor(self, value: AnswerValue) -> str | None:
        """What the answer `value` means for this practice, where the question says (anchors)."""
        return None

    def ticks(self, value: AnswerValue) -> list[tuple[str, bool]] | None:
        """Every item of a checklist with whether `value` ticks it; None for other questions."""
        return None

    def definition_problems(self, levels: set[int], scales: set[str], at: Loc) -> list[Problem]:
        """What is wrong with this question's own definition against the questionnaire's parts."""
        return []

    def accepts(self) -> list[str]:
        """The answers the question takes and what each is worth, one line each, for people."""
        return ["free text, for context; never scored"]

    def attach(self, scales: Mapping[str, list[ScaleOption]]) -> None:
        """Take what the question needs from its questionnaire; only `choice` needs anything."""

    def means_the_same(self, earlier: _Question, value: AnswerValue) -> bool:
        """Whether `value`, answered to `earlier` (an older version of this), means the same here.

        The same type and still a valid answer; scored questions also need the same score.
        """
        return type(earlier) is type(self) and self.problem(value) is None


class _ScoredQuestion(_Question):
    """What every scored question has: a level, a weight and advice."""

    scored: ClassVar[bool] = True

    guidance: str = Field(min_length=1)
    level: LevelNumber
    weight: Weight = 1.0
    critical: bool = False
    recommendation: str = Field(min_length=1)
    basis: str | None = Field(
        default=None,
        min_length=1,
        description="The passage of the questionnaire's source text this question derives from, "
        "verbatim (whitespace aside).",
    )

    @abstractmethod
    def score(self, value: AnswerValue) -> float:
        """The score in [0, 1] of an answer the question accepts (loading checked it)."""
        # Abstract: every scored type defines it (pydantic's model metaclass is an ABCMeta).

    def meaning(self) -> tuple[object, ...]:
        """What a value of this question is worth: equal meanings score every answer alike.

        Comparisons across versions use it to tell a changed definition from a renamed one.
        """
        return (type(self).__name__, self.level, self.weight, self.critical)

    def means_the_same(self, earlier: _Question, value: AnswerValue) -> bool:
        """The same type, a valid answer, and the same score as before."""
        if not super().means_the_same(earlier, value):
            return False
        assert isinstance(earlier, _ScoredQuestion)
        return abs(self.score(value) - earlier.score(value)) < 1e-9

    def definition_problems(self, levels: set[int], scales: set[str], at: Loc) -> list[Problem]:
        """A level that the questionnaire does not define."""
        if self.level in levels:
            return []
        no_level = N_("question %(id)s: no level %(level)s in `levels`")
        return [problem((*at, "level"), no_level, id=self.id, level=self.level)]


class ChoiceQuestion(_ScoredQuestion):
    """One option of a named scale."""

    type: Literal["choice"]
    scale: Id
    anchors: dict[OptionValue, str] | None = Field(
        default=None,
        description="What each value of the scale looks like for this practice; "
        "the keys are exactly the scale's values.",
    )
    _options: list[ScaleOption] = PrivateAttr(default_factory=empty_list)
    _by_value: dict[ValueKey, ScaleOption] = PrivateAttr(default_factory=empty_dict)

    def describe(self, option: ScaleOption) -> str:
        """What choosing `option` means for this practice: its anchor, else the scale's wording."""
        if self.anchors is not None and option.value in self.anchors:
            return self.anchors[option.value]
        return option.description

    def attach(self, scales: Mapping[str, list[ScaleOption]]) -> None:
        """Take the options of the question's scale; the questionnaire does it once, at load."""
        self._options = list(scales.get(self.scale, []))
        self._by_value = {value_key(o.value): o for o in self._options}

    @property
    def options(self) -> list[ScaleOption]:
        """The options of the question's scale."""
        return self._options

    def option(self, value: AnswerValue) -> ScaleOption | None:
        """The option with this value (of the same type: 1 is not "1"), if there is one."""
        if isinstance(value, list):
            return None
        # Scoring and checking ask this for every answer of every file; pydantic's attribute
        # lookup of private attributes is slow, so the mapping is read from its slot directly.
        private = self.__pydantic_private__
        assert private is not None
        by_value: dict[ValueKey, ScaleOption] = private["_by_value"]
        return by_value.get(value_key(value))

    def anchor(self, value: AnswerValue) -> str | None:
        """The anchor of the chosen option, when the question has anchors."""
        option = self.option(value)
        if option is None or self.anchors is None:
            return None
        return self.describe(option)

    def option_values(self) -> set[OptionValue] | None:
        """The values of the scale's options."""
        return {o.value for o in self._options}

    def parse(self, text: str) -> AnswerValue:
        """An option's value or its label (any case); other text is kept for the check to refuse."""
        for option in self._options:
            if text == str(option.value) or text.casefold() == option.label.casefold():
                return option.value
        return int(text) if text.strip().lstrip("+-").isdigit() else text

    def problem(self, value: AnswerValue) -> ValueProblem | None:
        """Not one of the scale's options."""
        if self.option(value) is not None:
            return None
        options = ", ".join(f"{o.value} ({o.label})" for o in self._options)
        said = {"value": value, "scale": self.scale, "options": options}  # terminal's language
        message = _("%(value)r is not an option of scale %(scale)r") % said
        return message, _("choose one of %(options)s") % said

    def score(self, value: AnswerValue) -> float:
        """The chosen option's score."""
        option = self.option(value)
        if option is None:
            raise ValueError(f"{self.id}: {value!r} is not an option")
        return option.score

    def label(self, value: AnswerValue) -> str:
        """The option's label."""
        option = self.option(value)
        return option.label if option is not None else str(value)

    def meaning(self) -> tuple[object, ...]:
        """The type, level, weight and what each option value scores."""
        return (*super().meaning(), tuple((o.value, o.score) for o in self._options))

    def accepts(self) -> list[str]:
        """Each option of the scale: value, label, score and description."""
        return [
            f"{o.value}  {o.label} (score {o.score:.2f}): {o.description}" for o in self._options
        ]

    def definition_problems(self, levels: set[int], scales: set[str], at: Loc) -> list[Problem]:
        """An unknown scale, besides the level."""
        problems = super().definition_problems(levels, scales, at)
        if self.scale not in scales:
            said = {"id": self.id, "scale": self.scale, "ids": ", ".join(sorted(scales))}
            unknown = N_("question %(id)s: unknown scale %(scale)r")
            problems.append(problem((*at, "scale"), unknown, N_("scales are %(ids)s"), **said))
        elif self.anchors is not None:
            problems += anchor_problems(self.id, self.scale, self._options, self.anchors, at)
        return problems


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

    def ticks(self, value: AnswerValue) -> list[tuple[str, bool]] | None:
        """Every item, ticked or not, so a reader sees what was not claimed too."""
        checked = value if isinstance(value, list) else []
        return [(o.label, o.value in checked) for o in self.options]

    def option_values(self) -> set[OptionValue] | None:
        """The values of the checklist's items."""
        return {o.value for o in self.options}

    def matches(self, value: AnswerValue, wanted: Sequence[OptionValue]) -> bool:
        """Any wanted item checked."""
        return isinstance(value, list) and any(v in wanted for v in value)

    def parse(self, text: str) -> AnswerValue:
        """Comma-separated item values; an empty string checks none."""
        return [part.strip() for part in text.split(",") if part.strip()]

    def problem(self, value: AnswerValue) -> ValueProblem | None:
        """Not a list, an unknown item, or an item listed twice."""
        allowed = [o.value for o in self.options]
        if not isinstance(value, list):
            return "expected a list of checked options", f"for example [{allowed[0]}]"
        unknown = [v for v in value if v not in allowed]
        if unknown:
            return f"unknown option {unknown[0]!r}", f"options are {', '.join(allowed)}"
        if len(set(value)) != len(value):
            return "an option is listed twice", "list each checked option once"
        return None

    def score(self, value: AnswerValue) -> float:
        """Weight of the checked items over the weight of all items."""
        checked = set(value) if isinstance(value, list) else set()
        total = fsum(o.weight for o in self.options)
        return fsum(o.weight for o in self.options if o.value in checked) / total

    def label(self, value: AnswerValue) -> str:
        """The checked items' labels, in the checklist's order."""
        checked = value if isinstance(value, list) else []
        labels = [o.label for o in self.options if o.value in checked]
        return "; ".join(labels) if labels else "None of the items"

    def meaning(self) -> tuple[object, ...]:
        """The type, level, weight and each item's weight."""
        return (*super().meaning(), tuple((o.value, o.weight) for o in self.options))

    def accepts(self) -> list[str]:
        """Each item of the checklist: value, label, weight and description."""
        return [
            f"{o.value}  {o.label} (weight {o.weight:g})"
            + (f": {o.description}" if o.description else "")
            for o in self.options
        ]

    def definition_problems(self, levels: set[int], scales: set[str], at: Loc) -> list[Problem]:
        """An item value listed twice, besides the level."""
        problems = super().definition_problems(levels, scales, at)
        seen: set[str] = set()
        for i, option in enumerate(self.options):
            if option.value in seen:
                twice = N_("duplicate option value %(value)r in question %(id)s")
                problems.append(problem((*at, "options", i), twice, value=option.value, id=self.id))
            seen.add(option.value)
        return problems


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

    def parse(self, text: str) -> AnswerValue:
        """An integer or a decimal."""
        number = parse_number(text)
        if number is None:
            said, hint = {"id": self.id, "text": text, "unit": self.unit}, N_("a value in %(unit)s")
            raise AssessError(N_("%(id)s: %(text)r is not a number"), hint=hint, values=said)
        return number

    def problem(self, value: AnswerValue) -> ValueProblem | None:
        """Not a number, or outside minimum..maximum."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "expected a number", f"a value in {self.unit}"
        if not self.minimum <= value <= self.maximum:
            return (
                f"{value} is outside {self.minimum:g}..{self.maximum:g}",
                f"a value in {self.unit} within that range",
            )
        return None

    def score(self, value: AnswerValue) -> float:
        """The score of the band the number falls in."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{self.id}: {value!r} is not a number")
        return self.band(value).score

    def label(self, value: AnswerValue) -> str:
        """The number with its unit and its band's label."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            return str(value)
        return f"{value:g} {self.unit} ({self.band(value).label})"

    def meaning(self) -> tuple[object, ...]:
        """The type, level, weight and the bands."""
        return (*super().meaning(), tuple((b.max, b.score) for b in self.bands))

    def accepts(self) -> list[str]:
        """The range and unit, then each band with its score."""
        lines = [f"a number of {self.unit} from {self.minimum:g} to {self.maximum:g}"]
        below: float | None = None
        for b in self.bands:
            if b.max is not None:
                bound = f"up to {b.max:g}"
            else:
                bound = "any" if below is None else f"over {below:g}"
            lines.append(f"{bound} {self.unit}: {b.label} (score {b.score:.2f})")
            below = b.max
        return lines

    def definition_problems(self, levels: set[int], scales: set[str], at: Loc) -> list[Problem]:
        """Bands that do not rise or do not end open, besides the level."""
        problems = super().definition_problems(levels, scales, at)
        if self.minimum > self.maximum:
            message = N_("question %(id)s: minimum is above maximum")
            problems.append(problem((*at, "minimum"), message, id=self.id))
        previous: float | None = None
        for i, band in enumerate(self.bands):
            last = i == len(self.bands) - 1
            where = (*at, "bands", i)
            if band.max is None and not last:
                message = N_("question %(id)s: only the last band may leave out `max`")
                problems.append(problem(where, message, id=self.id))
            if band.max is not None and last:
                message = N_("question %(id)s: the last band must leave out `max`")
                hint = N_("it catches every value above the bands before it")
                problems.append(problem(where, message, hint, id=self.id))
            if band.max is not None:
                if previous is not None and band.max <= previous:
                    message = N_("question %(id)s: band maxima must increase")
                    problems.append(problem((*where, "max"), message, id=self.id))
                previous = band.max
        return problems


class TextQuestion(_Question):
    """Free text for context; never scored."""

    type: Literal["text"]


Question = Annotated[
    ChoiceQuestion | MultiQuestion | NumberQuestion | TextQuestion, Field(discriminator="type")
]
ScoredQuestion = ChoiceQuestion | MultiQuestion | NumberQuestion


def is_scored(question: Question) -> TypeGuard[ScoredQuestion]:
    """Whether the question is scored (has a level, a weight and a recommendation)."""
    return question.scored
