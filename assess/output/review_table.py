"""The parts of `assess score`'s table beyond the scores: assessment quality and audited figures."""

from __future__ import annotations

from assess.i18n import _, ngettext
from assess.plaintext import clip, columns, num, plural, safe, whole
from assess.scoring.assessed import Assessed
from assess.scoring.quality import QualityReport

SHOWN_PER_CHECK = 5
"""How many issues of one check the table lists; `--json` carries all of them."""


def quality_lines(report: QualityReport) -> list[str]:
    """Which checks ran, and what each found."""
    ran = [c for c in report.checks if c.status == "ran"]
    skipped = [f"{c.id} {c.status}" for c in report.checks if c.status != "ran"]
    head = _("Assessment quality: %(ran)s of %(count)s checks ran") % {
        "ran": len(ran),
        "count": len(report.checks),
    }
    head += f" ({', '.join(skipped)})" if skipped else ""
    issues = len(report.issues)
    lines = [
        ngettext("%(head)s; %(count)s issue.", "%(head)s; %(count)s issues.", issues)
        % {
            "head": head,
            "count": issues,
        }
    ]
    for check in ran:
        found = [i for i in report.issues if i.check == check.id]
        if not found:
            lines.append(f"  {check.id} {check.name}: " + _("none"))
            continue
        lines.append(f"  {check.id} {check.name}: {len(found)}")
        for issue in found[:SHOWN_PER_CHECK]:
            where = issue.question or issue.dimension or "-"
            lines.append(f"    {safe(where)}: {clip(safe(issue.message), 84)}")
        if len(found) > SHOWN_PER_CHECK:
            more = {"more": len(found) - SHOWN_PER_CHECK}
            lines.append("    " + _("... and %(more)s more (see --json)") % more)
    return lines


def audited_lines(result: Assessed) -> list[str]:
    """Self-assessed and audited figures side by side, coverage, verdicts and staleness."""
    audited, review = result.audited, result.review
    if audited is None or review is None:
        return [
            _("Self-assessment: no independent review was applied (`--review REVIEW` adds one).")
        ]
    who = safe(
        review.auditor + (f", {review.auditor_organization}" if review.auditor_organization else "")
    )
    opinion = (
        _("opinion %(opinion)s on %(date)s")
        % {"opinion": review.opinion, "date": review.opinion_date}
        if review.opinion
        else _("no opinion recorded yet")
    )
    rows: list[tuple[str, ...]] = [
        (_("DIMENSION"), _("SELF"), _("AUDITED"), _("SELF LVL"), _("AUDITED LVL"), _("VERIFIED"))
    ]
    for mine, theirs, cover in zip(
        result.dimensions, audited.dimensions, review.dimensions, strict=True
    ):
        rows.append(
            (
                mine.id,
                num(mine.score),
                num(theirs.score),
                whole(mine.level),
                whole(theirs.level),
                _share(cover.coverage),
            )
        )
    rows.append(
        (
            _("OVERALL"),
            num(result.overall.score),
            num(audited.overall.score),
            whole(result.overall.level),
            whole(audited.overall.level),
            _share(review.coverage),
        )
    )
    c = review.counts
    lines = [
        _("Audited figures: review by %(who)s, %(opinion)s.") % {"who": who, "opinion": opinion},
        *columns(rows, right={1, 2, 3, 4, 5}),
        f"Verdicts: {c.verified} verified, {c.adjusted} adjusted, {c.disputed} disputed, "
        f"{c.not_sampled} not sampled, {c.unreviewed} unreviewed; {c.na_rejected} N/A rejected; "
        f"{len(audited.findings)} audited findings.",
    ]
    if review.answers_changed:
        lines.append(
            "WARNING: the answers changed after the review started (SHA-256 differs from the "
            "one the review is pinned to)."
        )
    if review.stale:
        lines.append(
            f"STALE: {plural(len(review.stale), 'verdict')} on answers changed since, "
            f"not applied: {', '.join(review.stale)}."
        )
    return lines


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def quality_issue_lines(report: QualityReport) -> list[str]:
    """One line per issue, then one per check that ran clean: for `validate --strict`."""
    lines = [
        f"quality issue {i.check} {i.name}: {safe(i.question or i.dimension or '-')}: "
        f"{safe(i.message)}"
        for i in report.issues
    ]
    ran = [c.id for c in report.checks if c.status == "ran"]
    skipped = [f"{c.id} {c.status}" for c in report.checks if c.status != "ran"]
    tail = f"; {', '.join(skipped)}" if skipped else ""
    lines.append(
        f"quality: {plural(len(report.issues), 'issue')} from checks {', '.join(ran)}{tail}"
    )
    return lines
