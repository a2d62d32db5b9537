"""Checks that span a whole file: ids, references between parts, and answers against questions.

Pydantic checks each value's shape; these checks need the whole questionnaire in view. Each
problem carries the location of the offending value so that errors can point at its line.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from assess.errors import Message
from assess.i18n import N_
from assess.model.answers import AnswersFile, NotApplicable
from assess.model.base import Loc
from assess.model.quality_checks import quality_problems
from assess.model.questionnaire import OptionValue, Question, Questionnaire
from assess.model.questions import is_scored
from assess.model.values import Problem


@cache
def nist_csf_ids() -> dict[str, list[str] | None]:
    """NIST CSF 2.0 subcategory ids: None when current, else the ids it was moved to."""
    text = resources.files("assess").joinpath("data/nist-csf-2.0-subcategories.json").read_text()
    return {
        s["id"]: list(s.get("replaced_by", [])) if s["withdrawn"] else None
        for s in json.loads(text)["subcategories"]
    }


def active_nist_ids() -> list[str]:
    """The NIST CSF 2.0 subcategories in force, in the framework's order."""
    return [ref for ref, withdrawn in nist_csf_ids().items() if not withdrawn]


@cache
def reference_ids(key: str) -> frozenset[str]:
    """The known ids of a reference key other than NIST CSF (articles, controls, families)."""
    path = resources.files("assess").joinpath(f"data/references/{key}.json")
    return frozenset(json.loads(path.read_text(encoding="utf-8"))["ids"])


@cache
def reference_titles(key: str, language: str = "en") -> dict[str, str]:
    """What the cited ids of a reference key are about, where the shipped list says.

    A list may give them in another language too (Chinese laws in Chinese); English otherwise.
    """
    if key == "nist-csf-2.0":
        path = resources.files("assess").joinpath("data/nist-csf-2.0-subcategories.json")
        data = json.loads(path.read_text(encoding="utf-8"))
        return {s["id"]: s["statement"] for s in data["subcategories"]}
    path = resources.files("assess").joinpath(f"data/references/{key}.json")
    found = json.loads(path.read_text(encoding="utf-8"))
    titles: dict[str, str] = {**found["titles"], **found.get(language, {}).get("titles", {})}
    return titles


# NIST publishes CSF 2.0 in English; a Chinese report names it in Chinese and quotes it as is.
_NIST_TITLES = {
    "en": "NIST Cybersecurity Framework 2.0",
    "zh-CN": "NIST 网络安全框架 2.0\uff08子类按 NIST 英文原文\uff09",
}


def reference_title(key: str, language: str = "en") -> str:
    """The full name of the framework, standard or law a reference key stands for."""
    if key == "nist-csf-2.0":
        return _NIST_TITLES.get(language, _NIST_TITLES["en"])
    path = resources.files("assess").joinpath(f"data/references/{key}.json")
    found = json.loads(path.read_text(encoding="utf-8"))
    title: str = found.get(language, {}).get("title", found["title"])
    return title


def source_names() -> list[str]:
    """The source texts shipped with the package that a questionnaire's `source` may name."""
    folder = resources.files("assess").joinpath("data/sources")
    return sorted(f.name.removesuffix(".txt") for f in folder.iterdir() if f.name.endswith(".txt"))


@cache
def source_text(name: str) -> str | None:
    """A shipped source text with its whitespace collapsed, or None if there is no such source."""
    if name not in source_names():
        return None
    text = resources.files("assess").joinpath(f"data/sources/{name}.txt").read_text("utf-8")
    return squash(text)


def squash(text: str) -> str:
    """`text` with every run of whitespace made one space: line breaks never decide a match."""
    return " ".join(text.split())


def questionnaire_problems(q: Questionnaire) -> list[Problem]:
    """Everything wrong across the parts of a questionnaire."""
    problems: list[Problem] = []
    if q.source is not None and source_text(q.source) is None:
        hint = Message(N_("bundled sources are %(names)s"), {"names": ", ".join(source_names())})
        unknown = Message(N_("unknown source %(source)r"), {"source": q.source})
        problems.append((("source",), unknown, hint))
    level_numbers = [lv.level for lv in q.levels]
    if level_numbers != list(range(1, len(level_numbers) + 1)):
        problems.append(
            (("levels",), Message(N_("levels must be numbered 1, 2, 3... in order")), None)
        )
    levels = set(level_numbers)

    for name, options in q.scales.items():
        problems += _unique(
            [o.value for o in options],
            ("scales", name),
            N_("duplicate option value %(value)r in this scale"),
        )
        if not options:
            empty = Message(N_("scale %(name)r has no options"), {"name": name})
            problems.append((("scales", name), empty, None))

    problems += _unique(
        [p.id for p in q.profiles], ("profiles",), N_("duplicate profile id %(value)r")
    )
    dimension_ids = {d.id for d in q.dimensions}
    for i, profile in enumerate(q.profiles):
        if profile.target_level not in levels:
            problems.append(
                (
                    ("profiles", i, "target_level"),
                    Message(
                        N_("profile %(id)s: no level %(level)s in `levels`"),
                        {"id": profile.id, "level": profile.target_level},
                    ),
                    None,
                )
            )
        for dim, level in profile.targets.items():
            if dim not in dimension_ids:
                problems.append(
                    (
                        ("profiles", i, "targets", dim),
                        Message(
                            N_("profile %(id)s: targets an unknown dimension %(dimension)r"),
                            {"id": profile.id, "dimension": dim},
                        ),
                        Message(
                            N_("dimensions are %(ids)s"), {"ids": ", ".join(sorted(dimension_ids))}
                        ),
                    )
                )
            elif level not in levels:
                problems.append(
                    (
                        ("profiles", i, "targets", dim),
                        Message(
                            N_("profile %(id)s: no level %(level)s in `levels`"),
                            {"id": profile.id, "level": level},
                        ),
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
                (
                    loc,
                    Message(N_("duplicate id %(id)r"), {"id": ident}),
                    Message(N_("every dimension and question id must be unique")),
                )
            )
        seen.setdefault(ident, loc)

    problems += _question_problems(q, levels, set(seen))
    problems += quality_problems(q)
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
                name = Message(N_("question %(id)s"), {"id": question.id})
                problems += _when_problems(
                    question.when.question, question.when.in_, earlier, (*at, "when"), name
                )
            problems += _reference_problems(question, at)
            problems += _basis_problems(q, question, at)
            problems += _previous_id_problems(question, at, current_ids, claimed)
            earlier[question.id] = question.option_values()
    return problems


def _shape_problems(
    q: Questionnaire, question: Question, levels: set[int], at: Loc
) -> list[Problem]:
    """A question's own definition, and the profiles it names, against the questionnaire."""
    problems = question.definition_problems(levels, set(q.scales), at)
    profile_ids = {p.id for p in q.profiles}
    for pi, profile in enumerate(question.profiles or []):
        if profile not in profile_ids:
            hint = Message(N_("profiles are %(ids)s"), {"ids": ", ".join(sorted(profile_ids))})
            said = {"id": question.id, "profile": profile}
            unknown = Message(N_("question %(id)s: unknown profile %(profile)r"), said)
            problems.append(((*at, "profiles", pi), unknown, hint))
    return problems


def _reference_problems(question: Question, at: Loc) -> list[Problem]:
    """References that do not exist in the shipped id lists, or NIST CSF ids that were withdrawn."""
    problems: list[Problem] = []
    nist = nist_csf_ids()
    for key, refs in question.references.items():
        if key == "nist-csf-2.0":
            continue
        known = reference_ids(key)
        for ri, ref in enumerate(refs):
            if ref not in known:
                said = {"id": question.id, "ref": ref, "key": key, "count": len(known)}
                hint = None
                if "Art. 1" in known:
                    hint = Message(N_("%(key)s has articles Art. 1 to Art. %(count)s"), said)
                if key == "gb-t-22239-2019":
                    hint = Message(
                        N_("control families are %(ids)s"), {"ids": ", ".join(sorted(known))}
                    )
                where = (*at, "references", key, ri)
                unknown = Message(N_("question %(id)s: %(ref)r is not a known %(key)s id"), said)
                problems.append((where, unknown, hint))
    for ri, ref in enumerate(question.references.get("nist-csf-2.0", [])):
        where = (*at, "references", "nist-csf-2.0", ri)
        said = {"id": question.id, "ref": ref}
        if ref not in nist:
            unknown = Message(
                N_("question %(id)s: %(ref)r is not a NIST CSF 2.0 subcategory"), said
            )
            problems.append((where, unknown, None))
        elif (moved := nist[ref]) is not None:
            hint = Message(N_("remove the reference"))
            if moved:
                english = f"cite {' or '.join(moved)} instead"
                hint = Message(N_("cite %(ids)s instead"), {"ids": "、".join(moved)}, english)
            withdrawn = N_("question %(id)s: NIST CSF 2.0 subcategory %(ref)s is withdrawn")
            problems.append((where, Message(withdrawn, said), hint))
    return problems


def _basis_problems(q: Questionnaire, question: Question, at: Loc) -> list[Problem]:
    """A `basis` must occur in the questionnaire's source text, whitespace aside."""
    if not is_scored(question) or question.basis is None or q.source is None:
        return []
    text = source_text(q.source)
    if text is None or squash(question.basis) in text:
        return []
    words = squash(question.basis).split(" ")
    matched = 0
    while matched < len(words) and " ".join(words[: matched + 1]) in text:
        matched += 1
    said = {"source": q.source, "upto": " ".join(words[:matched]), "id": question.id}
    if matched:
        hint = Message(N_("it matches %(source)s up to %(upto)r; copy the passage exactly"), said)
    else:
        hint = Message(N_("copy a passage of %(source)s exactly; only whitespace may differ"), said)
    message = Message(N_("question %(id)s: basis is not in the source text %(source)s"), said)
    return [((*at, "basis"), message, hint)]


def _previous_id_problems(
    question: Question, at: Loc, current_ids: set[str], claimed: dict[str, str]
) -> list[Problem]:
    """Old ids that are current ids, or that an earlier question already continues."""
    problems: list[Problem] = []
    for pi, old in enumerate(question.previous_ids):
        where = (*at, "previous_ids", pi)
        said = {"id": question.id, "old": old, "by": claimed.get(old)}
        if old in current_ids:
            message = N_("question %(id)s: previous id %(old)r is a current id in this version")
            hint = N_("an id may not be reused for another question")
            problems.append((where, Message(message, said), Message(hint)))
        elif old in claimed:
            # Answers and comparisons follow an old id to one question, never to two.
            message = N_("question %(id)s: previous id %(old)r is already claimed by %(by)s")
            hint = N_("an old question continues as one new question")
            problems.append((where, Message(message, said), Message(hint)))
        claimed.setdefault(old, question.id)
    return problems


def _when_problems(
    target: str, values: list[Any], earlier: dict[str, set[OptionValue] | None], at: Loc, name: str
) -> list[Problem]:
    said: dict[str, object] = {"name": name, "target": target}
    if target not in earlier:
        return [
            (
                (*at, "question"),
                Message(
                    N_("%(name)s: `when` looks at %(target)r, which is not an earlier question"),
                    said,
                ),
                Message(N_("a condition may only depend on a question asked before it")),
            )
        ]
    allowed = earlier[target]
    if allowed is None:
        return [
            (
                (*at, "question"),
                Message(
                    N_(
                        "%(name)s: `when` looks at %(target)r, which is not a choice or multi "
                        "question"
                    ),
                    said,
                ),
                None,
            )
        ]
    problems: list[Problem] = []
    for vi, value in enumerate(values):
        if value not in allowed:
            shown = ", ".join(repr(v) for v in sorted(allowed, key=str))
            expects = N_(
                "%(name)s: `when` expects %(value)r from %(target)s, which can only be %(shown)s"
            )
            problems.append(
                ((*at, "in", vi), Message(expects, {**said, "value": value, "shown": shown}), None)
            )
    return problems


def _unique(values: list[Any], at: Loc, duplicate: str) -> list[Problem]:
    """A problem for each value seen before; `duplicate` says so of `%(value)r`."""
    seen: set[Any] = set()
    problems: list[Problem] = []
    for i, value in enumerate(values):
        if value in seen:
            problems.append(((*at, i), Message(duplicate, {"value": value}), None))
        seen.add(value)
    return problems


def answer_problems(answers: AnswersFile, q: Questionnaire) -> list[Problem]:
    """Everything in `answers` that `q` does not allow, each with the location of the value."""
    problems: list[Problem] = []
    if q.profile(answers.organization.profile) is None:
        problems.append(
            (
                ("organization", "profile"),
                Message(
                    N_("unknown profile %(typed)r in %(where)s"),
                    {"typed": answers.organization.profile, "where": q.ref},
                    f"unknown profile {answers.organization.profile!r}",
                ),
                Message(
                    N_("profiles of %(where)s are %(ids)s"),
                    {"where": q.ref, "ids": ", ".join(p.id for p in q.profiles)},
                ),
            )
        )
    for qid, entry in answers.answers.items():
        at = ("answers", qid)
        question = q.question(qid)
        if question is None:
            unknown = Message(
                N_("unknown question %(typed)r in %(where)s"), {"typed": qid, "where": q.ref}
            )
            problems.append((at, unknown, _unknown_hint(q, qid)))
        elif isinstance(entry, NotApplicable):
            if not question.allow_na:
                not_allowed = N_("%(id)s: N/A is not allowed for this question")
                hint = Message(N_("answer it instead"))
                problems.append((at, Message(not_allowed, {"id": qid}), hint))
        else:
            message = question.problem(entry.value)
            if message:
                said = {"id": qid, "problem": message[0]}
                wrong = Message(N_("%(id)s: %(problem)s"), said)
                problems.append(((*at, "value"), wrong, message[1]))
    for qid in answers.drafts:
        if q.question(qid) is None:
            unknown = Message(
                N_("draft for an unknown question %(typed)r in %(where)s"),
                {"typed": qid, "where": q.ref},
            )
            problems.append((("drafts", qid), unknown, _unknown_hint(q, qid)))
    return problems


def _unknown_hint(q: Questionnaire, qid: str) -> str:
    if qid in q.renamed:
        said = {"new": q.renamed[qid], "where": q.ref}
        return Message(N_("it is called %(new)s in %(where)s"), said)
    return Message(N_("check the id with `assess show`"))


def draft_warnings(answers: AnswersFile) -> list[Problem]:
    """Drafts beside an answer of the same question: not wrong, but their note counts nowhere.

    `take` and `answer` move a draft into the answer when one is chosen, so this only happens
    by hand edits or merges; the answer was chosen deliberately, so its note is not changed.
    """
    return [
        (
            ("drafts", qid),
            f"{qid} is answered, so its draft note is ignored",
            "copy what is still true into the answer's note, then delete the draft",
        )
        for qid in answers.drafts
        if qid in answers.answers
    ]
