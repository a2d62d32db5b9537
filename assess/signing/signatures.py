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
from assess.i18n import N_
from assess.signing.credentials import common_name
from assess.signing.result import Check, CheckStatus, SignatureInfo, make_check

_NUMBERED = {
    "integrity": N_("signature %(number)s (%(signer)s) integrity"),
    "coverage": N_("signature %(number)s (%(signer)s) coverage"),
    "signer": N_("signature %(number)s (%(signer)s) signer"),
    "time": N_("signature %(number)s (%(signer)s) time"),
    "time-stamp": N_("signature %(number)s (%(signer)s) time-stamp"),
}
"""The name of each check of a signature, with the signature it is about."""


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
        said = N_("none: the report is not signed")
        return [], [make_check(N_("signature"), CheckStatus.note, said)]
    context = ValidationContext(
        trust_roots=list(roots or []), allow_fetching=False, revocation_mode="soft-fail"
    )
    infos, checks = [], []
    for number, sig in enumerate(sigs, start=1):
        info, found = _check_one(data, reader, sig, number == len(sigs), context, roots, roots_name)
        infos.append(info)
        for c in found:
            values = {**c.values, "number": str(number), "signer": info.signer}
            checks.append(make_check(_NUMBERED[c.name], c.status, c.said, **values))
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
            make_check("integrity", CheckStatus.failed, N_("unreadable: %(error)s"), error=str(exc))
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
        make_check("integrity", CheckStatus.passed, N_("intact: the signed bytes are unchanged"))
        if intact
        else make_check(
            "integrity",
            CheckStatus.failed,
            N_("broken: the signed bytes were altered after signing")
            if not status.intact
            else N_("broken: the signature value does not match the certificate"),
        ),
        coverage,
        _trust(signer, issuer, trusted, roots_name)
        if intact
        else make_check(
            "signer", CheckStatus.unchecked, N_("not checked: the signature is broken")
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
            said = N_("%(added)s bytes were added after this last signature, which nothing signs")
            return False, make_check(name, CheckStatus.failed, said, added=f"{added:,}")
        said = N_("the signed byte range does not cover the document")
        return False, make_check(name, CheckStatus.failed, said)
    if level < SignatureCoverageLevel.ENTIRE_REVISION:
        said = N_("the signed byte range does not cover its revision")
        return False, make_check(name, CheckStatus.failed, said)
    modified = status.modification_level
    if modified is None or modified > ModificationLevel.FORM_FILLING:
        said = N_("a later revision changed the document itself, not only added signatures")
        return False, make_check(name, CheckStatus.failed, said)
    said = N_("covers the whole document")
    if not last:
        said = N_("covers the whole document but later signatures")
    return True, make_check(name, CheckStatus.passed, said)


def _trust(signer: str, issuer: str, trusted: bool | None, roots_name: str) -> Check:
    names = {"signer": signer, "issuer": issuer, "roots": roots_name}
    if trusted is None:
        said = N_(
            "unverified: %(signer)s, certificate issued by %(issuer)s "
            "(give --trust ROOTS.pem to check whom it chains to)"
        )
        return make_check("signer", CheckStatus.note, said, **names)
    if trusted:
        said = N_("%(signer)s, certificate chains to a trusted root in %(roots)s")
        return make_check("signer", CheckStatus.passed, said, **names)
    said = N_("%(signer)s, certificate issued by %(issuer)s, does not chain to a root in %(roots)s")
    return make_check("signer", CheckStatus.failed, said, **names)


def _time(status: Any, stamp: Any, checked: bool, roots_name: str) -> Check:
    claimed = _iso(status.signer_reported_dt)
    if stamp is None:
        if claimed is None:
            said = N_("no signing time given, and no RFC 3161 time-stamp")
            return make_check("time", CheckStatus.note, said)
        said = N_("signed at %(time)s by the signer's own clock (no RFC 3161 time-stamp)")
        return make_check("time", CheckStatus.note, said, time=claimed)
    authority = common_name(stamp.signing_cert) if stamp.signing_cert else "?"
    when = {"time": _iso(stamp.timestamp) or "?", "authority": authority, "roots": roots_name}
    if not (stamp.intact and stamp.valid):
        said = N_("time-stamped %(time)s by %(authority)s: the token is broken")
        return make_check("time-stamp", CheckStatus.failed, said, **when)
    if not checked:
        said = N_("time-stamped %(time)s by %(authority)s (authority unverified)")
        return make_check("time-stamp", CheckStatus.note, said, **when)
    if not stamp.trusted:
        said = N_(
            "time-stamped %(time)s by %(authority)s: the authority does not chain to a root "
            "in %(roots)s"
        )
        return make_check("time-stamp", CheckStatus.failed, said, **when)
    said = N_("time-stamped %(time)s by %(authority)s, a trusted authority")
    return make_check("time-stamp", CheckStatus.passed, said, **when)


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
        raise AssessError(
            N_("cannot read trust roots: %(reason)s"), file=path, values={"reason": exc.strerror}
        ) from None
    except (ValueError, TypeError):
        roots = []
    if not roots:
        raise AssessError(
            N_("no certificate found"), file=path, hint=N_("give PEM or DER root certificates")
        )
    return roots
