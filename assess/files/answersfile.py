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
from assess.i18n import N_
from assess.model.answers import AnswersFile, Draft, Entry


def schema_header() -> str:
    """The first line of a new answers file: what it is and how to check it, naming no path.

    The file travels (inside every report, between machines), so it must not carry a path of
    this installation; docs/answering.md shows how to point an editor at a copy of the schema.
    """
    return "# An assess answers file. Check it with: assess validate FILE"


def entry_data(entry: Entry | Draft) -> dict[str, Any]:
    """An entry or draft as it is written into the file: set fields only, in a readable order."""
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
    if answers.drafts:
        doc["drafts"] = CommentedMap(
            (qid, _entry_map(entry_data(draft))) for qid, draft in answers.drafts.items()
        )
    return schema_header() + "\n" + _dump(doc, indent=2, dash=2)


def write_new(path: Path, answers: AnswersFile, *, force: bool = False) -> None:
    """Write a new answers file; an existing file is replaced only with `force`."""
    if path.exists() and not force:
        raise AssessError(
            N_("file already exists"), file=path, hint=N_("choose another name, or pass --force")
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
    Only the lines of `qid`'s entry, and of its draft (which the answer takes over, in the same
    write), change; every other line stays byte for byte.
    """
    text = read_text(path)
    text = _set_item(path, text, "answers", qid, entry_data(entry))
    write_atomic(path, _set_item(path, text, "drafts", qid, None))


def update_draft(path: Path, qid: str, draft: Draft | None) -> None:
    """Save the draft of an unanswered question (None removes it) under the file's short lock.

    Like an answer, a draft is written at once and alone, so a note typed before the answer
    survives Ctrl-C, a crash or a closed terminal, and other people's saves are kept.
    """
    with locked(path):
        save_draft(path, qid, draft)


def save_draft(path: Path, qid: str, draft: Draft | None) -> None:
    """Set or remove one draft in the file on disk, changing only its lines.

    The caller holds the lock.
    """
    text = read_text(path)
    new = None if draft is None else entry_data(draft)
    result = _set_item(path, text, "drafts", qid, new)
    if result != text:
        write_atomic(path, result)


def _set_item(path: Path, text: str, section: str, qid: str, new: dict[str, Any] | None) -> str:
    """`text` with `qid` of `section` set to `new`, or removed when `new` is None."""
    if new is None and section not in text:
        return text  # the common case of an answer with no draft to remove: nothing to parse
    result = _splice(path, text, section, qid, new)
    return result if result is not None else _rewrite(path, text, section, qid, new)


def _splice(
    path: Path, text: str, section: str, qid: str, new: dict[str, Any] | None
) -> str | None:
    """`text` with only the item `qid` of `section` set or removed; None where that cannot be.

    The item's lines are found with the fast C parser and edited on their own by the
    round-trip writer, so a save costs little even in a long file. A missing section is added
    at the end of the file. Sections that are not a block mapping, and items with anchors or
    aliases, take the slower whole-file path.
    """
    import yaml

    from assess.files.yamlfile import compose

    lines = text.splitlines(keepends=True)
    try:
        root = compose(text)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        return None
    indent, dash = guess_indent(text)
    head, items = _item_of(root, section)
    if head is None:
        if new is None:
            return text
        edited = _edit_text(path, "{}\n", qid, new, indent, dash)
        start = end = len(lines)
        snippet = f"{section}:\n" + _indented(edited, indent)
    else:
        if not isinstance(items, yaml.MappingNode) or items.flow_style or not items.value:
            return None
        keys = [k for k, _ in items.value]
        column = keys[0].start_mark.column
        found = next((k for k in keys if k.value == qid), None)
        if found is not None:
            start = found.start_mark.line
            end = _span_end(lines, start, column)
        elif new is None:
            return text
        else:
            start = end = _span_end(lines, keys[-1].start_mark.line, column)
        old = "".join(line[column:] for line in lines[start:end])
        if "&" in old or "*" in old or any(line[:column].strip() for line in lines[start:end]):
            return None
        if new is not None:
            edited = _edit_text(path, old if found is not None else "{}\n", qid, new, indent, dash)
            snippet = _indented(edited, column)
        elif len(keys) > 1:
            snippet = ""
        elif start == head.start_mark.line + 1 and lines[start - 1].rstrip() == f"{section}:":
            # The last item of a section goes with the section's own line: no empty section.
            start, snippet = start - 1, ""
        else:
            return None
    if start == len(lines) and lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    elif start > 0 and start == end and not lines[start - 1].endswith("\n"):
        lines[start - 1] += "\n"
    result = "".join(lines[:start]) + snippet + "".join(lines[end:])
    try:
        compose(result)
    except yaml.YAMLError:
        return None
    return result


def _indented(lines: list[str], column: int) -> str:
    return "".join(" " * column + line if line.strip() else line for line in lines)


def _item_of(node: Any, key: str) -> tuple[Any, Any]:
    """The key node and value node of `key` in a mapping node; (None, None) when absent."""
    return next(((k, v) for k, v in node.value if getattr(k, "value", None) == key), (None, None))


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


def _rewrite(path: Path, text: str, section: str, qid: str, new: dict[str, Any] | None) -> str:
    """The whole file loaded and written by the round-trip writer, with one item set or removed."""
    from ruamel.yaml.comments import CommentedMap

    doc = _load(path, text)
    if not isinstance(doc, CommentedMap):
        raise AssessError(N_("expected an answers file (a YAML mapping)"), file=path)
    items = doc.get(section)
    if new is None:
        if not isinstance(items, CommentedMap) or qid not in items:
            return text
        del items[qid]
        if not items and section != "answers":
            del doc[section]
    else:
        if not isinstance(items, CommentedMap):
            items = CommentedMap()
            doc[section] = items
        # `answers: {}` from `init` turns into a block as soon as it has entries.
        items.fa.set_block_style()
        _set(doc, items, qid, new)
    indent, dash = guess_indent(text)
    return _dump(doc, indent=indent, dash=dash)


def _set(doc: Any, items: Any, qid: str, new: dict[str, Any]) -> None:
    from ruamel.yaml.comments import CommentedMap

    old = items.get(qid)
    if isinstance(old, CommentedMap) and _shared(doc, old):
        # The entry is a YAML alias of another (or the anchor others point to): editing the
        # shared node would change them too, so this entry gets its own copy first.
        old = copy.deepcopy(old)
        old.yaml_set_anchor(None)
        items[qid] = old
    if isinstance(old, CommentedMap):
        _update_map(old, new)
    else:
        items[qid] = _entry_map(new)


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
