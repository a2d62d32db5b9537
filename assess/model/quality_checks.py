"""Checks of a questionnaire's `quality:` section against the rest of the questionnaire."""

from __future__ import annotations

from assess.model.base import Loc
from assess.model.quality import OutOfScope, ProfileFloor
from assess.model.questionnaire import ChoiceQuestion, Questionnaire
from assess.model.values import Problem


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
            problems.append(
                ((*at, "question"), f"{rule.question!r} is not a choice question", None)
            )
            continue
        values = [o.value for o in question.options]
        problems += [
            ((*at, "in"), f"{value!r} is not an option of {rule.question}", None)
            for value in rule.in_
            if value not in values
        ]
        kind, target = ("profile", getattr(rule, "profile", None))
        known = profiles
        if part == "out_of_scope":
            kind, target, known = "dimension", getattr(rule, "dimension", None), dimensions
        if target not in known:
            hint = f"choose one of {', '.join(known)}"
            problems.append(((*at, kind), f"unknown {kind} {target!r}", hint))
    return problems
