"""Measuring what a user waits for, honestly, on a shared and noisy machine.

Two commands, A and B, run in turn (A, B, A, B, ...) so that a burst of other work hits both
alike; each run is a fresh process, timed from start to exit, with its CPU time (its own and
that of the children it waited for). Memory is measured in runs of its own: the peak of the
memory summed over the whole process tree (proportional set size, sampled from /proc by a
thread of this process). Sampling costs CPU, which on a machine of two cores is taken from the
command measured, so no timed run is sampled. Results are medians with their spread;
comparisons are ratios of medians, never absolute times.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Sample:
    """One run: wall time and CPU time in seconds, peak memory of the process tree in MiB.

    `memory` is 0 for a timed run, which is not sampled; the times of a sampled run are not used.
    """

    wall: float
    cpu: float
    memory: float


def _tree(pid: int) -> list[int]:
    """`pid` and all its descendants, from /proc (Linux)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            tasks = list(Path(f"/proc/{current}/task").iterdir())
        except OSError:
            continue
        for task in tasks:
            try:
                todo += [int(p) for p in (task / "children").read_text().split()]
            except OSError:
                continue
    return found


def _pss_kib(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    found = next((line for line in text.splitlines() if line.startswith("Pss:")), None)
    return int(found.split()[1]) if found else 0


class _MemoryWatch(threading.Thread):
    """Samples the summed PSS of a process tree every few milliseconds; keeps the peak."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, sum(_pss_kib(p) for p in _tree(self.pid)))
            self.done.wait(0.01)


def run(
    args: Sequence[str], *, cwd: Path = ROOT, stdout: int | None = None, memory: bool = False
) -> Sample:
    """Run one command to its end; exit on failure, printing what it said.

    With `memory`, its process tree's memory is sampled, and its times are not worth reading.
    """
    start = time.perf_counter()
    child = subprocess.Popen(
        list(args),
        cwd=cwd,
        stdout=subprocess.DEVNULL if stdout is None else stdout,
        stderr=subprocess.PIPE,
    )
    watch = _MemoryWatch(child.pid) if memory else None
    if watch is not None:
        watch.start()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if watch is not None:
        watch.done.set()
        watch.join()
    if os.waitstatus_to_exitcode(status) != 0:
        assert child.stderr is not None
        sys.exit(f"failed: {' '.join(args)}\n{child.stderr.read().decode(errors='replace')}")
    peak = watch.peak / 1024 if watch is not None else 0.0
    return Sample(wall, usage.ru_utime + usage.ru_stime, peak)


def interleave(
    a: Callable[[], Sample], b: Callable[[], Sample], pairs: int, *, warm_up: bool = True
) -> tuple[list[Sample], list[Sample]]:
    """Run A then B, `pairs` times, after one unmeasured warm-up of each (disk caches)."""
    if warm_up:
        a(), b()
    first: list[Sample] = []
    second: list[Sample] = []
    for _ in range(pairs):
        first.append(a())
        second.append(b())
    return first, second


def median(samples: Sequence[Sample], field: str = "wall") -> float:
    """The median of one field over the samples."""
    return float(statistics.median(getattr(s, field) for s in samples))


def spread(samples: Sequence[Sample], field: str = "wall", digits: int = 3) -> str:
    """`median (min-max)` of one field, for a human."""
    values = [getattr(s, field) for s in samples]
    low, middle, high = min(values), statistics.median(values), max(values)
    return f"{middle:.{digits}f} ({low:.{digits}f}-{high:.{digits}f})"


def ratio_line(label: str, a: Sequence[Sample], b: Sequence[Sample], aim: str) -> str:
    """B's median over A's, with the range of the pairwise ratios, and the aim."""
    pairwise = [y.wall / x.wall for x, y in zip(a, b, strict=True)]
    return (
        f"{label}: {median(b) / median(a):.2f}x  "
        f"(pairs {min(pairwise):.2f}-{max(pairwise):.2f}; {aim})"
    )
