"""The terminal table of `assess score`: dimensions, the overall line, completeness, findings."""

from __future__ import annotations

from assess.i18n import N_, _
from assess.model.progress import Progress
from assess.output.review_table import audited_lines, quality_lines
from assess.plaintext import clip, columns, num, percent, safe, whole, wrap
from assess.scoring.assessed import Assessed
from assess.scoring.engine import DimensionResult, Phase, Result
from assess.scoring.limits import level_limits

_PHASES = {Phase.now: N_("now"), Phase.next: N_("next"), Phase.later: N_("later")}

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
    header = _(
        "%(organization)s, %(period)s: %(questionnaire)s, "
        "profile %(profile)s (target level %(level)s)"
    ) % {
        "organization": safe(result.organization),
        "period": safe(result.period),
        "questionnaire": f"{result.questionnaire.id}@{result.questionnaire.version}",
        "profile": safe(result.profile.id),
        "level": result.profile.target_level,
    }
    rows: list[tuple[str, ...]] = [
        (
            _("DIMENSION"),
            _("SCORE"),
            _("LEVEL"),
            _("TARGET"),
            _("GAP"),
            _("ATTAINMENT"),
            _("ANSWERED"),
        )
    ]
    rows += [_dimension_row(d) for d in result.dimensions]
    c = result.counts
    rows.append(
        (
            _("OVERALL"),
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
    shown = {"percent": percent(result.completeness), "counts": counted.text()}
    lines = [_("Completeness: %(percent)s%% (%(counts)s)") % shown]
    if c.unanswered:
        lines.append(_("INCOMPLETE: unanswered questions score 0."))
    below = [d.id for d in result.dimensions if d.gap]
    if below:
        lines.append(_("Below target: %(ids)s.") % {"ids": ", ".join(below)})
    elif result.overall.score is not None:
        lines.append(_("Every dimension meets its target level."))
    return lines + held_down(result)


def held_down(result: Result) -> list[str]:
    """Which dimensions and questions keep the overall level where it is, wrapped."""
    limits = level_limits(result)
    if not limits:
        return []
    parts = [
        _("%(dimension)s %(name)s (%(questions)s)")
        % {
            "dimension": safe(x.dimension),
            "name": safe(x.name),
            "questions": _(", ").join(
                _("%(question)s L%(level)s scores %(score)s")
                % {"question": safe(b.question), "level": b.level, "score": num(b.score)}
                for b in x.questions
            ),
        }
        for x in limits
    ]
    level = result.overall.level
    text = _(
        "Overall level %(level)s, held down by unmet level-%(next)s practices in: %(parts)s."
    ) % {"level": level, "next": (level or 0) + 1, "parts": _("; ").join(parts)}
    return wrap(text, "")


def _findings(result: Result) -> list[str]:
    if not result.findings:
        return [_("No findings: every question at or below the target is met.")]
    shown = result.findings[:TOP_FINDINGS]
    counts = {"shown": len(shown), "count": len(result.findings)}
    lines = [_("Top findings (%(shown)s of %(count)s):") % counts]
    rows: list[tuple[str, ...]] = [
        (_("PHASE"), _("QUESTION"), _("LEVEL"), _("SCORE"), _("RECOMMENDATION"))
    ]
    rows += [
        (
            _(_PHASES[f.phase]),
            f.question + (_(" (critical)") if f.critical else ""),
            str(f.level),
            _("unanswered") if f.unanswered else num(f.score),
            clip(safe(f.recommendation)),
        )
        for f in shown
    ]
    lines += ["  " + line for line in columns(rows, right={2, 3})]
    if result.opportunities:
        count = len(result.opportunities)
        lines.append(_("Opportunities above the target: %(count)s.") % {"count": count})
    return lines
