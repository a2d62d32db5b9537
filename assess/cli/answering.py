"""Commands that answer: init, take, answer."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Annotated

import typer

from assess.cli.app import QuestionnairePaths, TerminalLang, app
from assess.errors import AssessError, ExitCode
from assess.i18n import N_, _, ngettext

# The bundled questionnaire's ids, named in --help without loading it (a test keeps them true).

By = Annotated[
    str | None,
    typer.Option(
        help=N_(
            "Who answers (recorded as answered_by; default: $ASSESS_USER, else the login name)."
        )
    ),
]


@app.command()
def init(
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="FILE", help=N_("The answers file to create."))
    ],
    period: Annotated[
        str, typer.Option(metavar="TEXT", help=N_('The period assessed, e.g. "2025".'))
    ],
    org: Annotated[
        str | None,
        typer.Option(
            metavar="NAME", help=N_("The organization's name (default with --previous: its name).")
        ),
    ] = None,
    profile: Annotated[
        str | None,
        typer.Option(
            metavar="ID",
            help=N_(
                "Its protection profile (cyberposture: baseline, enhanced, critical; default with "
                "--previous: its profile)."
            ),
        ),
    ] = None,
    sector: Annotated[
        str | None, typer.Option(metavar="TEXT", help=N_("Its sector, e.g. electricity."))
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(metavar="YYYY-MM-DD", help=N_("Date of the assessment (default: today).")),
    ] = None,
    assessor: Annotated[
        str | None, typer.Option(metavar="NAME", help=N_("Who leads the assessment."))
    ] = None,
    scope: Annotated[
        str | None, typer.Option(metavar="TEXT", help=N_("What the assessment covers."))
    ] = None,
    use: Annotated[
        str | None,
        typer.Option(
            "--use",
            metavar="ID[@VERSION]",
            help=N_(
                "The questionnaire to follow (default: the newest of the previous file's "
                "questionnaire, else of cyberposture)."
            ),
        ),
    ] = None,
    previous: Annotated[
        Path | None,
        typer.Option(
            "--previous",
            "--from",
            metavar="FILE",
            help=N_(
                "Last period's answers file: carry its answers forward (--from is its old name)."
            ),
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=N_("Replace FILE if it exists."))] = False,
    questionnaires: QuestionnairePaths = None,
) -> None:
    """Create a new answers file, optionally carrying last period's answers forward.

    Carried answers are marked and `assess take` asks to confirm or change each one.

    \b
    Examples:
      assess init -o acme-2025.yaml --org "Acme Ltd" --profile baseline --period 2025
      assess init -o northwind-2027.yaml --period 2027 --previous northwind-2026.yaml
      assess init -o acme.yaml --org Acme --profile critical --period 2025 --use cyberposture@1.0
    """  # noqa: D301 (the \b line keeps the examples as written)
    import datetime as dt

    from assess.answering.carry import init_file

    try:
        day = dt.date.fromisoformat(date) if date is not None else dt.date.today()
    except ValueError:
        raise AssessError(
            N_("--date %(date)r is not a date"),
            hint=N_("write it as YYYY-MM-DD"),
            values={"date": date},
        ) from None
    result = init_file(
        output,
        use=use,
        paths=questionnaires or (),
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
    typer.echo(
        _("%(file)s: created for %(questionnaire)s") % {"file": output, "questionnaire": ref}
    )
    if previous is not None:
        count = len(result.answers.answers)
        carried = ngettext(
            "carried %(count)s answer from %(file)s; `assess take` confirms each",
            "carried %(count)s answers from %(file)s; `assess take` confirms each",
            count,
        )
        typer.echo(carried % {"count": count, "file": previous})
        for old, new in result.renamed:
            typer.echo("  " + _("renamed: %(old)s -> %(new)s") % {"old": old, "new": new})
        for old, why in result.dropped:
            typer.echo("  " + _("not carried: %(id)s: %(why)s") % {"id": old, "why": why})
    words = ["assess", "take", str(output)]
    if result.questionnaire_path is not None:
        words += ["-q", str(result.questionnaire_path)]
    typer.echo(_("next: %(command)s") % {"command": shlex.join(words)})


@app.command()
def take(
    file: Annotated[Path, typer.Argument(metavar="FILE", help=N_("The answers file."))],
    dimension: Annotated[
        str | None,
        typer.Option(
            metavar="ID",
            help=N_(
                "Answer only this dimension, to split the work (cyberposture: HOL, DYN, OPN, REL, "
                "SHR, CII, SNS, DEF)."
            ),
        ),
    ] = None,
    review: Annotated[
        bool, typer.Option("--review", help=N_("Walk through every answered question."))
    ] = False,
    by: By = None,
    questionnaires: QuestionnairePaths = None,
    lang: TerminalLang = None,
) -> None:
    """Answer the questionnaire interactively; every answer is saved at once.

    Starts at the first unanswered (or carried) question; Ctrl-C stops and prints how to resume.
    A note or evidence typed before the answer is saved at once as a draft, which the answer
    chosen later takes over.

    A colleague can answer another dimension of the same file at the same time (--by names
    who answers). With --lang zh-CN the screen and the questionnaire's text are in Chinese
    (where a translation gives it); the keys and the saved answers are the same in every
    language.

    \b
    Examples:
      assess take northwind-2025.yaml
      assess take northwind-2025.yaml --dimension CII --by "P. Raman"
      assess take northwind-2025.yaml --review
      assess take northwind-2025.yaml --lang zh-CN
    """  # noqa: D301
    from assess.answering.prompt import take as run_take
    from assess.i18n import shown_language

    status = run_take(
        file,
        questionnaires or (),
        dimension=dimension,
        review=review,
        by=by,
        language=shown_language(),
    )
    if status:
        raise typer.Exit(ExitCode(status))


@app.command()
def answer(
    file: Annotated[Path, typer.Argument(metavar="FILE", help=N_("The answers file."))],
    qid: Annotated[
        str, typer.Argument(metavar="QID", help=N_("The question id, e.g. HOL-01 (any case)."))
    ],
    value: Annotated[
        str | None,
        typer.Argument(
            metavar="VALUE", help=N_("An option value or label; a,b,c for a checklist; a number.")
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option(metavar="TEXT", help=N_('A note ("" removes it).'))
    ] = None,
    evidence: Annotated[
        list[str] | None,
        typer.Option(
            metavar="TEXT",
            help=N_("An evidence reference; repeat for several (replaces the list)."),
        ),
    ] = None,
    na: Annotated[
        str | None, typer.Option("--na", metavar="JUSTIFICATION", help=N_("Mark N/A, saying why."))
    ] = None,
    by: By = None,
    questionnaires: QuestionnairePaths = None,
) -> None:
    """Set one answer without prompting, checked like a loaded file: for scripts.

    A note or evidence for a question with no answer yet is kept as a draft, which the answer
    takes over when it is given; a draft is not an answer and is not scored.

    \b
    Examples:
      assess answer northwind-2025.yaml HOL-01 2 --note "Approved" --evidence "Policy v3"
      assess answer northwind-2025.yaml opn-05 integrity,sbom
      assess answer northwind-2025.yaml CII-02 --na "No industrial control systems"
      assess answer haichuan-bank-2024.yaml HOL-09 --note "Ask the CISO"
    """  # noqa: D301
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
    saved = change.question
    if change.entry is None:
        said = {"file": file, "id": saved}
        if saved in change.answers.drafts:
            kept = _(
                "%(file)s: %(id)s has no answer yet; note and evidence saved as a draft, "
                "for its answer to take over"
            )
        else:
            kept = _("%(file)s: %(id)s has no answer yet; no draft is kept")
        typer.echo(kept % said)
        return
    typer.echo(_("%(file)s: %(id)s saved") % {"file": file, "id": saved})
    if change.excluded:
        typer.echo(
            _("note: %(id)s does not apply (%(why)s); it is kept but not scored")
            % {"id": saved, "why": _(change.excluded)}
        )


@app.command()
def status(
    file: Annotated[Path, typer.Argument(metavar="FILE", help=N_("The answers file."))],
    questionnaires: QuestionnairePaths = None,
    lang: TerminalLang = None,
) -> None:
    """Show where an answers file stands, per dimension.

    Counts answered, N/A and open questions, answers carried from last period and not yet
    confirmed, answers without evidence, questions not asked (profile or condition), and drafts
    (open questions with a note waiting for their answer).

    \b
    Examples:
      assess status northwind-2025.yaml
      assess status northwind-2025.yaml --lang zh-CN
    """  # noqa: D301
    from assess.answering.status import file_status, status_lines
    from assess.files.loading import load_answers

    answers, q = load_answers(file, questionnaires or ())
    for line in status_lines(file_status(answers, q)):
        typer.echo(line)
