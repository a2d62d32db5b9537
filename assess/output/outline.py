"""Plain-text descriptions of loaded files, for `assess show` and `assess validate`.

Titles, names and question text come from files, so each line passes through `safe` before it
reaches a terminal.
"""

from __future__ import annotations

from assess.i18n import _, ngettext
from assess.model.answers import AnswersFile
from assess.model.progress import progress
from assess.model.questionnaire import Question, Questionnaire, is_scored
from assess.plaintext import clip, plural, safe, wrap


def outline(q: Questionnaire) -> str:
    """The questionnaire's dimensions and questions, one line each, with level and type."""
    lines = [f"{q.ref}  {q.title}", ""]
    lines.append("Profiles: " + "; ".join(_profile(q, p.id) for p in q.profiles))
    lines.append("")
    for dim in q.dimensions:
        count = plural(len(dim.questions), "question")
        lines.append(f"{dim.id}  {dim.name}  (weight {dim.weight:g}, {count})")
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


def question_detail(q: Questionnaire, question: Question) -> str:
    """One question in full: text, guidance, answers and their scores, and how it counts."""
    dim = q.dimension_of(question.id)
    lines = [f"{question.id}  {dim.id + ' ' + dim.name if dim else ''}  ({q.ref})", ""]
    lines += wrap(question.text, "  ")
    if question.guidance:
        lines += ["", "Guidance:", *wrap(question.guidance, "  ")]
    lines += ["", f"Answers ({question.type}):"]
    for accepted in question.accepts():
        lines += wrap(accepted, "  ", "      ")
    if question.allow_na:
        lines.append("  N/A, with a justification")
    lines += ["", *_counts(question)]
    if question.references:
        lines.append("References:")
        lines += [f"  {src}: {', '.join(ids)}" for src, ids in question.references.items()]
    if question.previous_ids:
        lines.append(f"Earlier ids: {', '.join(question.previous_ids)}")
    if is_scored(question):
        lines += ["", "Recommendation:", *wrap(question.recommendation, "  ")]
    return "\n".join(safe(line) for line in lines)


def _counts(question: Question) -> list[str]:
    """How the question counts: level, weight, critical, and where it applies."""
    lines = []
    if is_scored(question):
        critical = ", critical" if question.critical else ""
        lines.append(f"Level {question.level}, weight {question.weight:g}{critical}")
    else:
        lines.append("Not scored")
    profiles = ", ".join(question.profiles) if question.profiles else "every profile"
    when = ""
    if question.when is not None:
        wanted = ", ".join(str(v) for v in question.when.in_)
        when = f"; only when {question.when.question} is {wanted}"
    lines.append(f"Applies to: {profiles}{when}")
    return lines


def summary(loaded: Questionnaire | tuple[AnswersFile, Questionnaire]) -> str:
    """One line saying what a validated file is."""
    if isinstance(loaded, Questionnaire):
        dimensions, questions = len(loaded.dimensions), len(loaded.questions())
        counted = ngettext(
            "%(dimensions)s, %(count)s question", "%(dimensions)s, %(count)s questions", questions
        ) % {
            "count": questions,
            "dimensions": ngettext("%(count)s dimension", "%(count)s dimensions", dimensions)
            % {"count": dimensions},
        }
        return safe(
            _("questionnaire %(ref)s, %(counted)s") % {"ref": loaded.ref, "counted": counted}
        )
    answers, q = loaded
    said = _("answers of %(organization)s for %(period)s on %(ref)s, %(progress)s")
    return safe(
        said
        % {
            "organization": answers.organization.name,
            "period": answers.assessment.period,
            "ref": q.ref,
            "progress": progress(q, answers).text(),
        }
    )
