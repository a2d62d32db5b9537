"""The report's laws-and-standards section: each cited article or subcategory and its questions."""

from __future__ import annotations

from assess.model.checks import (
    active_nist_ids,
    reference_ids,
    reference_title,
    reference_titles,
)
from assess.model.questionnaire import Questionnaire
from assess.model.values import REFERENCE_ORDER
from assess.report.views import ReferenceGroup, ReferenceItem, ReferenceRow
from assess.scoring.engine import QuestionResult, Result, Status


def _reference_status(res: QuestionResult) -> str:
    if res.status is Status.not_applicable:
        return "out of scope"
    if res.status is Status.na:
        return "N/A"
    if res.status is Status.text:
        return "context"
    if res.status is Status.unanswered:
        return "not answered"
    return "met" if res.met else "not met"


def references(q: Questionnaire, result: Result, language: str) -> list[ReferenceGroup]:
    """Each law, standard and framework the questionnaire cites: id -> questions -> status."""
    results = {r.question: r for d in result.dimensions for r in d.questions}
    groups = []
    for key in REFERENCE_ORDER:
        cited: dict[str, list[ReferenceItem]] = {}
        for question in q.questions():
            for ref in question.references.get(key, []):
                item = ReferenceItem(
                    question=question.id, status=_reference_status(results[question.id])
                )
                cited.setdefault(ref, []).append(item)
        if not cited:
            continue
        titles = reference_titles(key, language)
        known = active_nist_ids() if key == "nist-csf-2.0" else sorted(reference_ids(key))
        if key == "nist-csf-2.0":
            position = {ref: i for i, ref in enumerate(known)}  # the framework's own order
            order = sorted(cited, key=lambda ref: position.get(ref, len(position)))
        else:
            order = sorted(cited, key=_natural)
        rows = [
            ReferenceRow(
                id=r,
                label=_article(r, language),
                about=titles.get(r, ""),
                questions=cited[r],
            )
            for r in order
        ]
        groups.append(
            ReferenceGroup(
                key=key, title=reference_title(key, language), rows=rows, known=len(known)
            )
        )
    return groups


def _article(ref: str, language: str) -> str:
    """An article of a law as its language cites it: "Art. 12" is "第12条" in Chinese."""
    number = ref.removeprefix("Art. ")
    if language.startswith("zh") and number != ref and number.isdigit():
        return f"第{number}条"
    return ref


def _natural(ref: str) -> tuple[tuple[int, str], ...]:
    """Numbers in order (Art. 9 before Art. 10, A.5.9 before A.5.10); names alphabetically."""
    parts = ref.replace("-", ".").replace(" ", ".").split(".")
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in parts)
