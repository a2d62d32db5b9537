"""Click's and typer's usage errors in assess's words, so the catalogs can translate them.

Click words its usage errors in English from a small set of sentences (no such option, missing
argument, invalid value ...). `usage_problem` matches the sentence and gives it a message of the
catalog with the same values: the option, argument or value as the user typed it stays as it was.
In English the sentence is printed as it always was; one not listed keeps its English text.
"""

from __future__ import annotations

import re

from assess.errors import Message
from assess.i18n import N_

_SENTENCES = (
    (r"no such option: (?P<option>\S+) \(Possible options: (?P<options>.+)\)", None),
    (r"no such option: (?P<option>\S+)", N_("no such option: %(option)s")),
    (r"missing argument (?P<name>.+)", N_("missing argument %(name)s")),
    (r"missing option (?P<name>.+)", N_("missing option %(name)s")),
    (r"missing parameter (?P<name>.+)", N_("missing parameter %(name)s")),
    (r"missing command", N_("missing command")),
    (
        r"no such command (?P<name>'[^']*')\. Did you mean (?P<suggestion>.+)\?",
        N_("no such command %(name)s; did you mean %(suggestion)s?"),
    ),
    (r"no such command (?P<name>.+)", N_("no such command %(name)s")),
    (r"option (?P<option>.+) requires an argument", N_("option %(option)s requires an argument")),
    (
        r"option (?P<option>.+) requires (?P<count>\d+) arguments",
        N_("option %(option)s requires %(count)s arguments"),
    ),
    (r"option (?P<option>.+) does not take a value", N_("option %(option)s does not take a value")),
    (
        r"got unexpected extra argument\(s\) \((?P<arguments>.+)\)",
        N_("got unexpected extra arguments (%(arguments)s)"),
    ),
    (
        r"invalid value for (?P<name>.+?): (?P<problem>.+)",
        N_("invalid value for %(name)s: %(problem)s"),
    ),
)
_POSSIBLE = N_("no such option: %(option)s (possible options: %(options)s)")

_VALUE_PROBLEMS = (
    (r"(?P<value>.+) is not one of (?P<choices>.+)", N_("%(value)s is not one of %(choices)s")),
    (r"(?P<value>.+) is not (?P<choice>'[^']*')", N_("%(value)s is not %(choice)s")),
)


def usage_problem(english: str, cause: BaseException | None = None) -> Message:
    """A usage error's one-line `english` text (lower-case start, no full stop) as a message.

    `cause` is what the error was raised from: typer checks values with pydantic, whose
    errors are translated by their kind.
    """
    for pattern, template in _SENTENCES:
        found = re.fullmatch(pattern, english)
        if found is None:
            continue
        values: dict[str, object] = dict(found.groupdict())
        if "problem" in values:
            values["problem"] = _value_problem(str(values["problem"]), cause)
        return Message(template or _POSSIBLE, values, english)
    return Message(english)


def _value_problem(english: str, cause: BaseException | None) -> str:
    from pydantic import ValidationError

    from assess.model.pydantic_text import pydantic_message

    for pattern, template in _VALUE_PROBLEMS:
        found = re.fullmatch(pattern, english)
        if found is not None:
            return Message(template, found.groupdict(), english)
    if isinstance(cause, ValidationError) and cause.errors():
        return pydantic_message(cause.errors(include_url=False)[0], english)
    return english
