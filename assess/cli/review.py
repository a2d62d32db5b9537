"""`assess review`: the auditor's review file (start, set, opinion, take)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assess.cli.app import QuestionnairePaths, app, sub_app
from assess.errors import AssessError
from assess.i18n import N_, _
from assess.model.review_terms import Method, Opinion, ReviewStatus

review_app = sub_app(
    no_args_is_help=True,
    help="""The auditor's review of an answers file: verdicts, methods and the opinion.

    The review is a file of its own, pinned to the answers' SHA-256 (docs/review.md).

    \b
    Examples:
      assess review start northwind-2025.yaml -o my-review.yaml --auditor "Jane Smith"
      assess review set northwind-2025.review.yaml HOL-03 --status verified --method inspection
      assess review opinion northwind-2025.review.yaml --opinion qualified --basis "See DYN-04."
    """,
)
app.add_typer(review_app, name="review")

ReviewPath = Annotated[Path, typer.Argument(metavar="REVIEW", help=N_("The review file."))]


def _date(text: str | None) -> object:
    import datetime as dt

    try:
        return dt.date.fromisoformat(text) if text is not None else dt.date.today()
    except ValueError:
        raise AssessError(
            N_("--date %(date)r is not a date"),
            hint=N_("write it as YYYY-MM-DD"),
            values={"date": text},
        ) from None


@review_app.command()
def start(
    answers: Annotated[Path, typer.Argument(metavar="ANSWERS", help=N_("The answers file."))],
    output: Annotated[Path, typer.Option("--output", "-o", help=N_("The review file to create."))],
    auditor: Annotated[str, typer.Option(help=N_("The auditor's name."))],
    auditor_org: Annotated[
        str | None, typer.Option("--auditor-org", help=N_("The auditor's organization."))
    ] = None,
    date: Annotated[
        str | None, typer.Option(help=N_("When the review starts, YYYY-MM-DD (default: today)."))
    ] = None,
    force: Annotated[bool, typer.Option(help=N_("Replace OUTPUT if it exists."))] = False,
    questionnaires: QuestionnairePaths = None,
) -> None:
    """Start a review of an answers file, pinned to its SHA-256.

    Example: assess review start northwind-2025.yaml -o northwind-2025.review.yaml
    --auditor "J. Smith" --auditor-org "Audit LLP"
    """
    import datetime as dt

    from assess.answering.reviewing import start_review

    day = _date(date)
    assert isinstance(day, dt.date)
    review = start_review(
        answers,
        output,
        auditor=auditor,
        auditor_org=auditor_org,
        started=day,
        questionnaires=questionnaires or (),
        force=force,
    )
    said = {"file": output, "answers": answers, "sha256": review.answers.sha256[:12]}
    typer.echo(_("%(file)s: review of %(answers)s started (SHA-256 %(sha256)s…)") % said)
    typer.echo(_("next: %(command)s") % {"command": f"assess review take {output}"})


@review_app.command("set")
def set_command(
    review: ReviewPath,
    qid: Annotated[str, typer.Argument(metavar="QID", help=N_("The question id, e.g. HOL-01."))],
    status: Annotated[ReviewStatus, typer.Option(help=N_("What you concluded."))],
    method: Annotated[
        Method | None, typer.Option(help=N_("How you tested it (not with not-sampled)."))
    ] = None,
    sample_size: Annotated[
        int | None, typer.Option(min=1, help=N_("Items sampled (with --method sampling)."))
    ] = None,
    value: Annotated[
        str | None, typer.Option(help=N_("The value you found (with --status adjusted)."))
    ] = None,
    comment: Annotated[
        str | None, typer.Option(help=N_("Why: what you saw or did not see."))
    ] = None,
    na_accepted: Annotated[
        str | None,
        typer.Option(
            "--na-accepted", metavar="yes|no", help=N_("For an N/A: is the reason accepted?")
        ),
    ] = None,
    questionnaires: QuestionnairePaths = None,
) -> None:
    """Record your verdict on one answer: for scripts (`review take` asks interactively).

    Example: assess review set r.yaml HOL-02 --status verified --method inspection

    An adjustment: assess review set r.yaml DYN-04 --status adjusted --value 1
    --method sampling --sample-size 25 --comment "9 of 25 changes lacked approval"
    """
    from assess.answering.reviewing import set_verdict

    accepted = None
    if na_accepted is not None:
        if na_accepted not in ("yes", "no"):
            raise AssessError(
                N_("--na-accepted %(typed)r"),
                hint=N_("write yes or no"),
                values={"typed": na_accepted},
            )
        accepted = na_accepted == "yes"
    verdict = set_verdict(
        review,
        qid,
        questionnaires or (),
        status=status,
        method=method.value if method else None,
        sample_size=sample_size,
        value=value,
        comment=comment,
        na_accepted=accepted,
    )[1]
    from assess.model.review_terms import term_word

    said = {"file": review, "qid": qid, "status": term_word(verdict.status)}
    typer.echo(_("%(file)s: %(qid)s %(status)s") % said)


@review_app.command()
def opinion(
    review: ReviewPath,
    opinion: Annotated[Opinion, typer.Option("--opinion", help=N_("Your overall opinion."))],
    basis: Annotated[str, typer.Option(help=N_("The basis for it, in a sentence or two."))],
    date: Annotated[
        str | None, typer.Option(help=N_("Date of the opinion, YYYY-MM-DD (default: today)."))
    ] = None,
    questionnaires: QuestionnairePaths = None,
) -> None:
    """Record the overall opinion and its basis; the report's sign-off shows them.

    Example: assess review opinion r.yaml --opinion qualified
    --basis "Change approvals (DYN-04) were not evidenced for a third of the sample."
    """
    import datetime as dt

    from assess.answering.reviewing import set_opinion

    day = _date(date)
    assert isinstance(day, dt.date)
    block = set_opinion(review, opinion, basis, day, questionnaires or ())
    from assess.model.review_terms import term_word

    said = {"file": review, "opinion": term_word(block.opinion), "date": block.date.isoformat()}
    typer.echo(_("%(file)s: opinion %(opinion)s on %(date)s") % said)


@review_app.command()
def take(
    review: ReviewPath,
    everything: Annotated[
        bool, typer.Option("--all", help=N_("Walk every answer, not only those without a verdict."))
    ] = False,
    questionnaires: QuestionnairePaths = None,
) -> None:
    """Walk the answers interactively: answer, note and evidence, then your verdict.

    Every verdict is saved at once; Ctrl-C stops and the next run resumes.

    Example: assess review take northwind-2025.review.yaml
    """
    from assess.answering.review_prompt import take_review

    status = take_review(review, questionnaires or (), everything=everything)
    if status:
        raise typer.Exit(status)
