"""The answers file: one organization's answers for one period, and its checks.

An answered question and a question marked N/A are different shapes (`Answer`, `NotApplicable`);
a question with no entry is unanswered.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, StrictFloat, StrictInt, StrictStr, Tag

from assess.model.base import Id, Model, empty_dict, empty_list

AnswerValue = StrictInt | StrictFloat | StrictStr | list[StrictStr]
NonBlank = Annotated[str, Field(min_length=1, pattern=r"\S")]


class QuestionnaireRef(Model):
    """Which questionnaire, and which version of it, the answers follow."""

    id: Id
    version: StrictStr

    def __str__(self) -> str:
        return f"{self.id}@{self.version}"


class Organization(Model):
    """Who is assessed, and the protection profile they declare."""

    name: NonBlank
    sector: str | None = None
    profile: Id


class Assessment(Model):
    """When, by whom and over what the assessment was made."""

    period: NonBlank
    date: dt.date
    assessor: str | None = None
    scope: str | None = None


AnsweredBy = Annotated[
    str | None, Field(default=None, description="Who gave the answer (`assess answer --by`).")
]
AnsweredAt = Annotated[
    dt.datetime | None, Field(default=None, description="When the answer was given.")
]


class Answer(Model):
    """A question answered with a value, optionally with a note and evidence references."""

    value: AnswerValue
    note: str | None = None
    evidence: list[str] = Field(default_factory=empty_list)
    carried_from: str | None = Field(
        default=None,
        description="Period this answer was carried forward from; `take` asks to re-confirm it.",
    )
    answered_by: AnsweredBy = None
    answered_at: AnsweredAt = None


class NotApplicable(Model):
    """A question the respondent declares not applicable, with the reason why."""

    na: Literal[True]
    justification: NonBlank
    note: str | None = None
    evidence: list[str] = Field(default_factory=empty_list)
    carried_from: str | None = None
    answered_by: AnsweredBy = None
    answered_at: AnsweredAt = None


def _entry_kind(value: Any) -> str:
    # The tags must differ from every key of an entry: error locations include the tag, and
    # a tag equal to a key would make an error point inside that key's value.
    # Serializing hands over models, validating hands over dicts: both must pick the right one.
    if isinstance(value, NotApplicable) or (isinstance(value, dict) and "na" in value):
        return "not-applicable"
    return "answered"


Entry = Annotated[
    Annotated[Answer, Tag("answered")] | Annotated[NotApplicable, Tag("not-applicable")],
    Discriminator(_entry_kind),
]


class Draft(Model):
    """A note and evidence typed for a question not answered yet: kept, but not an answer.

    `assess take` saves one as soon as it is typed, so nothing is lost if the session stops;
    choosing the answer moves the note into the entry. Scores and reports ignore drafts.
    """

    note: str | None = None
    evidence: list[str] = Field(default_factory=empty_list)
    noted_by: str | None = Field(default=None, description="Who wrote the note.")
    noted_at: dt.datetime | None = Field(default=None, description="When the note was written.")


class AnswersFile(Model):
    """The whole answers file."""

    questionnaire: QuestionnaireRef
    organization: Organization
    assessment: Assessment
    answers: dict[Id, Entry] = Field(default_factory=empty_dict)
    drafts: dict[Id, Draft] = Field(
        default_factory=empty_dict,
        description="Notes and evidence typed for questions with no answer yet; not answers.",
    )
