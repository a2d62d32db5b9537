"""Commands that read files and print: list, show, validate, schema, score."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assess.cli.app import QuestionnairePaths, app
from assess.errors import AssessError


@app.command("list")
def list_command() -> None:
    """List the questionnaires: bundled ones, and those in the ASSESS_QUESTIONNAIRES folders.

    Example: assess list
    """
    from assess.files.questionnaires import Origin, available
    from assess.plaintext import columns, safe

    rows = [("QUESTIONNAIRE", "TITLE", "DIMENSIONS", "QUESTIONS", "FROM")]
    rows += [
        (
            f.questionnaire.ref,
            safe(f.questionnaire.title),
            str(len(f.questionnaire.dimensions)),
            str(len(f.questionnaire.questions())),
            "bundled" if f.origin is Origin.bundled else safe(str(f.path)),
        )
        for f in available()
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
    from assess.files.questionnaires import parse_ref, resolve
    from assess.output.outline import outline

    ident, version = parse_ref(ref)
    typer.echo(outline(resolve(ident, version, questionnaires or ()).questionnaire))


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
    from assess.files.loading import load_any
    from assess.output.outline import summary

    failed = False
    for path in files:
        try:
            loaded = load_any(path, questionnaires or ())
            if isinstance(loaded, list):
                for item in loaded:
                    typer.echo(f"{path}: ok, {summary((item.answers, item.questionnaire))}")
            else:
                typer.echo(f"{path}: ok, {summary(loaded.questionnaire)}")
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
    from assess.model.schema import SchemaKind, json_schema

    try:
        chosen = SchemaKind(kind)
    except ValueError:
        raise AssessError(
            f"no schema named {kind!r}", hint=f"choose one of {', '.join(SchemaKind)}"
        ) from None
    typer.echo(json_schema(chosen), nl=False)


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
    from assess.files.loading import load
    from assess.output.formats import OutputFormat, render
    from assess.scoring.engine import score as score_answers

    fmt = OutputFormat.json if as_json else OutputFormat.table
    # A trend report holds several periods: each is scored and printed in turn.
    for loaded in load(file, questionnaires or ()):
        typer.echo(render(score_answers(loaded.questionnaire, loaded.answers), fmt), nl=False)
