"""Work done in a forked child process, so that what it loads is gone before the next step.

Preparing a report (loading and scoring the answers, building the context, rendering the
templates) leaves modules, validators and caches in a process that it cannot give back. Done in
a child, they go when the child ends, and the process that then lays out the pages, the larger
part of a report's memory, starts from what the command line alone had loaded. Meanwhile the
parent can do work of its own (import the renderer) on another core.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import traceback
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar, cast

T = TypeVar("T")


def run_apart(work: Callable[[], T], meanwhile: Callable[[], object] | None = None) -> T:
    """`work()` run in a forked child, its result or its exception handed back here.

    `meanwhile()` runs here while the child works. What `work` returns or raises crosses back
    pickled. Where the platform cannot fork, or a fork fails (too many processes), both run
    here, one after the other.
    """
    if not hasattr(os, "fork"):
        return _here(work, meanwhile)
    read_end, write_end = os.pipe()
    # The child's collector leaves the parent's objects alone, so their pages stay shared.
    gc.freeze()
    try:
        pid = os.fork()
    except OSError:
        gc.unfreeze()
        os.close(read_end)
        os.close(write_end)
        return _here(work, meanwhile)
    if pid == 0:
        os.close(read_end)
        _child(work, write_end)
    gc.unfreeze()
    os.close(write_end)
    data = b""
    with os.fdopen(read_end, "rb") as pipe:
        try:
            if meanwhile is not None:
                meanwhile()
            data = pipe.read()
        finally:
            if not data:  # interrupted here, or the child died: it must not outlive us
                _kill(pid)
            _, status = os.waitpid(pid, 0)
    return cast(T, _outcome(data, status))


def _here(work: Callable[[], T], meanwhile: Callable[[], object] | None) -> T:
    if meanwhile is not None:
        meanwhile()
    return work()


def _child(work: Callable[[], Any], write_end: int) -> NoReturn:
    """Run `work` and send back ("ok", result) or ("error", exception); never returns."""
    code = 0
    try:
        try:
            outcome: tuple[str, Any] = ("ok", work())
        except Exception as exc:
            where = "".join(traceback.format_exception(exc))
            exc.add_note(f"Raised in the child process:\n{where}")
            outcome = ("error", exc)
        try:
            data = pickle.dumps(outcome)
            pickle.loads(data)  # some exceptions pickle but cannot be made again from it
        except Exception as exc:  # a result or an exception that does not cross
            kind = "result" if outcome[0] == "ok" else f"exception {type(outcome[1]).__name__}"
            data = pickle.dumps(("error", RuntimeError(f"cannot hand back the {kind}: {exc}")))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
    except BaseException:  # Ctrl-C, or the parent gone: the parent reports what happened
        code = 1
    finally:
        # Not sys.exit: the parent's atexit handlers and buffered output are not the child's.
        os._exit(code)


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _outcome(data: bytes, status: int) -> Any:
    """The child's result, or its exception raised here."""
    if not data:
        raise RuntimeError(f"the child process ended without a result ({_ended(status)})")
    try:
        kind, value = pickle.loads(data)
    except Exception as exc:  # cut short: the child died while it wrote
        raise RuntimeError(f"the child process's result is cut short ({_ended(status)})") from exc
    if kind == "error":
        raise value
    return value


def _ended(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
