"""Pydantic's validation errors in assess's own words, so the catalogs can translate them.

Pydantic words its errors in English only. Each error has a `type` and the values of its message
(`ctx`); the common types get a message of our own here, marked for the catalog and filled with
those values. In English pydantic's own text is shown, as it always was; a type not listed
keeps that English text in every language, so nothing is ever lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

from assess.errors import Message
from assess.i18n import N_

_BY_TYPE = {
    "missing": N_("a required key is missing"),
    "string_type": N_("must be text"),
    "int_type": N_("must be a whole number"),
    "int_parsing": N_("must be a whole number"),
    "int_from_float": N_("must be a whole number, not a fraction"),
    "float_type": N_("must be a number"),
    "float_parsing": N_("must be a number"),
    "finite_number": N_("must be a finite number"),
    "bool_type": N_("must be true or false"),
    "bool_parsing": N_("must be true or false"),
    "list_type": N_("must be a list"),
    "dict_type": N_("must be a mapping of keys to values"),
    "model_type": N_("must be a mapping of keys to values"),
    "model_attributes_type": N_("must be a mapping of keys to values"),
    "date_type": N_("must be a date (YYYY-MM-DD)"),
    "date_parsing": N_("must be a date (YYYY-MM-DD)"),
    "date_from_datetime_parsing": N_("must be a date (YYYY-MM-DD)"),
    "date_from_datetime_inexact": N_("must be a date (YYYY-MM-DD), without a time"),
    "datetime_type": N_("must be a date and time"),
    "datetime_parsing": N_("must be a date and time"),
    "datetime_from_date_parsing": N_("must be a date and time"),
    "timezone_aware": N_("must be a date and time with its time zone"),
    "literal_error": N_("must be %(expected)s"),
    "enum": N_("must be %(expected)s"),
    "string_too_short": N_("must be at least %(min_length)s characters long"),
    "string_too_long": N_("must be at most %(max_length)s characters long"),
    "string_pattern_mismatch": N_("must match the pattern %(pattern)s"),
    "too_short": N_("must have at least %(min_length)s items, not %(actual_length)s"),
    "too_long": N_("must have at most %(max_length)s items, not %(actual_length)s"),
    "greater_than": N_("must be greater than %(gt)s"),
    "greater_than_equal": N_("must be at least %(ge)s"),
    "less_than": N_("must be less than %(lt)s"),
    "less_than_equal": N_("must be at most %(le)s"),
    "union_tag_invalid": N_("%(discriminator)s must be one of %(expected_tags)s, not %(tag)s"),
    "union_tag_not_found": N_("the key %(discriminator)s is missing"),
}
"""Our message for each common pydantic error type; `%(name)s` are the error's ctx values."""

BLANK = N_("must not be blank")


def pydantic_message(error: ErrorDetails, english: str | None = None) -> Message:
    """One pydantic error in the catalog's words; in English, pydantic's text (or `english`).

    Our own validators raise `ValueError(Message(...))`, which is shown as that message.
    """
    english = error["msg"] if english is None else english
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if ctx.get("pattern") == r"\S":
        return Message(BLANK)
    if error["type"] == "value_error":
        raised = ctx.get("error")
        said = raised.args[0] if isinstance(raised, ValueError) and raised.args else None
        if isinstance(said, Message):
            return Message(said.template, said.values, english)
    template = _BY_TYPE.get(error["type"])
    values = {k: str(v) for k, v in ctx.items()}
    try:
        template % values if template else None
    except (KeyError, ValueError, TypeError):  # a pydantic version whose ctx has other keys
        template = None
    if template is None:  # a kind we have no words for: pydantic's English, in any language
        return Message(english)
    return Message(template, values, english)
