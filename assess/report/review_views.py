"""What the templates see of the auditor's review and of the assessment-quality checks.

Frozen models like the rest of the report context; each field is documented in docs/report.md.
"""

from __future__ import annotations

from assess.model.base import Model


class ReviewMark(Model):
    """One answer's verdict, for its row in the dimension table."""

    status: str
    method: str | None
    sample_size: int | None
    comment: str | None
    stale: bool
    audited_score: float | None
    audited_answer: str | None


class AuditRow(Model):
    """A dimension (or the overall line) self-assessed and audited, with the review's coverage."""

    id: str
    name: str
    score: float | None
    audited_score: float | None
    level: int | None
    audited_level: int | None
    coverage: float | None


class AuditView(Model):
    """The review: who, the opinion, coverage, and the audited figures beside the self-assessed."""

    auditor: str
    auditor_org: str | None
    opinion: str | None
    opinion_basis: str | None
    date_long: str | None
    started_long: str
    coverage: float | None
    score: float | None
    level: int | None
    targets_met: bool
    findings: int
    rows: list[AuditRow]
    overall: AuditRow
    verified: int
    adjusted: int
    disputed: int
    not_sampled: int
    unreviewed: int
    na_rejected: int
    answers_changed: bool
    stale: list[str]
    review_sha256: str


class QualityCheckView(Model):
    """One assessment-quality check: whether it ran and what it found."""

    id: str
    name: str
    description: str
    status: str
    issues: list[str]
