"""Writing a file all at once: readers see the old file or the new one, never half of either.

Every file assess writes (answers files, reports, trend reports, extracted answers) goes through
`write_atomic`, so a crash, a full disk or a bad path leaves the previous file as it was and no
temporary file behind, and any failure is one `AssessError` naming the file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from assess.errors import AssessError


def check_target(path: Path) -> None:
    """Refuse a path that cannot become a file: a folder, or a file in a folder that is missing.

    Writers call it before slow work (rendering a PDF), so a mistyped `-o` fails at once.
    """
    if path.is_dir():
        raise AssessError("is a folder, not a file", file=path, hint="name a file to write")
    if not path.parent.is_dir():
        raise AssessError("folder does not exist", file=path.parent, hint="create it first")


def write_atomic(path: Path, data: bytes | str) -> None:
    """Replace `path` with `data` (text is written as UTF-8) in one step.

    The data goes to a temporary file in the same folder (so the rename stays on one file
    system), is flushed to disk, renamed over the target, and the folder is flushed so the
    rename itself survives a crash. An existing file keeps its permissions.
    """
    check_target(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    mode = _mode_for(path)
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.chmod(mode)
        tmp.replace(path)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _cannot_write(path, exc) from None
        raise
    _fsync_folder(path.parent)


def _cannot_write(path: Path, exc: OSError) -> AssessError:
    reason = exc.strerror or str(exc)
    return AssessError(f"cannot write file: {reason}", file=path, hint="check the path")


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (umask applied).

    mkstemp makes its file private (0600), which suits neither case.
    """
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    # The rename is durable only once the folder is flushed (POSIX; elsewhere this may fail,
    # and the file itself is already safe).
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
