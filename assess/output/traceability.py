"""The traceability tables of a questionnaire: passages, articles and subcategories → questions.

Each source passage, law or standard article and NIST CSF 2.0 subcategory is mapped to the
questions that cite it. `scripts/traceability.py` writes it to docs/traceability.md; a test
keeps that file current, so the table is generated, never kept by hand.
"""

from __future__ import annotations

from collections import defaultdict

from assess.model.checks import (
    nist_csf_ids,
    reference_ids,
    reference_title,
    reference_titles,
    source_text,
    squash,
)
from assess.model.questionnaire import Questionnaire, is_scored
from assess.model.values import REFERENCE_ORDER

# Laws, then standards; NIST CSF 2.0 gets a coverage table of its own.
_LAWS = [key for key in REFERENCE_ORDER if key != "nist-csf-2.0"]


def traceability_markdown(q: Questionnaire) -> str:
    """The whole document, as Markdown: passages, then laws and standards, then NIST CSF 2.0."""
    lines = [
        f"# Traceability: {q.id} {q.version}",
        "",
        f"Generated from `questionnaires/{q.id}-{q.version}.yaml` by",
        "`python scripts/traceability.py`; do not edit by hand (a test fails when it is stale).",
        "",
    ]
    lines += _passages(q)
    lines += _laws(q)
    lines += _nist(q)
    return "\n".join(lines).rstrip("\n") + "\n"


def _cell(text: str) -> str:
    return squash(text).replace("|", "\\|")


def _passages(q: Questionnaire) -> list[str]:
    by_basis: dict[str, list[str]] = defaultdict(list)
    for question in q.questions():
        if is_scored(question) and question.basis is not None:
            by_basis[squash(question.basis)].append(question.id)
    text = source_text(q.source) if q.source is not None else None
    # In the order the passages appear in the source, so the table reads like the speech.
    order = sorted(by_basis, key=lambda b: (text.find(b) if text else 0, b))
    lines = [
        "## Source passage → questions",
        "",
        f"Every scored question names the passage of `{q.source}` it derives from (`basis`). "
        f"{len(order)} passages are cited, in the order they appear in the source.",
        "",
        "| passage | questions |",
        "|---|---|",
    ]
    lines += [f"| “{_cell(b)}” | {', '.join(by_basis[b])} |" for b in order]
    return [*lines, ""]


def _cited(q: Questionnaire, key: str) -> dict[str, list[str]]:
    cited: dict[str, list[str]] = defaultdict(list)
    for question in q.questions():
        for ref in question.references.get(key, []):  # type: ignore[call-overload]
            cited[ref].append(question.id)
    return cited


def _laws(q: Questionnaire) -> list[str]:
    lines = ["## Laws and standards → questions", ""]
    for key in _LAWS:
        cited = _cited(q, key)
        if not cited:
            continue
        known = list(reference_ids(key))
        titles = reference_titles(key)
        order = sorted(cited, key=lambda ref: _sort_key(ref, known))
        lines += [
            f"### {reference_title(key)} (`{key}`)",
            "",
            "| id | about | questions |",
            "|---|---|---|",
        ]
        lines += [
            f"| {ref} | {_cell(titles.get(ref, ''))} | {', '.join(cited[ref])} |" for ref in order
        ]
        lines.append("")
    return lines


def _sort_key(ref: str, known: list[str]) -> tuple[int, ...]:
    """Articles and controls by number ("Art. 9" before "Art. 10"); families by name."""
    digits = [int(p) for p in ref.replace("A.", "").replace("Art. ", "").split(".") if p.isdigit()]
    return tuple(digits) if digits else (sorted(known).index(ref),)


def _nist(q: Questionnaire) -> list[str]:
    cited = _cited(q, "nist-csf-2.0")
    active = [ref for ref, withdrawn in nist_csf_ids().items() if not withdrawn]
    titles = reference_titles("nist-csf-2.0")
    covered = sum(1 for ref in active if ref in cited)
    lines = [
        "## NIST CSF 2.0 coverage",
        "",
        f"{covered} of the {len(active)} active NIST CSF 2.0 subcategories are cited by at least "
        "one question. A subcategory without questions is not assessed by this questionnaire.",
        "",
        "| subcategory | outcome | questions |",
        "|---|---|---|",
    ]
    lines += [
        f"| {ref} | {_cell(titles[ref])} | {', '.join(cited.get(ref, [])) or '—'} |"
        for ref in active
    ]
    return [*lines, ""]
