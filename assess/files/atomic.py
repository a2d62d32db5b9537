"""Writing a file all at once: readers see the old file or the new one, never half of either.

Every file assess writes (answers files, reports, trend reports, extracted answers) goes through
`write_atomic`, so a crash, a full disk or a bad path leaves the previous file as it was and no
temporary file behind, and any failure is one `AssessError` naming the file. A symlink is
written through (its target is replaced, the link stays a link), and only regular files are
ever replaced: a folder, device, FIFO or socket named as output is refused.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from assess.errors import AssessError
from assess.i18n import N_


def check_target(path: Path, inputs: Iterable[Path | None] = ()) -> None:
    """Refuse a path that cannot become a file, or that is one of the command's `inputs`.

    Writers call it before slow work (rendering a PDF), so a mistyped `-o` fails at once. Every
    command that writes names all the files it reads here, so none overwrites its own input
    (through a symlink or a hard link too).
    """
    real = _real_target(path)
    for source in inputs:
        if source is not None and _same_file(real, source):
            raise AssessError(
                N_("would overwrite its own input %(input)s"),
                file=path,
                hint=N_("write the output to another file"),
                values={"input": source},
            )


def write_atomic(path: Path, data: bytes | str) -> None:
    """Replace `path` with `data` (text is written as UTF-8) in one step.

    The data goes to a temporary file in the same folder (so the rename stays on one file
    system), is flushed to disk, renamed over the target, and the folder is flushed so the
    rename itself survives a crash. An existing file keeps its permissions; a symlink keeps
    pointing at the file it names, which is the one replaced.
    """
    target = _real_target(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    mode = _mode_for(target)
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.chmod(mode)
        tmp.replace(target)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _cannot_write(path, exc) from None
        raise
    _fsync_folder(target.parent)


def _real_target(path: Path) -> Path:
    """The file a write to `path` replaces: the end of its symlinks, checked to be replaceable.

    Only a regular file (or nothing yet) may be replaced: renaming over a device node or a FIFO
    would swap a system file for a plain one, and a folder is never what an output names.
    """
    try:
        real = Path(os.path.realpath(path, strict=False))
    except (OSError, RuntimeError):  # a symlink loop, on Pythons that raise for it
        raise AssessError(N_("symlink loop"), file=path, hint=N_("name a file to write")) from None
    try:
        mode = real.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # realpath leaves a looping link as it is
            raise AssessError(
                N_("symlink loop"), file=path, hint=N_("name a file to write")
            ) from None
        raise _cannot_write(path, exc) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise AssessError(N_("is a folder, not a file"), file=path, hint=N_("name a file to write"))
    if mode is not None and not stat.S_ISREG(mode):
        raise AssessError(
            N_("is not a regular file (a device, FIFO or socket); refusing to replace it"),
            file=path,
            hint=N_("name a file to write"),
        )
    if not real.parent.is_dir():
        folder = real.parent if path.is_symlink() else path.parent
        raise AssessError(N_("folder does not exist"), file=folder, hint=N_("create it first"))
    return real


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one existing file (through links, hard links included)."""
    try:
        return a.samefile(b)
    except (OSError, ValueError):
        return False


def _cannot_write(path: Path, exc: OSError) -> AssessError:
    reason = exc.strerror or str(exc)
    return AssessError(
        N_("cannot write file: %(reason)s"),
        file=path,
        hint=N_("check the path"),
        values={"reason": reason},
    )


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
