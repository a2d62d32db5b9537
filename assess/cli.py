"""The command line: each command parses its options, calls the core, and prints the result.

Only this module (and the interactive prompt) prints or exits. `AssessError` becomes one line on
stderr and exit status 2 in one place, `_Group.invoke`.
"""

from __future__ import annotations

from collections.abc import Sequence
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

    rows = [
        (q.ref, q.title, str(len(q.dimensions)), str(len(q.questions())))
        for q in bundled_questionnaires()
    ]
    _table(("QUESTIONNAIRE", "TITLE", "DIMENSIONS", "QUESTIONS"), rows)


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
    files: Annotated[list[Path], typer.Argument(help="Questionnaire or answers files.")],
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


def _table(headers: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> None:
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    for row in [headers, *rows]:
        typer.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def main() -> None:
    """Entry point of the `assess` console script."""
    app(prog_name="assess")
