"""Comparing one organization's assessments across periods and questionnaire versions.

`compare` is the one entry point: assessments in, a frozen `Comparison` out. Every assessment is
scored again with the current engine from its raw answers, so a change of formula never shows up
as a change of posture. Questions are matched across versions by id and `previous_ids`; questions
a version added or removed are listed apart and never counted as an improvement or a decline.
The method, and every field of the result, is documented in `docs/compare.md`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

from assess.answers import AnswersFile
from assess.errors import AssessError
from assess.questionnaire import Model, Questionnaire
from assess.scoring import SCORING_METHOD, Finding, QuestionResult, Result, Status, score
from assess.yamlfile import Loc

COMPARISON_METHOD = "1.0"
"""Version of the method in `docs/compare.md`; it changes whenever a rule of it does."""

SCORE_TOLERANCE = 1e-6
"""Two question scores closer than this are the same score (sums of weights round)."""

_SCORED = {Status.answered, Status.unanswered}


# --- the result (every field is documented in docs/compare.md) ---


class Source(Model):
    """Where an assessment came from: the file as named by the user, and its SHA-256."""

    path: str
    sha256: str


class AssessmentSummary(Model):
    """One period's assessment, rescored: the headline numbers of `assess score`."""

    period: str
    date: dt.date
    organization: str
    profile: str
    questionnaire_id: str
    questionnaire_version: str
    overall_score: float | None
    overall_level: int | None
    target_level: int
    targets_met: bool
    completeness: float
    findings: int
    source: str | None
    answers_sha256: str | None


class Trend(Model):
    """A dimension (or the overall line) across the periods, oldest first.

    Every list has one entry per period. A `None` score is a dimension that the period's
    questionnaire lacks or that has no scored question; changes are `None` for the first period
    and wherever either score is missing.
    """

    id: str
    name: str
    scores: list[float | None]
    levels: list[int | None]
    target_levels: list[int | None]
    change_previous: list[float | None]
    change_first: list[float | None]


class Renamed(Model):
    """A question whose id changed between two versions (matched through `previous_ids`)."""

    from_id: str
    to_id: str


class Compatibility(Model):
    """How comparable two periods are: scored questions comparable in both / in either."""

    from_period: str
    to_period: str
    from_version: str
    to_version: str
    comparable: int
    either: int
    ratio: float
    renamed: list[Renamed]
    added: list[str]
    removed: list[str]


class CompatibilityReport(Model):
    """Compatibility per consecutive pair, of the latest period against the first, and overall."""

    same_version: bool
    steps: list[Compatibility]
    overall: Compatibility
    common: int
    any: int
    like_for_like_questions: int
    excluded: list[str]


class DimensionScore(Model):
    """A dimension's like-for-like score in one period."""

    id: str
    score: float | None


class LikeForLike(Model):
    """One period's scores over the like-for-like questions only."""

    period: str
    questions: int
    overall_score: float | None
    dimensions: list[DimensionScore]


class QuestionChange(Model):
    """A question that changed between two periods, as the later period names it."""

    id: str
    previous_id: str | None
    dimension: str
    text: str
    from_status: Status | None
    to_status: Status | None
    from_score: float | None
    to_score: float | None
    change: float | None
    finding: bool


class FindingChange(Model):
    """A finding closed or opened between two periods, and why."""

    id: str
    previous_id: str | None
    dimension: str
    text: str
    phase: str
    level: int
    critical: bool
    from_score: float | None
    to_score: float | None
    reason: Literal[
        "met",
        "na",
        "not_applicable",
        "above_target",
        "no_longer_met",
        "became_applicable",
        "target_raised",
    ]


class Changes(Model):
    """What changed from one period to the next."""

    from_period: str
    to_period: str
    improved: list[QuestionChange]
    regressed: list[QuestionChange]
    became_na: list[QuestionChange]
    became_applicable: list[QuestionChange]
    added: list[QuestionChange]
    removed: list[QuestionChange]
    unchanged: int
    findings_closed: list[FindingChange]
    findings_opened: list[FindingChange]


class LevelName(Model):
    """A maturity level of the reference questionnaire, so readers can name the levels."""

    level: int
    name: str


class QuestionnaireRef(Model):
    """The questionnaire version whose ids, names and weights the comparison reports in."""

    id: str
    version: str
    title: str
    levels: list[LevelName]


class Comparison(Model):
    """Everything `assess compare` reports; `--json` prints it as it is."""

    comparison_method: str
    scoring_method: str
    questionnaire: QuestionnaireRef
    organization: str
    mixed_organizations: bool
    periods: list[str]
    assessments: list[AssessmentSummary]
    overall: Trend
    dimensions: list[Trend]
    compatibility: CompatibilityReport
    like_for_like: list[LikeForLike]
    changes: Changes
    steps: list[Changes]


# --- entry points ---

Assessment = tuple[AnswersFile, Questionnaire]


class Input(Model):
    """An answers file (or report PDF) read once: its exact bytes, and the models parsed from them.

    Hashing and embedding use `raw`, so they always describe the bytes that were scored.
    """

    path: Path
    raw: bytes
    answers: AnswersFile
    questionnaire: Questionnaire

    @property
    def source(self) -> Source:
        """The file as named by the user, with the SHA-256 of the bytes read."""
        return Source(path=str(self.path), sha256=hashlib.sha256(self.raw).hexdigest())


def read_input(path: Path, questionnaires: Sequence[Path] = ()) -> Input:
    """Read an answers file (or extract one from a report PDF) once, then load and check it."""
    from assess.extract import read_answers
    from assess.loading import load_answers

    raw, text = read_answers(path)
    answers, questionnaire = load_answers(path, questionnaires, text=text)
    return Input(path=path, raw=raw, answers=answers, questionnaire=questionnaire)


def compare(
    assessments: Sequence[Assessment],
    *,
    allow_mixed: bool = False,
    sources: Sequence[Source] | None = None,
) -> Comparison:
    """Compare assessments of one organization, ordered by period, each scored again.

    The latest period's questionnaire version gives the result its ids, names and weights.
    `sources`, parallel to `assessments`, only labels the result.
    """
    refusal = refusal_of(assessments, allow_mixed=allow_mixed)
    if refusal is not None:
        raise AssessError(refusal[2], hint=refusal[3])
    return _compare(assessments, sources)


def compare_inputs(inputs: Sequence[Input], *, allow_mixed: bool = False) -> Comparison:
    """Compare assessments read from files; a refusal names the file and line at fault."""
    from assess.yamlfile import load_yaml

    assessments = [(i.answers, i.questionnaire) for i in inputs]
    refusal = refusal_of(assessments, allow_mixed=allow_mixed)
    if refusal is not None:
        index, loc, message, hint = refusal
        if index is None:
            raise AssessError(message, hint=hint)
        bad = inputs[index]
        raise load_yaml(bad.path, bad.raw.decode("utf-8")).error(loc, message, hint)
    return _compare(assessments, [i.source for i in inputs])


def _compare(assessments: Sequence[Assessment], sources: Sequence[Source] | None) -> Comparison:
    order = sorted(range(len(assessments)), key=lambda i: period_key(_period(assessments[i])))
    items = [assessments[i] for i in order]
    labels = [sources[i] for i in order] if sources is not None else [None] * len(items)
    chain = [q for _, q in items]
    reference = chain[-1]
    keys = question_keys(chain)
    results = [score(q, a) for a, q in items]
    periods = [a.assessment.period for a, _ in items]
    views = [
        _Period(p, r, q, k) for p, r, (_, q), k in zip(periods, results, items, keys, strict=True)
    ]
    steps = [changes(views[i - 1], views[i]) for i in range(1, len(views))]
    return Comparison(
        comparison_method=COMPARISON_METHOD,
        scoring_method=SCORING_METHOD,
        questionnaire=QuestionnaireRef(
            id=reference.id,
            version=reference.version,
            title=reference.title,
            levels=[LevelName(level=lv.level, name=lv.name) for lv in reference.levels],
        ),
        organization=items[-1][0].organization.name,
        mixed_organizations=len({_org(a) for a, _ in items}) > 1,
        periods=periods,
        assessments=[
            _summary(a, r, s) for (a, _), r, s in zip(items, results, labels, strict=True)
        ],
        overall=_trend("overall", "Overall", results, _overall_pick),
        dimensions=_dimension_trends(reference, items, results),
        compatibility=_compatibility(views, chain, keys),
        like_for_like=like_for_like(views, reference, keys[-1]),
        changes=steps[-1],
        steps=steps,
    )


# --- refusals and ordering ---

Refusal = tuple[int | None, Loc, str, str]
"""(index of the offending assessment, or None; where in its file; message; hint)."""


def refusal_of(assessments: Sequence[Assessment], *, allow_mixed: bool) -> Refusal | None:
    """The first reason these assessments cannot be compared, or None when they can."""
    if len(assessments) < 2:
        return (None, (), "compare needs two or more assessments", "give two answers files or more")
    first, _ = assessments[0]
    seen: set[tuple[tuple[int, int, str], ...]] = set()
    for index, (a, _) in enumerate(assessments):
        if a.questionnaire.id != first.questionnaire.id:
            message = (
                f"follows questionnaire {a.questionnaire.id!r}, not {first.questionnaire.id!r}"
            )
            hint = "only versions of one questionnaire can be compared"
            return (index, ("questionnaire", "id"), message, hint)
        if not allow_mixed and _org(a) != _org(first):
            message = f"organization {a.organization.name!r} is not {first.organization.name!r}"
            hint = (
                "compare one organization's assessments (`assess compare --allow-mixed` mixes them)"
            )
            return (index, ("organization", "name"), message, hint)
        key = period_key(a.assessment.period)
        if key in seen:
            message = f"period {a.assessment.period!r} appears twice"
            return (index, ("assessment", "period"), message, "compare each period once")
        seen.add(key)
    return None


def _org(a: AnswersFile) -> str:
    """Organization names compare without regard to case and spacing."""
    return " ".join(a.organization.name.split()).casefold()


def _period(item: Assessment) -> str:
    return item[0].assessment.period


def period_key(period: str) -> tuple[tuple[int, int, str], ...]:
    """Natural order of periods: digit runs compare as numbers ("2025-Q2" < "2025-Q10")."""
    parts = re.findall(r"\d+|\D+", " ".join(period.split()).casefold())
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)


# --- matching questions across versions ---


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


class _Period:
    """One period's rescored questions, keyed for comparison; internal to this module."""

    def __init__(self, period: str, result: Result, q: Questionnaire, keys: dict[str, str]) -> None:
        self.period = period
        self.q = q
        self.version = q.version
        rows = [r for d in result.dimensions for r in d.questions]
        self.rows: dict[str, QuestionResult] = {keys[r.question]: r for r in rows}
        self.scored = [k for k, r in self.rows.items() if r.type != "text"]
        self.findings: dict[str, Finding] = {keys[f.question]: f for f in result.findings}

    def text(self, key: str) -> str:
        question = self.q.question(self.rows[key].question)
        return question.text if question is not None else ""


# --- compatibility ---


def pair_compatibility(older: _Period, newer: _Period) -> Compatibility:
    """Scored questions comparable in both periods / scored questions in either."""
    old, new = set(older.scored), set(newer.scored)
    both = old & new
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
    )


def _compatibility(
    views: list[_Period], chain: Sequence[Questionnaire], keys: list[dict[str, str]]
) -> CompatibilityReport:
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


def _like_for_like_keys(views: list[_Period], reference_ids: dict[str, str]) -> set[str]:
    """Questions scored (answered or unanswered) in every period and present in the reference."""
    keys = set(reference_ids.values())
    for v in views:
        keys &= {k for k, r in v.rows.items() if r.status in _SCORED}
    return keys


def like_for_like(
    views: list[_Period], reference: Questionnaire, reference_ids: dict[str, str]
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


# --- trends per dimension and overall ---

Pick = Callable[[Result], tuple[float | None, int | None, int | None]]


def _overall_pick(r: Result) -> tuple[float | None, int | None, int | None]:
    return r.overall.score, r.overall.level, r.overall.target_level


def _trend(ident: str, name: str, results: list[Result], pick: Pick) -> Trend:
    picked = [pick(r) for r in results]
    scores = [p[0] for p in picked]

    def diff(a: float | None, b: float | None) -> float | None:
        return None if a is None or b is None else a - b

    return Trend(
        id=ident,
        name=name,
        scores=scores,
        levels=[p[1] for p in picked],
        target_levels=[p[2] for p in picked],
        change_previous=[None, *(diff(scores[i], scores[i - 1]) for i in range(1, len(scores)))],
        change_first=[None, *(diff(s, scores[0]) for s in scores[1:])],
    )


def _dimension_trends(
    reference: Questionnaire, items: list[Assessment], results: list[Result]
) -> list[Trend]:
    """Dimensions matched by id: the reference's first, then any only older versions had."""
    names = {d.id: d.name for _, q in reversed(items) for d in q.dimensions}
    names.update({d.id: d.name for d in reference.dimensions})
    order = [d.id for d in reference.dimensions]
    order += [d.id for _, q in items for d in q.dimensions if d.id not in order]
    order = list(dict.fromkeys(order))

    def pick_for(ident: str) -> Pick:
        def pick(r: Result) -> tuple[float | None, int | None, int | None]:
            d = next((x for x in r.dimensions if x.id == ident), None)
            return (d.score, d.level, d.target_level) if d else (None, None, None)

        return pick

    return [_trend(i, names[i], results, pick_for(i)) for i in order]


def _summary(a: AnswersFile, r: Result, source: Source | None) -> AssessmentSummary:
    return AssessmentSummary(
        period=a.assessment.period,
        date=a.assessment.date,
        organization=a.organization.name,
        profile=a.organization.profile,
        questionnaire_id=r.questionnaire.id,
        questionnaire_version=r.questionnaire.version,
        overall_score=r.overall.score,
        overall_level=r.overall.level,
        target_level=r.overall.target_level,
        targets_met=r.overall.targets_met,
        completeness=r.completeness,
        findings=len(r.findings),
        source=source.path if source else None,
        answers_sha256=source.sha256 if source else None,
    )


# --- what changed from one period to the next ---


def changes(older: _Period, newer: _Period) -> Changes:
    """Questions that moved, appeared or went away, and findings closed and opened."""
    buckets: dict[str, list[QuestionChange]] = {
        k: [] for k in ("improved", "regressed", "became_na", "became_applicable")
    }
    unchanged = 0
    for k in newer.scored:
        if k not in older.rows or older.rows[k].type == "text":
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
        added=[_question_change(None, newer, k) for k in newer.scored if k not in old_scored],
        removed=[
            _question_change(older, None, k) for k in older.scored if k not in set(newer.scored)
        ],
        unchanged=unchanged,
        findings_closed=_closed(older, newer),
        findings_opened=_opened(older, newer),
    )


def _movement(old: QuestionResult, new: QuestionResult) -> str | None:
    was, now = old.status in _SCORED, new.status in _SCORED
    if was and now:
        delta = (new.score or 0.0) - (old.score or 0.0)
        if abs(delta) < SCORE_TOLERANCE:
            return None
        return "improved" if delta > 0 else "regressed"
    if was:
        return "became_na"
    return "became_applicable" if now else None


def _question_change(older: _Period | None, newer: _Period | None, key: str) -> QuestionChange:
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
    finding: Finding, older: _Period, newer: _Period, key: str, reason: str
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


def _closed(older: _Period, newer: _Period) -> list[FindingChange]:
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


def _opened(older: _Period, newer: _Period) -> list[FindingChange]:
    """Findings of the later period on questions the earlier one had and did not find."""
    out: list[FindingChange] = []
    for key, finding in newer.findings.items():
        if key not in older.rows or key in older.findings or older.rows[key].type == "text":
            continue
        old = older.rows[key]
        if old.status not in _SCORED:
            reason = "became_applicable"
        else:
            reason = "no_longer_met" if old.met else "target_raised"
        out.append(_finding_change(finding, older, newer, key, reason))
    return out
