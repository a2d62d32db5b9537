"""The short lock that each save of an answers file takes: `FILE.lock` beside the file.

A team answers one file at once (a shared drive), so nobody holds a lock for a whole session:
each save takes the lock, re-reads the file, writes its own entry and lets go. The lock file is
only ever created new (`O_EXCL`) and opened without following links (`O_NOFOLLOW`), so a planted
`FILE.lock` symlink or hard link can never make assess write into a file it does not own. The
kernel lock on it (flock) ends with its process, so a lock left by a killed process is taken over.
"""

from __future__ import annotations

import contextlib
import errno
import os
import random
import socket
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from assess.errors import AssessError
from assess.i18n import N_

WAIT_SECONDS = 60.0
"""How long a save waits for others' saves; each holds the lock for a fraction of a second."""

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_HINT = N_("if no assess command is running on it, delete the lock file")


def lock_path(path: Path) -> Path:
    """The lock file that marks `path` as being saved: `FILE.lock` beside it."""
    return path.with_name(path.name + ".lock")


@contextlib.contextmanager
def locked(path: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the lock of `path`, waiting up to `wait` seconds (WAIT_SECONDS) for other saves.

    Every failure (a busy lock, a link or folder where the lock goes, a read-only folder, a full
    disk) is one AssessError, and no lock file of ours is left behind.
    """
    refuse_report(path)
    target = lock_path(path)
    fd = _acquire(target, path, time.monotonic() + (WAIT_SECONDS if wait is None else wait))
    try:
        yield
    finally:
        # Removed while still held, so whoever waits on this file sees it is gone and retries.
        with contextlib.suppress(OSError):
            target.unlink()
        os.close(fd)


def refuse_report(path: Path) -> None:
    """Refuse a report PDF as a file to edit: loading accepts it, writing would destroy it."""
    from assess.files.reading import is_pdf

    if is_pdf(path):
        raise AssessError(
            N_("is a report PDF; answers are changed in an answers file"),
            file=path,
            hint=N_("get one with `assess extract %(path)s -o answers.yaml` and work on that"),
            values={"path": path},
        )


def _acquire(target: Path, path: Path, deadline: float) -> int:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return _acquire_without_flock(target, path, deadline)
    while True:
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o644)
        except FileExistsError:
            _clear_stale(target, path, deadline)
            continue
        except OSError as exc:
            raise _lock_error(target, exc) from None
        fcntl.flock(fd, fcntl.LOCK_EX)  # new and ours: only a stale-lock check can hold it
        if _is_current(target, fd):
            _write_owner(fd, target)
            return fd
        # Someone took our new file for a stale lock and removed it; start again.
        os.close(fd)


def _clear_stale(target: Path, path: Path, deadline: float) -> None:
    """Wait until nobody holds the existing lock file; then it is stale, and it is removed."""
    import fcntl

    try:
        # Read-only and non-blocking: a FIFO planted as the lock must not hang the open.
        fd = os.open(target, os.O_RDONLY | _NOFOLLOW | _CLOEXEC | _NONBLOCK)
    except FileNotFoundError:
        return  # released meanwhile
    except OSError as exc:
        raise _lock_error(target, exc) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise AssessError(
                N_("the lock file %(lock)s is not a regular file"),
                file=path,
                hint=_HINT,
                values={"lock": target.name},
            )
        pause = 0.002
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise _busy(target, path) from None
                # Backing off keeps many waiters from taking the CPU the holder needs to finish.
                time.sleep(pause * random.uniform(0.5, 1.5))
                pause = min(pause * 2, 0.1)
        if _is_current(target, fd):
            # Nobody holds it: its owner died. Remove it; the caller creates a new one.
            try:
                target.unlink()
            except FileNotFoundError:
                pass
            except OSError as exc:
                raise _lock_error(target, exc) from None
    finally:
        os.close(fd)


def _is_current(target: Path, fd: int) -> bool:
    try:
        return target.stat(follow_symlinks=False).st_ino == os.fstat(fd).st_ino
    except FileNotFoundError:
        return False


def _write_owner(fd: int, target: Path) -> None:
    try:
        os.write(fd, f"{os.getpid()} {socket.gethostname()}\n".encode())
    except OSError as exc:
        # A full disk: no empty lock file may stay behind.
        with contextlib.suppress(OSError):
            target.unlink()
        os.close(fd)
        raise _lock_error(target, exc) from None


def _lock_error(target: Path, exc: OSError) -> AssessError:
    if exc.errno == errno.ELOOP:
        message = N_(
            "the lock file %(lock)s is a symbolic link; assess does not follow links for its lock"
        )
    elif exc.errno == errno.EISDIR:
        message = N_("the lock file %(lock)s is a folder")
    else:
        message = N_("the lock file %(lock)s cannot be created: %(reason)s")
    said = {"lock": target.name, "reason": exc.strerror or exc}
    return AssessError(message, file=target, hint=_HINT, values=said)


def holder(target: Path) -> int | None:
    """The pid written in a lock file, or None when it cannot be read."""
    try:
        fd = os.open(target, os.O_RDONLY | _NOFOLLOW | _CLOEXEC | _NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        first = os.read(fd, 200).decode("utf-8", "replace").split()
        return int(first[0]) if first and first[0].isdigit() else None
    except OSError:
        return None
    finally:
        os.close(fd)


def _busy(target: Path, path: Path) -> AssessError:
    pid = holder(target)
    values = {"pid": pid, "lock": target.name}
    message = (
        N_("is locked by process %(pid)s (lock file %(lock)s) and stayed locked too long")
        if pid is not None
        else N_("is locked by another process (lock file %(lock)s) and stayed locked too long")
    )
    return AssessError(message, file=path, hint=_HINT, values=values)


def _acquire_without_flock(target: Path, path: Path, deadline: float) -> int:  # pragma: no cover
    """Windows: the lock file exists while held; one whose pid no longer runs is stale."""
    while True:
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            pid = holder(target)
            if pid is not None and not _alive(pid):
                target.unlink(missing_ok=True)
            elif time.monotonic() > deadline:
                raise _busy(target, path) from None
            else:
                time.sleep(random.uniform(0.001, 0.01))
            continue
        except OSError as exc:
            raise _lock_error(target, exc) from None
        _write_owner(fd, target)
        return fd


def _alive(pid: int) -> bool:  # pragma: no cover - Windows
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
