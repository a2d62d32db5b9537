"""Comparing one organization's assessments across periods and questionnaire versions.

`compare` is the one entry point: assessments in, a frozen `Comparison` out. Every assessment is
scored again with the current engine from its raw answers, so a change of formula never shows up
as a change of posture. Questions are matched across versions by id and `previous_ids`; questions
a version added or removed are listed apart and never counted as an improvement or a decline.
The method, and every field of the result, is documented in `docs/compare.md`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from assess.compare.changes import changes
from assess.compare.matching import Period, compatibility_report, like_for_like, question_keys
from assess.compare.result import (
    AssessmentSummary,
    Comparison,
    LevelName,
    ReferenceQuestionnaire,
    Source,
    Trend,
)
from assess.errors import AssessError
from assess.files.loading import LoadedAnswers
from assess.i18n import N_
from assess.model.answers import AnswersFile
from assess.model.base import Loc
from assess.model.questionnaire import Questionnaire
from assess.scoring.engine import SCORING_METHOD, Result, score

COMPARISON_METHOD = "1.0"
"""Version of the method in `docs/compare.md`; it changes whenever a rule of it does."""


# --- entry points ---

Pair = tuple[AnswersFile, Questionnaire]
"""An answers file with the questionnaire it was checked against."""
Audited = tuple[Result, str]
"""An assessment's audited result and who reviewed it."""


def read_inputs(paths: Sequence[Path], questionnaires: Sequence[Path] = ()) -> list[LoadedAnswers]:
    """Every assessment in the files named: answers files, reports, and trend reports."""
    from assess.files.loading import load

    return [loaded for path in paths for loaded in load(path, questionnaires)]


def compare_files(
    paths: Sequence[Path],
    *,
    questionnaires: Sequence[Path] = (),
    language: str,
    allow_untranslated: bool,
    allow_mixed: bool = False,
    reviews: Sequence[Path] = (),
) -> tuple[Comparison, list[LoadedAnswers]]:
    """`assess compare`: the files read, shown in `language`, and compared.

    `assess verify` renders a trend report again through this same function.
    """
    from assess.files.loading import in_language

    inputs = [
        in_language(i, language, allow_untranslated=allow_untranslated)
        for i in read_inputs(paths, questionnaires)
    ]
    return compare_inputs(inputs, allow_mixed=allow_mixed, reviews=reviews), inputs


def source_of(loaded: LoadedAnswers) -> Source:
    """The file as named by the user, with the SHA-256 of the bytes that were scored."""
    return Source(path=str(loaded.path), sha256=loaded.sha256)


def compare(
    assessments: Sequence[Pair],
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
        raise AssessError(refusal[2], hint=refusal[3], values=refusal[4])
    return _compare(assessments, sources)


def compare_inputs(
    inputs: Sequence[LoadedAnswers],
    *,
    allow_mixed: bool = False,
    reviews: Sequence[Path] = (),
) -> Comparison:
    """Compare assessments read from files; a refusal names the file and line at fault.

    Where an assessment was reviewed (a review among `reviews` names its organization and
    period, or its report embeds one), its audited figures are compared, and it says so.
    """
    from assess.scoring.assessed import audited_results

    assessments = [(i.answers, i.questionnaire) for i in inputs]
    refusal = refusal_of(assessments, allow_mixed=allow_mixed)
    if refusal is not None:
        index, loc, message, hint, values = refusal
        if index is None:
            raise AssessError(message, hint=hint, values=values)
        document = inputs[index].document
        line, column = document.where(loc)
        raise AssessError(
            message, file=document.path, line=line, column=column, hint=hint, values=values
        )
    return _compare(assessments, [source_of(i) for i in inputs], audited_results(inputs, reviews))


def _compare(
    assessments: Sequence[Pair],
    sources: Sequence[Source] | None,
    audited: Sequence[Audited | None] = (),
) -> Comparison:
    order = sorted(range(len(assessments)), key=lambda i: period_key(_period(assessments[i])))
    items = [assessments[i] for i in order]
    labels = [sources[i] for i in order] if sources is not None else [None] * len(items)
    reviewed = [audited[i] if audited else None for i in order]
    chain = [q for _, q in items]
    reference = chain[-1]
    keys = question_keys(chain)
    results = [
        r[0] if r is not None else score(q, a) for (a, q), r in zip(items, reviewed, strict=True)
    ]
    periods = [a.assessment.period for a, _ in items]
    views = [
        Period(p, r, q, k) for p, r, (_, q), k in zip(periods, results, items, keys, strict=True)
    ]
    steps = [changes(views[i - 1], views[i]) for i in range(1, len(views))]
    return Comparison(
        comparison_method=COMPARISON_METHOD,
        scoring_method=SCORING_METHOD,
        questionnaire=ReferenceQuestionnaire(
            id=reference.id,
            version=reference.version,
            title=reference.title,
            levels=[LevelName(level=lv.level, name=lv.name) for lv in reference.levels],
        ),
        organization=items[-1][0].organization.name,
        mixed_organizations=len({_org(a) for a, _ in items}) > 1,
        periods=periods,
        assessments=[
            _summary(a, r, s, v[1] if v else None)
            for (a, _), r, s, v in zip(items, results, labels, reviewed, strict=True)
        ],
        overall=_trend("overall", "Overall", results, _overall_pick),
        dimensions=_dimension_trends(reference, items, results),
        compatibility=compatibility_report(views, chain, keys),
        like_for_like=like_for_like(views, reference, keys[-1]),
        changes=steps[-1],
        steps=steps,
    )


# --- refusals and ordering ---

Refusal = tuple[int | None, Loc, str, str, dict[str, str]]
"""(index of the offending assessment, or None; where in its file; message; hint)."""


def refusal_of(assessments: Sequence[Pair], *, allow_mixed: bool) -> Refusal | None:
    """The first reason these assessments cannot be compared, or None when they can."""
    if len(assessments) < 2:
        message, hint = (
            N_("compare needs two or more assessments"),
            N_("give two answers files or more"),
        )
        return (None, (), message, hint, {})
    first, _ = assessments[0]
    seen: set[tuple[tuple[int, int, str], ...]] = set()
    for index, (a, _) in enumerate(assessments):
        if a.questionnaire.id != first.questionnaire.id:
            message = N_("follows questionnaire %(this)r, not %(first)r")
            hint = N_("only versions of one questionnaire can be compared")
            ids = {"this": a.questionnaire.id, "first": first.questionnaire.id}
            return (index, ("questionnaire", "id"), message, hint, ids)
        if not allow_mixed and _org(a) != _org(first):
            message = N_("organization %(this)r is not %(first)r")
            hint = N_(
                "compare one organization's assessments (`assess compare --allow-mixed` mixes them)"
            )
            names = {"this": a.organization.name, "first": first.organization.name}
            return (index, ("organization", "name"), message, hint, names)
        key = period_key(a.assessment.period)
        if key in seen:
            message, hint = N_("period %(period)r appears twice"), N_("compare each period once")
            return (index, ("assessment", "period"), message, hint, {"period": a.assessment.period})
        seen.add(key)
    return None


def _org(a: AnswersFile) -> str:
    """Organization names compare without regard to case and spacing."""
    return " ".join(a.organization.name.split()).casefold()


def _period(item: Pair) -> str:
    return item[0].assessment.period


def period_key(period: str) -> tuple[tuple[int, int, str], ...]:
    """Natural order of periods: digit runs compare as numbers ("2025-Q2" < "2025-Q10")."""
    parts = re.findall(r"\d+|\D+", " ".join(period.split()).casefold())
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)


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
    reference: Questionnaire, items: list[Pair], results: list[Result]
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


def _summary(
    a: AnswersFile, r: Result, source: Source | None, auditor: str | None
) -> AssessmentSummary:
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
        reviewed=auditor is not None,
        auditor=auditor,
    )
