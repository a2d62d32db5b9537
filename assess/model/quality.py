"""A questionnaire's `quality:` section: how its assessment-quality checks are tuned.

The checks themselves run in `assess.scoring.quality`. A questionnaire may switch a check off or
tune it by id, and says which answers imply a minimum profile (Q3) or put a dimension out of
scope (Q6); a questionnaire without the section gets the defaults, and Q3 and Q6 do not run.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field, StrictInt, StrictStr

from assess.model.base import Id, Model, empty_dict, empty_list

CheckId = Literal["Q1", "Q2", "Q3", "Q4", "Q5", "Q6"]
DEFAULT_MIN_JUSTIFICATION = 20
"""Q2: an N/A justification shorter than this many characters is too thin to judge."""


class CheckTuning(Model):
    """One check switched on or off, and (Q2 only) its threshold."""

    enabled: bool = True
    min_length: int | None = Field(
        default=None, ge=1, description="Q2: the shortest acceptable N/A justification."
    )


class _AnswerIn(Model):
    """An answer to `question` that is one of `in`."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    question: Id
    in_: list[StrictInt | StrictStr] = Field(alias="in", min_length=1)


class ProfileFloor(_AnswerIn):
    """Q3: an organization that answers so should declare `profile` or a later one."""

    profile: Id


class OutOfScope(_AnswerIn):
    """Q6: an organization that answers so has `dimension` out of scope."""

    dimension: Id


class QualitySettings(Model):
    """The `quality:` section of a questionnaire."""

    checks: dict[CheckId, CheckTuning] = Field(default_factory=empty_dict)
    profile_floors: list[ProfileFloor] = Field(default_factory=empty_list)
    out_of_scope: list[OutOfScope] = Field(default_factory=empty_list)

    def enabled(self, check: CheckId) -> bool:
        """Whether the questionnaire leaves `check` on (every check is on by default)."""
        tuning = self.checks.get(check)
        return tuning is None or tuning.enabled

    @property
    def min_justification(self) -> int:
        """Q2's threshold, in characters."""
        tuning = self.checks.get("Q2")
        return (tuning.min_length if tuning else None) or DEFAULT_MIN_JUSTIFICATION
