"""Shaping parsed YAML into pydantic models, with the first problem as one located line.

Pydantic reports locations as paths of keys; these functions turn them into the file's line and
column, and name the offending value the way a person would (by the nearest item's `id`).
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from assess.errors import AssessError, Message
from assess.files.yamlfile import YamlDocument
from assess.i18n import N_
from assess.model.base import Loc
from assess.model.pydantic_text import pydantic_message
from assess.model.values import Problem

M = TypeVar("M", bound=BaseModel)

_HINTS = {
    "extra_forbidden": N_("unknown key: check its spelling against `assess schema`"),
    "missing": N_("add it"),
    "string_type": N_("write it as text; quote values such as 1.0 or 2025"),
}


def parse_model(doc: YamlDocument, model: type[M], what: str) -> M:
    """Shape `doc` into `model`, turning the first validation error into one located line.

    `what` names the model with its article (`N_("an answers file")`) for the error message.
    """
    if not isinstance(doc.data, dict):
        expected = N_("expected %(what)s (a YAML mapping of keys to values)")
        raise doc.error((), Message(expected, {"what": Message(what)}))
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise validation_error(doc, exc) from None


def validation_error(doc: YamlDocument, exc: ValidationError) -> AssessError:
    """The first pydantic error as an AssessError pointing at the offending line."""
    first = exc.errors(include_url=False)[0]
    loc = data_loc(doc.data, tuple(first["loc"]))
    key: str = _describe(doc.data, loc) or Message(N_("file"))
    message = pydantic_message(first)
    if first["type"] == "extra_forbidden":
        message = Message(N_("unknown key"))
    elif first["type"] == "missing":
        missing = first["loc"][-1]
        key = _describe(doc.data, loc) or Message(N_("top level"))
        message = Message(N_("missing required key %(key)r"), {"key": missing})
    hint = _HINTS.get(first["type"])
    if first["loc"][-1] == "justification":
        hint = N_("N/A needs a justification: say why the question does not apply")
    return doc.error(
        loc,
        Message(N_("%(key)s: %(message)s"), {"key": key, "message": message}),
        Message(hint) if hint else None,
    )


def data_loc(data: Any, loc: tuple[Any, ...]) -> Loc:
    """The part of a pydantic error location that exists in the data.

    Pydantic adds union tags and model names to locations; they are not keys of the file.
    """
    found: list[str | int] = []
    node = data
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            node = node[part]
            found.append(part)
        elif isinstance(node, dict | list):
            continue
        else:
            break
    return tuple(found)


def _describe(data: Any, loc: Loc) -> str:
    """A readable name for a location, starting from the nearest list item that has an `id`."""
    parts: list[str] = []
    node = data
    for part in loc:
        node = node[part]
        name = node.get("id") if isinstance(part, int) and isinstance(node, dict) else None
        if isinstance(name, str):
            parts = [name]
        elif isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(str(part))
    return ".".join(parts).replace(".[", "[")


def raise_first(doc: YamlDocument, problems: list[Problem]) -> None:
    """Raise the problem that comes first in the file, as a reader would meet it."""
    if problems:
        loc, message, hint = min(problems, key=lambda p: doc.where(p[0])[0] or 0)
        raise doc.error(loc, message, hint)
