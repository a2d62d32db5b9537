"""Scoring many files at once: each file loaded and scored on its own, in order.

A questionnaire is loaded once per process and reused for every file that follows it; the
files are shared among worker processes by `assess.files.batch`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Generic, TypeVar

from assess.errors import AssessError
from assess.files.batch import in_order
from assess.scoring.engine import Result

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


def _failed(path: Path, reason: str) -> FileScores[T]:
    return FileScores(path, error=reason)


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
    chosen = list(questionnaires)
    work = partial(score_file, shape=shape, questionnaires=chosen, review=review, language=language)
    return in_order(paths, work, _failed, jobs=jobs, on_done=on_done)
