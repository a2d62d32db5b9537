"""Signing a report: a PAdES signature added by pyHanko as an incremental update.

The report's own bytes stay exactly as `assess report` made them (they are what `verify`
re-renders), and the signature is appended after them. The signing time is the real time of
signing, kept apart from the assessment date that the report's own bytes carry; with a time-stamp
authority the signature also gets an RFC 3161 time-stamp (PAdES B-T), otherwise it is B-B.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from assess.errors import AssessError
from assess.i18n import N_, translations
from assess.model.base import Model
from assess.signing.appearance import appearance
from assess.signing.credentials import common_name
from assess.signing.placement import Line, Place, choose_line, fields_of, sign_off_lines
from assess.signing.tagging import tag_widget

SIGNATURE_REASON = "Sign-off of this assessment report"
ALT_TEXT = {
    Place.auditor: N_("Auditor's signature"),
    Place.organization: N_("Organization's signature"),
}
"""What a screen reader says of each signature line (the structure element's /Alt), and the
field's name as readers show it (/TU), in the report's language."""
TSA_TIMEOUT_SECONDS = 20


class Signed(Model):
    """What `sign` did: who signed, in which field and line, at what level, and where it went.

    `line` is the sign-off line the signature is drawn in, None for an invisible signature;
    `why_invisible` says why a signature meant to be visible is not.
    """

    output: Path
    signer: str
    field: str
    level: str
    line: str | None
    why_invisible: str | None


def sign_report(
    source: Path,
    output: Path,
    signer: Any,
    tsa_url: str | None = None,
    *,
    place: Place | None = None,
    visible: bool = True,
) -> Signed:
    """Sign the report at `source` as `signer` and write the signed report to `output`.

    The signature is drawn in the sign-off line `place`, else the first free one, unless
    `visible` is False; with no line to draw it in, it is invisible and `why_invisible` says why.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.layout import LayoutError
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
    level = "B-T" if tsa_url else "B-B"
    lines = sign_off_lines(data, source) if visible else []
    # A crafted PDF can make pyHanko raise anything: one error naming the file, never a crash.
    with guarded(source):
        try:
            writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
            existing = fields_of(writer.prev)
            choice = choose_line(lines, existing, place, visible)
            style, params = None, None
            if choice.line is not None:
                language = _language(writer)
                drawn = appearance(signer.signing_cert, level, language, _width(choice.line))
                style, params = drawn.stamp_style(), drawn.text_params()
                for line in choice.prepare:
                    _prepare(writer, line, translations(language).gettext(ALT_TEXT[line.place]))
            field = choice.line.place.field if choice.line else existing.next_name()
            meta = signers.PdfSignatureMetadata(
                field_name=field,
                name=name,
                reason=SIGNATURE_REASON,
                subfilter=fields.SigSeedSubFilter.PADES,
                md_algorithm="sha256",
            )
            stamper = HTTPTimeStamper(tsa_url, timeout=TSA_TIMEOUT_SECONDS) if tsa_url else None
            out = io.BytesIO()
            pdf_signer = _utc_signer()(meta, signer=signer, timestamper=stamper, stamp_style=style)
            pdf_signer.sign_pdf(writer, appearance_text_params=params, output=out)
        except TimestampRequestError as exc:
            raise AssessError(
                N_("the time-stamp authority did not answer: %(reason)s"),
                hint=N_("check --tsa %(url)s"),
                values={"reason": exc, "url": tsa_url},
            ) from None
        except (PdfError, SigningError, LayoutError, OSError) as exc:
            raise AssessError(
                N_("cannot sign: %(reason)s"), file=source, values={"reason": exc}
            ) from None
    signed = out.getvalue()
    if not signed.startswith(data):  # pragma: no cover - pyHanko appends, never rewrites
        raise AssessError(N_("signing changed the report's own bytes"), file=source)
    write_atomic(output, signed)
    return Signed(
        output=output,
        signer=name,
        field=field,
        level=level,
        line=choice.line.place.value if choice.line else None,
        why_invisible=choice.why_invisible,
    )


def _prepare(writer: Any, line: Line, alt: str) -> None:
    """An empty signature field over `line`, tagged as a `Form` element of the sign-off."""
    from pyhanko.sign import fields

    box: Any = line.box  # pyHanko types the box as integers; it writes any number
    spec = fields.SigFieldSpec(
        line.place.field, on_page=line.page, box=box, readable_field_name=alt
    )
    fields.append_signature_field(writer, spec)
    ref = next(r for n, _, r in fields.enumerate_sig_fields(writer) if n == line.place.field)
    tag_widget(writer, ref, writer.find_page_for_modification(line.page)[0], alt)


def _width(line: Line) -> float:
    return line.box[2] - line.box[0]


def _language(writer: Any) -> str:
    """The report's language (its catalog's /Lang), for the words the signature draws."""
    lang = str(writer.root.get("/Lang", "en"))
    return "zh-CN" if lang.lower().startswith("zh") else "en"


def _utc_signer() -> type:
    from pyhanko.sign import signers

    class UtcSigner(signers.PdfSigner):
        """pyHanko's signer, signing at the real time in UTC rather than in the local zone."""

        def init_signing_session(self, *args: Any, **kwargs: Any) -> Any:
            session = super().init_signing_session(*args, **kwargs)
            # The time the signature dictionary, the CMS attributes and the drawn text share.
            session.system_time = dt.datetime.now(dt.UTC)
            return session

    return UtcSigner
