"""Which questions apply to an organization: its profile and the `when` conditions.

Answering asks only applicable questions and scoring counts only them, so both use this module.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from assess.i18n import N_
from assess.model.answers import Answer, Entry
from assess.model.questionnaire import Condition, Question, Questionnaire


class Exclusion(StrEnum):
    """Why a question does not apply."""

    profile = N_("not for this profile")
    condition = N_("condition not met")


def exclusion(
    question: Question, profile: str, answers: Mapping[str, Entry], q: Questionnaire
) -> Exclusion | None:
    """Why `question` does not apply, or None when it does.

    A `when` condition holds only when the question it looks at applies itself and was answered
    with one of the listed values (for a checklist: any listed option checked). An unanswered or
    N/A gate hides its dependants until it is answered.
    """
    if question.profiles is not None and profile not in question.profiles:
        return Exclusion.profile
    if question.when is not None and not _holds(question.when, profile, answers, q):
        return Exclusion.condition
    return None


def _holds(
    condition: Condition, profile: str, answers: Mapping[str, Entry], q: Questionnaire
) -> bool:
    gate = q.question(condition.question)
    if gate is None or exclusion(gate, profile, answers, q) is not None:
        return False
    entry = answers.get(condition.question)
    return isinstance(entry, Answer) and gate.matches(entry.value, condition.in_)


def applicable_questions(
    q: Questionnaire, profile: str, answers: Mapping[str, Entry]
) -> list[Question]:
    """The questions that apply, in questionnaire order."""
    return [x for x in q.questions() if exclusion(x, profile, answers, q) is None]
