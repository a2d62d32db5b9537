"""What changed from one period to the next: questions that moved and findings closed or opened."""

from __future__ import annotations

from assess.compare.matching import SCORED, Period
from assess.compare.result import Changes, FindingChange, QuestionChange
from assess.scoring.engine import Finding, QuestionResult, Status

# --- what changed from one period to the next ---

SCORE_TOLERANCE = 1e-6
"""Two question scores closer than this are the same score (sums of weights round)."""


def changes(older: Period, newer: Period) -> Changes:
    """Questions that moved, appeared or went away, and findings closed and opened."""
    buckets: dict[str, list[QuestionChange]] = {
        k: [] for k in ("improved", "regressed", "became_na", "became_applicable")
    }
    redefined = older.redefined(newer)
    unchanged = 0
    for k in newer.scored:
        if k not in older.rows or older.rows[k].type == "text" or k in redefined:
            continue
        kind = _movement(older.rows[k], newer.rows[k])
        if kind is None:
            unchanged += 1
        else:
            buckets[kind].append(_question_change(older, newer, k))
    old_scored = set(older.scored)
    return Changes(
        from_period=older.period,
        to_period=newer.period,
        improved=buckets["improved"],
        regressed=buckets["regressed"],
        became_na=buckets["became_na"],
        became_applicable=buckets["became_applicable"],
        definition_changed=[
            _question_change(older, newer, k) for k in newer.scored if k in redefined
        ],
        added=[_question_change(None, newer, k) for k in newer.scored if k not in old_scored],
        removed=[
            _question_change(older, None, k) for k in older.scored if k not in set(newer.scored)
        ],
        unchanged=unchanged,
        findings_closed=_closed(older, newer),
        findings_opened=_opened(older, newer),
    )


def _movement(old: QuestionResult, new: QuestionResult) -> str | None:
    was, now = old.status in SCORED, new.status in SCORED
    if was and now:
        delta = (new.score or 0.0) - (old.score or 0.0)
        if abs(delta) < SCORE_TOLERANCE:
            return None
        return "improved" if delta > 0 else "regressed"
    if was:
        return "became_na"
    return "became_applicable" if now else None


def _question_change(older: Period | None, newer: Period | None, key: str) -> QuestionChange:
    old = older.rows[key] if older is not None else None
    new = newer.rows[key] if newer is not None else None
    shown = new or old
    assert shown is not None  # one side always holds the question
    later = newer if newer is not None else older
    assert later is not None
    delta = None
    if old is not None and new is not None and old.score is not None and new.score is not None:
        delta = new.score - old.score
    return QuestionChange(
        id=shown.question,
        previous_id=old.question if old and new and old.question != new.question else None,
        dimension=shown.dimension,
        text=later.text(key),
        from_status=old.status if old else None,
        to_status=new.status if new else None,
        from_score=old.score if old else None,
        to_score=new.score if new else None,
        change=delta,
        finding=key in later.findings,
    )


def _finding_change(
    finding: Finding, older: Period, newer: Period, key: str, reason: str
) -> FindingChange:
    old, new = older.rows[key], newer.rows[key]
    shown = newer if reason in ("no_longer_met", "became_applicable", "target_raised") else older
    return FindingChange.model_validate(
        {
            "id": new.question,
            "previous_id": old.question if old.question != new.question else None,
            "dimension": new.dimension,
            "text": shown.text(key),
            "phase": finding.phase.value,
            "level": finding.level,
            "critical": finding.critical,
            "from_score": old.score,
            "to_score": new.score,
            "reason": reason,
        }
    )


def _closed(older: Period, newer: Period) -> list[FindingChange]:
    """Findings of the earlier period whose question the later one kept and no longer finds."""
    out: list[FindingChange] = []
    for key, finding in older.findings.items():
        if key not in newer.rows or key in newer.findings or newer.rows[key].type == "text":
            continue
        new = newer.rows[key]
        if new.status in (Status.na, Status.not_applicable):
            reason = new.status.value
        else:
            reason = "met" if new.met else "above_target"
        out.append(_finding_change(finding, older, newer, key, reason))
    return out


def _opened(older: Period, newer: Period) -> list[FindingChange]:
    """Findings of the later period on questions the earlier one had and did not find."""
    out: list[FindingChange] = []
    for key, finding in newer.findings.items():
        if key not in older.rows or key in older.findings or older.rows[key].type == "text":
            continue
        old = older.rows[key]
        if old.status not in SCORED:
            reason = "became_applicable"
        else:
            reason = "no_longer_met" if old.met else "target_raised"
        out.append(_finding_change(finding, older, newer, key, reason))
    return out
