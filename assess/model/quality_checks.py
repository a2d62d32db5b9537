"""Checks of a questionnaire's `quality:` section against the rest of the questionnaire."""

from __future__ import annotations

from assess.i18n import N_
from assess.model.base import Loc
from assess.model.quality import OutOfScope, ProfileFloor
from assess.model.questionnaire import ChoiceQuestion, Questionnaire
from assess.model.values import Problem, problem


def quality_problems(q: Questionnaire) -> list[Problem]:
    """Rules that name questions, options, profiles or dimensions the questionnaire lacks."""
    problems: list[Problem] = []
    profiles = [p.id for p in q.profiles]
    dimensions = [d.id for d in q.dimensions]
    rules: list[tuple[str, int, ProfileFloor | OutOfScope]] = [
        ("profile_floors", i, r) for i, r in enumerate(q.quality.profile_floors)
    ]
    rules += [("out_of_scope", i, r) for i, r in enumerate(q.quality.out_of_scope)]
    for part, i, rule in rules:
        at: Loc = ("quality", part, i)
        question = q.question(rule.question)
        if not isinstance(question, ChoiceQuestion):
            not_choice = N_("%(id)r is not a choice question")
            problems.append(problem((*at, "question"), not_choice, id=rule.question))
            continue
        values = [o.value for o in question.options]
        problems += [
            problem(
                (*at, "in"), N_("%(value)r is not an option of %(id)s"), value=v, id=rule.question
            )
            for v in rule.in_
            if v not in values
        ]
        kind, target = ("profile", getattr(rule, "profile", None))
        known, unknown = profiles, N_("unknown profile %(target)r")
        if part == "out_of_scope":
            kind, target, known = "dimension", getattr(rule, "dimension", None), dimensions
            unknown = N_("unknown dimension %(target)r")
        if target not in known:
            hint = N_("choose one of %(ids)s")
            problems.append(
                problem((*at, kind), unknown, hint, target=target, ids=", ".join(known))
            )
    return problems
