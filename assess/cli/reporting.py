"""Commands that make and read documents: report, extract, compare."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from assess.cli.app import (
    AllowUntranslated,
    Classification,
    FormatOption,
    JobsOption,
    JsonFlag,
    Lang,
    QuestionnairePaths,
    TemplateDir,
    app,
    error_line,
    output_format,
)
from assess.errors import AssessError, ExitCode
from assess.i18n import N_, _, ngettext
from assess.output.formats import OutputFormat
from assess.report.formats import ReportFormat


@app.command()
def report(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE", help=N_("Answers files, or earlier report PDFs.")),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help=N_("Output file (one input only).")),
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out-dir", metavar="DIR", help=N_("Write every report into this folder.")),
    ] = None,
    jobs: JobsOption = 0,
    previous: Annotated[
        list[Path] | None,
        typer.Option(
            "--previous",
            metavar="FILE",
            help=N_("An earlier answers file to show the change since (repeatable)."),
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format", metavar="pdf|html", case_sensitive=False, help=N_("What to write.")
        ),
    ] = ReportFormat.pdf,
    template_dir: TemplateDir = None,
    logo: Annotated[
        Path | None, typer.Option("--logo", metavar="FILE", help=N_("PNG or JPEG for the cover."))
    ] = None,
    classification: Classification = None,
    review: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help=N_("The auditor's review file: audited figures, verdicts, opinion."),
        ),
    ] = None,
    auditor: Annotated[
        str | None,
        typer.Option(
            "--auditor", metavar="NAME", help=N_("Who will review (names the sign-off; no review).")
        ),
    ] = None,
    auditor_org: Annotated[
        str | None,
        typer.Option("--auditor-org", metavar="NAME", help=N_("The auditor's organization.")),
    ] = None,
    questionnaires: QuestionnairePaths = None,
    lang: Lang = None,
    allow_untranslated: AllowUntranslated = False,
) -> None:
    """Write the PDF report of an answers file (or of many, in parallel).

    With several files and --out-dir, a file that fails is reported and the rest are still
    written (exit status 1).

    \b
    Examples:
      assess report northwind-2025.yaml --previous northwind-2024.yaml -o report.pdf
      assess report northwind-2025.yaml harbourline-2025.yaml --out-dir out -j 2 --format html
      assess report harbourline-2025.yaml --format html --classification Internal
      assess report northwind-2025.yaml --review northwind-2025.review.yaml -o reviewed.pdf
      assess report northwind-2025.yaml --lang zh-CN+en -o northwind-2025.zh-CN+en.pdf
    """  # noqa: D301
    import os

    from assess.model.language import choose
    from assess.report.build import default_output, write_report
    from assess.report.options import ReportOptions

    options = ReportOptions(
        format=fmt,
        classification=classification,
        auditor=auditor,
        auditor_org=auditor_org,
        logo=logo,
        template_dir=template_dir,
        previous=previous or [],
        review=review,
        questionnaires=questionnaires or [],
        languages=choose(lang),
        # A language taken from the environment falls back to the source; --lang insists.
        allow_untranslated=allow_untranslated or lang is None,
    )
    if len(files) == 1 and out_dir is None:
        target = output or default_output(files[0], fmt)
        typer.echo(_("wrote %(file)s") % {"file": write_report(files[0], target, options)})
        return
    if output is not None or previous or review is not None:
        raise AssessError(
            N_("-o, --previous and --review take a single input file"),
            hint=N_("use --out-dir for many reports"),
        )
    _report_batch(files, out_dir, options, jobs or os.cpu_count() or 1)


def _report_batch(files: list[Path], out_dir: Path | None, options: Any, jobs: int) -> None:
    import sys

    from assess.report.batch import ReportOutcome, plan, render_many

    outputs = plan(files, out_dir, options)  # refuses clashing outputs before any progress shows
    with typer.progressbar(length=len(files), label="rendering", file=sys.stderr) as bar:

        def advance(_: ReportOutcome) -> None:
            bar.update(1)

        outcomes = render_many(files, outputs, options, jobs, on_done=advance)
    failed = [o for o in outcomes if not o.ok]
    for o in outcomes:
        if o.ok:
            typer.echo(_("wrote %(file)s") % {"file": o.output})
    for o in failed:
        typer.echo(error_line(o.error or ""), err=True)
    written = ngettext(
        "%(done)s of %(count)s report written",
        "%(done)s of %(count)s reports written",
        len(outcomes),
    )
    typer.echo(written % {"done": len(outcomes) - len(failed), "count": len(outcomes)}, err=True)
    if failed:
        raise typer.Exit(ExitCode.failed)


@app.command()
def extract(
    file: Annotated[
        Path,
        typer.Argument(metavar="REPORT", help=N_("A report or trend report PDF made by assess.")),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=N_("Write here instead of to stdout (a folder with --all)."),
            metavar="PATH",
        ),
    ] = None,
    period: Annotated[
        str | None, typer.Option("--period", help=N_("In a trend report: the period to extract."))
    ] = None,
    review: Annotated[
        bool, typer.Option("--review", help=N_("Extract the auditor's review file instead."))
    ] = False,
    every: Annotated[
        bool,
        typer.Option(
            "--all", help=N_("Write every embedded file (answers, questionnaire, review) into -o.")
        ),
    ] = False,
) -> None:
    """Write out the answers file embedded in a report, after checking its SHA-256.

    A trend report holds every period's answers: --period picks one, --all writes every file.

    \b
    Examples:
      assess extract northwind-2025.pdf -o northwind-2025-answers.yaml
      assess extract northwind-2025.pdf --all -o .
    """  # noqa: D301
    from assess.files.atomic import check_target, write_atomic
    from assess.files.attachments import answers_of, review_of, write_all

    if every:
        if output is None:
            raise AssessError(N_("--all writes files into a folder"), hint=N_("add -o FOLDER"))
        for path in write_all(file, output):
            typer.echo(_("wrote %(file)s (SHA-256 verified)") % {"file": path}, err=True)
        return
    if output is not None:
        check_target(output, [file])
    if review:
        found = review_of(file)
        if found is None:
            raise AssessError(
                N_("embeds no review.yaml: this report was not reviewed"),
                file=file,
                hint=N_("reports made with `assess report --review` embed one"),
            )
        data = found
    else:
        data = answers_of(file, period)
    if output is None:
        typer.echo(data, nl=False)
        return
    write_atomic(output, data)
    typer.echo(_("wrote %(file)s (SHA-256 verified)") % {"file": output}, err=True)


@app.command("compare")
def compare_command(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE", help=N_("Two or more answers files or report PDFs.")),
    ],
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help=N_("Also write the trend report PDF.")),
    ] = None,
    template_dir: TemplateDir = None,
    classification: Classification = None,
    review: Annotated[
        list[Path] | None,
        typer.Option(
            "--review",
            metavar="FILE",
            help=N_("A review file: its period is compared on audited figures (repeatable)."),
        ),
    ] = None,
    allow_mixed: Annotated[
        bool,
        typer.Option("--allow-mixed", help=N_("Compare assessments of different organizations.")),
    ] = False,
    questionnaires: QuestionnairePaths = None,
    lang: Lang = None,
    allow_untranslated: AllowUntranslated = False,
) -> None:
    """Compare assessments across periods: scores, levels, what changed, and compatibility.

    Every assessment is scored again with the current engine from its own answers. JSON holds
    the whole comparison (docs/compare.md).

    \b
    Examples:
      assess compare northwind-2023.yaml northwind-2024.yaml northwind-2025.yaml
      assess compare northwind-2024.yaml northwind-2025.yaml --format json
      assess compare northwind-2023.yaml northwind-2024.yaml northwind-2025.yaml -o trend.pdf
      assess compare northwind-2024.yaml northwind-2025.yaml --review northwind-2025.review.yaml
    """  # noqa: D301
    from assess.compare.engine import compare_files
    from assess.model.language import choose
    from assess.output.formats import render

    if output is not None:
        from assess.files.atomic import check_target

        check_target(output, [*files, *(questionnaires or ())])
    language, allow = choose(lang)[0], allow_untranslated or lang is None
    comparison, inputs = compare_files(
        files,
        questionnaires=questionnaires or (),
        language=language,
        allow_untranslated=allow,
        allow_mixed=allow_mixed,
        reviews=review or (),
    )
    if output is not None:
        from assess.report.options import TrendOptions
        from assess.report.trend import write_trend

        options = TrendOptions(
            template_dir=template_dir,
            classification=classification,
            language=language,
            allow_untranslated=allow,
            allow_mixed=allow_mixed,
            reviews=review or [],
            questionnaires=questionnaires or [],
        )
        write_trend(comparison, inputs, output, options)
    typer.echo(render(comparison, output_format(fmt, as_json)), nl=False)
    if output is not None:
        typer.echo(_("wrote %(file)s") % {"file": output}, err=True)
