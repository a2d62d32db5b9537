"""Output formats of a scoring result: one enum of formats and one formatter per format.

A formatter is a plain function from a `Result` to text. Adding a format means adding an enum
member and an entry in `FORMATTERS`; a test checks that every member has a working formatter.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from enum import StrEnum

from assess.scoring import DimensionResult, Result

TOP_FINDINGS = 10
"""How many findings the terminal table lists; `--json` carries all of them."""


class OutputFormat(StrEnum):
    """The ways `assess score` can print a result."""

    table = "table"
    json = "json"


Formatter = Callable[[Result], str]


def render(result: Result, fmt: OutputFormat) -> str:
    """The result in the given format, ending with a newline."""
    return FORMATTERS[fmt](result)


def to_json(result: Result) -> str:
    """The full result as JSON: keys in the fixed order of `docs/score-json.md`, 2-space indent.

    Keys follow the field order of the result models (not sorted), so output is stable
    from run to run and diffs well.
    """
    return json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _safe(text: str) -> str:
    """Text from files shown on a terminal: control characters (escape sequences) become '?'."""
    return _CONTROL.sub("?", text)


def _clip(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _num(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _int(value: int | None) -> str:
    return "-" if value is None else str(value)


def _columns(rows: list[tuple[str, ...]], right: set[int]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.rjust(w) if i in right else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]


def _dimension_row(d: DimensionResult) -> tuple[str, ...]:
    return (
        _safe(f"{d.id} {d.name}"),
        _num(d.score),
        _int(d.level),
        str(d.target_level),
        _int(d.gap),
        _num(d.target_attainment),
        f"{d.answered + d.na}/{d.applicable}",
    )


def to_table(result: Result) -> str:
    """A terminal summary: a line per dimension, the overall line, completeness, top findings."""
    o = result.overall
    header = (
        f"{_safe(result.organization)}, {_safe(result.period)}: "
        f"{result.questionnaire.id}@{result.questionnaire.version}, "
        f"profile {_safe(result.profile.id)} (target level {result.profile.target_level})"
    )
    rows: list[tuple[str, ...]] = [
        ("DIMENSION", "SCORE", "LEVEL", "TARGET", "GAP", "ATTAINMENT", "ANSWERED")
    ]
    rows += [_dimension_row(d) for d in result.dimensions]
    c = result.counts
    rows.append(
        (
            "OVERALL",
            _num(o.score),
            _int(o.level),
            str(o.target_level),
            "",
            _num(o.target_attainment),
            f"{c.answered + c.na}/{c.applicable}",
        )
    )
    lines = [header, "", *_columns(rows, right={1, 2, 3, 4, 5})]
    lines += ["", *_completeness(result), "", *_findings(result)]
    return "\n".join(lines) + "\n"


def _completeness(result: Result) -> list[str]:
    c = result.counts
    lines = [
        f"Completeness: {result.completeness:.0%} ({c.answered} answered, {c.na} N/A, "
        f"{c.unanswered} unanswered of {c.applicable} applicable scored questions)"
    ]
    if c.unanswered:
        lines.append("INCOMPLETE: unanswered questions score 0.")
    if c.carried:
        lines.append(f"{c.carried} answers were carried forward and not re-confirmed.")
    below = [d.id for d in result.dimensions if d.gap]
    if below:
        lines.append(f"Below target: {', '.join(below)}.")
    elif result.overall.score is not None:
        lines.append("Every dimension meets its target level.")
    return lines


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
            "unanswered" if f.unanswered else _num(f.score, 0),
            _clip(_safe(f.recommendation)),
        )
        for f in shown
    ]
    lines += ["  " + line for line in _columns(rows, right={2, 3})]
    if result.opportunities:
        lines.append(f"Opportunities above the target: {len(result.opportunities)}.")
    return lines


FORMATTERS: dict[OutputFormat, Formatter] = {
    OutputFormat.table: to_table,
    OutputFormat.json: to_json,
}
