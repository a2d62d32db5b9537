"""Questionnaire translations: a file of text by id, and a questionnaire with it applied.

A translation (`ID-VERSION.LANG.yaml`, beside its questionnaire) gives, by id, the text of every
part a reader sees: title, level, scale option, profile and dimension names and descriptions,
quotes, question text, guidance, recommendations, basis passages and anchors, checklist items,
units and band labels.
It holds no ids of its own, values, scores, levels or weights: applying it to the questionnaire
changes only text, so scores, findings and comparisons are the same in every language. A basis is
quoted in its original wording or declared `untranslated`, and then shown as the source gives it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field, StrictInt, StrictStr

from assess.errors import Message
from assess.i18n import N_
from assess.model.base import Id, Loc, Model, empty_dict
from assess.model.language import LanguageTag
from assess.model.questionnaire import Questionnaire
from assess.model.values import LevelNumber, Problem, problem


class TranslationOf(Model):
    """Which questionnaire version a translation renders, and into which language."""

    questionnaire: Id
    version: StrictStr
    language: LanguageTag


class NamedText(Model):
    """The name and description of a level or a profile."""

    name: StrictStr | None = None
    description: StrictStr | None = None


class OptionText(Model):
    """The label and description of a scale option or a checklist item."""

    label: StrictStr | None = None
    description: StrictStr | None = None


class DimensionText(Model):
    """A dimension's name, description and quote (in the source text's own words)."""

    name: StrictStr | None = None
    description: StrictStr | None = None
    quote: StrictStr | None = None


class QuestionText(Model):
    """A question's text, guidance, advice, basis, anchors, checklist items, unit and bands."""

    text: StrictStr | None = None
    guidance: StrictStr | None = None
    recommendation: StrictStr | None = None
    basis: StrictStr | None = Field(
        default=None, description="The passage of the source text, in its original wording."
    )
    anchors: dict[StrictInt | StrictStr, StrictStr] = Field(
        default_factory=empty_dict, description="What each scale value means for this practice."
    )
    options: dict[StrictStr, OptionText] = Field(
        default_factory=empty_dict, description="Checklist items (multi questions), by value."
    )
    unit: StrictStr | None = None
    bands: list[StrictStr] | None = Field(
        default=None, description="Band labels (number questions), in the questionnaire's order."
    )
    untranslated: list[Literal["basis"]] = Field(
        default_factory=list,
        description="Texts deliberately left in the questionnaire's language: a `basis` whose "
        "passage has no original wording the translator can quote, shown as the source gives it.",
    )


class Translation(Model):
    """A translation file: the questionnaire's text in another language, keyed by id."""

    translation: TranslationOf
    title: StrictStr | None = None
    description: StrictStr | None = None
    level_zero: NamedText | None = None
    levels: dict[LevelNumber, NamedText] = Field(default_factory=empty_dict)
    scales: dict[Id, dict[StrictInt | StrictStr, OptionText]] = Field(default_factory=empty_dict)
    profiles: dict[Id, NamedText] = Field(default_factory=empty_dict)
    dimensions: dict[Id, DimensionText] = Field(default_factory=empty_dict)
    questions: dict[Id, QuestionText] = Field(default_factory=empty_dict)

    @property
    def language(self) -> str:
        """The language the translation is in."""
        return self.translation.language


Slot = tuple[dict[str, Any], str]
"""Where a translatable text sits in a questionnaire's data: the mapping and its key."""


def _slots(data: dict[str, Any]) -> dict[Loc, Slot]:
    """Every text of a questionnaire's data that a translation gives, by its place there."""
    slots: dict[Loc, Slot] = {}

    def add(loc: Loc, holder: dict[str, Any], *keys: str) -> None:
        for key in keys:
            if holder.get(key) is not None:
                slots[(*loc, key)] = (holder, key)

    add((), data, "title", "description")
    add(("level_zero",), data["level_zero"], "name", "description")
    for level in data["levels"]:
        add(("levels", level["level"]), level, "name", "description")
    for scale, options in data["scales"].items():
        for option in options:
            add(("scales", scale, option["value"]), option, "label", "description")
    for profile in data["profiles"]:
        add(("profiles", profile["id"]), profile, "name", "description")
    # In the order of a translation file: every dimension, then every question.
    for dim in data["dimensions"]:
        add(("dimensions", dim["id"]), dim, "name", "description", "quote")
    for dim in data["dimensions"]:
        for question in dim["questions"]:
            at = ("questions", question["id"])
            add(at, question, "text", "guidance", "recommendation", "basis", "unit")
            for value in question.get("anchors") or {}:
                slots[(*at, "anchors", value)] = (question["anchors"], value)
            if question["type"] == "multi":
                for item in question["options"]:
                    add((*at, "options", item["value"]), item, "label", "description")
            for i, band in enumerate(question.get("bands") or []):
                slots[(*at, "bands", i)] = (band, "label")
    return slots


def _leaves(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, Any]]:
    """Every text a translation gives, with its place (keys and band indexes from the top)."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _leaves(inner, (*loc, key))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _leaves(inner, (*loc, i))
    elif value is not None:
        yield loc, value


def _source(questionnaire: Questionnaire) -> tuple[dict[str, Any], dict[Loc, Slot]]:
    data = questionnaire.model_dump(by_alias=True, mode="python")
    return data, _slots(data)


def _required(questionnaire: Questionnaire, slots: dict[Loc, Slot]) -> list[Loc]:
    # Reaching no level is named by assess's own words unless the questionnaire names it: a
    # translation may name it, and must only when the questionnaire does.
    named = "level_zero" in questionnaire.model_fields_set
    return [loc for loc in slots if named or loc[0] != "level_zero"]


def _given(translation: Translation) -> list[tuple[Loc, Any]]:
    data = translation.model_dump(mode="python", exclude={"translation"})
    return [(loc, text) for loc, text in _leaves(data) if loc[2:3] != ("untranslated",)]


def kept(translation: Translation) -> list[Loc]:
    """The places the translation declares `untranslated`: shown in the questionnaire's language.

    Only a question's `basis` can be kept: a passage quoted from a source is given in that
    source's own words or not at all, never in words the translator wrote for it.
    """
    return [
        ("questions", question, name)
        for question, text in translation.questions.items()
        for name in text.untranslated
    ]


def texts(questionnaire: Questionnaire) -> list[Loc]:
    """The places of every text of the questionnaire that a translation gives, in its order."""
    return _required(questionnaire, _source(questionnaire)[1])


def missing(questionnaire: Questionnaire, translation: Translation) -> list[Loc]:
    """The places of the questionnaire's texts that the translation lacks, in its file's order."""
    given = {loc for loc, _ in _given(translation)} | set(kept(translation))
    return [loc for loc in texts(questionnaire) if loc not in given]


PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|XXX|TRANSLATE)\b|\?\?\?|待翻译|待译|待补充")
"""What translators leave to come back to; a finished translation has none of it."""


def translation_problems(questionnaire: Questionnaire, translation: Translation) -> list[Problem]:
    """What is wrong with a translation against its questionnaire, each with its place.

    A text for something the questionnaire lacks (an unknown id, option value or band), a blank
    text or a placeholder, prose copied from the source without translating it, and a basis
    declared `untranslated` that the question lacks or that the translation gives all the same.
    """
    _, slots = _source(questionnaire)
    known = {loc[:2] for loc in slots}
    problems: list[Problem] = []
    reported: set[Loc] = set()
    for loc, text in _given(translation):
        slot = slots.get(loc)
        where = ".".join(str(part) for part in loc)
        said = {"where": where, "ref": questionnaire.ref, "text": text.strip()[:40]}
        if slot is None and len(loc) > 2 and loc[:2] not in known:
            if loc[:2] not in reported:
                reported.add(loc[:2])
                problems.append((loc[:2], _unknown(questionnaire, loc), Message(_HINT)))
        elif slot is None:
            problems.append(problem(loc, N_("%(where)s: %(ref)s has no such text"), _HINT, **said))
        elif not text.strip() or PLACEHOLDER.search(text):
            left = N_("%(where)s: placeholder left: %(text)r")
            problems.append(problem(loc, left, N_("translate it"), **said))
        elif text == slot[0][slot[1]] and len(text.split()) >= 4:
            still = N_("%(where)s: still the source text")
            problems.append(problem(loc, still, N_("translate it"), **said))
    given = {loc for loc, _ in _given(translation)}
    for loc in kept(translation):
        where = ".".join(str(part) for part in loc)
        said = {"where": where, "ref": questionnaire.ref, "text": str(loc[2])}
        if loc[:2] not in known:
            if loc[:2] not in reported:
                reported.add(loc[:2])
                problems.append((loc[:2], _unknown(questionnaire, loc), Message(_HINT)))
        elif loc not in slots:
            message = N_("%(where)s: declared untranslated, but %(ref)s has no such text")
            hint = N_("remove it from `untranslated`")
            problems.append(problem((*loc[:2], "untranslated"), message, hint, **said))
        elif loc in given:
            message = N_("%(where)s: both given and declared untranslated")
            hint = N_("remove %(text)s from `untranslated`, or remove the text")
            problems.append(problem(loc, message, hint, **said))
    return problems


_HINT = N_("compare with the questionnaire (`assess show` it), or remove it")
_KINDS = {
    "levels": N_("%(ref)s has no level %(id)r"),
    "scales": N_("%(ref)s has no scale %(id)r"),
    "profiles": N_("%(ref)s has no profile %(id)r"),
    "dimensions": N_("%(ref)s has no dimension %(id)r"),
    "questions": N_("%(ref)s has no question %(id)r"),
}


def _unknown(questionnaire: Questionnaire, loc: Loc) -> str:
    said = {"ref": questionnaire.ref, "id": loc[1], "kind": loc[0]}
    return Message(_KINDS.get(str(loc[0]), N_("%(ref)s has no %(kind)s %(id)r")), said)


def translate(questionnaire: Questionnaire, translation: Translation) -> Questionnaire:
    """The questionnaire with the translation's texts: same ids, values, scores and rules.

    Texts the translation lacks stay in the source language; callers that must not show them
    check `missing` first. Texts for places the questionnaire lacks are ignored (see
    `translation_problems`).
    """
    data, slots = _source(questionnaire)
    for loc, text in _given(translation):
        slot = slots.get(loc)
        if slot is not None:
            slot[0][slot[1]] = text
    data["language"] = translation.language
    return Questionnaire.model_validate(data)
