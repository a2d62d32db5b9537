"""Finding a question, profile or dimension by the id a person typed.

Ids are matched in any case (`hol-02` is HOL-02), and an unknown one is refused with the
closest known ids as a suggestion, so a typo costs one glance rather than a trip to the docs.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from assess.errors import AssessError
from assess.i18n import N_
from assess.model.questionnaire import Dimension, Profile, Question, Questionnaire

# Each kind of id has its own messages, so that a translation can name it in its own words.
_UNKNOWN = {
    "question": (
        N_("unknown question %(typed)r in %(where)s"),
        N_("questions of %(where)s are %(ids)s"),
    ),
    "profile": (
        N_("unknown profile %(typed)r in %(where)s"),
        N_("profiles of %(where)s are %(ids)s"),
    ),
    "dimension": (
        N_("unknown dimension %(typed)r in %(where)s"),
        N_("dimensions of %(where)s are %(ids)s"),
    ),
}


def unknown(kind: str, typed: str, known: list[str], where: str) -> AssessError:
    """The error for an id that `where` does not have: a suggestion, or the ids it does have."""
    by_fold = {k.casefold(): k for k in known}
    close = difflib.get_close_matches(typed.casefold(), list(by_fold), n=3, cutoff=0.6)
    names = [by_fold[c] for c in close]
    message, listing = _UNKNOWN[kind]
    values = {"typed": typed, "where": where, "ids": ", ".join(names[:-1]), "last": ""}
    if len(names) == 1:
        hint, values["ids"] = N_("did you mean %(ids)s?"), names[0]
    elif names:
        hint, values["last"] = N_("did you mean %(ids)s or %(last)s?"), names[-1]
    else:
        hint = listing
        values["ids"] = ", ".join(known) if len(known) <= 12 else ", ".join(known[:12]) + ", ..."
    return AssessError(message, hint=hint, values=values)


def _fold(typed: str, known: Iterable[str]) -> str | None:
    wanted = typed.casefold()
    return next((k for k in known if k.casefold() == wanted), None)


def find_question(q: Questionnaire, typed: str) -> Question:
    """The question `typed` names in any case; a renamed id's error names its new id."""
    ids = [x.id for x in q.questions()]
    found = _fold(typed, ids)
    if found is not None:
        question = q.question(found)
        assert question is not None
        return question
    old = _fold(typed, q.renamed)
    if old is not None:
        raise AssessError(
            N_("unknown question %(typed)r in %(where)s"),
            hint=N_("it is called %(new)s in %(where)s"),
            values={"typed": typed, "where": q.ref, "new": q.renamed[old]},
        )
    raise unknown("question", typed, ids, q.ref)


def find_profile(q: Questionnaire, typed: str) -> Profile:
    """The protection profile `typed` names, in any case."""
    found = _fold(typed, [p.id for p in q.profiles])
    profile = None if found is None else q.profile(found)
    if profile is None:
        raise unknown("profile", typed, [p.id for p in q.profiles], q.ref)
    return profile


def find_dimension(q: Questionnaire, typed: str) -> Dimension:
    """The dimension `typed` names, in any case."""
    found = _fold(typed, [d.id for d in q.dimensions])
    dimension = next((d for d in q.dimensions if d.id == found), None)
    if dimension is None:
        raise unknown("dimension", typed, [d.id for d in q.dimensions], q.ref)
    return dimension
