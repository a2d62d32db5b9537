"""The terminal table of `assess compare`: scores per period, compatibility and what changed."""

from __future__ import annotations

from collections.abc import Sequence

from assess.compare.result import Changes, Comparison, Compatibility, QuestionChange, Trend
from assess.i18n import _, ngettext
from assess.plaintext import clip, columns, num, percent, plural, safe, signed, wrap


def _cell(trend: Trend, i: int) -> str:
    level = trend.levels[i]
    return f"{num(trend.scores[i])} L{'-' if level is None else level}"


def comparison_table(c: Comparison) -> str:
    """A terminal summary: scores and levels per period, then compatibility and changes."""
    lines = [*_header(c), "", *_score_table(c), "", *_compatibility(c), ""]
    lines += _like_for_like(c)
    for step in c.steps:
        lines += ["", *_changes(step)]
    return "\n".join(lines) + "\n"


def _header(c: Comparison) -> list[str]:
    versions = " -> ".join(dict.fromkeys(a.questionnaire_version for a in c.assessments))
    head = ngettext(
        "%(organization)s: %(count)s assessment, %(questionnaire)s %(versions)s, "
        "all scored again with scoring method %(method)s",
        "%(organization)s: %(count)s assessments, %(questionnaire)s %(versions)s, "
        "all scored again with scoring method %(method)s",
        len(c.periods),
    )
    values = {"organization": safe(c.organization), "count": len(c.periods), "versions": versions}
    lines = [head % {**values, "questionnaire": c.questionnaire.id, "method": c.scoring_method}]
    if c.mixed_organizations:
        names = ", ".join(dict.fromkeys(safe(a.organization) for a in c.assessments))
        lines.append(f"MIXED ORGANIZATIONS (--allow-mixed): {names}")
    reviewed = [
        _("%(period)s (by %(auditor)s)")
        % {"period": safe(a.period), "auditor": safe(a.auditor or "?")}
        for a in c.assessments
        if a.reviewed
    ]
    if reviewed:
        said = _("Audited figures for the reviewed periods: %(periods)s.")
        lines.append(said % {"periods": ", ".join(reviewed)})
        others = [safe(a.period) for a in c.assessments if not a.reviewed]
        if others:
            said = _("Self-assessed figures, not reviewed: %(periods)s.")
            lines.append(said % {"periods": ", ".join(others)})
    else:
        lines.append(_("Self-assessed figures: no period was independently reviewed."))
    return lines


def _score_table(c: Comparison) -> list[str]:
    periods = [safe(p) for p in c.periods]
    deltas = [_("CHANGE SINCE %(period)s") % {"period": periods[-2]}]
    if len(periods) > 2:
        deltas.append(_("SINCE %(period)s") % {"period": periods[0]})
    rows: list[tuple[str, ...]] = [(_("DIMENSION"), *periods, *deltas)]
    for t in [*c.dimensions, c.overall]:
        name = _("OVERALL") if t is c.overall else safe(f"{t.id} {t.name}")
        changes = [signed(t.change_previous[-1])]
        if len(periods) > 2:
            changes.append(signed(t.change_first[-1]))
        rows.append((name, *(_cell(t, i) for i in range(len(periods))), *changes))
    return columns(rows, right=range(1, len(rows[0])))


def _compat_line(x: Compatibility) -> str:
    line = (
        f"{safe(x.from_period)} ({x.from_version}) -> {safe(x.to_period)} ({x.to_version}): "
        f"{x.comparable} of {plural(x.either, 'scored question')} comparable ({percent(x.ratio)}%)"
    )
    details = []
    if x.renamed:
        details.append(f"{len(x.renamed)} renamed")
    if x.added:
        details.append(f"{len(x.added)} added")
    if x.removed:
        details.append(f"{len(x.removed)} removed")
    if x.definition_changed:
        details.append(f"{len(x.definition_changed)} defined differently")
    return line + (f"; {', '.join(details)}" if details else "")


def _compatibility(c: Comparison) -> list[str]:
    x = c.compatibility
    if x.same_version:
        version = c.assessments[0].questionnaire_version
        said = ngettext(
            "Compatibility: every assessment follows %(questionnaire)s %(version)s: "
            "all %(count)s scored question comparable (100%%).",
            "Compatibility: every assessment follows %(questionnaire)s %(version)s: "
            "all %(count)s scored questions comparable (100%%).",
            x.any,
        )
        return [said % {"questionnaire": c.questionnaire.id, "version": version, "count": x.any}]
    lines = ["Compatibility (scored questions comparable in both / in either):"]
    for s in x.steps:
        lines.append(f"  {_compat_line(s)}")
        if s.renamed:
            renamed = ", ".join(f"{r.from_id} -> {r.to_id}" for r in s.renamed)
            lines += wrap(f"renamed: {renamed}", "    ")
    if len(x.steps) > 1:
        lines.append(f"  first to latest: {_compat_line(x.overall)}")
    return lines


def _like_for_like(c: Comparison) -> list[str]:
    x = c.compatibility
    head = f"Like-for-like over {plural(x.like_for_like_questions, 'question')}"
    if x.excluded:
        head += f" ({', '.join(x.excluded)} left out: N/A or not applicable in some period)"
    cells = [
        (safe(lf.period), num(lf.overall_score), num(a.overall_score))
        for lf, a in zip(c.like_for_like, c.assessments, strict=True)
    ]
    rows = [("", *(p for p, _, _ in cells)), ("like-for-like", *(s for _, s, _ in cells))]
    rows.append(("full score", *(f for _, _, f in cells)))
    return [head + ":", *("  " + line for line in columns(rows, right=range(1, len(rows[0]))))]


def _name(qid: str, previous_id: str | None) -> str:
    return f"{qid} (was {previous_id})" if previous_id else qid


def _ids(items: Sequence[QuestionChange], with_change: bool = False) -> list[str]:
    words = [
        _name(q.id, q.previous_id) + (f" {signed(q.change)}" if with_change else "") for q in items
    ]
    return wrap(", ".join(words), "    ")


def _changes(s: Changes) -> list[str]:
    counts = (
        f"{len(s.improved)} improved, {len(s.regressed)} regressed, "
        f"{len(s.became_na)} became N/A, {len(s.became_applicable)} became applicable, "
        f"{len(s.definition_changed)} defined differently, "
        f"{len(s.added)} added, {len(s.removed)} removed, {s.unchanged} unchanged"
    )
    lines = wrap(f"Changes {safe(s.from_period)} -> {safe(s.to_period)}: {counts}", "", "  ")
    if s.regressed:
        lines.append("  Regressed:")
        lines += [
            f"    {_name(q.id, q.previous_id)}  {num(q.from_score)} -> {num(q.to_score)}  "
            f"{clip(safe(q.text), 60)}"
            for q in s.regressed
        ]
    if s.improved:
        lines += ["  Improved:", *_ids(s.improved, with_change=True)]
    for title, items in (
        ("Became N/A or not applicable", s.became_na),
        ("Became applicable", s.became_applicable),
        ("Definition changed (not counted as a change)", s.definition_changed),
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
        lines += wrap(f"{title} ({len(findings)}): {ids}", "  ", "    ")
    return lines
