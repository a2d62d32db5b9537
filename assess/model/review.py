"""The review file: an auditor's verdict on each answer of one answers file, and their opinion.

It is a file of its own, so the respondent's words and the auditor's never mix. It is pinned to
the SHA-256 of the answers file it reviews; each verdict also keeps a short hash of the answer it
was given on, so a verdict on an answer that changed since is recognised as stale. A verdict's
shape depends on its status: only an adjustment has a value, and an answer not sampled has no
method.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Annotated, Literal

from pydantic import Field, StrictStr, model_validator

from assess.errors import Message
from assess.i18n import N_
from assess.model.answers import AnswerValue, Entry, NonBlank, QuestionnaireRef
from assess.model.base import Id, Model, empty_dict
from assess.model.questionnaire import Questionnaire, TextQuestion
from assess.model.review_terms import Method, Opinion
from assess.model.values import Problem, problem

Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
AnswerHash = Annotated[
    str,
    Field(
        pattern=r"^[0-9a-f]{12}$",
        description="First 12 hex digits of the SHA-256 of the answer as reviewed (`answer_hash`).",
    ),
]


class _Tested(Model):
    """What every verdict on a tested answer has: how it was tested, and the auditor's words."""

    method: Method
    sample_size: Annotated[int, Field(ge=1)] | None = Field(
        default=None, description="How many items were sampled; only with method `sampling`."
    )
    comment: str | None = None
    answer_hash: AnswerHash | None = None

    @model_validator(mode="after")
    def _sample_size_with_sampling(self) -> _Tested:
        if self.method is Method.sampling and self.sample_size is None:
            raise ValueError(
                Message(N_("method sampling needs sample_size (how many items were sampled)"))
            )
        if self.method is not Method.sampling and self.sample_size is not None:
            raise ValueError(Message(N_("sample_size goes only with method sampling")))
        return self


class Verified(_Tested):
    """The answer is supported. For an N/A, `na_accepted: false` rejects its justification."""

    status: Literal["verified"]
    na_accepted: bool | None = None

    @model_validator(mode="after")
    def _rejection_says_why(self) -> Verified:
        if self.na_accepted is False and not (self.comment or "").strip():
            raise ValueError(Message(N_("a rejected N/A needs a comment saying why")))
        return self


class Adjusted(_Tested):
    """The auditor found a different value; it replaces the answer in the audited figures."""

    status: Literal["adjusted"]
    value: AnswerValue
    comment: NonBlank


class Disputed(_Tested):
    """The answer is not supported and the auditor could not establish a value: it scores 0."""

    status: Literal["disputed"]
    comment: NonBlank
    na_accepted: bool | None = None


class NotSampled(Model):
    """The answer was not tested; it stands as answered and does not count as verified."""

    status: Literal["not-sampled"]
    comment: str | None = None
    answer_hash: AnswerHash | None = None


Verdict = Annotated[Verified | Adjusted | Disputed | NotSampled, Field(discriminator="status")]


class AnswersPin(Model):
    """The answers file under review: where it is (relative to the review) and its SHA-256."""

    file: StrictStr = Field(min_length=1)
    sha256: Sha256


class Auditor(Model):
    """Who reviews, and for which firm."""

    name: NonBlank
    organization: str | None = None


class OpinionBlock(Model):
    """The auditor's overall opinion, why, and when it was given (the date of the review)."""

    opinion: Opinion
    basis: NonBlank
    date: dt.date


class ReviewFile(Model):
    """The whole review file."""

    questionnaire: QuestionnaireRef
    answers: AnswersPin
    organization: NonBlank
    period: NonBlank
    auditor: Auditor
    started: dt.date
    opinion: OpinionBlock | None = None
    entries: dict[Id, Verdict] = Field(default_factory=empty_dict)


def answer_hash(entry: Entry) -> str:
    """A short fingerprint of an answer as a reviewer sees it: value or N/A, note and evidence.

    Whether it was carried forward is left out: confirming a carried answer does not change it.
    """
    data = entry.model_dump(mode="json", exclude_defaults=True, exclude={"carried_from"})
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def review_problems(review: ReviewFile, q: Questionnaire) -> list[Problem]:
    """Verdicts on questions `q` does not have or does not score, and adjusted values it refuses."""
    problems: list[Problem] = []
    for qid, verdict in review.entries.items():
        at = ("entries", qid)
        question = q.question(qid)
        if question is None:
            unknown = N_("unknown question %(typed)r in %(where)s")
            problems.append(problem(at, unknown, N_("check the id"), typed=qid, where=q.ref))
        elif isinstance(question, TextQuestion):
            text = N_("%(id)s is a text question, never scored")
            problems.append(problem(at, text, N_("remove the entry"), id=qid))
        elif isinstance(verdict, Adjusted):
            wrong = question.problem(verdict.value)
            if wrong:
                said = Message(N_("%(id)s: %(problem)s"), {"id": qid, "problem": wrong[0]})
                problems.append(((*at, "value"), said, wrong[1]))
    return problems
