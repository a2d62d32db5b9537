"""Writing answers files without losing what a person wrote in them.

Answers files are edited by hand as well as by `assess take` and `assess answer`, so changes go
through a round-trip YAML writer (ruamel.yaml) that keeps comments, key order, quoting and line
breaks. Every write is atomic; `update_entry` takes the short lock (`assess.files.lock`), re-reads
the file and changes one entry, so several people can answer one file at once.

Reading for validation stays in `assess.files.loading`; this module only writes. The CLI imports it
lazily, so `assess score`, `list` and `validate` never load ruamel.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from assess.errors import AssessError
from assess.files.atomic import write_atomic
from assess.files.lock import locked
from assess.files.roundtrip import dump_round_trip as _dump
from assess.files.roundtrip import guess_indent
from assess.files.roundtrip import load_round_trip as _load
from assess.files.yamlfile import read_text
from assess.model.answers import AnswersFile, Entry


def schema_header() -> str:
    """The first line of a new answers file: what it is and how to check it, naming no path.

    The file travels (inside every report, between machines), so it must not carry a path of
    this installation; docs/answering.md shows how to point an editor at a copy of the schema.
    """
    return "# An assess answers file. Check it with: assess validate FILE"


def entry_data(entry: Entry) -> dict[str, Any]:
    """An entry as it is written into the file: set fields only, in a readable order."""
    return entry.model_dump(exclude_defaults=True)


def new_answers_text(answers: AnswersFile) -> str:
    """The text of a new answers file, with the schema header and the layout people expect."""
    from ruamel.yaml.comments import CommentedMap

    data = answers.model_dump(exclude_none=True)
    doc = CommentedMap()
    ref = CommentedMap(data["questionnaire"])
    ref.fa.set_flow_style()
    doc["questionnaire"] = ref
    doc["organization"] = CommentedMap(data["organization"])
    doc["assessment"] = CommentedMap(data["assessment"])
    entries = CommentedMap()
    for qid, entry in answers.answers.items():
        entries[qid] = _entry_map(entry_data(entry))
    if not entries:
        entries.fa.set_flow_style()
    doc["answers"] = entries
    return schema_header() + "\n" + _dump(doc, indent=2, dash=2)


def write_new(path: Path, answers: AnswersFile, *, force: bool = False) -> None:
    """Write a new answers file; an existing file is replaced only with `force`."""
    if path.exists() and not force:
        raise AssessError(
            "file already exists", file=path, hint="choose another name, or pass --force"
        )
    write_atomic(path, new_answers_text(answers))


def update_entry(path: Path, qid: str, entry: Entry) -> None:
    """Save one answer under the file's short lock, so that concurrent saves lose nothing."""
    with locked(path):
        save_entry(path, qid, entry)


def save_entry(path: Path, qid: str, entry: Entry) -> None:
    """Set one answer in the file on disk, keeping everything else as the person wrote it.

    The file is read again before each save, so an answer saved by someone else (or an edit made
    by hand) since this process read it is kept rather than overwritten. The caller holds the lock.
    Only the lines of `qid`'s entry are rewritten; every other line stays byte for byte.
    """
    text = read_text(path)
    new = entry_data(entry)
    result = _splice(path, text, qid, new)
    if result is None:
        result = _rewrite(path, text, qid, new)
    write_atomic(path, result)


def _splice(path: Path, text: str, qid: str, new: dict[str, Any]) -> str | None:
    """`text` with only the entry of `qid` replaced or added; None where that cannot be done.

    The entry's lines are found with the fast C parser and edited on their own by the
    round-trip writer, so a save costs little even in a long file. Files whose answers are
    not a block mapping, and entries with anchors or aliases, take the slower whole-file path.
    """
    import yaml

    from assess.files.yamlfile import compose

    lines = text.splitlines(keepends=True)
    try:
        root = compose(text)
    except yaml.YAMLError:
        return None
    answers = _value_of(root, "answers")
    if not isinstance(answers, yaml.MappingNode) or answers.flow_style or not answers.value:
        return None
    keys = [k for k, _ in answers.value]
    column = keys[0].start_mark.column
    found = next((k for k in keys if k.value == qid), None)
    if found is not None:
        start = found.start_mark.line
        end = _span_end(lines, start, column)
    else:
        start = end = _span_end(lines, keys[-1].start_mark.line, column)
    old = "".join(line[column:] for line in lines[start:end])
    if "&" in old or "*" in old or any(line[:column].strip() for line in lines[start:end]):
        return None
    indent, dash = guess_indent(text)
    edited = _edit_text(path, old if found is not None else "{}\n", qid, new, indent, dash)
    if found is None and start > 0 and not lines[start - 1].endswith("\n"):
        lines[start - 1] += "\n"
    snippet = "".join(" " * column + line if line.strip() else line for line in edited)
    result = "".join(lines[:start]) + snippet + "".join(lines[end:])
    try:
        compose(result)
    except yaml.YAMLError:
        return None
    return result


def _value_of(node: Any, key: str) -> Any:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return None
    return next((v for k, v in node.value if getattr(k, "value", None) == key), None)


def _span_end(lines: list[str], start: int, column: int) -> int:
    """The line after an entry that starts at `start`: its value is indented deeper."""
    end = start + 1
    while end < len(lines):
        stripped = lines[end].strip()
        if stripped and len(lines[end]) - len(lines[end].lstrip(" ")) <= column:
            break
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return end


def _edit_text(
    path: Path, text: str, qid: str, new: dict[str, Any], indent: int, dash: int
) -> list[str]:
    """A one-entry mapping (`QID: ...`) with the entry set to `new`, as lines."""
    from ruamel.yaml.comments import CommentedMap

    doc = _load(path, text)
    if not isinstance(doc, CommentedMap):
        doc = CommentedMap()
    doc.fa.set_block_style()
    _set(doc, doc, qid, new)
    return _dump(doc, indent=indent, dash=dash).splitlines(keepends=True)


def _rewrite(path: Path, text: str, qid: str, new: dict[str, Any]) -> str:
    """The whole file loaded and written by the round-trip writer, with one entry set."""
    from ruamel.yaml.comments import CommentedMap

    doc = _load(path, text)
    if not isinstance(doc, CommentedMap):
        raise AssessError("expected an answers file (a YAML mapping)", file=path)
    answers = doc.get("answers")
    if not isinstance(answers, CommentedMap):
        answers = CommentedMap()
        doc["answers"] = answers
    # `answers: {}` from `init` turns into a block as soon as it has entries.
    answers.fa.set_block_style()
    _set(doc, answers, qid, new)
    indent, dash = guess_indent(text)
    return _dump(doc, indent=indent, dash=dash)


def _set(doc: Any, answers: Any, qid: str, new: dict[str, Any]) -> None:
    from ruamel.yaml.comments import CommentedMap

    old = answers.get(qid)
    if isinstance(old, CommentedMap) and _shared(doc, old):
        # The entry is a YAML alias of another (or the anchor others point to): editing the
        # shared node would change them too, so this entry gets its own copy first.
        old = copy.deepcopy(old)
        old.yaml_set_anchor(None)
        answers[qid] = old
    if isinstance(old, CommentedMap):
        _update_map(old, new)
    else:
        answers[qid] = _entry_map(new)


def _shared(doc: Any, node: Any) -> bool:
    """True when `node` appears more than once in `doc` (through an anchor and its aliases)."""
    seen = 0
    stack = [doc]
    visited: set[int] = set()
    while stack:
        item = stack.pop()
        if item is node:
            seen += 1
        if id(item) in visited:
            continue
        visited.add(id(item))
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return seen > 1


_ONE_LINE = frozenset({"value", "carried_from", "answered_by", "answered_at"})
"""Keys of an entry that still fits on one line as a flow mapping."""


def _entry_map(data: dict[str, Any]) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    entry = CommentedMap()
    for key, value in data.items():
        entry[key] = _node(value)
        if isinstance(value, list) and key == "value":
            assert isinstance(entry[key], CommentedSeq)
            entry[key].fa.set_flow_style()
    # A bare value reads best on one line; notes and evidence get a line each.
    if set(data) <= _ONE_LINE:
        entry.fa.set_flow_style()
    return entry


def _node(value: Any) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    return CommentedSeq(value) if isinstance(value, list) else value


def _update_map(old: Any, new: dict[str, Any]) -> None:
    """Change an entry in place, so comments and the order of its keys survive."""
    from ruamel.yaml.comments import CommentedSeq

    for key in [k for k in old if k not in new]:
        del old[key]
    for index, (key, value) in enumerate(new.items()):
        if key in old and _same(old[key], value):
            continue  # unchanged: the node keeps its style, quotes and line breaks
        node = _node(value)
        if isinstance(node, CommentedSeq) and key == "value":
            node.fa.set_flow_style()
        if key in old:
            old[key] = node
        else:
            old.insert(min(index, len(old)), key, node)
    if old.fa.flow_style() and set(new) - _ONE_LINE:
        old.fa.set_block_style()


def _same(old: Any, new: Any) -> bool:
    """Whether a value read from the file is the value about to be written, type and all."""
    if isinstance(new, list):
        return (
            isinstance(old, list)
            and len(old) == len(new)
            and all(_same(a, b) for a, b in zip(old, new, strict=True))
        )
    if isinstance(old, bool) != isinstance(new, bool):
        return False
    return isinstance(old, type(new)) and old == new
