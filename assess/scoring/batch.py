"""Scoring many files at once: a regulator's or an auditor's batch, in one process or a few.

Each file is loaded and scored on its own, so one bad file is reported and the rest still score.
A questionnaire is loaded once per process and reused for every file that follows it; with
`jobs` above one, the files are shared out in chunks among worker processes.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from assess.errors import AssessError
from assess.i18n import _, show_in, shown_language
from assess.scoring.engine import Result

INPUT_SUFFIXES = (".yaml", ".yml", ".pdf")
CHUNK = 25
"""Files per task handed to a worker: large enough that sending results back stays cheap."""


T = TypeVar("T")


@dataclass(frozen=True)
class FileScores(Generic[T]):
    """What became of one file: its results (a trend report has several), or why it failed.

    The results are what the caller's `shape` made of each scored one (the result itself, or
    the text it will print).
    """

    path: Path
    results: tuple[T, ...] = ()
    error: str | None = None


def input_files(paths: Sequence[Path]) -> list[Path]:
    """The files named, with each folder replaced by its answers files and reports, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix in INPUT_SUFFIXES and p.is_file())
        else:
            found.append(path)
    return found


Language = tuple[str, bool] | None
"""The language to show the questionnaire's text in, and whether a translation may be missing."""


def score_file(
    path: Path,
    shape: Callable[[Result], T],
    questionnaires: Sequence[Path] = (),
    review: Path | None = None,
    language: Language = None,
) -> FileScores[T]:
    """Load and score every assessment in one file; an error becomes the outcome, not a raise.

    Each result carries its quality checks, and the audited figures when the file was reviewed
    (`review`, or the review a report embeds). With `language` (and whether a missing
    translation may fall back), the questionnaire's text in the result is in that language; the
    scores are the same in every language. `shape` turns each result into what is kept.
    """
    from assess.scoring.assessed import assess_file

    try:
        found = assess_file(path, questionnaires, review, language)
        return FileScores(path, tuple(shape(r) for r in found))
    except AssessError as exc:
        return FileScores(path, error=str(exc))


def _score_chunk(
    paths: Sequence[Path],
    shape: Callable[[Result], T],
    questionnaires: Sequence[Path],
    language: Language,
) -> list[FileScores[T]]:
    return [score_file(p, shape, questionnaires, None, language) for p in paths]


def score_files(
    paths: Sequence[Path],
    shape: Callable[[Result], T],
    questionnaires: Sequence[Path] = (),
    *,
    jobs: int = 1,
    on_done: Callable[[int], None] | None = None,
    review: Path | None = None,
    language: Language = None,
) -> Iterator[FileScores[T]]:
    """Score every file, yielding outcomes in the order given; `on_done(n)`: n more finished.

    Outcomes come as soon as they and all before them are done, so the caller can write them
    while the rest are scored. `shape` (a picklable function) turns each result into what is
    kept; with workers it runs in them, so that only what it makes (the text to print) crosses
    back, not the models. `review` applies to a single file (the command line refuses it with
    several).
    """
    with _rare_collections():
        if jobs <= 1 or len(paths) <= CHUNK:
            for path in paths:
                outcome = score_file(path, shape, questionnaires, review, language)
                if on_done is not None:
                    on_done(1)
                yield outcome
            return
        # The first file is scored here before any worker starts: the questionnaire is read and
        # the models are built once, and workers forked from this process start with them.
        first = score_file(paths[0], shape, questionnaires, None, language)
        if on_done is not None:
            on_done(1)
        yield first
        rest = paths[1:]
        chunks = [list(rest[i : i + CHUNK]) for i in range(0, len(rest), CHUNK)]
        yield from _in_workers(chunks, shape, questionnaires, jobs, on_done, language)


GC_THRESHOLD = 20_000
"""Allocations between two runs of the cyclic collector (Python's default: 700) in a batch."""


@contextmanager
def _rare_collections() -> Iterator[None]:
    """Run the cyclic garbage collector rarely while a batch is scored.

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


def _in_workers(
    chunks: list[list[Path]],
    shape: Callable[[Result], T],
    questionnaires: Sequence[Path],
    jobs: int,
    on_done: Callable[[int], None] | None,
    language: Language,
) -> Iterator[FileScores[T]]:
    """The outcomes of the chunks, scored by `jobs` workers, in order."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # What is built by now lives as long as the workers: kept out of the collector's scans, so
    # they do not touch (and copy) every page they share with this process.
    gc.freeze()
    # A worker says its errors in this run's language, however it was started.
    said = (shown_language(),)
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=show_in, initargs=said)
    try:
        futures = {
            pool.submit(_score_chunk, c, shape, list(questionnaires), language): i
            for i, c in enumerate(chunks)
        }
        done: dict[int, list[FileScores[T]]] = {}
        following = 0
        for future in as_completed(futures):
            i = futures[future]
            try:
                done[i] = future.result()
            except Exception as exc:  # the worker died (out of memory, a crash in a C library)
                failed = _("%(file)s: worker failed: %(reason)s")
                done[i] = [
                    FileScores(p, error=failed % {"file": p, "reason": exc}) for p in chunks[i]
                ]
            if on_done is not None:
                on_done(len(done[i]))
            while following in done:
                yield from done.pop(following)
                following += 1
    finally:
        # A caller that stops early (its output closed) leaves nothing running.
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()
