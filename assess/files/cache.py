"""Checked questionnaires kept between runs, in a private folder of the user's.

Every `assess score FILE` used to read, parse and check the same 85 KB questionnaire, and build
its models' validators: a fifth of the command's start. A questionnaire that passed every check
is kept here, keyed by the SHA-256 of its bytes and of everything that shapes the model (the
versions of assess, pydantic and Python, the source files that read and check it, and the
reference data its citations are checked against), so an edit to any of them makes a new entry.
Entries are pickles, so they are read only from a folder that only this user can write to; where
that cannot be made sure, nothing is cached.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

_FOLDER_NAME = "assess-cache-{uid}"


def folder() -> Path | None:
    """The cache folder, made if need be; None if it is not this user's alone."""
    if not hasattr(os, "getuid"):  # pragma: no cover - not on Windows, where /tmp differs
        return None
    path = Path(tempfile.gettempdir()) / _FOLDER_NAME.format(uid=os.getuid())
    try:
        path.mkdir(mode=0o700, exist_ok=True)
        info = path.lstat()
    except OSError:
        return None
    private = info.st_uid == os.getuid() and not info.st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    return path if stat.S_ISDIR(info.st_mode) and private else None


@cache
def _fingerprint() -> str:
    """What besides a file's bytes decides the model it builds to: versions and source files."""
    import pydantic

    import assess

    parts = [assess.__version__, pydantic.VERSION, sys.version]
    package = Path(assess.__file__).parent
    # The reference data (laws' articles, the source's text) decide what a questionnaire's
    # citations may name, so an edit there must make new entries too.
    data = [path for path in (package / "data").rglob("*") if path.is_file()]
    for source in sorted([*package.glob("model/*.py"), *package.glob("files/*.py"), *data]):
        info = source.stat()
        parts.append(f"{source.name}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(parts)


def cached(kind: str, sha256: str, build: Callable[[], T], expected: type[T]) -> T:
    """The `kind` object built from bytes of hash `sha256`: kept from an earlier run, or built.

    `build` raises for bad input, and then nothing is kept. An entry that cannot be read (torn,
    from another version, not a `expected`) is built again and replaced.
    """
    where = folder()
    if where is None:
        return build()
    key = hashlib.sha256(f"{kind}\n{sha256}\n{_fingerprint()}".encode()).hexdigest()
    entry = where / f"{kind}-{key}.pickle"
    found = _read(entry, expected)
    if found is not None:
        return found
    made = build()
    _write(where, entry, made)
    return made


def _read(entry: Path, expected: type[T]) -> T | None:
    try:
        fd = os.open(entry, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return None
        try:
            found = pickle.load(handle)  # written by this user, in a private folder
        except Exception:  # a torn or foreign entry is a miss, never an error
            return None
    return found if isinstance(found, expected) else None


def _write(where: Path, entry: Path, made: object) -> None:
    try:
        fd, name = tempfile.mkstemp(dir=where, prefix=".entry.", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(made, handle, protocol=pickle.HIGHEST_PROTOCOL)
        Path(name).replace(entry)
    except Exception:  # a full disk, an object that cannot be pickled: just not cached
        Path(name).unlink(missing_ok=True)
