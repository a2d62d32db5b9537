"""Reading a small input file with bounded work: only regular files, never past a size limit.

A path on the command line may name anything: a FIFO (opening it waits for a writer forever),
`/dev/zero` (reading it never ends), or a sparse file of many gigabytes. Every small input (YAML
files, the logo) is read here, so each of those is one error line, at once.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from assess.errors import AssessError
from assess.i18n import N_

PDF_MAGIC = b"%PDF-"


def read_limited(path: Path, limit: int, *, what: str = "file", hint: str | None = None) -> bytes:
    """The bytes of the regular file `path`, refused when over `limit`; at most limit+1 read.

    `what` names the file in messages ("file", "logo"); `hint` is said when it is too large.
    """
    try:
        # O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer; the
        # file-type check below then refuses it. Regular files ignore the flag.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        message = N_("file not found") if what == "file" else f"{what} not found"
        raise AssessError(message, file=path, hint=N_("check the path")) from None
    except IsADirectoryError:
        raise AssessError(N_("is a directory, not a file"), file=path) from None
    except OSError as exc:
        raise AssessError(f"cannot read {what}: {exc.strerror}", file=path) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            raise AssessError("is a directory, not a file", file=path)
        raise AssessError(
            f"{what} is not a regular file (a device, FIFO or socket)",
            file=path,
            hint="give the path of a file",
        )
    size = info.st_size
    with os.fdopen(fd, "rb") as handle:
        data = b"" if size > limit else handle.read(limit + 1)
    if size > limit or len(data) > limit:
        raise AssessError(
            f"{what} is {max(size, len(data)):,} bytes, over the limit of {limit:,}",
            file=path,
            hint=hint,
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
