"""What `assess compare` returns: frozen models, every field documented in docs/compare.md."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from assess.model.base import Model
from assess.scoring.engine import Status


class Source(Model):
    """Where an assessment came from: the file as named by the user, and its SHA-256."""

    path: str
    sha256: str


class AssessmentSummary(Model):
    """One period's assessment, rescored: the headline numbers of `assess score`."""

    period: str
    date: dt.date
    organization: str
    profile: str
    questionnaire_id: str
    questionnaire_version: str
    overall_score: float | None
    overall_level: int | None
    target_level: int
    targets_met: bool
    completeness: float
    findings: int
    source: str | None
    answers_sha256: str | None
    reviewed: bool
    auditor: str | None


class Trend(Model):
    """A dimension (or the overall line) across the periods, oldest first.

    Every list has one entry per period. A `None` score is a dimension that the period's
    questionnaire lacks or that has no scored question; changes are `None` for the first period
    and wherever either score is missing.
    """

    id: str
    name: str
    scores: list[float | None]
    levels: list[int | None]
    target_levels: list[int | None]
    change_previous: list[float | None]
    change_first: list[float | None]


class Renamed(Model):
    """A question whose id changed between two versions (matched through `previous_ids`)."""

    from_id: str
    to_id: str


class Compatibility(Model):
    """How comparable two periods are: scored questions comparable in both / in either."""

    from_period: str
    to_period: str
    from_version: str
    to_version: str
    comparable: int
    either: int
    ratio: float
    renamed: list[Renamed]
    added: list[str]
    removed: list[str]
    definition_changed: list[str]


class CompatibilityReport(Model):
    """Compatibility per consecutive pair, of the latest period against the first, and overall."""

    same_version: bool
    steps: list[Compatibility]
    overall: Compatibility
    common: int
    any: int
    like_for_like_questions: int
    excluded: list[str]


class DimensionScore(Model):
    """A dimension's like-for-like score in one period."""

    id: str
    score: float | None


class LikeForLike(Model):
    """One period's scores over the like-for-like questions only."""

    period: str
    questions: int
    overall_score: float | None
    dimensions: list[DimensionScore]


class QuestionChange(Model):
    """A question that changed between two periods, as the later period names it."""

    id: str
    previous_id: str | None
    dimension: str
    text: str
    from_status: Status | None
    to_status: Status | None
    from_score: float | None
    to_score: float | None
    change: float | None
    finding: bool


class FindingChange(Model):
    """A finding closed or opened between two periods, and why."""

    id: str
    previous_id: str | None
    dimension: str
    text: str
    phase: str
    level: int
    critical: bool
    from_score: float | None
    to_score: float | None
    reason: Literal[
        "met",
        "na",
        "not_applicable",
        "above_target",
        "no_longer_met",
        "became_applicable",
        "target_raised",
    ]


class Changes(Model):
    """What changed from one period to the next."""

    from_period: str
    to_period: str
    improved: list[QuestionChange]
    regressed: list[QuestionChange]
    became_na: list[QuestionChange]
    became_applicable: list[QuestionChange]
    definition_changed: list[QuestionChange]
    added: list[QuestionChange]
    removed: list[QuestionChange]
    unchanged: int
    findings_closed: list[FindingChange]
    findings_opened: list[FindingChange]


class LevelName(Model):
    """A maturity level of the reference questionnaire, so readers can name the levels."""

    level: int
    name: str


class ReferenceQuestionnaire(Model):
    """The questionnaire version whose ids, names and weights the comparison reports in."""

    id: str
    version: str
    title: str
    levels: list[LevelName]


class Comparison(Model):
    """Everything `assess compare` reports; `--format json` prints it as it is."""

    comparison_method: str
    scoring_method: str
    questionnaire: ReferenceQuestionnaire
    organization: str
    mixed_organizations: bool
    periods: list[str]
    assessments: list[AssessmentSummary]
    overall: Trend
    dimensions: list[Trend]
    compatibility: CompatibilityReport
    like_for_like: list[LikeForLike]
    changes: Changes
    steps: list[Changes]
