"""Checking a report's signatures with pyHanko: intact, covering the document, and trusted.

Each signature must be cryptographically intact; the last must cover the whole file and each
earlier one its whole revision, with nothing added after it but later signatures (pyHanko's
difference analysis judges that); and, when trust roots are given, the signer's certificate must
chain to one of them. No check reaches the network: revocation is not fetched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from assess.errors import AssessError
from assess.signing.credentials import common_name
from assess.signing.result import Check, CheckStatus, SignatureInfo


def ordered_signatures(reader: Any) -> list[Any]:
    """The embedded signatures in the order they were made."""
    return sorted(reader.embedded_signatures, key=lambda s: s.signed_revision)


def check_signatures(
    data: bytes, reader: Any, roots: Sequence[Any] | None, roots_name: str
) -> tuple[list[SignatureInfo], list[Check]]:
    """The signatures of a report, and one check per property of each."""
    from pyhanko_certvalidator import ValidationContext

    sigs = ordered_signatures(reader)
    if not sigs:
        return [], [
            Check(
                name="signature", status=CheckStatus.note, detail="none: the report is not signed"
            )
        ]
    context = ValidationContext(
        trust_roots=list(roots or []), allow_fetching=False, revocation_mode="soft-fail"
    )
    infos, checks = [], []
    for number, sig in enumerate(sigs, start=1):
        info, found = _check_one(data, reader, sig, number == len(sigs), context, roots, roots_name)
        who = f"signature {number} ({info.signer})"
        infos.append(info)
        checks += [c.model_copy(update={"name": f"{who} {c.name}"}) for c in found]
    return infos, checks


def _check_one(
    data: bytes,
    reader: Any,
    sig: Any,
    last: bool,
    context: Any,
    roots: Sequence[Any] | None,
    roots_name: str,
) -> tuple[SignatureInfo, list[Check]]:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError

    cert = sig.signer_cert
    signer, issuer = common_name(cert), _issuer(cert)
    try:
        status = validate_pdf_signature(sig, context, ts_validation_context=context)
    except (SignatureValidationError, ValueError, KeyError, TypeError) as exc:
        info = SignatureInfo(
            field=str(sig.field_name), signer=signer, issuer=issuer, signing_time=None,
            timestamp_time=None, intact=False, covers_document=False, trusted=None,
        )  # fmt: skip
        return info, [
            Check(name="integrity", status=CheckStatus.failed, detail=f"unreadable: {exc}")
        ]
    intact = bool(status.intact and status.valid)
    covers, coverage = _coverage(data, reader, sig, status, last)
    trusted = bool(status.trusted) if roots is not None else None
    stamp = status.timestamp_validity
    info = SignatureInfo(
        field=str(sig.field_name),
        signer=signer,
        issuer=issuer,
        signing_time=_iso(status.signer_reported_dt),
        timestamp_time=_iso(stamp.timestamp) if stamp is not None else None,
        intact=intact,
        covers_document=covers,
        trusted=trusted,
    )
    checks = [
        Check(
            name="integrity",
            status=CheckStatus.passed,
            detail="intact: the signed bytes are unchanged",
        )
        if intact
        else Check(
            name="integrity",
            status=CheckStatus.failed,
            detail="broken: the signed bytes were altered after signing"
            if not status.intact
            else "broken: the signature value does not match the certificate",
        ),
        coverage,
        _trust(signer, issuer, trusted, roots_name)
        if intact
        else Check(
            name="signer",
            status=CheckStatus.unchecked,
            detail="not checked: the signature is broken",
        ),
        _time(status, stamp, roots is not None, roots_name),
    ]
    return info, checks


def _coverage(data: bytes, reader: Any, sig: Any, status: Any, last: bool) -> tuple[bool, Check]:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    from assess.signing.document import revision_end

    name = "coverage"
    level = status.coverage
    if last and level != SignatureCoverageLevel.ENTIRE_FILE:
        if level == SignatureCoverageLevel.ENTIRE_REVISION:
            added = len(data) - revision_end(data, reader, sig.signed_revision)
            detail = f"{added:,} bytes were added after this last signature, which nothing signs"
        else:
            detail = "the signed byte range does not cover the document"
        return False, Check(name=name, status=CheckStatus.failed, detail=detail)
    if level < SignatureCoverageLevel.ENTIRE_REVISION:
        detail = "the signed byte range does not cover its revision"
        return False, Check(name=name, status=CheckStatus.failed, detail=detail)
    modified = status.modification_level
    if modified is None or modified > ModificationLevel.FORM_FILLING:
        detail = "a later revision changed the document itself, not only added signatures"
        return False, Check(name=name, status=CheckStatus.failed, detail=detail)
    detail = "covers the whole document" + ("" if last else " but later signatures")
    return True, Check(name=name, status=CheckStatus.passed, detail=detail)


def _trust(signer: str, issuer: str, trusted: bool | None, roots_name: str) -> Check:
    if trusted is None:
        return Check(
            name="signer",
            status=CheckStatus.note,
            detail=f"unverified: {signer}, certificate issued by {issuer} "
            "(give --trust ROOTS.pem to check whom it chains to)",
        )
    if trusted:
        return Check(
            name="signer",
            status=CheckStatus.passed,
            detail=f"{signer}, certificate chains to a trusted root in {roots_name}",
        )
    return Check(
        name="signer",
        status=CheckStatus.failed,
        detail=f"{signer}, certificate issued by {issuer}, "
        f"does not chain to a root in {roots_name}",
    )


def _time(status: Any, stamp: Any, checked: bool, roots_name: str) -> Check:
    claimed = _iso(status.signer_reported_dt) or "no time"
    if stamp is None:
        return Check(
            name="time",
            status=CheckStatus.note,
            detail=f"signed at {claimed} by the signer's own clock (no RFC 3161 time-stamp)",
        )
    authority = common_name(stamp.signing_cert) if stamp.signing_cert else "unknown authority"
    when = f"time-stamped {_iso(stamp.timestamp)} by {authority}"
    if not (stamp.intact and stamp.valid):
        return Check(
            name="time-stamp", status=CheckStatus.failed, detail=f"{when}: the token is broken"
        )
    if not checked:
        return Check(
            name="time-stamp", status=CheckStatus.note, detail=f"{when} (authority unverified)"
        )
    if not stamp.trusted:
        return Check(
            name="time-stamp",
            status=CheckStatus.failed,
            detail=f"{when}: the authority does not chain to a root in {roots_name}",
        )
    return Check(
        name="time-stamp", status=CheckStatus.passed, detail=f"{when}, a trusted authority"
    )


def _issuer(cert: Any) -> str:
    issuer = cert.issuer.native
    name = issuer.get("common_name") or cert.issuer.human_friendly
    return str(name[0] if isinstance(name, list) else name)


def _iso(moment: dt.datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def load_roots(path: Any) -> list[Any]:
    """The trust roots in a PEM or DER file given with --trust."""
    from pyhanko.keys import load_certs_from_pemder_data

    try:
        roots = list(load_certs_from_pemder_data(path.read_bytes()))
    except OSError as exc:
        raise AssessError(f"cannot read trust roots: {exc.strerror}", file=path) from None
    except (ValueError, TypeError):
        roots = []
    if not roots:
        raise AssessError(
            "no certificate found", file=path, hint="give PEM or DER root certificates"
        )
    return roots
