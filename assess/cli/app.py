"""The typer application, the one place errors become messages, and options commands share.

Only the CLI (and the interactive prompt) prints or exits. `AssessError` becomes one line on
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
