"""Commands that read files and print: list, show, validate, schema, score."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from assess.cli.app import (
    AllowUntranslated,
    FormatOption,
    JobsOption,
    JsonFlag,
    Lang,
    QuestionnairePaths,
    app,
    error_line,
    output_format,
)
from assess.errors import AssessError, ExitCode
from assess.i18n import N_
from assess.model.schema import SchemaKind
from assess.output.formats import OutputFormat

if TYPE_CHECKING:
    from assess.output.formats import Shaped
    from assess.output.validation import Checked
    from assess.scoring.batch import FileScores


@app.command("list")
def list_command() -> None:
    """List the questionnaires: bundled ones, and those in the ASSESS_QUESTIONNAIRES folders.

    \b
    Examples:
      assess list
    """  # noqa: D301
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
    ref: Annotated[
        str,
        typer.Argument(
            metavar="ID[@VERSION]", help=N_("The questionnaire, e.g. cyberposture@1.0.")
        ),
    ],
    qid: Annotated[
        str | None,
        typer.Argument(metavar="QID", help=N_("One question to print in full (any case).")),
    ] = None,
    questionnaires: QuestionnairePaths = None,
) -> None:
    """Outline a questionnaire, or print one of its questions in full.

    The outline lists the profiles, the dimensions and every question with its level and type.
    One question shows its text, guidance, answers and their scores, level, weight, where it
    applies, references and recommendation.

    \b
    Examples:
      assess show cyberposture@1.0
      assess show cyberposture dyn-02
    """  # noqa: D301
    from assess.files.questionnaires import parse_ref, resolve
    from assess.model.lookup import find_question
    from assess.output.outline import outline, question_detail

    ident, version = parse_ref(ref)
    q = resolve(ident, version, questionnaires or ()).questionnaire
    if qid is None:
        typer.echo(outline(q))
    else:
        typer.echo(question_detail(q, find_question(q, qid)))


def _not_checked(path: Path, reason: str) -> Checked:
    from assess.output.validation import Checked

    return Checked((("error", reason),), failed=True)


def _say(checked: Checked) -> None:
    for stream, line in checked.lines:
        typer.echo(error_line(line) if stream == "error" else line, err=stream != "out")


@app.command()
def validate(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE",
            help=N_("Questionnaire, translation, answers or review files, or folders of them."),
        ),
    ],
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help=N_("Also run the assessment-quality checks; exit 1 if one fires.")
        ),
    ] = False,
    questionnaires: QuestionnairePaths = None,
    allow_untranslated: AllowUntranslated = False,
    jobs: JobsOption = 0,
) -> None:
    """Check questionnaire, translation, answers and review files; print one line per file.

    A translation is checked against its questionnaire (found beside it, or as usual): every
    id exists there, no placeholder is left, and no text is missing (with
    --allow-untranslated the missing ones are listed instead, to be shown in the source
    language).

    A draft (a note typed for a question before its answer) beside an answer of the same
    question is printed as a warning: the draft is ignored, the file is still valid.

    Exit status 2 if any file has a problem; the others are still checked. With --strict,
    answers files also go through the assessment-quality checks (docs/scoring.md): one line per
    issue, and exit status 1 if any check fires (2 still wins when a file has an error).

    \b
    Examples:
      assess validate northwind-2025.yaml
      assess validate northwind-2023.yaml northwind-2024.yaml northwind-2025.yaml
      assess validate --strict northwind-2025.yaml
      assess validate . --jobs 2

    A folder stands for its YAML files and reports. Many files are shared among worker
    processes, one per CPU unless --jobs says otherwise.
    """  # noqa: D301
    import os
    import sys
    from functools import partial

    from assess.files.batch import in_order, input_files
    from assess.output.validation import validate_file

    paths = input_files(files)
    work = partial(
        validate_file,
        questionnaires=questionnaires or [],
        strict=strict,
        allow_untranslated=allow_untranslated,
    )
    show = len(paths) > 1 and sys.stderr.isatty()
    failed = flagged = False
    held: list[Checked] = []
    with typer.progressbar(
        length=len(paths), label="checking", file=sys.stderr, hidden=not show
    ) as bar:
        workers = jobs or os.cpu_count() or 1
        for checked in in_order(paths, work, _not_checked, jobs=workers, on_done=bar.update):
            failed, flagged = failed or checked.failed, flagged or checked.flagged
            # Under a progress bar the lines wait for it to end; otherwise they come as checked.
            if show:
                held.append(checked)
            else:
                _say(checked)
    for checked in held:
        _say(checked)
    if failed:
        raise typer.Exit(ExitCode.bad_input)
    if flagged:
        raise typer.Exit(ExitCode.failed)


@app.command()
def schema(
    kind: Annotated[
        SchemaKind,
        typer.Argument(metavar="questionnaire|answers|review", help=N_("The file format.")),
    ] = SchemaKind.questionnaire,
) -> None:
    """Print the JSON Schema of a file format.

    \b
    Examples:
      assess schema answers > answers.schema.json
    """  # noqa: D301
    from assess.model.schema import json_schema

    typer.echo(json_schema(kind), nl=False)


@app.command()
def score(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE", help=N_("Answers files, report PDFs, or folders holding them.")
        ),
    ],
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonFlag = False,
    jobs: JobsOption = 0,
    review: Annotated[
        Path | None,
        typer.Option(
            help=N_("The auditor's review file (one FILE): audited figures beside these.")
        ),
    ] = None,
    questionnaires: QuestionnairePaths = None,
    lang: Lang = None,
    allow_untranslated: AllowUntranslated = False,
) -> None:
    """Score answers files: scores, levels, gaps to target, top findings, assessment quality.

    The table shows the top findings; JSON holds the full result (docs/score-json.md), one
    document per line for each assessment (JSON Lines); CSV is one row per assessment, for a
    spreadsheet. A folder stands for its answers files and reports; a trend report for each
    of its periods. A file that cannot be scored is reported and the others still are (exit
    status 1). With --lang, dimension names and findings are in that language (of zh-CN+en,
    the first); the numbers are the same in every language.

    \b
    Examples:
      assess score northwind-2025.yaml
      assess score northwind-2025.yaml --format json
      assess score northwind-2023.yaml northwind-2024.yaml northwind-2025.yaml --format csv
      assess score northwind-2025.yaml --review northwind-2025.review.yaml
      assess score northwind-2025.yaml --lang zh-CN
      assess score northwind-2023.yaml northwind-2024.yaml --format json --jobs 2

    A report made with a review carries it: its audited figures show without --review.
    Many files are shared among worker processes, one per CPU unless --jobs says otherwise.
    """  # noqa: D301
    import os
    import sys
    from functools import partial

    from assess.files.batch import input_files
    from assess.model.language import choose
    from assess.output.formats import output_pieces, shape
    from assess.scoring.batch import score_files

    paths = input_files(files)
    if review is not None and len(paths) != 1:
        raise AssessError(
            N_("--review goes with one answers file"), hint=N_("score each reviewed file alone")
        )
    workers = jobs or os.cpu_count() or 1
    chosen = output_format(fmt, as_json)
    show = len(paths) > 1 and sys.stderr.isatty()
    failed: list[str] = []
    scored = 0

    def results(outcomes: Iterable[FileScores[Shaped]]) -> Iterator[Shaped]:
        nonlocal scored
        for o in outcomes:
            if o.error is not None:
                failed.append(o.error)
            scored += len(o.results)
            yield from o.results

    with typer.progressbar(
        length=len(paths), label="scoring", file=sys.stderr, hidden=not show
    ) as bar:
        outcomes = score_files(
            paths,
            partial(shape, fmt=chosen),
            questionnaires or (),
            jobs=workers,
            on_done=bar.update,
            review=review,
            # A language taken from the environment falls back to the source; --lang insists.
            language=(choose(lang)[0], allow_untranslated or lang is None),
        )
        pieces = output_pieces(results(outcomes), chosen)
        # Written as they come, so a long batch's output does not wait for its end; only a
        # progress bar on the terminal the results go to makes them wait for the bar to end.
        held = list(pieces) if show and sys.stdout.isatty() else None
        for piece in pieces if held is None else ():
            sys.stdout.write(piece)
    for piece in held or ():
        sys.stdout.write(piece)
    for error in failed:
        typer.echo(error_line(error), err=True)
    if failed:
        raise typer.Exit(ExitCode.failed if scored else ExitCode.bad_input)
