"""Safe YAML reading that remembers where every value came from.

Hand-edited files deserve errors that point at a line, so loading keeps a map from each value's
path (keys and list indexes) to its line and column. Loading is deliberately strict: safe tags
only, duplicate keys refused, plain values read by the YAML 1.2 core schema that the writer
follows (`yes` stays the string "yes", `010` is ten, `1:30` is text), and limits on size and alias
expansion so that a hostile file is refused quickly.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import yaml

from assess.errors import AssessError
from assess.files.reading import read_limited
from assess.files.yaml_problems import yaml_problem
from assess.files.yamlbuild import MAX_DEPTH as MAX_DEPTH
from assess.files.yamlbuild import MAX_NODES as MAX_NODES
from assess.files.yamlbuild import MERGE, STR, TIMESTAMP, Builder
from assess.i18n import N_
from assess.model.base import Loc

MAX_BYTES = 4 * 1024 * 1024
_BaseLoader: type[yaml.SafeLoader]
try:
    _BaseLoader = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """A safe loader that resolves plain scalars by the YAML 1.2 core schema, as the writer does."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        """The tag of a node, remembered for short scalars.

        Answers files repeat the same keys and small values thousands of times in a batch, and
        PyYAML matches every plain scalar against its patterns anew; the answer depends only on
        the text and whether it was quoted (this loader has no path-based resolvers).
        """
        if kind is not yaml.ScalarNode or len(value) > 64:
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        tag = _RESOLVED.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(_RESOLVED) < 100_000:
                _RESOLVED[key] = tag
        return tag


_RESOLVED: dict[tuple[str, tuple[bool, bool]], str] = {}


# The YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1023-core-schema), plus dates, which
# answers files have always written plain. The writer (ruamel.yaml) quotes any string these
# would read as something else, so what is written reads back as it was: `yes` and `on` stay
# text, `010` is ten, `1:30` is text, and only true/false are booleans.
IMPLICIT: Final = (
    ("tag:yaml.org,2002:bool", r"true|True|TRUE|false|False|FALSE"),
    ("tag:yaml.org,2002:int", r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"),
    (
        "tag:yaml.org,2002:float",
        r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)",
    ),
    ("tag:yaml.org,2002:null", r"~|null|Null|NULL|"),
    (
        TIMESTAMP,
        r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
        r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
        r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?",
    ),
    # Not part of YAML 1.2, but recognized so that `<<:` is refused rather than read as a key.
    ("tag:yaml.org,2002:merge", r"<<"),
)
_IMPLICIT_RX = [(tag, re.compile(f"^(?:{rx})$")) for tag, rx in IMPLICIT]


def implicit_tag(text: str) -> str:
    """The type a plain (unquoted) scalar `text` is read as; the writer quotes other than text."""
    for tag, rx in _IMPLICIT_RX:
        if rx.match(text):
            return tag
    return STR


def _first_chars(tag: str) -> list[str]:
    if tag == "tag:yaml.org,2002:null":
        return [*"~nN", ""]
    starts = {
        "tag:yaml.org,2002:bool": "tTfF",
        "tag:yaml.org,2002:int": "-+0123456789",
        "tag:yaml.org,2002:float": "-+.0123456789",
        TIMESTAMP: "0123456789",
        MERGE: "<",
    }
    return list(starts[tag])


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = str(loader.construct_scalar(node))
    if text[:2] in ("0o", "0x"):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text, 10)  # 1.2: a leading zero is not octal, so 010 is ten


def _construct_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> float:
    text = str(loader.construct_scalar(node)).lower()
    if text.endswith((".inf", ".nan")):
        return float(text.replace(".", ""))
    return float(text)


_Loader.yaml_implicit_resolvers = {}
for _tag, _rx in _IMPLICIT_RX:
    _Loader.add_implicit_resolver(_tag, _rx, _first_chars(_tag))
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)


def compose(text: str) -> yaml.Node | None:
    """The node tree of `text` with positions, by the fast parser and this module's dialect."""
    loader = _Loader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


@dataclass(frozen=True)
class YamlDocument:
    """The plain data of a YAML file and the line and column of each value in it."""

    path: Path
    data: Any
    text: str
    positions: Mapping[Loc, tuple[int, int]] = field(repr=False)

    def where(self, loc: Loc) -> tuple[int | None, int | None]:
        """Line and column of the deepest known value along `loc` (1-based)."""
        for end in range(len(loc), -1, -1):
            found = self.positions.get(loc[:end])
            if found is not None:
                return found
        return None, None

    def error(self, loc: Loc, message: str, hint: str | None = None) -> AssessError:
        """An error about the value at `loc`, pointing at its line."""
        line, column = self.where(loc)
        return AssessError(message, file=self.path, line=line, column=column, hint=hint)


def read_bytes(path: Path) -> bytes:
    """A small file's bytes, refusing missing, unreadable and oversized files with a clear error.

    At most one byte past the size limit is read, so a huge file is refused quickly.
    """
    return read_limited(
        path,
        MAX_BYTES,
        hint=N_("questionnaires and answers files are small; is this the right file?"),
    )


def decode(data: bytes, path: Path, what: str = "") -> str:
    """`data` as UTF-8 text; `what` names the attachment of `path` it is, for the error."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        message = N_("not UTF-8 text (byte %(byte)s)")
        if what:
            message = N_("the attached %(name)s is not UTF-8 text (byte %(byte)s)")
        raise AssessError(
            message,
            file=path,
            hint=N_("save the file as UTF-8"),
            values={"name": what, "byte": exc.start},
        ) from None


def read_text(path: Path) -> str:
    """Read a small UTF-8 text file, refusing missing, oversized and binary files clearly."""
    return decode(read_bytes(path), path)


def load_yaml(path: Path, text: str | None = None) -> YamlDocument:
    """Parse one YAML document from `path` (or from `text`, naming `path` in errors)."""
    if text is None:
        text = read_text(path)
    elif len(text.encode("utf-8")) > MAX_BYTES:
        raise AssessError(
            N_("document is over the limit of %(limit)s bytes"),
            file=path,
            values={"limit": f"{MAX_BYTES:,}"},
        )
    loader = _Loader(text)
    builder = Builder(loader, path)
    try:
        data = builder.document()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise AssessError(
            N_("invalid YAML: %(problem)s"),
            file=path,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            values={"problem": yaml_problem(problem)},
        ) from None
    except yaml.YAMLError as exc:
        raise AssessError(
            N_("invalid YAML: %(problem)s"), file=path, values={"problem": yaml_problem(exc)}
        ) from None
    finally:
        loader.dispose()
    return YamlDocument(path=path, data=data, text=text, positions=builder.positions)
