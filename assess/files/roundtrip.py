"""Round-trip YAML editing shared by the answers and review files: comments and order survive.

Files people edit by hand are changed through ruamel.yaml, which keeps comments, key order and
quoting, and writes text in the dialect assess reads. Only writers import this module, so
reading commands never load ruamel.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from assess.errors import AssessError
from assess.files.yaml_problems import yaml_problem
from assess.files.yamlfile import implicit_tag
from assess.i18n import N_


def load_round_trip(path: Path, text: str) -> Any:
    """The document in `text` as ruamel round-trip data; bad YAML is one located error."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        yaml = YAML()
        yaml.preserve_quotes = True
        return yaml.load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise AssessError(
            N_("invalid YAML: %(problem)s"),
            values={"problem": yaml_problem(getattr(exc, "problem", None) or exc)},
            file=path,
            line=mark.line + 1 if mark is not None else None,
        ) from None


def guess_indent(text: str) -> tuple[int, int]:
    """How far the file indents nested mappings, and its dashes under a key (2 and 2 if unseen).

    The writer cannot keep each line's indentation, so it follows the file's own habit.
    """
    mapping: int | None = None
    dash: int | None = None
    parent: int | None = None
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        column = len(line) - len(stripped)
        if parent is not None and stripped.startswith("- "):
            dash = column - parent if dash is None else dash
        elif parent is not None and column > parent:
            mapping = column - parent if mapping is None else mapping
        is_key = stripped.rstrip().endswith(":") and not stripped.startswith("- ")
        parent = column if is_key else None
    return mapping or 2, 2 if dash is None else dash


def dump_round_trip(doc: Any, *, indent: int, dash: int) -> str:
    """`doc` as YAML text in the reader's dialect, indented the way the file was."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    # No line is ever re-wrapped: other people's notes stay as they wrote them, line for line.
    yaml.width = 1_000_000
    yaml.indent(mapping=indent, sequence=dash + 2, offset=dash)
    yaml.representer.add_representer(str, _represent_str)
    yaml.representer.add_representer(dt.datetime, _represent_datetime)
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()


# Line breaks in YAML 1.1 (which PyYAML's scanner follows) but text in 1.2: ruamel writes them
# raw inside plain or single-quoted text, where they would be read back as spaces.
_OLD_BREAKS = ("\x85", "\u2028", "\u2029")


def _represent_str(representer: Any, data: str) -> Any:
    """Text that assess would read back as another type (`010`, `true`, a date) is quoted.

    The reader follows the YAML 1.2 core schema (`assess.files.yamlfile.implicit_tag`); checking
    against it, not against ruamel's own rules, keeps the writer and the reader one dialect.
    """
    style = "'" if implicit_tag(data) != "tag:yaml.org,2002:str" else None
    if any(mark in data for mark in _OLD_BREAKS):
        style = '"'  # written as escapes, so no reader can take them for line breaks
    return representer.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def _represent_datetime(representer: Any, data: dt.datetime) -> Any:
    # ISO 8601 with a T and the offset, as people and other tools write timestamps.
    return representer.represent_scalar("tag:yaml.org,2002:timestamp", data.isoformat())
