"""The review's and the quality checks' part of the report context."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from assess.report.review_views import AuditRow, AuditView, QualityCheckView, ReviewMark
from assess.scoring.quality import QualityIssue, QualityReport

if TYPE_CHECKING:
    from assess.report.loaded import Loaded


def audit_view(current: Loaded, levels: Mapping[int, str], language: str) -> AuditView | None:
    """The audited figures beside the self-assessed ones; None when there is no review."""
    from assess.report.context import long_date

    def _long(date: dt.date) -> str:
        return long_date(date, language)

    result, raw = current.result, current.review_raw
    audited, review = result.audited, result.review
    if audited is None or review is None or raw is None:
        return None
    names = {d.id: d.name for d in result.dimensions}
    rows = [
        AuditRow(
            id=mine.id,
            name=names[mine.id],
            score=mine.score,
            audited_score=theirs.score,
            level=mine.level,
            audited_level=theirs.level,
            coverage=cover.coverage,
        )
        for mine, theirs, cover in zip(
            result.dimensions, audited.dimensions, review.dimensions, strict=True
        )
    ]
    c = review.counts
    return AuditView(
        auditor=review.auditor,
        auditor_org=review.auditor_organization,
        opinion=review.opinion,
        opinion_basis=review.opinion_basis,
        date_long=_long(review.opinion_date) if review.opinion_date else None,
        started_long=_long(review.started),
        coverage=review.coverage,
        score=audited.overall.score,
        level=audited.overall.level,
        targets_met=audited.overall.targets_met,
        findings=len(audited.findings),
        rows=rows,
        overall=AuditRow(
            id="overall",
            name="Overall",
            score=result.overall.score,
            audited_score=audited.overall.score,
            level=result.overall.level,
            audited_level=audited.overall.level,
            coverage=review.coverage,
        ),
        verified=c.verified,
        adjusted=c.adjusted,
        disputed=c.disputed,
        not_sampled=c.not_sampled,
        unreviewed=c.unreviewed,
        na_rejected=c.na_rejected,
        answers_changed=review.answers_changed,
        stale=review.stale,
        review_sha256=hashlib.sha256(raw).hexdigest(),
    )


def review_marks(current: Loaded) -> dict[str, ReviewMark]:
    """Each reviewed answer's verdict for its table row, by question id."""
    from assess.files.reviewfile import parse_review
    from assess.model.review import Adjusted

    summary, raw = current.result.review, current.review_raw
    if summary is None or raw is None:
        return {}
    review, _ = parse_review(current.file.path, raw.decode("utf-8"))
    q = current.file.questionnaire
    marks = {}
    for item in summary.questions:
        if item.review_status == "unreviewed":
            continue
        verdict = review.entries.get(item.question)
        question = q.question(item.question)
        label = None
        if isinstance(verdict, Adjusted) and question is not None:
            label = question.label(verdict.value)
        marks[item.question] = ReviewMark(
            status=item.review_status,
            method=item.method,
            sample_size=item.sample_size,
            comment=item.comment,
            stale=item.stale,
            audited_score=item.audited_score,
            audited_answer=label,
        )
    return marks


def quality_views(report: QualityReport, tr: Callable[[str], str]) -> list[QualityCheckView]:
    """Every check, whether it ran, and what it found, one line per issue, in `tr`'s language."""
    return [
        QualityCheckView(
            id=c.id,
            name=c.name,
            description=tr(c.description),
            status=c.status,
            issues=[_issue_line(i, tr) for i in report.issues if i.check == c.id],
        )
        for c in report.checks
    ]


def _issue_line(issue: QualityIssue, tr: Callable[[str], str]) -> str:
    """One issue as a line of the quality table, translated where the catalog has it."""
    message = tr(issue.template) % issue.values if issue.template else issue.message
    where = issue.question or issue.dimension
    return tr("%(where)s: %(message)s") % {"where": where, "message": message} if where else message
