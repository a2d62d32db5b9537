"""Commands that sign reports and verify them: sign, verify."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assess.cli.app import QuestionnairePaths, app
from assess.errors import AssessError
from assess.i18n import N_, _
from assess.plaintext import safe


def _passphrase() -> bytes:
    """The passphrase from ASSESS_SIGN_PASSPHRASE, else typed at a hidden prompt."""
    import os
    import sys

    from assess.signing.credentials import PASSPHRASE_ENV

    if PASSPHRASE_ENV in os.environ:
        return os.environ[PASSPHRASE_ENV].encode("utf-8")
    if not sys.stdin.isatty():
        raise AssessError(
            N_("the key is encrypted and there is no terminal to ask for its passphrase"),
            hint=N_("set %(variable)s"),
            values={"variable": PASSPHRASE_ENV},
        )
    text: str = typer.prompt("Passphrase", hide_input=True, err=True)
    return text.encode("utf-8")


@app.command()
def sign(
    report: Annotated[Path, typer.Argument(metavar="REPORT", help=N_("A report PDF to sign."))],
    output: Annotated[
        Path, typer.Option("--output", "-o", help=N_("The signed report to write."), metavar="OUT")
    ],
    key: Annotated[
        Path | None, typer.Option("--key", help=N_("The signer's private key (PEM or DER)."))
    ] = None,
    cert: Annotated[
        Path | None, typer.Option("--cert", help=N_("The signer's certificate (PEM or DER)."))
    ] = None,
    chain: Annotated[
        list[Path] | None,
        typer.Option("--chain", help=N_("Intermediate certificates to include (repeatable).")),
    ] = None,
    p12: Annotated[
        Path | None,
        typer.Option(
            "--p12", help=N_("A PKCS#12 file with key and certificates, instead of both.")
        ),
    ] = None,
    tsa: Annotated[
        str | None,
        typer.Option(
            "--tsa", help=N_("An RFC 3161 time-stamp authority URL (PAdES B-T)."), metavar="URL"
        ),
    ] = None,
    place: Annotated[
        str | None,
        typer.Option(
            "--place",
            help=N_(
                "The sign-off line to sign in: auditor or organization (default: the first free)."
            ),
            metavar="LINE",
        ),
    ] = None,
    invisible: Annotated[
        bool, typer.Option("--invisible", help=N_("Sign without drawing the signature on a page."))
    ] = False,
) -> None:
    """Sign a report (PAdES), appending the signature so the report's own bytes stay as made.

    The signature is drawn in the report's sign-off block, naming the signer from the
    certificate, the signing time (UTC) and the level: in the auditor's line, or the line --place
    names. Sign the signed file again for a second signer: it takes the next free line. With no
    line free, or a report from an older assess, the signature is invisible and sign says so;
    --invisible asks for that. A passphrase (encrypted key or --p12 file) comes from
    ASSESS_SIGN_PASSPHRASE or a hidden prompt, never an argument. --tsa URL adds an RFC 3161
    time-stamp (PAdES B-T). See docs/signing.md.

    \b
    Examples:
      assess sign northwind-2025.pdf -o signed.pdf --key auditor.key --cert auditor.pem
      assess sign northwind-2025.pdf -o signed.pdf --key auditor.key --cert auditor.pem --place organization
      assess sign northwind-2025.pdf -o signed.pdf --key auditor.key --cert auditor.pem --invisible
    """  # noqa: D301, E501
    from assess.signing.credentials import load_signer
    from assess.signing.placement import Place
    from assess.signing.sign import sign_report

    lines = [p.value for p in Place]
    if place is not None and place not in lines:
        raise AssessError(
            N_("no sign-off line %(place)r"),
            hint=N_("choose auditor or organization"),
            values={"place": place},
        )
    if place is not None and invisible:
        raise AssessError(
            N_("--place and --invisible exclude each other"), hint=N_("give one of them")
        )
    signer = load_signer(key=key, cert=cert, chain=chain or [], p12=p12, passphrase=_passphrase)
    done = sign_report(
        report, output, signer, tsa, place=Place(place) if place else None, visible=not invisible
    )
    said = {"file": done.output, "signer": safe(done.signer), "level": done.level}
    if done.line == Place.auditor:
        typer.echo(
            _("wrote %(file)s: signed by %(signer)s in the auditor's line (PAdES %(level)s)") % said
        )
    elif done.line == Place.organization:
        typer.echo(
            _("wrote %(file)s: signed by %(signer)s in the organization's line (PAdES %(level)s)")
            % said
        )
    else:
        typer.echo(_("wrote %(file)s: signed invisibly by %(signer)s (PAdES %(level)s)") % said)
    if done.why_invisible:
        typer.echo(_("note: not drawn on a page: %(why)s") % {"why": _(done.why_invisible)})


@app.command()
def verify(
    report: Annotated[
        Path, typer.Argument(metavar="REPORT", help=N_("A report PDF, signed or not."))
    ],
    trust: Annotated[
        Path | None,
        typer.Option(
            "--trust",
            help=N_("Trusted root certificates (PEM), to check who signed."),
            metavar="ROOTS.pem",
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help=N_("text or json."))] = "text",
    template_dir: Annotated[
        Path | None,
        typer.Option(
            "--template-dir", help=N_("The custom templates the report was rendered with.")
        ),
    ] = None,
    questionnaires: QuestionnairePaths = None,
) -> None:
    """Check a report: its signatures, its attachments, and that its pages are what assess computes.

    Prints one line per check and a verdict. Exit status 0 when every check passes, 1 when one
    fails or cannot be made here, 2 on bad input. See docs/signing.md.

    \b
    Examples:
      assess verify northwind-2025.pdf
      assess verify northwind-2025.pdf --trust root.pem --format json
    """  # noqa: D301
    from assess.signing.result import as_json, as_text
    from assess.signing.verify import verify_report

    if fmt not in ("text", "json"):
        raise AssessError(
            N_("no format %(format)r"), hint=N_("choose text or json"), values={"format": fmt}
        )
    result = verify_report(report, trust, questionnaires or [], template_dir)
    typer.echo(as_json(result) if fmt == "json" else as_text(result), nl=False)
    if result.exit_code:
        raise typer.Exit(result.exit_code)
