"""The parts questions are made of: values, scores, weights, conditions, references."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StrictInt, StrictStr

from assess.errors import Message
from assess.i18n import N_
from assess.model.base import Id, Loc, Model

OptionValue = StrictInt | StrictStr
Score = Annotated[float, Field(ge=0, le=1)]
MAX_WEIGHT = 1_000_000
"""Weights are relative; a cap keeps every sum of weights and scores far from overflowing."""
Weight = Annotated[float, Field(gt=0, le=MAX_WEIGHT)]
LevelNumber = Annotated[int, Field(ge=1, le=9)]

Problem = tuple[Loc, str, str | None]
"""A problem in a file: where (keys from the top), what is wrong, and a hint."""


def problem(loc: Loc, message: str, hint: str | None = None, **values: object) -> Problem:
    """A problem at `loc`: `message` and `hint`, marked with `N_`, filled in with `values`."""
    return (loc, Message(message, values), Message(hint, values) if hint else None)


ValueProblem = tuple[str, str]
"""Why a value is not an answer a question can take, and what to do instead."""


class ScaleOption(Model):
    """One answer a `choice` question can take, and what it scores."""

    value: OptionValue
    label: str
    score: Score
    description: str


class Condition(Model):
    """`when`: the question applies only if an earlier question's answer is one of `in`."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    question: Id
    in_: list[OptionValue] = Field(alias="in", min_length=1)


ReferenceKey = Literal[
    "nist-csf-2.0",
    "iso-27001-2022",
    "gb-t-22239-2019",
    "cii-regulations-2021",
    "cybersecurity-law-2016",
    "data-security-law-2021",
    "pipl-2021",
]
"""The frameworks, standards and laws a question may cite; each has a list of known ids."""

References = dict[ReferenceKey, list[str]]

REFERENCE_ORDER: tuple[ReferenceKey, ...] = (
    "cybersecurity-law-2016",
    "data-security-law-2021",
    "pipl-2021",
    "cii-regulations-2021",
    "gb-t-22239-2019",
    "iso-27001-2022",
    "nist-csf-2.0",
)
"""Laws first, then standards and frameworks: the order a regulator in China reads them in."""


def same_value(a: object, b: object) -> bool:
    """The one meaning of "the same option value": equal and of one type (1 is not "1")."""
    return a == b and type(a) is type(b)


def anchor_problems(
    qid: str, scale: str, options: list[ScaleOption], anchors: dict[OptionValue, str], at: Loc
) -> list[Problem]:
    """A choice question's anchors must describe every value of its scale and nothing else."""
    values = [o.value for o in options]
    said = {"id": qid, "scale": scale, "shown": ", ".join(repr(v) for v in values)}
    extra = [v for v in anchors if not any(same_value(v, w) for w in values)]
    if extra:
        message = N_("question %(id)s: anchor %(value)r is not a value of scale %(scale)r")
        hint = N_("the values are %(shown)s")
        return [problem((*at, "anchors", extra[0]), message, hint, value=extra[0], **said)]
    missing = [v for v in values if not any(same_value(v, a) for a in anchors)]
    if missing:
        message = N_("question %(id)s: no anchor for value %(value)r of scale %(scale)r")
        hint = N_("describe every value: %(shown)s")
        return [problem((*at, "anchors"), message, hint, value=missing[0], **said)]
    return []


ValueKey = tuple[str, int | float | str]
"""An option value with its type's name, so that 1 and "1" (and 1.0) stay apart in a dict."""


def value_key(value: int | float | str) -> ValueKey:
    """The key of an option value: its type's name and the value."""
    return type(value).__name__, value


def parse_number(text: str) -> int | float | None:
    """An integer or a finite decimal typed by a person; None when the text is neither."""
    text = text.strip()
    if text.lstrip("+-").isdigit():
        return int(text)
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None
