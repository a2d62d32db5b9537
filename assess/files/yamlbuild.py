"""Plain data with line numbers straight from the C parser's events, without a node tree.

`assess.files.yamlfile.load_yaml` reads every file through `Builder`: composing PyYAML's node
objects for every scalar, then walking them, cost as much again as parsing. The builder keeps
what that did: positions, refusal of duplicate and merge keys, the YAML 1.2 types (by the
loader's resolver and constructors), limits on values and depth, and aliases that expand to
independent copies.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from assess.errors import AssessError, Message
from assess.i18n import N_
from assess.model.base import Loc

MAX_NODES = 200_000
# Building the data recurses once per level; real files nest a handful of levels, and a
# limit well below Python's recursion limit turns `[[[[...` into an error, not a traceback.
MAX_DEPTH = 64

STR = "tag:yaml.org,2002:str"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
MERGE = "tag:yaml.org,2002:merge"
_PLAIN_COLLECTIONS = (None, "!", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")
# Scalar tags whose safe constructors return a value directly; any other tag goes through
# PyYAML's construct_object, which refuses unknown and unsafe tags.
_PLAIN_SCALARS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "timestamp")
)
# What PyYAML's scalar constructors raise for text their pattern lets through but Python
# refuses: 2025-02-30 (ValueError), `!!timestamp hello` (AttributeError), `!!bool maybe`
# (KeyError), `0x_` (ValueError). They are mistakes in the file, not bugs.
_CONSTRUCT_ERRORS = (ArithmeticError, AttributeError, LookupError, TypeError, ValueError)


_MISSING: Any = object()
# Plain scalars' values by their text: in a batch, answers files repeat the same keys and small
# values thousands of times, and the value depends only on the text. Only immutable values
# (text, numbers, booleans, null, dates) are kept.
_VALUES: dict[str, Any] = {}


@dataclass(frozen=True)
class _Anchor:
    """What an anchored value built to, so that each alias of it builds an independent copy."""

    data: Any
    mark: tuple[int, int]
    positions: tuple[tuple[Loc, tuple[int, int]], ...]
    count: int
    depth: int


class Builder:
    """Plain data and positions straight from the C parser's events, without a node tree.

    It keeps what composing nodes and building from them did: positions, duplicate-key and
    merge-key refusal, the YAML 1.2 types, limits on values and depth, and aliases that expand
    to independent copies. As when the whole file was composed first, an error in the YAML
    itself anywhere in the file is reported before a problem found while building.
    """

    def __init__(self, loader: Any, path: Path) -> None:
        self.loader = loader
        self.next_event = loader.get_event
        self.path = path
        self.positions: dict[Loc, tuple[int, int]] = {}
        self.count = 0
        self.anchors: dict[str, _Anchor | None] = {}
        self.first_marks: dict[str, Any] = {}
        self.root_mark: Any = None

    def document(self) -> Any:
        """The single document's data (None for an empty stream)."""
        self.next_event()  # the stream's start
        if isinstance(self.next_event(), yaml.StreamEndEvent):
            return None
        try:
            event = self.next_event()
            self.root_mark = event.start_mark
            data = self.value(event, ())
        except (AssessError, yaml.constructor.ConstructorError):
            self.rest()  # the YAML's own errors come first, as when composing the whole file
            raise
        self.next_event()  # the document's end
        self.rest()
        return data

    def rest(self) -> None:
        """Parse to the end, raising what composing would: a YAML error, a second document."""
        event: Any
        while (event := self.next_event()) is not None:
            mark: Any = event.start_mark
            if isinstance(event, yaml.DocumentStartEvent):
                raise yaml.composer.ComposerError(
                    "expected a single document in the stream",
                    self.root_mark,
                    "but found another document",
                    mark,
                )
            self.check_anchor(event)

    def check_anchor(self, event: Any) -> None:
        """Refuse what the composer refuses: an alias to no anchor, an anchor defined twice."""
        anchor = getattr(event, "anchor", None)  # only nodes and aliases have one
        if anchor is None:
            return
        mark: Any = event.start_mark
        if isinstance(event, yaml.AliasEvent):
            if anchor not in self.first_marks:
                raise yaml.composer.ComposerError(None, None, "found undefined alias", mark)
            return
        if anchor in self.first_marks:
            raise yaml.composer.ComposerError(
                "found duplicate anchor; first occurrence",
                self.first_marks[anchor],
                "second occurrence",
                mark,
            )
        self.first_marks[anchor] = mark

    def fail(self, event: Any, message: str, hint: str | None = None) -> AssessError:
        """An error about the value `event` starts, at its line."""
        mark = event.start_mark
        return AssessError(
            message, file=self.path, line=mark.line + 1, column=mark.column + 1, hint=hint
        )

    def value(self, event: Any, loc: Loc) -> Any:
        """The value an event starts, counted and located at `loc`."""
        self.count += 1
        if self.count > MAX_NODES:
            raise self.too_many(event)
        if len(loc) > MAX_DEPTH:
            raise self.too_deep(event)
        kind = type(event)
        if kind is yaml.AliasEvent:
            return self.alias(event, loc)
        mark = event.start_mark
        if loc not in self.positions:  # a mapping value already has its key's position
            self.positions[loc] = (mark.line + 1, mark.column + 1)
        if event.anchor is None:
            return self.scalar(event) if kind is yaml.ScalarEvent else self.collection(event, loc)
        self.check_anchor(event)
        name, count, start = event.anchor, self.count, len(self.positions)
        self.anchors[name] = None  # being built: an alias to it now refers to itself
        data = self.scalar(event) if kind is yaml.ScalarEvent else self.collection(event, loc)
        inner = tuple(
            (where[len(loc) :], at)
            for where, at in list(self.positions.items())[start:]
            if len(where) > len(loc) and where[: len(loc)] == loc
        )
        depth = max((len(where) for where, _ in inner), default=0)
        at = (mark.line + 1, mark.column + 1)
        self.anchors[name] = _Anchor(data, at, inner, self.count - count + 1, depth)
        return data

    def too_many(self, event: Any) -> AssessError:
        """The error of a document that expands to too many values (an alias bomb)."""
        return self.fail(
            event,
            Message(
                N_("document expands to more than %(limit)s values"), {"limit": f"{MAX_NODES:,}"}
            ),
            N_("aliases (*name) that repeat large blocks are refused"),
        )

    def too_deep(self, event: Any) -> AssessError:
        """The error of a document nested too deep."""
        return self.fail(
            event,
            Message(N_("nested more than %(limit)s levels deep"), {"limit": MAX_DEPTH}),
            N_("questionnaires and answers files nest only a few levels"),
        )

    def alias(self, event: Any, loc: Loc) -> Any:
        """An independent copy of what the anchor built, its values located as the anchor's."""
        self.check_anchor(event)
        anchor = self.anchors[event.anchor]
        if anchor is None:
            raise self.fail(
                event, N_("an alias refers to itself"), N_("remove the recursive alias")
            )
        self.count += anchor.count - 1  # this alias was counted as one value already
        if self.count > MAX_NODES:
            raise self.too_many(event)
        if len(loc) + anchor.depth > MAX_DEPTH:
            raise self.too_deep(event)
        self.positions.setdefault(loc, anchor.mark)  # a mapping value keeps its key's position
        for where, at in anchor.positions:
            self.positions[loc + where] = at
        return _copy(anchor.data)

    def collection(self, event: Any, loc: Loc) -> Any:
        """The list or mapping `event` starts, with only the plain tags allowed."""
        if event.tag not in _PLAIN_COLLECTIONS:
            unsupported = Message(N_("unsupported tag %(tag)r"), {"tag": event.tag})
            raise self.fail(event, unsupported, N_("remove the tag"))
        if type(event) is yaml.SequenceStartEvent:
            items: list[Any] = []
            while type(item := self.next_event()) is not yaml.SequenceEndEvent:
                items.append(self.value(item, (*loc, len(items))))
            return items
        return self.mapping(loc)

    def mapping(self, loc: Loc) -> dict[Any, Any]:
        """A mapping's keys and values; keys are plain values, each once, and `<<` is refused."""
        result: dict[Any, Any] = {}
        positions = self.positions
        while (key_event := self.next_event()) is not None:
            kind = type(key_event)
            if kind is yaml.MappingEndEvent:
                return result
            mark = key_event.start_mark
            if kind is yaml.AliasEvent:
                self.check_anchor(key_event)
                anchor = self.anchors[key_event.anchor]
                if anchor is None or isinstance(anchor.data, dict | list):
                    raise self.fail(key_event, N_("a mapping key must be a plain value"))
                key, (line, column) = anchor.data, anchor.mark
            elif kind is yaml.ScalarEvent:
                if key_event.anchor is not None:
                    self.check_anchor(key_event)
                if key_event.value == "<<" and self.tag(key_event) == MERGE:
                    raise self.fail(
                        key_event, N_("merge keys (<<) are not supported"), N_("write keys out")
                    )
                key, line, column = self.scalar(key_event), mark.line + 1, mark.column + 1
                if key_event.anchor is not None:
                    self.anchors[key_event.anchor] = _Anchor(key, (line, column), (), 1, 0)
            else:
                raise self.fail(key_event, N_("a mapping key must be a plain value"))
            if key in result:
                first = positions.get((*loc, key))
                duplicate = N_("duplicate key %(key)r (first at line %(line)s)")
                if not first:
                    duplicate = N_("duplicate key %(key)r")
                raise self.fail(
                    key_event,
                    Message(duplicate, {"key": key, "line": first[0] if first else None}),
                    N_("YAML keeps only the last one; remove or merge the duplicates"),
                )
            at = (*loc, key)
            positions[at] = (line, column)
            event = self.next_event()
            if type(event) is yaml.ScalarEvent and event.anchor is None and len(at) <= MAX_DEPTH:
                # The common case, without `value`'s call: a plain value, located at its key.
                self.count += 1
                if self.count > MAX_NODES:
                    raise self.too_many(event)
                result[key] = self.scalar(event)
            else:
                result[key] = self.value(event, at)
        raise yaml.YAMLError("unexpected end of the stream")  # pragma: no cover - parser's job

    def tag(self, event: Any) -> str:
        """A scalar's tag: its own, or the one its plain text resolves to."""
        if event.tag is None or event.tag == "!":
            return str(self.loader.resolve(yaml.ScalarNode, event.value, event.implicit))
        return str(event.tag)

    def scalar(self, event: Any) -> Any:
        """The value of a scalar event; a value its tag cannot hold is an error at its line.

        Plain text is looked up among the values already seen; quoted text is text.
        """
        text = event.value
        if event.tag is None or event.tag == "!":
            if not event.implicit[0]:
                return text
            found = _VALUES.get(text, _MISSING)
            if found is not _MISSING:
                return found
        tag = self.tag(event)
        if tag == STR:
            value: Any = text
        else:
            node = yaml.ScalarNode(tag, text, event.start_mark, event.end_mark, event.style)
            try:
                if tag in _PLAIN_SCALARS:
                    value = self.loader.yaml_constructors[tag](self.loader, node)
                else:
                    return self.loader.construct_object(node)
            except _CONSTRUCT_ERRORS:
                shown = repr(text if len(text) <= 40 else text[:39] + "…")
                if tag == TIMESTAMP:
                    invalid = Message(N_("invalid date %(value)s"), {"value": shown})
                    raise self.fail(event, invalid, N_("write it as YYYY-MM-DD")) from None
                said = {"kind": tag.rpartition(":")[2], "value": shown}
                raise self.fail(
                    event,
                    Message(N_("invalid %(kind)s value %(value)s"), said),
                    N_("fix the value or quote it as text"),
                ) from None
        if event.tag is None and len(text) <= 64 and len(_VALUES) < 100_000:
            _VALUES[text] = value
        return value


def _copy(data: Any) -> Any:
    """A copy of plain data whose lists and mappings are new, so no two values share one."""
    if isinstance(data, dict):
        return {key: _copy(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_copy(item) for item in data]
    return data
