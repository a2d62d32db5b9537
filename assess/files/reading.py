"""Reading a small input file with bounded work: only regular files, never past a size limit.

A path on the command line may name anything: a FIFO (opening it waits for a writer forever),
`/dev/zero` (reading it never ends), or a sparse file of many gigabytes. Every small input (YAML
files, the logo) is read here, so each of those is one error line, at once.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from assess.errors import AssessError, Message
from assess.i18n import N_

PDF_MAGIC = b"%PDF-"


def read_limited(path: Path, limit: int, *, what: str = "file", hint: str | None = None) -> bytes:
    """The bytes of the regular file `path`, refused when over `limit`; at most limit+1 read.

    `what` names the file in messages (`N_("file")`, `N_("logo")`); `hint` (marked with `N_`)
    is said when it is too large.
    """
    try:
        # O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer; the
        # file-type check below then refuses it. Regular files ignore the flag.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        message = N_("file not found") if what == "file" else N_("%(what)s not found")
        said = {"what": Message(what)}
        raise AssessError(message, file=path, hint=N_("check the path"), values=said) from None
    except IsADirectoryError:
        raise AssessError(N_("is a directory, not a file"), file=path) from None
    except OSError as exc:
        raise AssessError(
            N_("cannot read %(what)s: %(reason)s"),
            file=path,
            values={"what": Message(what), "reason": exc.strerror},
        ) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            raise AssessError(N_("is a directory, not a file"), file=path)
        raise AssessError(
            N_("%(what)s is not a regular file (a device, FIFO or socket)"),
            file=path,
            hint=N_("give the path of a file"),
            values={"what": Message(what)},
        )
    size = info.st_size
    with os.fdopen(fd, "rb") as handle:
        data = b"" if size > limit else handle.read(limit + 1)
    if size > limit or len(data) > limit:
        raise AssessError(
            N_("%(what)s is %(size)s bytes, over the limit of %(limit)s"),
            file=path,
            hint=hint,
            values={
                "what": Message(what),
                "size": f"{max(size, len(data)):,}",
                "limit": f"{limit:,}",
            },
        )
    return data


def is_pdf(path: Path) -> bool:
    """True when `path` is a regular file that starts like a PDF (`report`, `score`, `compare`).

    Anything but a regular file is not opened here: opening a FIFO would wait forever.
    """
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return False
        with path.open("rb") as handle:
            return handle.read(len(PDF_MAGIC)) == PDF_MAGIC
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop, on some Pythons
        return False
