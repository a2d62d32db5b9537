"""Checks that span a whole file: ids, references between parts, and answers against questions.

Pydantic checks each value's shape; these checks need the whole questionnaire in view. Each
problem carries the location of the offending value so that errors can point at its line.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from assess.model.answers import AnswersFile, NotApplicable
from assess.model.base import Loc
from assess.model.questionnaire import OptionValue, Question, Questionnaire
from assess.model.questions import Problem


@cache
def nist_csf_ids() -> dict[str, bool]:
    """NIST CSF 2.0 subcategory ids, each mapped to whether it was withdrawn."""
    text = resources.files("assess").joinpath("data/nist-csf-2.0-subcategories.json").read_text()
    return {s["id"]: bool(s["withdrawn"]) for s in json.loads(text)["subcategories"]}


def questionnaire_problems(q: Questionnaire) -> list[Problem]:
    """Everything wrong across the parts of a questionnaire."""
    problems: list[Problem] = []
    level_numbers = [lv.level for lv in q.levels]
    if level_numbers != list(range(1, len(level_numbers) + 1)):
        problems.append((("levels",), "levels must be numbered 1, 2, 3... in order", None))
    levels = set(level_numbers)

    for name, options in q.scales.items():
        problems += _unique(
            [o.value for o in options], ("scales", name), "option value", "in this scale"
        )
        if not options:
            problems.append((("scales", name), f"scale {name!r} has no options", None))

    problems += _unique([p.id for p in q.profiles], ("profiles",), "profile id", "")
    dimension_ids = {d.id for d in q.dimensions}
    for i, profile in enumerate(q.profiles):
        if profile.target_level not in levels:
            problems.append(
                (
                    ("profiles", i, "target_level"),
                    f"profile {profile.id}: no level {profile.target_level} in `levels`",
                    None,
                )
            )
        for dim, level in profile.targets.items():
            if dim not in dimension_ids:
                problems.append(
                    (
                        ("profiles", i, "targets", dim),
                        f"profile {profile.id}: targets an unknown dimension {dim!r}",
                        f"dimensions are {', '.join(sorted(dimension_ids))}",
                    )
                )
            elif level not in levels:
                problems.append(
                    (
                        ("profiles", i, "targets", dim),
                        f"profile {profile.id}: no level {level} in `levels`",
                        None,
                    )
                )

    all_ids: list[tuple[str, Loc]] = [
        (d.id, ("dimensions", i, "id")) for i, d in enumerate(q.dimensions)
    ]
    all_ids += [
        (question.id, ("dimensions", di, "questions", qi, "id"))
        for di, dimension in enumerate(q.dimensions)
        for qi, question in enumerate(dimension.questions)
    ]
    seen: dict[str, Loc] = {}
    for ident, loc in all_ids:
        if ident in seen:
            problems.append(
                (loc, f"duplicate id {ident!r}", "every dimension and question id must be unique")
            )
        seen.setdefault(ident, loc)

    problems += _question_problems(q, levels, set(seen))
    return problems


def _question_problems(q: Questionnaire, levels: set[int], current_ids: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    earlier: dict[str, set[OptionValue] | None] = {}
    claimed: dict[str, str] = {}
    for di, dim in enumerate(q.dimensions):
        for qi, question in enumerate(dim.questions):
            at: Loc = ("dimensions", di, "questions", qi)
            problems += _shape_problems(q, question, levels, at)
            if question.when is not None:
                name = f"question {question.id}"
                problems += _when_problems(
                    question.when.question, question.when.in_, earlier, (*at, "when"), name
                )
            problems += _reference_problems(question, at)
            problems += _previous_id_problems(question, at, current_ids, claimed)
            earlier[question.id] = question.option_values()
    return problems


def _shape_problems(
    q: Questionnaire, question: Question, levels: set[int], at: Loc
) -> list[Problem]:
    """A question's own definition, and the profiles it names, against the questionnaire."""
    problems = question.definition_problems(levels, set(q.scales), at)
    name = f"question {question.id}"
    profile_ids = {p.id for p in q.profiles}
    for pi, profile in enumerate(question.profiles or []):
        if profile not in profile_ids:
            hint = f"profiles are {', '.join(sorted(profile_ids))}"
            problems.append(((*at, "profiles", pi), f"{name}: unknown profile {profile!r}", hint))
    return problems


def _reference_problems(question: Question, at: Loc) -> list[Problem]:
    """NIST CSF 2.0 references that do not exist or were withdrawn."""
    problems: list[Problem] = []
    nist = nist_csf_ids()
    name = f"question {question.id}"
    for ri, ref in enumerate(question.references.get("nist-csf-2.0", [])):
        where = (*at, "references", "nist-csf-2.0", ri)
        if ref not in nist:
            problems.append((where, f"{name}: {ref!r} is not a NIST CSF 2.0 subcategory", None))
        elif nist[ref]:
            hint = "cite the subcategory it was moved to"
            problems.append((where, f"{name}: NIST CSF 2.0 subcategory {ref} is withdrawn", hint))
    return problems


def _previous_id_problems(
    question: Question, at: Loc, current_ids: set[str], claimed: dict[str, str]
) -> list[Problem]:
    """Old ids that are current ids, or that an earlier question already continues."""
    problems: list[Problem] = []
    name = f"question {question.id}"
    for pi, old in enumerate(question.previous_ids):
        where = (*at, "previous_ids", pi)
        if old in current_ids:
            message = f"{name}: previous id {old!r} is a current id in this version"
            problems.append((where, message, "an id may not be reused for another question"))
        elif old in claimed:
            # Answers and comparisons follow an old id to one question, never to two.
            message = f"{name}: previous id {old!r} is already claimed by {claimed[old]}"
            problems.append((where, message, "an old question continues as one new question"))
        claimed.setdefault(old, question.id)
    return problems


def _when_problems(
    target: str, values: list[Any], earlier: dict[str, set[OptionValue] | None], at: Loc, name: str
) -> list[Problem]:
    if target not in earlier:
        return [
            (
                (*at, "question"),
                f"{name}: `when` looks at {target!r}, which is not an earlier question",
                "a condition may only depend on a question asked before it",
            )
        ]
    allowed = earlier[target]
    if allowed is None:
        return [
            (
                (*at, "question"),
                f"{name}: `when` looks at {target!r}, which is not a choice or multi question",
                None,
            )
        ]
    problems: list[Problem] = []
    for vi, value in enumerate(values):
        if value not in allowed:
            shown = ", ".join(repr(v) for v in sorted(allowed, key=str))
            problems.append(
                (
                    (*at, "in", vi),
                    f"{name}: `when` expects {value!r} from {target}, which can only be {shown}",
                    None,
                )
            )
    return problems


def _unique(values: list[Any], at: Loc, what: str, where: str) -> list[Problem]:
    seen: set[Any] = set()
    problems: list[Problem] = []
    for i, value in enumerate(values):
        if value in seen:
            problems.append(((*at, i), f"duplicate {what} {value!r} {where}".strip(), None))
        seen.add(value)
    return problems


def answer_problems(answers: AnswersFile, q: Questionnaire) -> list[Problem]:
    """Everything in `answers` that `q` does not allow, each with the location of the value."""
    problems: list[Problem] = []
    if q.profile(answers.organization.profile) is None:
        problems.append(
            (
                ("organization", "profile"),
                f"unknown profile {answers.organization.profile!r}",
                f"profiles of {q.ref} are {', '.join(p.id for p in q.profiles)}",
            )
        )
    for qid, entry in answers.answers.items():
        at = ("answers", qid)
        question = q.question(qid)
        if question is None:
            hint = (
                f"it is called {q.renamed[qid]} in {q.ref}"
                if qid in q.renamed
                else "check the id with `assess show`"
            )
            problems.append((at, f"unknown question {qid!r} in {q.ref}", hint))
        elif isinstance(entry, NotApplicable):
            if not question.allow_na:
                problems.append(
                    (at, f"{qid}: N/A is not allowed for this question", "answer it instead")
                )
        else:
            message = question.problem(entry.value)
            if message:
                problems.append(((*at, "value"), f"{qid}: {message[0]}", message[1]))
    return problems
