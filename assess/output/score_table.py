"""The terminal table of `assess score`: dimensions, the overall line, completeness, findings."""

from __future__ import annotations

from assess.model.progress import Progress
from assess.output.review_table import audited_lines, quality_lines
from assess.plaintext import clip, columns, num, percent, safe, whole, wrap
from assess.scoring.assessed import Assessed
from assess.scoring.engine import DimensionResult, Result
from assess.scoring.limits import level_limits

TOP_FINDINGS = 10
"""How many findings the terminal table lists; `--format json` carries all of them."""


def _dimension_row(d: DimensionResult) -> tuple[str, ...]:
    return (
        safe(f"{d.id} {d.name}"),
        num(d.score),
        whole(d.level),
        str(d.target_level),
        whole(d.gap),
        num(d.target_attainment),
        f"{d.answered + d.na}/{d.applicable}",
    )


def score_table(result: Result) -> str:
    """A terminal summary: a line per dimension, the overall line, completeness, top findings."""
    o = result.overall
    header = (
        f"{safe(result.organization)}, {safe(result.period)}: "
        f"{result.questionnaire.id}@{result.questionnaire.version}, "
        f"profile {safe(result.profile.id)} (target level {result.profile.target_level})"
    )
    rows: list[tuple[str, ...]] = [
        ("DIMENSION", "SCORE", "LEVEL", "TARGET", "GAP", "ATTAINMENT", "ANSWERED")
    ]
    rows += [_dimension_row(d) for d in result.dimensions]
    c = result.counts
    rows.append(
        (
            "OVERALL",
            num(o.score),
            whole(o.level),
            str(o.target_level),
            "",
            num(o.target_attainment),
            f"{c.answered + c.na}/{c.applicable}",
        )
    )
    lines = [header, "", *columns(rows, right={1, 2, 3, 4, 5})]
    lines += ["", *_completeness(result), "", *_findings(result)]
    if isinstance(result, Assessed):
        lines += ["", *quality_lines(result.quality), "", *audited_lines(result)]
    return "\n".join(lines) + "\n"


def _completeness(result: Result) -> list[str]:
    c = result.counts
    counted = Progress(c.answered, c.na, c.unanswered, c.carried)
    lines = [f"Completeness: {percent(result.completeness)}% ({counted.text()})"]
    if c.unanswered:
        lines.append("INCOMPLETE: unanswered questions score 0.")
    below = [d.id for d in result.dimensions if d.gap]
    if below:
        lines.append(f"Below target: {', '.join(below)}.")
    elif result.overall.score is not None:
        lines.append("Every dimension meets its target level.")
    return lines + held_down(result)


def held_down(result: Result) -> list[str]:
    """Which dimensions and questions keep the overall level where it is, wrapped."""
    limits = level_limits(result)
    if not limits:
        return []
    parts = [
        f"{safe(x.dimension)} {safe(x.name)} ("
        + ", ".join(f"{safe(b.question)} L{b.level} scores {num(b.score)}" for b in x.questions)
        + ")"
        for x in limits
    ]
    level = result.overall.level
    text = f"Overall level {level}, held down by unmet level-{(level or 0) + 1} practices in: "
    return wrap(text + "; ".join(parts) + ".", "")


def _findings(result: Result) -> list[str]:
    if not result.findings:
        return ["No findings: every question at or below the target is met."]
    shown = result.findings[:TOP_FINDINGS]
    lines = [f"Top findings ({len(shown)} of {len(result.findings)}):"]
    rows: list[tuple[str, ...]] = [("PHASE", "QUESTION", "LEVEL", "SCORE", "RECOMMENDATION")]
    rows += [
        (
            f.phase.value,
            f.question + (" (critical)" if f.critical else ""),
            str(f.level),
            "unanswered" if f.unanswered else num(f.score),
            clip(safe(f.recommendation)),
        )
        for f in shown
    ]
    lines += ["  " + line for line in columns(rows, right={2, 3})]
    if result.opportunities:
        lines.append(f"Opportunities above the target: {len(result.opportunities)}.")
    return lines
