"""Signing a report: a PAdES signature added by pyHanko as an incremental update.

The report's own bytes stay exactly as `assess report` made them (they are what `verify`
re-renders), and the signature is appended after them. The signing time is the real time of
signing, kept apart from the assessment date that the report's own bytes carry; with a time-stamp
authority the signature also gets an RFC 3161 time-stamp (PAdES B-T), otherwise it is B-B.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from assess.errors import AssessError
from assess.i18n import N_
from assess.model.base import Model
from assess.signing.credentials import common_name

SIGNATURE_REASON = "Sign-off of this assessment report"
TSA_TIMEOUT_SECONDS = 20


class Signed(Model):
    """What `sign` did: who signed, in which field, at what level, and where the output went."""

    output: Path
    signer: str
    field: str
    level: str


def sign_report(source: Path, output: Path, signer: Any, tsa_url: str | None = None) -> Signed:
    """Sign the report at `source` as `signer` and write the signed report to `output`."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import fields, signers
    from pyhanko.sign.general import SigningError
    from pyhanko.sign.timestamps import HTTPTimeStamper
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError

    from assess.files.atomic import check_target, write_atomic
    from assess.signing.document import guarded, read_report

    if output.resolve() == source.resolve():
        raise AssessError(
            N_("the signed report would overwrite its input"),
            file=source,
            hint=N_("pass -o SIGNED.pdf"),
        )
    check_target(output)
    data = read_report(source)
    name = common_name(signer.signing_cert)
    # A crafted PDF can make pyHanko raise anything: one error naming the file, never a crash.
    with guarded(source):
        try:
            writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
            field = f"Signature{len(list(fields.enumerate_sig_fields(writer.prev))) + 1}"
            meta = signers.PdfSignatureMetadata(
                field_name=field,
                name=name,
                reason=SIGNATURE_REASON,
                subfilter=fields.SigSeedSubFilter.PADES,
                md_algorithm="sha256",
            )
            stamper = HTTPTimeStamper(tsa_url, timeout=TSA_TIMEOUT_SECONDS) if tsa_url else None
            out = io.BytesIO()
            signers.sign_pdf(writer, meta, signer=signer, timestamper=stamper, output=out)
        except TimestampRequestError as exc:
            raise AssessError(
                N_("the time-stamp authority did not answer: %(reason)s"),
                hint=N_("check --tsa %(url)s"),
                values={"reason": exc, "url": tsa_url},
            ) from None
        except (PdfError, SigningError, OSError) as exc:
            raise AssessError(
                N_("cannot sign: %(reason)s"), file=source, values={"reason": exc}
            ) from None
    signed = out.getvalue()
    if not signed.startswith(data):  # pragma: no cover - pyHanko appends, never rewrites
        raise AssessError(N_("signing changed the report's own bytes"), file=source)
    write_atomic(output, signed)
    return Signed(output=output, signer=name, field=field, level="B-T" if tsa_url else "B-B")
