"""Matching questions across questionnaire versions: compatibility and like-for-like scores."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from assess.compare.result import (
    Compatibility,
    CompatibilityReport,
    DimensionScore,
    LikeForLike,
    Renamed,
)
from assess.model.questionnaire import Questionnaire, is_scored
from assess.scoring.engine import Finding, QuestionResult, Result, Status

# --- matching questions across versions ---

SCORED = {Status.answered, Status.unanswered}
"""Statuses that carry a score: they are what compatibility and like-for-like compare."""


def match(older: Questionnaire, newer: Questionnaire) -> dict[str, str]:
    """Older question id -> newer question id, for every question the newer version kept.

    A newer question is the same question as an older one with its own id or with an id in its
    `previous_ids`; its own id wins. When a newer question names several older ones (a merge),
    the first older question in file order is matched and the others count as removed.
    """
    names = {**newer.renamed, **{x.id: x.id for x in newer.questions()}}
    matched: dict[str, str] = {}
    taken: set[str] = set()
    for x in older.questions():
        new = names.get(x.id)
        if new is not None and new not in taken:
            matched[x.id] = new
            taken.add(new)
    return matched


def question_keys(chain: Sequence[Questionnaire]) -> list[dict[str, str]]:
    """For each version of `chain`, question id -> the key that tracks it across the chain.

    The key is the question's id in the last version of the chain; a question that version no
    longer has keeps the id of the latest version that still had it. Matching follows each
    consecutive pair, then falls back to matching straight against the last version.
    """
    last = chain[-1]
    keys: list[dict[str, str]] = [{x.id: x.id for x in last.questions()}]
    for i in range(len(chain) - 2, -1, -1):
        q, later = chain[i], chain[i + 1]
        forward = match(q, later)
        direct = match(q, last) if later is not last else forward
        own: dict[str, str] = {}
        used: set[str] = set()
        for x in q.questions():
            key = keys[0][forward[x.id]] if x.id in forward else direct.get(x.id, x.id)
            # Conflicting lineages (an id reused, two paths to one question) must not merge two
            # questions of one version: the later one stays apart under a key of its own.
            own[x.id] = key if key not in used else f"{x.id}@{q.version}"
            used.add(own[x.id])
        keys.insert(0, own)
    return keys


class Period:
    """One period's rescored questions, keyed for comparison; internal to `assess.compare`."""

    def __init__(self, period: str, result: Result, q: Questionnaire, keys: dict[str, str]) -> None:
        self.period = period
        self.q = q
        self.version = q.version
        rows = [r for d in result.dimensions for r in d.questions]
        self.rows: dict[str, QuestionResult] = {keys[r.question]: r for r in rows}
        self.scored = [k for k, r in self.rows.items() if r.type != "text"]
        self.findings: dict[str, Finding] = {keys[f.question]: f for f in result.findings}
        self.meanings: dict[str, tuple[object, ...]] = {}
        for x in q.questions():
            if is_scored(x):
                self.meanings[keys[x.id]] = x.meaning()

    def redefined(self, later: Period) -> set[str]:
        """Questions of both periods defined differently (type, scale, scores, level, weight).

        Their scores cannot be compared as a change of posture.
        """
        both = self.meanings.keys() & later.meanings.keys()
        return {k for k in both if self.meanings[k] != later.meanings[k]}

    def text(self, key: str) -> str:
        """The text of the question behind `key` in this period's questionnaire."""
        question = self.q.question(self.rows[key].question)
        return question.text if question is not None else ""


# --- compatibility ---


def pair_compatibility(older: Period, newer: Period) -> Compatibility:
    """Scored questions comparable in both periods / scored questions in either."""
    old, new = set(older.scored), set(newer.scored)
    redefined = older.redefined(newer)
    both = (old & new) - redefined
    either = len(old | new)
    renamed = [
        Renamed(from_id=older.rows[k].question, to_id=newer.rows[k].question)
        for k in newer.scored
        if k in both and older.rows[k].question != newer.rows[k].question
    ]
    return Compatibility(
        from_period=older.period,
        to_period=newer.period,
        from_version=older.version,
        to_version=newer.version,
        comparable=len(both),
        either=either,
        ratio=len(both) / either if either else 1.0,
        renamed=renamed,
        added=[newer.rows[k].question for k in newer.scored if k not in old],
        removed=[older.rows[k].question for k in older.scored if k not in new],
        definition_changed=[newer.rows[k].question for k in newer.scored if k in redefined],
    )


def compatibility_report(
    views: list[Period], chain: Sequence[Questionnaire], keys: list[dict[str, str]]
) -> CompatibilityReport:
    """Compatibility of each consecutive pair, of the last period against the first, and overall."""
    every = [set(v.scored) for v in views]
    common = set.intersection(*every)
    anywhere = set.union(*every)
    basis = _like_for_like_keys(views, keys[-1])
    return CompatibilityReport(
        same_version=len({q.version for q in chain}) == 1,
        steps=[pair_compatibility(views[i - 1], views[i]) for i in range(1, len(views))],
        overall=pair_compatibility(views[0], views[-1]),
        common=len(common),
        any=len(anywhere),
        like_for_like_questions=len(basis),
        excluded=[views[-1].rows[k].question for k in views[-1].scored if k in common - basis],
    )


# --- like-for-like scores ---


def _like_for_like_keys(views: list[Period], reference_ids: dict[str, str]) -> set[str]:
    """Questions scored in every period, present in the reference, defined alike throughout."""
    keys = set(reference_ids.values())
    for v in views:
        keys &= {k for k, r in v.rows.items() if r.status in SCORED}
    for older, newer in pairwise(views):
        keys -= older.redefined(newer)
    return keys


def like_for_like(
    views: list[Period], reference: Questionnaire, reference_ids: dict[str, str]
) -> list[LikeForLike]:
    """Each period's dimension and overall scores over the like-for-like questions only.

    The engine's formulas, restricted to one question set for every period, with the
    reference version's question weights, dimensions and dimension weights, so that a change of
    weights between versions does not show up as a change of posture either.
    """
    basis = _like_for_like_keys(views, reference_ids)
    out: list[LikeForLike] = []
    for v in views:
        dims: list[DimensionScore] = []
        pairs: list[tuple[float, float]] = []
        for d in reference.dimensions:
            rows = [
                (float(getattr(x, "weight", 0.0)), v.rows[x.id].score or 0.0)
                for x in d.questions
                if x.id in basis
            ]
            total = sum(w for w, _ in rows)
            value = sum(w * s for w, s in rows) / total if rows else None
            dims.append(DimensionScore(id=d.id, score=value))
            if value is not None:
                pairs.append((d.weight, value))
        weights = sum(w for w, _ in pairs)
        overall = sum(w * s for w, s in pairs) / weights if pairs else None
        out.append(
            LikeForLike(
                period=v.period, questions=len(basis), overall_score=overall, dimensions=dims
            )
        )
    return out
