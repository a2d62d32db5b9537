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
from assess.i18n import N_
from assess.model.base import Loc

MAX_BYTES = 4 * 1024 * 1024
MAX_NODES = 200_000
# Building the data recurses once per level; real files nest a handful of levels, and a
# limit well below Python's recursion limit turns `[[[[...` into an error, not a traceback.
MAX_DEPTH = 64

_BaseLoader: type[yaml.SafeLoader]
try:
    _BaseLoader = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader

_PLAIN_COLLECTIONS = ("tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")
_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
# Scalar tags whose safe constructors return a value directly; any other tag goes through
# PyYAML's construct_object, which refuses unknown and unsafe tags.
_PLAIN_SCALARS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "timestamp")
)
# What PyYAML's scalar constructors raise for text their pattern lets through but Python
# refuses: 2025-02-30 (ValueError), `!!timestamp hello` (AttributeError), `!!bool maybe`
# (KeyError), `0x_` (ValueError). They are mistakes in the file, not bugs.
_CONSTRUCT_ERRORS = (ArithmeticError, AttributeError, LookupError, TypeError, ValueError)


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
        _TIMESTAMP,
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
    return _STR


def _first_chars(tag: str) -> list[str]:
    if tag == "tag:yaml.org,2002:null":
        return [*"~nN", ""]
    starts = {
        "tag:yaml.org,2002:bool": "tTfF",
        "tag:yaml.org,2002:int": "-+0123456789",
        "tag:yaml.org,2002:float": "-+.0123456789",
        _TIMESTAMP: "0123456789",
        "tag:yaml.org,2002:merge": "<",
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
        path, MAX_BYTES, hint="questionnaires and answers files are small; is this the right file?"
    )


def decode(data: bytes, path: Path, what: str = "") -> str:
    """`data` as UTF-8 text; `what` says which part of `path` it is, for the error."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AssessError(
            f"{what}not UTF-8 text (byte {exc.start})", file=path, hint="save the file as UTF-8"
        ) from None


def read_text(path: Path) -> str:
    """Read a small UTF-8 text file, refusing missing, oversized and binary files clearly."""
    return decode(read_bytes(path), path)


def load_yaml(path: Path, text: str | None = None) -> YamlDocument:
    """Parse one YAML document from `path` (or from `text`, naming `path` in errors)."""
    if text is None:
        text = read_text(path)
    elif len(text.encode("utf-8")) > MAX_BYTES:
        raise AssessError(f"document is over the limit of {MAX_BYTES:,} bytes", file=path)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        builder = _Builder(loader, path)
        data = None if node is None else builder.build(node, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise AssessError(
            N_("invalid YAML: %(problem)s"),
            file=path,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            values={"problem": problem},
        ) from None
    except yaml.YAMLError as exc:
        raise AssessError(
            N_("invalid YAML: %(problem)s"), file=path, values={"problem": exc}
        ) from None
    finally:
        loader.dispose()
    return YamlDocument(path=path, data=data, text=text, positions=builder.positions)


class _Builder:
    """Turns a composed node tree into plain data, checking what PyYAML lets through."""

    def __init__(self, loader: yaml.SafeLoader, path: Path) -> None:
        self.loader = loader
        self.path = path
        self.positions: dict[Loc, tuple[int, int]] = {}
        self.count = 0
        self.active: set[int] = set()

    def fail(self, node: yaml.Node, message: str, hint: str | None = None) -> AssessError:
        mark = node.start_mark
        return AssessError(
            message, file=self.path, line=mark.line + 1, column=mark.column + 1, hint=hint
        )

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(
                node,
                f"document expands to more than {MAX_NODES:,} values",
                "aliases (*name) that repeat large blocks are refused",
            )
        if loc not in self.positions:  # a mapping value already has its key's position
            mark = node.start_mark
            self.positions[loc] = (mark.line + 1, mark.column + 1)
        if len(loc) > MAX_DEPTH:
            raise self.fail(
                node,
                f"nested more than {MAX_DEPTH} levels deep",
                "questionnaires and answers files nest only a few levels",
            )
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if id(node) in self.active:
            raise self.fail(node, "an alias refers to itself", "remove the recursive alias")
        self.active.add(id(node))
        try:
            if node.tag not in _PLAIN_COLLECTIONS:
                raise self.fail(node, f"unsupported tag {node.tag!r}", "remove the tag")
            if isinstance(node, yaml.SequenceNode):
                return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
            if isinstance(node, yaml.MappingNode):
                return self.build_mapping(node, loc)
            raise self.fail(node, "unsupported YAML node")  # pragma: no cover
        finally:
            self.active.discard(id(node))

    def scalar(self, node: yaml.ScalarNode) -> Any:
        """The value of a scalar node.

        Plain scalars skip construct_object, whose alias and recursion bookkeeping cost more
        than the conversion itself (answers files are mostly short strings). A value its tag
        cannot hold, such as the date 2025-02-30, is an error at its line.
        """
        if node.tag == _STR:
            return node.value
        try:
            if node.tag in _PLAIN_SCALARS:
                return self.loader.yaml_constructors[node.tag](self.loader, node)
            return self.loader.construct_object(node)
        except _CONSTRUCT_ERRORS:
            shown = repr(node.value if len(node.value) <= 40 else node.value[:39] + "…")
            if node.tag == _TIMESTAMP:
                raise self.fail(node, f"invalid date {shown}", "write it as YYYY-MM-DD") from None
            kind = node.tag.rpartition(":")[2]
            raise self.fail(
                node, f"invalid {kind} value {shown}", "fix the value or quote it as text"
            ) from None

    def build_mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.fail(key_node, "merge keys (<<) are not supported", "write keys out")
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, "a mapping key must be a plain value")
            key = self.scalar(key_node)
            if key in result:
                first = self.positions.get((*loc, key))
                where = f" (first at line {first[0]})" if first else ""
                raise self.fail(
                    key_node,
                    f"duplicate key {key!r}{where}",
                    "YAML keeps only the last one; remove or merge the duplicates",
                )
            key_mark = key_node.start_mark
            self.positions[(*loc, key)] = (key_mark.line + 1, key_mark.column + 1)
            result[key] = self.build(value_node, (*loc, key))
        return result
