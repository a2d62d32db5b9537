"""Working through many files at once, in one process or a few: a regulator's or an auditor's batch.

`assess score` and `assess validate` run one function over every file. Each file is done on
its own, so one bad file is reported and the rest are still done. With `jobs` above one, the
files are shared out in chunks among worker processes forked from this one after it has done
the first file, so that what the first file built (a questionnaire read, validators) is there
in every worker. Results come back in the order the files were given, each as soon as it and
all before it are done.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from assess.i18n import _, show_in, shown_language

INPUT_SUFFIXES = (".yaml", ".yml", ".pdf")
CHUNK = 25
"""Files per task handed to a worker: large enough that sending results back stays cheap."""
GC_THRESHOLD = 20_000
"""Allocations between two runs of the cyclic collector (Python's default: 700) in a batch."""

R = TypeVar("R")


def input_files(paths: Sequence[Path]) -> list[Path]:
    """The files named, with each folder replaced by its YAML files and reports, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix in INPUT_SUFFIXES and p.is_file())
        else:
            found.append(path)
    return found


def in_order(
    paths: Sequence[Path],
    work: Callable[[Path], R],
    failed: Callable[[Path, str], R],
    *,
    jobs: int = 1,
    on_done: Callable[[int], None] | None = None,
) -> Iterator[R]:
    """`work(path)` for every path, yielded in the order given; `on_done(n)`: n more finished.

    `work` must turn its own errors into its result; with workers it must pickle (a top-level
    function, or a partial of one), and so must what it returns: only that crosses back. A
    worker that dies (out of memory, a crash in a C library) breaks the pool: every file not
    done by then gets `failed(path, reason)` as its result, and the batch still ends normally.
    """
    with _rare_collections():
        if jobs <= 1 or len(paths) <= CHUNK:
            for path in paths:
                result = work(path)
                if on_done is not None:
                    on_done(1)
                yield result
            return
        # The first file is done here before any worker starts: workers forked from this
        # process start with what it built.
        first = work(paths[0])
        if on_done is not None:
            on_done(1)
        yield first
        rest = paths[1:]
        chunks = [list(rest[i : i + CHUNK]) for i in range(0, len(rest), CHUNK)]
        yield from _in_workers(chunks, work, failed, jobs, on_done)


@contextmanager
def _rare_collections() -> Iterator[None]:
    """Run the cyclic garbage collector rarely while a batch is worked through.

    A file's data, models and rows are thousands of objects that live until the file is done,
    and reference counting frees them; the collector's frequent scans of them find nothing
    and cost 5-7% of a file's time. Workers forked meanwhile inherit the setting.
    """
    before = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _chunk(work: Callable[[Path], R], paths: Sequence[Path]) -> list[R]:
    return [work(p) for p in paths]


def _in_workers(
    chunks: list[list[Path]],
    work: Callable[[Path], R],
    failed: Callable[[Path, str], R],
    jobs: int,
    on_done: Callable[[int], None] | None,
) -> Iterator[R]:
    """The results of the chunks, worked through by `jobs` workers, in order."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # What is built by now lives as long as the workers: kept out of the collector's scans, so
    # they do not touch (and copy) every page they share with this process.
    gc.freeze()
    # A worker says its errors in this run's language, however it was started.
    said = (shown_language(),)
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=show_in, initargs=said)
    try:
        futures = {pool.submit(_chunk, work, c): i for i, c in enumerate(chunks)}
        done: dict[int, list[R]] = {}
        following = 0
        for future in as_completed(futures):
            i = futures[future]
            try:
                done[i] = future.result()
            except Exception as exc:  # a worker died (out of memory, a crash in a C library)
                reason = _("%(file)s: worker failed: %(reason)s")
                done[i] = [failed(p, reason % {"file": p, "reason": exc}) for p in chunks[i]]
            if on_done is not None:
                on_done(len(done[i]))
            while following in done:
                yield from done.pop(following)
                following += 1
    finally:
        # A caller that stops early (its output closed) leaves nothing running.
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()
