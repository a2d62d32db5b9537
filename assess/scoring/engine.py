"""The scoring engine: answers in, an immutable result out, every number traceable to them.

`score(questionnaire, answers)` is the one entry point. It follows the scoring model of the
product brief (section 3) and `docs/scoring.md`, which explains every number with a worked
example. The engine trusts its inputs: `assess.files.loading` has already checked the answers
against the questionnaire.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from enum import StrEnum
from math import fsum
from typing import Any, Literal

from assess.model.answers import AnswersFile, Entry, NotApplicable
from assess.model.applicability import Exclusion, exclusion
from assess.model.base import Model
from assess.model.questionnaire import (
    Dimension,
    Profile,
    Question,
    Questionnaire,
    ScoredQuestion,
    is_scored,
)

SCORING_METHOD = "1.0"
"""Version of the method in `docs/scoring.md`; it changes whenever a formula does."""

MET_TOLERANCE = 1e-9
"""Slack in `score >= met_threshold`: the scale writes 2/3 as 0.6667 and sums of weights round."""


class Status(StrEnum):
    """What became of one question; each status fixes which result fields are set."""

    answered = "answered"
    unanswered = "unanswered"
    na = "na"
    not_applicable = "not_applicable"
    text = "text"


class Phase(StrEnum):
    """When a finding should be fixed; the roadmap lists the phases in this order."""

    now = "now"
    next = "next"
    later = "later"


class QuestionResult(Model):
    """One question's outcome. `score` (0..100) and `met` are set only for scored statuses."""

    question: str
    dimension: str
    type: Literal["choice", "multi", "number", "text"]
    status: Status
    reason: Literal["profile", "condition"] | None = None
    level: int | None
    weight: float | None
    critical: bool
    score: float | None
    met: bool | None
    carried: bool
    references: dict[str, list[str]]
    answered_by: str | None = None
    answered_at: dt.datetime | None = None


class DimensionResult(Model):
    """One dimension's score, maturity level and standing against its target."""

    id: str
    name: str
    weight: float
    score: float | None
    level: int | None
    target_level: int
    gap: int | None
    target_attainment: float | None
    applicable: int
    answered: int
    na: int
    unanswered: int
    carried: int
    questions: list[QuestionResult]


class Opportunity(Model):
    """An unmet question above the target level: worth doing, but not a finding."""

    question: str
    dimension: str
    level: int
    weight: float
    critical: bool
    score: float
    unanswered: bool
    text: str
    recommendation: str


class Finding(Opportunity):
    """An unmet question at or below the dimension's target level, with when to fix it."""

    phase: Phase


class Overall(Model):
    """The whole organization: weighted score, weakest level, and standing against the target."""

    score: float | None
    level: int | None
    target_level: int
    targets_met: bool
    target_attainment: float | None


class Counts(Model):
    """How many questions fell into each status, over the whole questionnaire."""

    applicable: int
    answered: int
    na: int
    unanswered: int
    not_applicable: int
    text: int
    carried: int


class QuestionnaireId(Model):
    """Which questionnaire version the result was scored against."""

    id: str
    version: str


class ProfileResult(Model):
    """The protection profile the organization declared."""

    id: str
    name: str
    target_level: int


class Result(Model):
    """Everything `assess score` reports; the report and compare features read it too."""

    scoring_method: str
    questionnaire: QuestionnaireId
    organization: str
    period: str
    profile: ProfileResult
    overall: Overall
    completeness: float
    counts: Counts
    dimensions: list[DimensionResult]
    findings: list[Finding]
    opportunities: list[Opportunity]


Row = dict[str, Any]
"""One result model's fields as plain data, before `score` validates the whole result."""


def score(q: Questionnaire, answers: AnswersFile, zeroed: Collection[str] = frozenset()) -> Result:
    """Score `answers` against `q`, the questionnaire they were checked against.

    `zeroed` names questions an auditor did not accept (disputed answers, rejected N/As): where
    they apply and have an entry, they count as answered with score 0 (`assess.scoring.audited`).
    """
    profile = q.profile(answers.organization.profile)
    if profile is None:  # load_answers refuses unknown profiles; a caller skipped it
        raise ValueError(f"profile {answers.organization.profile!r} is not in {q.ref}")
    top = max(lv.level for lv in q.levels)
    dims: list[Row] = []
    unmet: list[tuple[Row, ScoredQuestion, int]] = []  # in questionnaire order
    for d in q.dimensions:
        target = profile.targets.get(d.id, profile.target_level)
        pairs = [
            (x, question_row(q, x, d.id, profile.id, answers.answers, zeroed)) for x in d.questions
        ]
        dims.append(_dimension_row(d, target, [r for _, r in pairs], top))
        unmet += [(r, x, target) for x, r in pairs if r["met"] is False and is_scored(x)]
    rows = [r for d in dims for r in d["questions"]]
    applicable = sum(d["applicable"] for d in dims)
    counts = {k: sum(d[k] for d in dims) for k in ("answered", "na", "unanswered", "carried")}
    return _result(
        {
            "scoring_method": SCORING_METHOD,
            "questionnaire": {"id": q.id, "version": q.version},
            "organization": answers.organization.name,
            "period": answers.assessment.period,
            "profile": {
                "id": profile.id,
                "name": profile.name,
                "target_level": profile.target_level,
            },
            "overall": _overall(dims, profile),
            "completeness": (counts["answered"] + counts["na"]) / applicable if applicable else 1.0,
            "counts": {
                "applicable": applicable,
                **counts,
                "not_applicable": sum(r["status"] is Status.not_applicable for r in rows),
                "text": sum(r["status"] is Status.text for r in rows),
            },
            "dimensions": dims,
            "findings": _findings(unmet),
            "opportunities": _opportunities(unmet),
        }
    )


def _result(data: Row) -> Result:
    """The result models, built from the engine's own rows without validating them again.

    Every value here was computed by the engine from validated inputs, so validation would only
    check the engine against itself; in a batch of a thousand files it is a large share of the
    cost. The tests validate results (`Result.model_validate(r.model_dump())`) to keep it honest.
    """
    dims = [
        DimensionResult.unchecked(
            {**d, "questions": [QuestionResult.unchecked(r) for r in d["questions"]]}
        )
        for d in data["dimensions"]
    ]
    return Result.unchecked(
        {
            **data,
            "questionnaire": QuestionnaireId.unchecked(data["questionnaire"]),
            "profile": ProfileResult.unchecked(data["profile"]),
            "overall": Overall.unchecked(data["overall"]),
            "counts": Counts.unchecked(data["counts"]),
            "dimensions": dims,
            "findings": [Finding.unchecked(f) for f in data["findings"]],
            "opportunities": [Opportunity.unchecked(o) for o in data["opportunities"]],
        }
    )


def question_row(
    q: Questionnaire,
    question: Question,
    dimension: str,
    profile: str,
    entries: Mapping[str, Entry],
    zeroed: Collection[str] = frozenset(),
) -> Row:
    """The fields of one question's `QuestionResult`, given the profile and all the answers."""
    excluded = exclusion(question, profile, entries, q)
    entry = None if excluded is not None else entries.get(question.id)
    s: float | None = None
    level: int | None = None
    weight: float | None = None
    critical = False
    if is_scored(question):
        level, weight, critical = question.level, question.weight, question.critical
        if excluded is not None:
            status = Status.not_applicable
        elif entry is None:
            status, s = Status.unanswered, 0.0
        elif question.id in zeroed:
            status, s = Status.answered, 0.0
        elif isinstance(entry, NotApplicable):
            status = Status.na
        else:
            status, s = Status.answered, question.score(entry.value)
    else:
        status = Status.text if excluded is None else Status.not_applicable
    return {
        "question": question.id,
        "dimension": dimension,
        "type": question.type,
        "status": status,
        "reason": _REASONS[excluded],
        "level": level,
        "weight": weight,
        "critical": critical,
        "score": None if s is None else 100 * s,
        "met": None if s is None else s >= q.met_threshold - MET_TOLERANCE,
        "carried": entry is not None and entry.carried_from is not None,
        # Shared with the questionnaire, not copied: both are immutable models.
        "references": question.references,
        "answered_by": None if entry is None else entry.answered_by,
        "answered_at": None if entry is None else entry.answered_at,
    }


_REASONS: dict[Exclusion | None, Literal["profile", "condition"] | None] = {
    None: None,
    Exclusion.profile: "profile",
    Exclusion.condition: "condition",
}


def _dimension_row(d: Dimension, target: int, rows: list[Row], top: int) -> Row:
    scored = [r for r in rows if r["score"] is not None]
    level = _level(scored, top) if scored else None
    statuses = [r["status"] for r in rows]
    answered, na = statuses.count(Status.answered), statuses.count(Status.na)
    unanswered = statuses.count(Status.unanswered)
    return {
        "id": d.id,
        "name": d.name,
        "weight": d.weight,
        "score": _weighted(scored),
        "level": level,
        "target_level": target,
        "gap": None if level is None else max(0, target - level),
        "target_attainment": _weighted([r for r in scored if r["level"] <= target]),
        "applicable": answered + na + unanswered,
        "answered": answered,
        "na": na,
        "unanswered": unanswered,
        "carried": sum(r["carried"] for r in rows),
        "questions": rows,
    }


def _weighted(scored: list[Row]) -> float | None:
    """Σ w·score / Σ w (so 0..100) over scored questions; None when there are none."""
    if not scored:
        return None
    # fsum is exact, so the order of the questions cannot change the last digit of a score.
    return fsum(r["weight"] * r["score"] for r in scored) / fsum(r["weight"] for r in scored)


def _level(scored: list[Row], top: int) -> int:
    """Cumulative maturity: one below the lowest level that has an unmet question."""
    unmet = [r["level"] for r in scored if r["met"] is False]
    return min(unmet) - 1 if unmet else top


def _overall(dims: list[Row], profile: Profile) -> Row:
    with_score = [d for d in dims if d["score"] is not None]
    attained = [d for d in dims if d["target_attainment"] is not None]
    return {
        "score": _mean([(d["weight"], d["score"]) for d in with_score]),
        "level": min((d["level"] for d in with_score), default=None),
        "target_level": profile.target_level,
        "targets_met": all(d["gap"] == 0 for d in with_score),
        "target_attainment": _mean([(d["weight"], d["target_attainment"]) for d in attained]),
    }


def _mean(pairs: list[tuple[float, float]]) -> float | None:
    """Weighted mean of (weight, value) pairs; None when there are none."""
    return fsum(w * v for w, v in pairs) / fsum(w for w, _ in pairs) if pairs else None


def phase(question: ScoredQuestion) -> Phase:
    """Critical questions and level-1 practices now, level 2 next, level 3 and above later."""
    if question.critical or question.level == 1:
        return Phase.now
    return Phase.next if question.level == 2 else Phase.later


_PHASE_ORDER = {p: i for i, p in enumerate(Phase)}


def _issue(row: Row, question: ScoredQuestion) -> Row:
    """The fields findings and opportunities share."""
    return {
        "question": question.id,
        "dimension": row["dimension"],
        "level": question.level,
        "weight": question.weight,
        "critical": question.critical,
        "score": row["score"],
        "unanswered": row["status"] is Status.unanswered,
        "text": question.text,
        "recommendation": question.recommendation,
    }


def _findings(unmet: list[tuple[Row, ScoredQuestion, int]]) -> list[Row]:
    """Unmet at or below target: by phase, weight (high first), score (low first).

    The sort is stable and `unmet` is in questionnaire order, which breaks the remaining ties.
    """
    found = [(r, x) for r, x, target in unmet if x.level <= target]
    found.sort(key=lambda t: (_PHASE_ORDER[phase(t[1])], -t[1].weight, t[0]["score"]))
    return [{**_issue(r, x), "phase": phase(x)} for r, x in found]


def _opportunities(unmet: list[tuple[Row, ScoredQuestion, int]]) -> list[Row]:
    """Unmet above target: by level (low first), weight (high first), score (low first)."""
    found = [(r, x) for r, x, target in unmet if x.level > target]
    found.sort(key=lambda t: (t[1].level, -t[1].weight, t[0]["score"]))
    return [_issue(r, x) for r, x in found]
