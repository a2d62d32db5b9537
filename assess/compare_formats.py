"""Output formats of a comparison: one enum of formats and one formatter per format.

A formatter is a plain function from a `Comparison` to text; a test checks that every member of
`CompareFormat` has one. The trend PDF is written by `assess.trend`, not here.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable, Sequence
from enum import StrEnum

from assess.compare import Changes, Comparison, Compatibility, QuestionChange, Trend


class CompareFormat(StrEnum):
    """The ways `assess compare` can print a comparison."""

    table = "table"
    json = "json"


Formatter = Callable[[Comparison], str]


def render(comparison: Comparison, fmt: CompareFormat) -> str:
    """The comparison in the given format, ending with a newline."""
    return FORMATTERS[fmt](comparison)


def to_json(comparison: Comparison) -> str:
    """The whole comparison as JSON, keys in model order (docs/compare.md), 2-space indent."""
    return json.dumps(comparison.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _safe(text: str) -> str:
    """Text from files shown on a terminal: control characters (escape sequences) become '?'."""
    return _CONTROL.sub("?", text)


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _signed(value: float | None) -> str:
    if value is None:
        return "-"
    text = f"{value:+.1f}"
    return "0.0" if text in ("+0.0", "-0.0") else text


def _cell(trend: Trend, i: int) -> str:
    level = trend.levels[i]
    return f"{_num(trend.scores[i])} L{'-' if level is None else level}"


def _columns(rows: list[tuple[str, ...]], left: int = 1) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.ljust(w) if i < left else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]


def to_table(c: Comparison) -> str:
    """A terminal summary: scores and levels per period, then compatibility and changes."""
    lines = [*_header(c), "", *_score_table(c), "", *_compatibility(c), ""]
    lines += _like_for_like(c)
    for step in c.steps:
        lines += ["", *_changes(step)]
    return "\n".join(lines) + "\n"


def _header(c: Comparison) -> list[str]:
    versions = " -> ".join(dict.fromkeys(a.questionnaire_version for a in c.assessments))
    lines = [
        f"{_safe(c.organization)}: {len(c.periods)} assessments, "
        f"{c.questionnaire.id} {versions}, all scored again with scoring method {c.scoring_method}"
    ]
    if c.mixed_organizations:
        names = ", ".join(dict.fromkeys(_safe(a.organization) for a in c.assessments))
        lines.append(f"MIXED ORGANIZATIONS (--allow-mixed): {names}")
    return lines


def _score_table(c: Comparison) -> list[str]:
    periods = [_safe(p) for p in c.periods]
    deltas = [f"CHANGE SINCE {periods[-2]}"]
    if len(periods) > 2:
        deltas.append(f"SINCE {periods[0]}")
    rows: list[tuple[str, ...]] = [("DIMENSION", *periods, *deltas)]
    for t in [*c.dimensions, c.overall]:
        name = "OVERALL" if t is c.overall else _safe(f"{t.id} {t.name}")
        changes = [_signed(t.change_previous[-1])]
        if len(periods) > 2:
            changes.append(_signed(t.change_first[-1]))
        rows.append((name, *(_cell(t, i) for i in range(len(periods))), *changes))
    return _columns(rows)


def _compat_line(x: Compatibility) -> str:
    line = (
        f"{_safe(x.from_period)} ({x.from_version}) -> {_safe(x.to_period)} ({x.to_version}): "
        f"{x.comparable} of {x.either} scored questions comparable ({x.ratio:.0%})"
    )
    details = []
    if x.renamed:
        details.append(f"{len(x.renamed)} renamed")
    if x.added:
        details.append(f"{len(x.added)} added")
    if x.removed:
        details.append(f"{len(x.removed)} removed")
    return line + (f"; {', '.join(details)}" if details else "")


def _compatibility(c: Comparison) -> list[str]:
    x = c.compatibility
    if x.same_version:
        version = c.assessments[0].questionnaire_version
        return [
            f"Compatibility: every assessment follows {c.questionnaire.id} {version}: "
            f"all {x.any} scored questions comparable (100%)."
        ]
    lines = ["Compatibility (scored questions comparable in both / in either):"]
    for s in x.steps:
        lines.append(f"  {_compat_line(s)}")
        if s.renamed:
            renamed = ", ".join(f"{r.from_id} -> {r.to_id}" for r in s.renamed)
            lines += _wrap(f"renamed: {renamed}", "    ")
    if len(x.steps) > 1:
        lines.append(f"  first to latest: {_compat_line(x.overall)}")
    return lines


def _like_for_like(c: Comparison) -> list[str]:
    x = c.compatibility
    head = f"Like-for-like over {x.like_for_like_questions} questions"
    if x.excluded:
        head += f" ({', '.join(x.excluded)} left out: N/A or not applicable in some period)"
    cells = [
        (_safe(lf.period), _num(lf.overall_score), _num(a.overall_score))
        for lf, a in zip(c.like_for_like, c.assessments, strict=True)
    ]
    rows = [("", *(p for p, _, _ in cells)), ("like-for-like", *(s for _, s, _ in cells))]
    rows.append(("full score", *(f for _, _, f in cells)))
    return [head + ":", *("  " + line for line in _columns(rows))]


def _wrap(text: str, indent: str, more: str | None = None) -> list[str]:
    return textwrap.wrap(
        text, 96, initial_indent=indent, subsequent_indent=more or indent, break_on_hyphens=False
    )


def _name(qid: str, previous_id: str | None) -> str:
    return f"{qid} (was {previous_id})" if previous_id else qid


def _ids(items: Sequence[QuestionChange], signed: bool = False) -> list[str]:
    words = [
        _name(q.id, q.previous_id) + (f" {_signed(q.change)}" if signed else "") for q in items
    ]
    return _wrap(", ".join(words), "    ")


def _clip(text: str, width: int = 60) -> str:
    text = " ".join(_safe(text).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _changes(s: Changes) -> list[str]:
    counts = (
        f"{len(s.improved)} improved, {len(s.regressed)} regressed, "
        f"{len(s.became_na)} became N/A, {len(s.became_applicable)} became applicable, "
        f"{len(s.added)} added, {len(s.removed)} removed, {s.unchanged} unchanged"
    )
    lines = _wrap(f"Changes {_safe(s.from_period)} -> {_safe(s.to_period)}: {counts}", "", "  ")
    if s.regressed:
        lines.append("  Regressed:")
        lines += [
            f"    {_name(q.id, q.previous_id)}  {_num(q.from_score)} -> {_num(q.to_score)}  "
            f"{_clip(q.text)}"
            for q in s.regressed
        ]
    if s.improved:
        lines += ["  Improved:", *_ids(s.improved, signed=True)]
    for title, items in (
        ("Became N/A or not applicable", s.became_na),
        ("Became applicable", s.became_applicable),
        ("Added (not counted as a change)", s.added),
        ("Removed (not counted as a change)", s.removed),
    ):
        if items:
            lines += [f"  {title}:", *_ids(items)]
    for title, findings in (
        ("Findings closed", s.findings_closed),
        ("Findings opened", s.findings_opened),
    ):
        ids = ", ".join(_name(f.id, f.previous_id) for f in findings) or "none"
        lines += _wrap(f"{title} ({len(findings)}): {ids}", "  ", "    ")
    return lines


FORMATTERS: dict[CompareFormat, Formatter] = {
    CompareFormat.table: to_table,
    CompareFormat.json: to_json,
}
