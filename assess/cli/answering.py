"""Commands that answer: init, take, answer."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Annotated

import typer

from assess.cli.app import QuestionnairePaths, app
from assess.errors import AssessError

By = Annotated[
    str | None,
    typer.Option(
        help="Who answers (recorded as answered_by; default: $ASSESS_USER, else the login name)."
    ),
]


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

    from assess.answering.carry import init_file

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
    words = ["assess", "take", str(output)]
    if result.questionnaire_path is not None:
        words += ["-q", str(result.questionnaire_path)]
    typer.echo(f"next: {shlex.join(words)}")


@app.command()
def take(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The answers file.")],
    dimension: Annotated[
        str | None, typer.Option(help="Answer only this dimension (to split the work).")
    ] = None,
    review: Annotated[bool, typer.Option(help="Walk through every answered question.")] = False,
    by: By = None,
    questionnaires: QuestionnairePaths = None,
) -> None:
    """Answer the questionnaire interactively; every answer is saved at once.

    Starts at the first unanswered (or carried) question; Ctrl-C stops and prints how to resume.

    Example: assess take northwind-2025.yaml

    One dimension, as a colleague answers another at the same time:
    assess take northwind-2025.yaml --dimension CII --by "P. Raman"

    Look over every answer: assess take northwind-2025.yaml --review
    """
    from assess.answering.prompt import take as run_take

    status = run_take(file, questionnaires or (), dimension=dimension, review=review, by=by)
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
    by: By = None,
    questionnaires: QuestionnairePaths = None,
) -> None:
    """Set one answer without prompting, checked like a loaded file: for scripts.

    Example: assess answer northwind-2025.yaml HOL-01 2 --note "Approved" --evidence "Policy v3"

    A checklist: assess answer northwind-2025.yaml OPN-04 a,c

    Not applicable: assess answer northwind-2025.yaml SHR-05 --na "No external suppliers"
    """
    from assess.answering.setting import answer_file

    change = answer_file(
        file,
        qid,
        questionnaires or (),
        value=value,
        justification=na,
        note=note,
        evidence=evidence,
        by=by,
    )
    typer.echo(f"{file}: {qid} saved")
    if change.excluded:
        typer.echo(f"note: {qid} does not apply ({change.excluded}); it is kept but not scored")


@app.command()
def status(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The answers file.")],
    questionnaires: QuestionnairePaths = None,
) -> None:
    """Show where an answers file stands, per dimension.

    Counts answered, N/A and open questions, answers carried from last period and not yet
    confirmed, answers without evidence, and questions not asked (profile or condition).

    Example: assess status northwind-2025.yaml
    """
    from assess.answering.status import file_status, status_lines
    from assess.files.loading import load_answers

    answers, q = load_answers(file, questionnaires or ())
    for line in status_lines(file_status(answers, q)):
        typer.echo(line)
