"""The terminal table of `assess compare`: scores per period, compatibility and what changed."""

from __future__ import annotations

from collections.abc import Sequence

from assess.compare.result import Changes, Comparison, Compatibility, QuestionChange, Trend
from assess.i18n import N_, _, ngettext
from assess.plaintext import clip, columns, num, percent, safe, signed, wrap


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
        lines.append(_("MIXED ORGANIZATIONS (--allow-mixed): %(names)s") % {"names": names})
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
    line = ngettext(
        "%(from_period)s (%(from_version)s) -> %(to_period)s (%(to_version)s): %(comparable)s "
        "of %(either)s scored question comparable (%(percent)s%%)",
        "%(from_period)s (%(from_version)s) -> %(to_period)s (%(to_version)s): %(comparable)s "
        "of %(either)s scored questions comparable (%(percent)s%%)",
        x.either,
    ) % {
        "from_period": safe(x.from_period),
        "from_version": x.from_version,
        "to_period": safe(x.to_period),
        "to_version": x.to_version,
        "comparable": x.comparable,
        "either": x.either,
        "percent": percent(x.ratio),
    }
    details = [
        said % {"count": len(ids)}
        for said, ids in (
            (_("%(count)s renamed"), x.renamed),
            (_("%(count)s added"), x.added),
            (_("%(count)s removed"), x.removed),
            (_("%(count)s defined differently"), x.definition_changed),
        )
        if ids
    ]
    return line + (_("; ") + _(", ").join(details) if details else "")


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
    lines = [_("Compatibility (scored questions comparable in both / in either):")]
    for s in x.steps:
        lines.append(f"  {_compat_line(s)}")
        if s.renamed:
            renamed = ", ".join(f"{r.from_id} -> {r.to_id}" for r in s.renamed)
            lines += wrap(_("renamed: %(ids)s") % {"ids": renamed}, "    ")
    if len(x.steps) > 1:
        said = _("first to latest: %(step)s") % {"step": _compat_line(x.overall)}
        lines.append("  " + said)
    return lines


def _like_for_like(c: Comparison) -> list[str]:
    x = c.compatibility
    count = x.like_for_like_questions
    head = ngettext(
        "Like-for-like over %(count)s question", "Like-for-like over %(count)s questions", count
    ) % {"count": count}
    if x.excluded:
        left_out = _(" (%(ids)s left out: N/A or not applicable in some period)")
        head += left_out % {"ids": ", ".join(x.excluded)}
    cells = [
        (safe(lf.period), num(lf.overall_score), num(a.overall_score))
        for lf, a in zip(c.like_for_like, c.assessments, strict=True)
    ]
    rows = [("", *(p for p, _, _ in cells)), (_("like-for-like"), *(s for _, s, _ in cells))]
    rows.append((_("full score"), *(f for _, _, f in cells)))
    table = ("  " + line for line in columns(rows, right=range(1, len(rows[0]))))
    return [_("%(heading)s:") % {"heading": head}, *table]


def _name(qid: str, previous_id: str | None) -> str:
    said = {"id": qid, "previous": previous_id}
    return _("%(id)s (was %(previous)s)") % said if previous_id else qid


def _ids(items: Sequence[QuestionChange], with_change: bool = False) -> list[str]:
    words = [
        _name(q.id, q.previous_id) + (f" {signed(q.change)}" if with_change else "") for q in items
    ]
    return wrap(", ".join(words), "    ")


_LISTS = (
    (N_("Became N/A or not applicable"), "became_na"),
    (N_("Became applicable"), "became_applicable"),
    (N_("Definition changed (not counted as a change)"), "definition_changed"),
    (N_("Added (not counted as a change)"), "added"),
    (N_("Removed (not counted as a change)"), "removed"),
)
"""The lists of questions a step shows after what improved and regressed, by their titles."""


def _changes(s: Changes) -> list[str]:
    counts = _(
        "%(improved)s improved, %(regressed)s regressed, %(became_na)s became N/A, "
        "%(became_applicable)s became applicable, %(definition_changed)s defined differently, "
        "%(added)s added, %(removed)s removed, %(unchanged)s unchanged"
    ) % {
        "improved": len(s.improved),
        "regressed": len(s.regressed),
        "became_na": len(s.became_na),
        "became_applicable": len(s.became_applicable),
        "definition_changed": len(s.definition_changed),
        "added": len(s.added),
        "removed": len(s.removed),
        "unchanged": s.unchanged,
    }
    step = {"from": safe(s.from_period), "to": safe(s.to_period), "counts": counts}
    lines = wrap(_("Changes %(from)s -> %(to)s: %(counts)s") % step, "", "  ")
    if s.regressed:
        lines.append("  " + _("%(heading)s:") % {"heading": _("Regressed")})
        lines += [
            f"    {_name(q.id, q.previous_id)}  {num(q.from_score)} -> {num(q.to_score)}  "
            f"{clip(safe(q.text), 60)}"
            for q in s.regressed
        ]
    if s.improved:
        heading = "  " + _("%(heading)s:") % {"heading": _("Improved")}
        lines += [heading, *_ids(s.improved, with_change=True)]
    for title, field in _LISTS:
        items: Sequence[QuestionChange] = getattr(s, field)
        if items:
            lines += ["  " + _("%(heading)s:") % {"heading": _(title)}, *_ids(items)]
    for title, findings in (
        (_("Findings closed (%(count)s): %(ids)s"), s.findings_closed),
        (_("Findings opened (%(count)s): %(ids)s"), s.findings_opened),
    ):
        ids = ", ".join(_name(f.id, f.previous_id) for f in findings) or _("none")
        lines += wrap(title % {"count": len(findings), "ids": ids}, "  ", "    ")
    return lines
