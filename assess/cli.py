"""The command line: each command parses its options, calls the core, and prints the result.

Only this module (and the interactive prompt) prints or exits. `AssessError` becomes one line on
stderr and exit status 2 in one place, `_Group.invoke`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from assess import __version__
from assess.errors import AssessError


class _Group(TyperGroup):
    """Turns the project's own error into a one-line message and exit status 2."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except AssessError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None


app = typer.Typer(
    cls=_Group,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    help="Assess an organization's cybersecurity posture: answer, score, report, compare.",
)

QuestionnairePaths = Annotated[
    list[Path] | None,
    typer.Option(
        "--questionnaire",
        "-q",
        help="A questionnaire file that is not bundled (repeatable).",
        metavar="PATH",
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"assess {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Assess an organization's cybersecurity posture: answer, score, report, compare."""


@app.command("list")
def list_command() -> None:
    """List the bundled questionnaires.

    Example: assess list
    """
    from assess.loading import bundled_questionnaires
    from assess.plaintext import columns, safe

    rows = [("QUESTIONNAIRE", "TITLE", "DIMENSIONS", "QUESTIONS")]
    rows += [
        (q.ref, safe(q.title), str(len(q.dimensions)), str(len(q.questions())))
        for q in bundled_questionnaires()
    ]
    typer.echo("\n".join(columns(rows)))


@app.command()
def show(
    ref: Annotated[str, typer.Argument(metavar="ID[@VERSION]", help="e.g. cyberposture@1.0")],
    questionnaires: QuestionnairePaths = None,
) -> None:
    """Outline a questionnaire: its dimensions and questions with their levels and types.

    Example: assess show cyberposture@1.0
    """
    from assess.loading import find_questionnaire, parse_ref
    from assess.outline import outline

    ident, version = parse_ref(ref)
    typer.echo(outline(find_questionnaire(ident, version, questionnaires or ())))


@app.command()
def validate(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE", help="Questionnaire or answers files.")
    ],
    questionnaires: QuestionnairePaths = None,
) -> None:
    """Check questionnaire and answers files; print one line per file.

    Exit status 2 if any file has a problem. Example: assess validate answers-2025.yaml
    """
    from assess.loading import load_any
    from assess.outline import summary

    failed = False
    for path in files:
        try:
            typer.echo(f"{path}: ok, {summary(load_any(path, questionnaires or ()))}")
        except AssessError as exc:
            typer.echo(f"error: {exc}", err=True)
            failed = True
    if failed:
        raise typer.Exit(2)


@app.command()
def schema(
    kind: Annotated[str, typer.Argument(help="questionnaire or answers")] = "questionnaire",
) -> None:
    """Print the JSON Schema of a file format.

    Example: assess schema answers > answers.schema.json
    """
    from assess.schema import SchemaKind, json_schema

    try:
        chosen = SchemaKind(kind)
    except ValueError:
        raise AssessError(
            f"no schema named {kind!r}", hint=f"choose one of {', '.join(SchemaKind)}"
        ) from None
    typer.echo(json_schema(chosen), nl=False)


# --- scoring commands ---
@app.command()
def score(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="An answers file or report PDF.")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the full result as JSON (docs/score-json.md).")
    ] = False,
    questionnaires: QuestionnairePaths = None,
) -> None:
    """Score an answers file: scores, maturity levels, gaps to target, and top findings.

    Example: assess score answers-2025.yaml --json
    """
    from assess.formats import OutputFormat, render
    from assess.loading import load_answers
    from assess.scoring import score as score_answers

    answers, questionnaire = load_answers(file, questionnaires or ())
    fmt = OutputFormat.json if as_json else OutputFormat.table
    typer.echo(render(score_answers(questionnaire, answers), fmt), nl=False)


# --- answering commands ---
@app.command()
def init(
    output: Annotated[Path, typer.Option("--output", "-o", help="The answers file to create.")],
    period: Annotated[str, typer.Option(help='The period assessed, e.g. "2025".')],
    org: Annotated[
        str | None, typer.Option(help="The organization's name (default with --from: last's).")
    ] = None,
    profile: Annotated[
        str | None, typer.Option(help="Its protection profile (default with --from: last's).")
    ] = None,
    sector: Annotated[str | None, typer.Option(help="Its sector, e.g. electricity.")] = None,
    date: Annotated[
        str | None, typer.Option(help="Date of the assessment, YYYY-MM-DD (default: today).")
    ] = None,
    assessor: Annotated[str | None, typer.Option(help="Who leads the assessment.")] = None,
    scope: Annotated[str | None, typer.Option(help="What the assessment covers.")] = None,
    questionnaire: Annotated[
        list[str] | None,
        typer.Option(
            "--questionnaire",
            "-q",
            metavar="ID@VERSION|PATH",
            help="The questionnaire to follow (default: the newest bundled); repeatable for files.",
        ),
    ] = None,
    previous: Annotated[
        Path | None,
        typer.Option("--from", help="Last period's answers file: carry its answers forward."),
    ] = None,
    force: Annotated[bool, typer.Option(help="Replace OUTPUT if it exists.")] = False,
) -> None:
    """Create a new answers file, optionally carrying last period's answers forward.

    Carried answers are marked and `assess take` asks to confirm or change each one.

    Example: assess init -o northwind-2025.yaml --org Northwind --profile critical --period 2025

    Next year: assess init -o northwind-2026.yaml --period 2026 --from northwind-2025.yaml
    """
    import datetime as dt

    from assess.answering import init_file

    try:
        day = dt.date.fromisoformat(date) if date is not None else dt.date.today()
    except ValueError:
        raise AssessError(f"--date {date!r} is not a date", hint="write it as YYYY-MM-DD") from None
    result = init_file(
        output,
        specs=questionnaire or (),
        previous_path=previous,
        org=org,
        profile=profile,
        period=period,
        date=day,
        sector=sector,
        assessor=assessor,
        scope=scope,
        force=force,
    )
    ref = result.answers.questionnaire
    typer.echo(f"{output}: created for {ref}")
    if previous is not None:
        carried = len(result.answers.answers)
        typer.echo(f"carried {carried} answer(s) from {previous}; `assess take` confirms each")
        for old, new in result.renamed:
            typer.echo(f"  renamed: {old} -> {new}")
        for old, why in result.dropped:
            typer.echo(f"  not carried: {old}: {why}")
    typer.echo(f"next: assess take {output}")


@app.command()
def take(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The answers file.")],
    dimension: Annotated[
        str | None, typer.Option(help="Answer only this dimension (to split the work).")
    ] = None,
    review: Annotated[bool, typer.Option(help="Walk through every answered question.")] = False,
    questionnaires: QuestionnairePaths = None,
) -> None:
    """Answer the questionnaire interactively; every answer is saved at once.

    Starts at the first unanswered (or carried) question; Ctrl-C stops and prints how to resume.

    Example: assess take northwind-2025.yaml

    One dimension: assess take northwind-2025.yaml --dimension CII

    Look over every answer: assess take northwind-2025.yaml --review
    """
    from assess.prompt import take as run_take

    status = run_take(file, questionnaires or (), dimension=dimension, review=review)
    if status:
        raise typer.Exit(status)


@app.command()
def answer(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The answers file.")],
    qid: Annotated[str, typer.Argument(metavar="QID", help="The question id, e.g. HOL-01.")],
    value: Annotated[
        str | None,
        typer.Argument(
            metavar="VALUE", help="An option value or label; a,b,c for a checklist; a number."
        ),
    ] = None,
    note: Annotated[str | None, typer.Option(help='A note ("" removes it).')] = None,
    evidence: Annotated[
        list[str] | None,
        typer.Option(help="An evidence reference; repeat for several (replaces the list)."),
    ] = None,
    na: Annotated[
        str | None, typer.Option("--na", metavar="JUSTIFICATION", help="Mark N/A, saying why.")
    ] = None,
    questionnaires: QuestionnairePaths = None,
) -> None:
    """Set one answer without prompting, checked like a loaded file: for scripts.

    Example: assess answer northwind-2025.yaml HOL-01 2 --note "Approved" --evidence "Policy v3"

    A checklist: assess answer northwind-2025.yaml OPN-04 a,c

    Not applicable: assess answer northwind-2025.yaml SHR-05 --na "No external suppliers"
    """
    from assess.answering import answer_file

    change = answer_file(
        file, qid, questionnaires or (), value=value, justification=na, note=note, evidence=evidence
    )
    typer.echo(f"{file}: {qid} saved")
    if change.excluded:
        typer.echo(f"note: {qid} does not apply ({change.excluded}); it is kept but not scored")


# --- report commands ---
@app.command()
def report(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE", help="Answers files, or earlier report PDFs."),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Output file (one input only).", metavar="OUT"),
    ] = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out-dir", help="Write every report into this folder.")
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=0, help="Worker processes (0: one per CPU).")
    ] = 0,
    previous: Annotated[
        list[Path] | None,
        typer.Option(
            "--previous", help="An earlier answers file to show the change since (repeatable)."
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="pdf or html.")] = "pdf",
    template_dir: Annotated[
        Path | None, typer.Option("--template-dir", help="Templates that override the defaults.")
    ] = None,
    logo: Annotated[Path | None, typer.Option("--logo", help="PNG or JPEG for the cover.")] = None,
    classification: Annotated[
        str, typer.Option("--classification", help="Shown on the cover and every page.")
    ] = "Confidential",
    auditor: Annotated[str | None, typer.Option("--auditor", help="The auditor's name.")] = None,
    auditor_org: Annotated[
        str | None, typer.Option("--auditor-org", help="The auditor's organization.")
    ] = None,
    questionnaires: QuestionnairePaths = None,
) -> None:
    """Write the PDF report of an answers file (or of many, in parallel).

    Example: assess report northwind-2025.yaml --previous northwind-2024.yaml -o report.pdf
    """
    import os

    from assess.report import ReportFormat, ReportOptions, default_output, write_report

    try:
        chosen = ReportFormat(fmt)
    except ValueError:
        raise AssessError(f"no report format {fmt!r}", hint="choose pdf or html") from None
    options = ReportOptions(
        format=chosen,
        classification=classification,
        auditor=auditor,
        auditor_org=auditor_org,
        logo=logo,
        template_dir=template_dir,
        previous=previous or [],
        questionnaires=questionnaires or [],
    )
    if len(files) == 1 and out_dir is None:
        target = output or default_output(files[0], chosen)
        typer.echo(f"wrote {write_report(files[0], target, options)}")
        return
    if output is not None or previous:
        raise AssessError(
            "-o and --previous take a single input file", hint="use --out-dir for many reports"
        )
    _report_batch(files, out_dir, options, jobs or os.cpu_count() or 1)


def _report_batch(files: list[Path], out_dir: Path | None, options: Any, jobs: int) -> None:
    import sys

    from assess.batch import Outcome, plan, render_many

    outputs = plan(files, out_dir, options)  # refuses clashing outputs before any progress shows
    with typer.progressbar(length=len(files), label="rendering", file=sys.stderr) as bar:

        def advance(_: Outcome) -> None:
            bar.update(1)

        outcomes = render_many(files, outputs, options, jobs, on_done=advance)
    failed = [o for o in outcomes if not o.ok]
    for o in outcomes:
        if o.ok:
            typer.echo(f"wrote {o.output}")
    for o in failed:
        typer.echo(f"error: {o.error}", err=True)
    typer.echo(f"{len(outcomes) - len(failed)} of {len(outcomes)} reports written", err=True)
    if failed:
        raise typer.Exit(1)


@app.command()
def extract(
    file: Annotated[
        Path, typer.Argument(metavar="REPORT", help="A report PDF made by `assess report`.")
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here instead of to stdout.", metavar="FILE"),
    ] = None,
) -> None:
    """Write out the answers file embedded in a report, after checking its SHA-256.

    Example: assess extract report.pdf -o answers-2025.yaml
    """
    from assess.atomic import write_atomic
    from assess.extract import extract as extract_answers

    data = extract_answers(file)
    if output is None:
        typer.echo(data, nl=False)
        return
    write_atomic(output, data)
    typer.echo(f"wrote {output} (SHA-256 verified)", err=True)


# --- comparison commands ---
@app.command("compare")
def compare_command(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE", help="Two or more answers files or report PDFs."),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the comparison as JSON (docs/compare.md).")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Also write the trend report PDF.", metavar="PDF"),
    ] = None,
    allow_mixed: Annotated[
        bool, typer.Option("--allow-mixed", help="Compare assessments of different organizations.")
    ] = False,
    questionnaires: QuestionnairePaths = None,
) -> None:
    """Compare assessments across periods: scores, levels, what changed, and compatibility.

    Every assessment is scored again with the current engine from its own answers.

    Example: assess compare northwind-2023.yaml northwind-2024.yaml northwind-2025.yaml

    Trend report: assess compare northwind-*.yaml -o northwind-trend.pdf
    """
    from assess.compare import compare_inputs, read_input
    from assess.formats import OutputFormat, render

    inputs = [read_input(path, questionnaires or ()) for path in files]
    comparison = compare_inputs(inputs, allow_mixed=allow_mixed)
    if output is not None:
        from assess.trend import write_trend

        write_trend(comparison, inputs, output)
    fmt = OutputFormat.json if as_json else OutputFormat.table
    typer.echo(render(comparison, fmt), nl=False)
    if output is not None:
        typer.echo(f"wrote {output}", err=True)


def main() -> None:
    """Entry point of the `assess` console script."""
    app(prog_name="assess")
