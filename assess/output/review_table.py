"""The parts of `assess score`'s table beyond the scores: assessment quality and audited figures."""

from __future__ import annotations

from assess.i18n import N_, _, ngettext
from assess.model.review_terms import term_word
from assess.plaintext import clip, columns, num, safe, whole
from assess.scoring.assessed import Assessed
from assess.scoring.quality import QualityIssue, QualityReport

_STATUS = {"ran": N_("ran"), "off": N_("off"), "not-configured": N_("not-configured")}
"""How a check's outcome is said on the terminal; JSON keeps the word itself."""

CHECK_NAMES = (
    N_("evidence-missing"),
    N_("thin-na"),
    N_("profile-below-designation"),
    N_("vacuous-level"),
    N_("unconfirmed-carry"),
    N_("out-of-scope-dimension"),
)
"""The checks' names, for the catalog: JSON and the report show a name as written, the terminal
says what it is in its language (the id beside it, Q1 to Q6, stays the same)."""


def check_name(name: str) -> str:
    """A quality check's name as the terminal shows it: `evidence-missing`, 无证据支撑."""
    return _(name)


def issue_message(issue: QualityIssue) -> str:
    """What a check found, in the terminal's language; values from the answers made safe."""
    if not issue.template:
        return safe(issue.message)
    values = {key: safe(value) for key, value in issue.values.items()}
    return _(issue.template) % values if values else _(issue.template)


SHOWN_PER_CHECK = 5
"""How many issues of one check the table lists; `--json` carries all of them."""


def quality_lines(report: QualityReport) -> list[str]:
    """Which checks ran, and what each found."""
    ran = [c for c in report.checks if c.status == "ran"]
    skipped = [f"{c.id} {_(_STATUS[c.status])}" for c in report.checks if c.status != "ran"]
    head = _("Assessment quality: %(ran)s of %(count)s checks ran") % {
        "ran": len(ran),
        "count": len(report.checks),
    }
    head += _(" (%(hint)s)") % {"hint": _(", ").join(skipped)} if skipped else ""
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
            said = {"check": f"{check.id} {check_name(check.name)}", "found": _("none")}
            lines.append("  " + _("%(check)s: %(found)s") % said)
            continue
        said = {"check": f"{check.id} {check_name(check.name)}", "found": str(len(found))}
        lines.append("  " + _("%(check)s: %(found)s") % said)
        for issue in found[:SHOWN_PER_CHECK]:
            where = safe(issue.question or issue.dimension or "-")
            said = {"check": where, "found": clip(issue_message(issue), 84)}
            lines.append("    " + _("%(check)s: %(found)s") % said)
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
        % {"opinion": term_word(review.opinion), "date": review.opinion_date}
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
        _(
            "Verdicts: %(verified)s verified, %(adjusted)s adjusted, %(disputed)s disputed, "
            "%(not_sampled)s not sampled, %(unreviewed)s unreviewed; %(na_rejected)s N/A "
            "rejected; %(findings)s audited findings."
        )
        % {
            "verified": c.verified,
            "adjusted": c.adjusted,
            "disputed": c.disputed,
            "not_sampled": c.not_sampled,
            "unreviewed": c.unreviewed,
            "na_rejected": c.na_rejected,
            "findings": len(audited.findings),
        },
    ]
    if review.answers_changed:
        lines.append(
            _(
                "WARNING: the answers changed after the review started (SHA-256 differs from the "
                "one the review is pinned to)."
            )
        )
    if review.stale:
        stale = ngettext(
            "STALE: %(count)s verdict on answers changed since, not applied: %(ids)s.",
            "STALE: %(count)s verdicts on answers changed since, not applied: %(ids)s.",
            len(review.stale),
        )
        lines.append(stale % {"count": len(review.stale), "ids": ", ".join(review.stale)})
    return lines


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def quality_issue_lines(report: QualityReport) -> list[str]:
    """One line per issue, then one per check that ran clean: for `validate --strict`."""
    lines = [
        _("quality issue %(check)s: %(where)s: %(message)s")
        % {
            "check": f"{i.check} {check_name(i.name)}",
            "where": safe(i.question or i.dimension or "-"),
            "message": issue_message(i),
        }
        for i in report.issues
    ]
    ran = [c.id for c in report.checks if c.status == "ran"]
    skipped = [f"{c.id} {_(_STATUS[c.status])}" for c in report.checks if c.status != "ran"]
    said = ngettext(
        "quality: %(count)s issue from checks %(checks)s",
        "quality: %(count)s issues from checks %(checks)s",
        len(report.issues),
    )
    tail = _("; ") + _(", ").join(skipped) if skipped else ""
    lines.append(said % {"count": len(report.issues), "checks": ", ".join(ran)} + tail)
    return lines
