"""Rendering many reports at once, in worker processes: the auditors' batch.

Each report is independent, so reports render in parallel processes, forked (where the platform
forks) from a parent that has already loaded the renderer. A bad file fails alone: its error is
recorded and the rest still render. The caller gets one `ReportOutcome` per file as each finishes,
to show progress, and the list of all of them at the end.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from assess.errors import AssessError
from assess.files.atomic import check_target
from assess.i18n import N_, _, show_in, shown_language
from assess.model.base import Model
from assess.report.build import default_output, write_report
from assess.report.options import ReportOptions


class ReportOutcome(Model):
    """What became of one input file: the report written, or the one-line error."""

    source: Path
    output: Path
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when the report was written."""
        return self.error is None


def plan(sources: Sequence[Path], out_dir: Path | None, options: ReportOptions) -> list[Path]:
    """The output path of each source (in `out_dir`, else next to it); no two may coincide.

    Once the plan holds, a missing `out_dir` is created: it names a folder for reports, unlike
    `-o`, whose folder must exist. Nothing is created when the plan is refused.
    """
    outputs = [default_output(s, options.format, out_dir) for s in sources]
    seen: dict[Path, Path] = {}
    for source, output in zip(sources, outputs, strict=True):
        output = output.resolve()
        if output in seen:
            raise AssessError(
                N_("%(first)s and %(second)s would both be written to %(output)s"),
                hint=N_("rename one of them or render them into different folders"),
                values={"first": seen[output], "second": source, "output": output},
            )
        seen[output] = source
    if out_dir is None or out_dir.is_dir():
        # One report must not replace another's input (`report a.yaml a.pdf`).
        for output in outputs:
            check_target(output, sources)
    if out_dir is not None:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise AssessError(
                N_("is a file, not a folder"), file=out_dir, hint=N_("--out-dir names a folder")
            ) from None
        except OSError as exc:
            raise AssessError(
                N_("cannot create folder: %(reason)s"),
                file=out_dir,
                values={"reason": exc.strerror},
            ) from None
    return outputs


def render_one(source: Path, output: Path, options: ReportOptions) -> ReportOutcome:
    """Render one report, turning any failure into an error line instead of an exception.

    Runs in a worker process; it is a top-level function so it pickles under spawn.
    """
    try:
        write_report(source, output, options)
    except AssessError as exc:
        return ReportOutcome(source=source, output=output, error=str(exc))
    except Exception as exc:  # a bug or a renderer failure must not stop the other reports
        message = " ".join(f"{type(exc).__name__}: {exc}".split())
        return ReportOutcome(
            source=source, output=output, error=f"{source}: internal error: {message}"
        )
    return ReportOutcome(source=source, output=output)


def render_many(
    sources: Sequence[Path],
    outputs: Sequence[Path],
    options: ReportOptions,
    jobs: int = 1,
    on_done: Callable[[ReportOutcome], None] | None = None,
) -> list[ReportOutcome]:
    """Render every source to its output (from `plan`) with `jobs` processes.

    `on_done` is called with each outcome as it finishes; the list returned is in input order.
    """
    done: dict[Path, ReportOutcome] = {}

    def record(outcome: ReportOutcome) -> None:
        done[outcome.source] = outcome
        if on_done is not None:
            on_done(outcome)

    if len(sources) > 1 and hasattr(os, "fork"):
        _warm_up(options)
    if jobs <= 1 or len(sources) <= 1:
        for source, output in zip(sources, outputs, strict=True):
            record(render_one(source, output, options))
    else:
        _parallel(sources, outputs, options, min(jobs, len(sources)), record)
    return [done[s] for s in sources]


def _warm_up(options: ReportOptions) -> None:
    """Import the renderer and compile the templates once, here, for the whole batch.

    Each report is prepared in a child forked from the process that renders it, and workers are
    forked from this one (on Linux): they all start with what is loaded here and share its
    pages, so no report pays for it again, and `--jobs 2` costs no more CPU than `--jobs 1`.
    """
    import contextlib

    import weasyprint  # noqa: F401

    from assess.report.render import template_environment

    # Only a head start: a broken template is reported by each report, as without it.
    with contextlib.suppress(Exception):
        template_environment(options.template_dir).get_template("report.html")


def _parallel(
    sources: Sequence[Path],
    outputs: Sequence[Path],
    options: ReportOptions,
    jobs: int,
    record: Callable[[ReportOutcome], None],
) -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # Where the platform does not fork by default (Windows, macOS), workers start afresh.
    context = multiprocessing.get_context()
    # A worker says its errors in this run's language, however it was started.
    language = (shown_language(),)
    with ProcessPoolExecutor(jobs, context, initializer=show_in, initargs=language) as pool:
        futures = {
            pool.submit(render_one, s, o, options): (s, o)
            for s, o in zip(sources, outputs, strict=True)
        }
        for future in as_completed(futures):
            source, output = futures[future]
            try:
                record(future.result())
            except Exception as exc:  # the worker died (out of memory, a crash in a C library)
                failed = _("%(file)s: worker failed: %(reason)s") % {"file": source, "reason": exc}
                record(ReportOutcome(source=source, output=output, error=failed))
