"""The report's figures, each with a text description of its values as alternative text.

A tagged PDF gives each figure alternative text (WeasyPrint takes an SVG's `<title>`), so a
screen reader, a search, or a reader who cannot tell the colours apart gets the values the chart
draws, not merely its name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from assess.i18n import N_
from assess.model.questionnaire import Questionnaire
from assess.plaintext import num
from assess.report.views import ChangeView
from assess.scoring.engine import Result

Translate = Callable[[str], str]


def _same(message: str) -> str:
    return message


def radar_description(
    rows: Sequence[tuple[str, str, int | None, int | None]],
    names: Mapping[int, str],
    tr: Translate = _same,
) -> str:
    """The radar chart of levels: each dimension's id, name, level reached and target level."""

    def level(value: int | None) -> str:
        return tr("no level") if value is None else f"{value} ({names.get(value, value)})"

    line = tr("%(dimension)s: level %(level)s, target %(target)s")
    parts = [
        line % {"dimension": f"{i} {n}", "level": level(got), "target": "-" if t is None else t}
        for i, n, got, t in rows
    ]
    heading = tr("Radar chart of the maturity level reached and the target, per dimension.")
    return f"{heading} " + tr("; ").join(parts) + tr(".")


_SCORES = N_("Scores across assessments")
OVERALL = N_("Overall")
"""The overall line of a comparison, as a report names it."""


def trend_description(
    title: str,
    periods: Sequence[str],
    rows: Sequence[tuple[str, Sequence[float | None]]],
    tr: Translate = _same,
) -> str:
    """A line chart of scores: each line's name and its score in every period."""
    parts = [
        tr("%(name)s: %(scores)s")
        % {
            "name": name,
            "scores": tr(", ").join(f"{p} {num(v)}" for p, v in zip(periods, values, strict=True)),
        }
        for name, values in rows
    ]
    span = tr("%(title)s, %(start)s to %(end)s.") % {
        "title": title,
        "start": periods[0],
        "end": periods[-1],
    }
    return f"{span} " + tr("; ").join(parts) + tr(".")


def radar(result: Result, q: Questionnaire, names: Mapping[int, str], tr: Translate = _same) -> str:
    """The radar chart of the level reached and the target, per dimension, described in words."""
    from assess.report.charts import Series, radar_chart

    dims = result.dimensions
    if len(dims) < 3:
        return ""
    return radar_chart(
        [d.id for d in dims],
        [
            Series(tr("Level reached"), [d.level for d in dims], filled=True),
            Series(
                tr("Target level"), [d.target_level for d in dims], dashed=True, colour="#d55e00"
            ),
        ],
        max_value=max(lv.level for lv in q.levels),
        rings=[(lv.level, f"L{lv.level}") for lv in q.levels],
        title=radar_description([(d.id, d.name, d.level, d.target_level) for d in dims], names, tr),
    )


def trend(change: ChangeView | None, tr: Translate = _same) -> str | None:
    """The line chart of scores across the assessments given with --previous, described."""
    from assess.report.charts import Series, line_chart

    if change is None:
        return None
    rows = [change.overall, *change.rows]
    periods = [*change.periods, change.period]
    overall = tr(OVERALL)
    series = [
        Series(overall if i == 0 else r.id, [*r.previous, r.current], strong=i == 0)
        for i, r in enumerate(rows)
    ]
    described = [
        (overall if i == 0 else f"{r.id} {r.name}", s.values)
        for i, (r, s) in enumerate(zip(rows, series, strict=True))
    ]
    title = trend_description(tr(_SCORES), periods, described, tr)
    return line_chart(periods, series, title=title)
