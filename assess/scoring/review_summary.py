"""The review summary a scored result carries: who reviewed, what they covered, what they found.

Apart from the audit itself (`assess.scoring.audited`), so that scoring a file without a review,
as most are, does not import the review models and the audit.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from assess.model.base import Model

ReviewState = Literal["verified", "adjusted", "disputed", "not-sampled", "unreviewed"]


class ReviewedQuestion(Model):
    """One scored question as the auditor left it, with its score before and after review."""

    question: str
    dimension: str
    review_status: ReviewState
    method: str | None
    sample_size: int | None
    na_accepted: bool | None
    comment: str | None
    stale: bool
    self_assessed_score: float | None
    audited_score: float | None


class DimensionCoverage(Model):
    """How much of a dimension's scored weight the auditor verified or adjusted."""

    id: str
    scored_weight: float
    verified_weight: float
    coverage: float | None


class ReviewCounts(Model):
    """How many applicable scored questions got each verdict."""

    verified: int
    adjusted: int
    disputed: int
    not_sampled: int
    unreviewed: int
    na_rejected: int
    stale: int


class ReviewSummary(Model):
    """Who reviewed, their opinion, how much they covered, and whether the answers changed."""

    auditor: str
    auditor_organization: str | None
    started: dt.date
    opinion: str | None
    opinion_basis: str | None
    opinion_date: dt.date | None
    answers_sha256: str
    answers_changed: bool
    stale: list[str]
    counts: ReviewCounts
    coverage: float | None
    dimensions: list[DimensionCoverage]
    questions: list[ReviewedQuestion]
