"""Work done in a forked child: its result and its errors come back, and nothing else does."""

from __future__ import annotations

import importlib
import os
import pickle
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

from assess.errors import AssessError
from assess.i18n import N_
from assess.report.apart import run_apart


def test_the_work_runs_in_a_child_and_its_result_comes_back() -> None:
    here = os.getpid()
    child, parent = run_apart(lambda: (os.getpid(), os.getppid()))
    assert child != here
    assert parent == here


def test_the_child_is_reaped() -> None:
    child = run_apart(os.getpid)
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)


def test_what_the_child_imports_stays_out_of_this_process(tmp_path: Path) -> None:
    (tmp_path / "apart_probe_module.py").write_text("BIG = list(range(1000))\n")
    sys.path.insert(0, str(tmp_path))
    try:

        def work() -> int:
            module = importlib.import_module("apart_probe_module")
            return len(module.BIG)

        assert run_apart(work) == 1000
        assert "apart_probe_module" not in sys.modules
    finally:
        sys.path.remove(str(tmp_path))


def test_meanwhile_runs_here_while_the_child_works() -> None:
    # The child waits for a file only the parent's `meanwhile` writes: both ran at once.
    ran_in: list[int] = []
    read_end, write_end = os.pipe()

    def meanwhile() -> None:
        ran_in.append(os.getpid())
        os.write(write_end, b"go")

    def work() -> bytes:
        return os.read(read_end, 2)

    try:
        assert run_apart(work, meanwhile=meanwhile) == b"go"
    finally:
        os.close(read_end)
        os.close(write_end)
    assert ran_in == [os.getpid()]


def test_an_assess_error_arrives_whole() -> None:
    def work() -> None:
        raise AssessError(
            N_("unknown question %(qid)s"), file="a.yaml", line=4, hint=N_("check it"),
            values={"qid": "GOV-9"},
        )  # fmt: skip

    with pytest.raises(AssessError) as caught:
        run_apart(work)
    assert str(caught.value) == "a.yaml:4: unknown question GOV-9 (check it)"
    assert caught.value.exit_code == 2


def test_an_unexpected_error_keeps_its_type_and_the_childs_traceback() -> None:
    def work() -> None:
        raise KeyError("missing")

    with pytest.raises(KeyError) as caught:
        run_apart(work)
    notes = "".join(getattr(caught.value, "__notes__", []))
    assert "Raised in the child process" in notes
    assert 'in work\n    raise KeyError("missing")' in notes


class _Remade(Exception):
    def __init__(self, first: str, second: str) -> None:
        super().__init__(f"{first} {second}")


def test_an_exception_that_cannot_be_made_again_is_reported_by_name() -> None:
    def work() -> None:
        raise _Remade("a", "b")

    with pytest.raises(RuntimeError, match="cannot hand back the exception _Remade"):
        run_apart(work)


def test_a_result_that_does_not_pickle_is_an_error() -> None:
    with pytest.raises(RuntimeError, match="cannot hand back the result"):
        run_apart(lambda: threading.Lock())


def test_a_child_that_dies_is_reported_with_how() -> None:
    with pytest.raises(RuntimeError, match="ended without a result \\(killed by signal 9\\)"):
        run_apart(lambda: os.kill(os.getpid(), signal.SIGKILL))
    with pytest.raises(RuntimeError, match="ended without a result \\(exit status 3\\)"):
        run_apart(lambda: os._exit(3))


def test_an_interrupted_parent_leaves_no_child_behind() -> None:
    # `meanwhile` is interrupted while the child still works: the child is killed at once,
    # so it never gets to say it finished.
    said_read, said_write = os.pipe()

    def work() -> None:
        os.write(said_write, b"started;")
        time.sleep(2)
        os.write(said_write, b"finished;")

    def meanwhile() -> None:
        assert os.read(said_read, 8) == b"started;"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_apart(work, meanwhile=meanwhile)
    os.close(said_write)
    with os.fdopen(said_read, "rb") as said:
        assert said.read() == b""


def test_a_result_larger_than_the_pipe_holds_comes_back_whole() -> None:
    # The child writes while the parent is still busy with `meanwhile`, then reads.
    value = {"html": "<p>é</p>" * 20_000, "bytes": bytes(range(256)) * 400}
    assert len(pickle.dumps(value)) > 4 * 65536
    assert run_apart(lambda: value, meanwhile=lambda: time.sleep(0.1)) == value


def test_where_no_process_can_be_forked_the_work_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    ran: list[str] = []
    assert run_apart(os.getpid, meanwhile=lambda: ran.append("meanwhile")) == os.getpid()
    assert ran == ["meanwhile"]
