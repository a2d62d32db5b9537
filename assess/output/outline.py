"""Plain-text descriptions of loaded files, for `assess show` and `assess validate`.

Titles, names and question text come from files, so each line passes through `safe` before it
reaches a terminal.
"""

from __future__ import annotations

from assess.model.answers import AnswersFile
from assess.model.questionnaire import Question, Questionnaire, is_scored
from assess.plaintext import clip, safe


def outline(q: Questionnaire) -> str:
    """The questionnaire's dimensions and questions, one line each, with level and type."""
    lines = [f"{q.ref}  {q.title}", ""]
    lines.append("Profiles: " + "; ".join(_profile(q, p.id) for p in q.profiles))
    lines.append("")
    for dim in q.dimensions:
        lines.append(
            f"{dim.id}  {dim.name}  (weight {dim.weight:g}, {len(dim.questions)} questions)"
        )
        lines.extend(
            f"  {question.id:<8} {_kind(question):<24} {clip(question.text, 70)}"
            for question in dim.questions
        )
    return "\n".join(safe(line) for line in lines)


def _profile(q: Questionnaire, profile_id: str) -> str:
    profile = q.profile(profile_id)
    assert profile is not None
    extra = ", ".join(f"{d} {lv}" for d, lv in profile.targets.items())
    return f"{profile.id} (level {profile.target_level}{'; ' + extra if extra else ''})"


def _kind(question: Question) -> str:
    parts = ["text"]
    if is_scored(question):
        parts = [f"L{question.level}", question.type]
        if question.critical:
            parts.append("critical")
    if question.profiles:
        parts.append("only " + ",".join(question.profiles))
    if question.when:
        parts.append(f"if {question.when.question}")
    return " ".join(parts)


def summary(loaded: Questionnaire | tuple[AnswersFile, Questionnaire]) -> str:
    """One line saying what a validated file is."""
    if isinstance(loaded, Questionnaire):
        return safe(
            f"questionnaire {loaded.ref}, {len(loaded.dimensions)} dimensions, "
            f"{len(loaded.questions())} questions"
        )
    answers, q = loaded
    return safe(
        f"answers of {answers.organization.name} for {answers.assessment.period} on {q.ref}, "
        f"{len(answers.answers)} of {len(q.questions())} questions answered"
    )
