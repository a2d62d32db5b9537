"""Assessment quality: named checks that say what weakens the figures of an assessment.

Every assessment is checked, reviewed or not. A check never changes a score; it discloses what a
reader should weigh (claims without evidence, thin N/A reasons, a profile below the
organization's own designation...). Each check has an id, so a questionnaire's `quality:` section
can tune it or switch it off, and a report says which checks ran. `docs/scoring.md` describes
every check.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Literal

from pydantic import Field

from assess.i18n import N_
from assess.model.answers import Answer, AnswersFile, NotApplicable
from assess.model.applicability import exclusion
from assess.model.base import Model, empty_dict
from assess.model.quality import CheckId
from assess.model.questionnaire import Questionnaire
from assess.scoring.engine import Result, Status


class CheckRun(Model):
    """One check: what it looks for, whether it ran, and how many issues it raised."""

    id: CheckId
    name: str
    description: str
    status: Literal["ran", "off", "not-configured"]
    issues: int


class QualityIssue(Model):
    """One thing a check found, about a question or a dimension (or the whole assessment)."""

    check: CheckId
    name: str
    question: str | None
    dimension: str | None
    message: str
    template: str = Field(default="", exclude=True)
    """The message before its values are filled in, as in the catalog: a report translates it."""
    values: dict[str, str] = Field(default_factory=empty_dict, exclude=True)
    """The values `template` takes (`message` is `template % values`)."""


class QualityReport(Model):
    """Every check with its outcome, and every issue in check order, then questionnaire order."""

    checks: list[CheckRun]
    issues: list[QualityIssue]


Found = list[tuple[str | None, str | None, str, dict[str, str]]]
"""(question, dimension, message template, its values) for each issue a check raises."""
Check = Callable[[Questionnaire, AnswersFile, Result], Found]


def _evidence_missing(q: Questionnaire, a: AnswersFile, r: Result) -> Found:
    found: Found = []
    for d in r.dimensions:
        for row in d.questions:
            entry = a.answers.get(row.question)
            met = row.status is Status.answered and row.met
            if met and isinstance(entry, Answer) and not entry.evidence:
                found.append((row.question, d.id, N_("claimed as met with no evidence cited"), {}))
    return found


def _thin_na(q: Questionnaire, a: AnswersFile, r: Result) -> Found:
    least = q.quality.min_justification
    na = [
        (row.question, d.id, entry)
        for d in r.dimensions
        for row in d.questions
        if row.status is Status.na
        and isinstance(entry := a.answers.get(row.question), NotApplicable)
    ]
    uses: dict[str, list[str]] = defaultdict(list)
    for qid, _, entry in na:
        uses[" ".join(entry.justification.split()).casefold()].append(qid)
    found: Found = []
    for qid, dim, entry in na:
        text = " ".join(entry.justification.split())
        others = [x for x in uses[text.casefold()] if x != qid]
        if len(text) < least:
            message = N_("N/A justification of %(length)s characters (< %(least)s)")
            found.append((qid, dim, message, {"length": str(len(text)), "least": str(least)}))
        elif others:
            message = N_("N/A justification repeated verbatim in %(others)s")
            found.append((qid, dim, message, {"others": ", ".join(others)}))
    return found


def _profile_below(q: Questionnaire, a: AnswersFile, r: Result) -> Found:
    order = [p.id for p in q.profiles]
    declared = a.organization.profile
    found: Found = []
    for floor in q.quality.profile_floors:
        entry = a.answers.get(floor.question)
        question = q.question(floor.question)
        if question is None or not isinstance(entry, Answer) or entry.value not in floor.in_:
            continue
        if exclusion(question, declared, a.answers, q) is not None:
            continue
        if order.index(declared) < order.index(floor.profile):
            dim = q.dimension_of(floor.question)
            found.append(
                (
                    floor.question,
                    dim.id if dim else None,
                    N_(
                        "answered %(value)s, which calls for profile %(profile)s; "
                        "the declared profile %(declared)s sets lower targets"
                    ),
                    {
                        "value": repr(entry.value),
                        "profile": repr(floor.profile),
                        "declared": repr(declared),
                    },
                )
            )
    return found


def _vacuous_level(q: Questionnaire, a: AnswersFile, r: Result) -> Found:
    found: Found = []
    for d in r.dimensions:
        if not d.level:
            continue
        present = {row.level for row in d.questions if row.score is not None}
        empty = [n for n in range(1, d.level + 1) if n not in present]
        if empty:
            shown = ", ".join(f"L{n}" for n in empty)
            found.append(
                (
                    None,
                    d.id,
                    N_(
                        "level %(level)s reached, but no applicable question of %(levels)s was "
                        "scored; those levels are not evidence of maturity"
                    ),
                    {"level": str(d.level), "levels": shown},
                )
            )
    return found


def _unconfirmed_carry(q: Questionnaire, a: AnswersFile, r: Result) -> Found:
    return [
        (
            row.question,
            d.id,
            N_("carried forward from an earlier period and not re-confirmed"),
            {},
        )
        for d in r.dimensions
        for row in d.questions
        if row.carried and row.status is not Status.not_applicable
    ]


def _out_of_scope(q: Questionnaire, a: AnswersFile, r: Result) -> Found:
    scored = {d.id for d in r.dimensions if d.score is not None}
    found: Found = []
    for rule in q.quality.out_of_scope:
        entry = a.answers.get(rule.question)
        if isinstance(entry, Answer) and entry.value in rule.in_ and rule.dimension in scored:
            found.append(
                (
                    rule.question,
                    rule.dimension,
                    N_(
                        "answered %(value)s, which puts %(dimension)s out of scope, "
                        "yet the dimension is scored and counts in the overall score"
                    ),
                    {"value": repr(entry.value), "dimension": rule.dimension},
                )
            )
    return found


CHECKS: list[tuple[CheckId, str, str, Check]] = [
    (
        "Q1",
        "evidence-missing",
        N_("Answers claimed as met (scored at or above the met threshold) that cite no evidence."),
        _evidence_missing,
    ),
    (
        "Q2",
        "thin-na",
        N_("N/A justifications that are too short to judge or repeated verbatim."),
        _thin_na,
    ),
    (
        "Q3",
        "profile-below-designation",
        N_("A declared profile below the one the organization's own answers call for."),
        _profile_below,
    ),
    (
        "Q4",
        "vacuous-level",
        N_("Levels reached only because no question of that level applied."),
        _vacuous_level,
    ),
    (
        "Q5",
        "unconfirmed-carry",
        N_("Answers carried forward from an earlier period and not yet confirmed."),
        _unconfirmed_carry,
    ),
    (
        "Q6",
        "out-of-scope-dimension",
        N_("A dimension scored although the organization's own answers put it out of scope."),
        _out_of_scope,
    ),
]


def check_quality(q: Questionnaire, answers: AnswersFile, result: Result) -> QualityReport:
    """Run every check the questionnaire leaves on; Q3 and Q6 need rules from its `quality:`."""
    settings = q.quality
    needs_rules: dict[CheckId, bool] = {
        "Q3": bool(settings.profile_floors),
        "Q6": bool(settings.out_of_scope),
    }
    runs: list[CheckRun] = []
    issues: list[QualityIssue] = []
    for ident, name, description, check in CHECKS:
        status: Literal["ran", "off", "not-configured"] = "ran"
        if not settings.enabled(ident):
            status = "off"
        elif not needs_rules.get(ident, True):
            status = "not-configured"
        found = check(q, answers, result) if status == "ran" else []
        issues += [
            QualityIssue(
                check=ident,
                name=name,
                question=qid,
                dimension=dim,
                message=template % values if values else template,
                template=template,
                values=values,
            )
            for qid, dim, template, values in found
        ]
        runs.append(
            CheckRun(id=ident, name=name, description=description, status=status, issues=len(found))
        )
    return QualityReport(checks=runs, issues=issues)


def quality_of(answers: AnswersFile, q: Questionnaire) -> QualityReport:
    """The quality checks of an answers file on its own (`assess validate --strict`)."""
    from assess.scoring.engine import score

    return check_quality(q, answers, score(q, answers))
