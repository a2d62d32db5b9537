"""Writing answers files without losing what a person wrote in them.

Answers files are edited by hand as well as by `assess take` and `assess answer`, so changes go
through a round-trip YAML writer (ruamel.yaml) that keeps comments, key order and quoting. Every
write is atomic, and a lock file keeps two sessions from answering the same file at once.

Reading for validation stays in `assess.files.loading`; this module only writes. The CLI imports it
lazily, so `assess score`, `list` and `validate` never load ruamel.
"""

from __future__ import annotations

import contextlib
import io
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assess.errors import AssessError
from assess.files.atomic import write_atomic
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


def save_entry(path: Path, qid: str, entry: Entry) -> None:
    """Set one answer in the file on disk, keeping everything else as the person wrote it.

    The file is read again before each save, so an edit made by hand between two answers of a
    `take` session is kept rather than overwritten.
    """
    from ruamel.yaml.comments import CommentedMap

    text = read_text(path)
    doc = _load(path, text)
    if not isinstance(doc, CommentedMap):
        raise AssessError("expected an answers file (a YAML mapping)", file=path)
    answers = doc.get("answers")
    if not isinstance(answers, CommentedMap):
        answers = CommentedMap()
        doc["answers"] = answers
    # `answers: {}` from `init` turns into a block as soon as it has entries.
    answers.fa.set_block_style()
    new = entry_data(entry)
    old = answers.get(qid)
    if isinstance(old, CommentedMap):
        _update_map(old, new)
    else:
        answers[qid] = _entry_map(new)
    indent, dash = guess_indent(text)
    write_atomic(path, _dump(doc, indent=indent, dash=dash))


def _entry_map(data: dict[str, Any]) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    entry = CommentedMap()
    for key, value in data.items():
        entry[key] = _node(value)
        if isinstance(value, list) and key == "value":
            assert isinstance(entry[key], CommentedSeq)
            entry[key].fa.set_flow_style()
    # A bare value reads best on one line; notes and evidence get a line each.
    if set(data) <= {"value", "carried_from"}:
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
        node = _node(value)
        if isinstance(node, CommentedSeq) and key == "value":
            node.fa.set_flow_style()
        if key in old:
            old[key] = node
        else:
            old.insert(min(index, len(old)), key, node)
    if old.fa.flow_style() and set(new) - {"value", "carried_from"}:
        old.fa.set_block_style()


def _load(path: Path, text: str) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        yaml = YAML()
        yaml.preserve_quotes = True
        return yaml.load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise AssessError(
            f"invalid YAML: {getattr(exc, 'problem', None) or exc}",
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


def _dump(doc: Any, *, indent: int, dash: int) -> str:
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 100
    yaml.indent(mapping=indent, sequence=dash + 2, offset=dash)
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()


def lock_path(path: Path) -> Path:
    """The lock file that marks `path` as being answered: `FILE.lock` beside it."""
    return path.with_name(path.name + ".lock")


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the answering lock of `path`; refuse clearly when a live process holds it.

    The lock file holds the owner's pid. On POSIX the kernel lock on it (flock) ends with the
    process, so a lock left by a killed session is taken over without asking; elsewhere a pid
    that no longer runs marks the lock as stale.
    """
    from assess.files.attachments import is_pdf

    if is_pdf(path):
        # Loading accepts a report for its embedded answers; editing it would replace the PDF.
        raise AssessError(
            "is a report PDF; answers are changed in an answers file",
            file=path,
            hint=f"get one with `assess extract {path} -o answers.yaml` and work on that",
        )
    target = lock_path(path)
    fd = _acquire(target, path)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            target.unlink()
        os.close(fd)


def _acquire(target: Path, path: Path) -> int:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return _acquire_by_pid(target, path)
    for _ in range(10):
        fd = os.open(target, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise _busy(target, path) from None
        # The holder before us may have removed the file after we opened it; then our lock
        # is on a file nobody else sees, so start again on the current one.
        try:
            same = target.stat().st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()} {socket.gethostname()}\n".encode())
            return fd
        os.close(fd)
    raise _busy(target, path)  # pragma: no cover - only under heavy contention


def _acquire_by_pid(target: Path, path: Path) -> int:  # pragma: no cover - Windows
    for _ in range(2):
        try:
            fd = os.open(target, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            if _holder_alive(target):
                raise _busy(target, path) from None
            target.unlink(missing_ok=True)
            continue
        os.write(fd, f"{os.getpid()} {socket.gethostname()}\n".encode())
        return fd
    raise _busy(target, path)


def _holder(target: Path) -> int | None:
    try:
        first = target.read_text(encoding="utf-8").split()
        return int(first[0]) if first else None
    except (OSError, ValueError):
        return None


def _holder_alive(target: Path) -> bool:  # pragma: no cover - Windows
    pid = _holder(target)
    if pid is None:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _busy(target: Path, path: Path) -> AssessError:
    pid = _holder(target)
    who = f"process {pid}" if pid is not None else "another process"
    return AssessError(
        f"is being answered by {who} (lock file {target.name})",
        file=path,
        hint="wait for that `assess take` to finish; if no such process runs, delete the lock file",
    )
