"""Making a report's file: prepared in a child process, laid out and written in this one.

This module imports nothing of the preparation (loading, scoring, the context, the templates),
so the process that lays out the pages, the larger part of a report's memory, never holds it:
the child that prepares the HTML takes it away when it ends (`assess.report.apart`), while this
process imports the renderer. docs/performance.md has the figures.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from assess.report.formats import ReportFormat
from assess.report.options import ReportOptions

if TYPE_CHECKING:
    from assess.report.pdf import ReportHtml


def build_report(path: Path, options: ReportOptions) -> bytes:
    """The report of one answers file, as PDF or HTML bytes."""
    if options.format is ReportFormat.html:
        return _prepare(path, options).html.encode("utf-8")
    from assess.report.apart import run_apart
    from assess.report.pdf import lay_out

    prepared = run_apart(partial(_prepare, path, options), meanwhile=_import_renderer)
    return lay_out(prepared).pdf()


def _prepare(path: Path, options: ReportOptions) -> ReportHtml:
    """The report's HTML and what it embeds (for a PDF, in the child process)."""
    from assess.report.render import report_html

    return report_html(path, options)


def _import_renderer() -> None:
    import weasyprint  # noqa: F401


def default_output(source: Path, fmt: ReportFormat, out_dir: Path | None = None) -> Path:
    """Where a report goes without -o: next to its input (or in `out_dir`), same stem."""
    folder = out_dir if out_dir is not None else source.parent
    return folder / f"{source.stem}.{fmt.value}"


def report_inputs(source: Path, options: ReportOptions) -> list[Path]:
    """Every file a report reads, which its output must not replace."""
    logo = [options.logo] if options.logo else []
    return [source, *options.previous, *options.questionnaires, *logo]


def write_report(source: Path, output: Path, options: ReportOptions) -> Path:
    """Render the report of `source` and write it to `output` atomically."""
    from assess.files.atomic import check_target, write_atomic

    # Before the slow rendering, so a bad -o fails at once.
    check_target(output, report_inputs(source, options))
    write_atomic(output, build_report(source, options))
    return output
