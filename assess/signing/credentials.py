"""The signer's key and certificate, from PEM/DER files or a PKCS#12 file, loaded by pyHanko.

A passphrase is asked for only when the key or the PKCS#12 file is encrypted, through a callback
the CLI provides (an environment variable or a hidden prompt), never from an argument.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from assess.errors import AssessError, Message
from assess.i18n import N_

PASSPHRASE_ENV = "ASSESS_SIGN_PASSPHRASE"
"""The environment variable `assess sign` reads a passphrase from, before it prompts."""

Passphrase = Callable[[], bytes]
"""Asks for the passphrase of an encrypted key; called at most once, only when needed."""

MAX_CREDENTIAL_BYTES = 1024 * 1024


def load_signer(
    *,
    key: Path | None,
    cert: Path | None,
    chain: Sequence[Path],
    p12: Path | None,
    passphrase: Passphrase,
) -> Any:
    """A pyHanko `SimpleSigner` from --key and --cert (or --p12), with --chain's certificates."""
    from pyhanko.keys import load_certs_from_pemder_data

    others = [c for path in chain for c in _certs(path, load_certs_from_pemder_data)]
    if p12 is not None:
        if key is not None or cert is not None:
            raise AssessError(N_("give either --p12 or --key and --cert, not both"))
        return _from_p12(p12, others, passphrase)
    if key is None or cert is None:
        raise AssessError(
            N_("no signing key given"), hint=N_("pass --key KEY.pem --cert CERT.pem, or --p12 FILE")
        )
    return _from_pem(key, cert, others, passphrase)


def _from_pem(key: Path, cert: Path, others: list[Any], passphrase: Passphrase) -> Any:
    from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    certs = _certs(cert, load_certs_from_pemder_data)
    data = _read(key, N_("key"))
    try:
        try:
            private = load_private_key_from_pemder_data(data, passphrase=None)
        except TypeError:  # encrypted: only now is a passphrase needed
            private = load_private_key_from_pemder_data(data, passphrase=passphrase())
    except (ValueError, TypeError):
        raise AssessError(
            N_("not a private key, or the passphrase is wrong"),
            file=key,
            hint=N_("give a PEM or DER private key; set %(variable)s or type the passphrase"),
            values={"variable": PASSPHRASE_ENV},
        ) from None
    store = SimpleCertificateStore.from_certs([*certs[1:], *others])  # type: ignore[no-untyped-call]
    signer = SimpleSigner(signing_cert=certs[0], signing_key=private, cert_registry=store)
    _check_pair(signer, cert)
    return signer


def _from_p12(p12: Path, others: list[Any], passphrase: Passphrase) -> Any:
    from pyhanko.sign.signers import SimpleSigner

    data = _read(p12, N_("PKCS#12 file"))
    for secret in (None, passphrase):
        try:
            signer = SimpleSigner.load_pkcs12_data(
                data, others, passphrase=secret() if secret else None
            )
        except ValueError:
            continue
        _check_pair(signer, p12)
        return signer
    raise AssessError(
        N_("not a PKCS#12 file, or the passphrase is wrong"),
        file=p12,
        hint=N_("check the file; set %(variable)s or type the passphrase"),
        values={"variable": PASSPHRASE_ENV},
    )


def _check_pair(signer: Any, where: Path) -> None:
    """Refuse a certificate that does not belong to the key, before anything is signed."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        PublicFormat,
        load_der_private_key,
    )

    if signer.signing_key is None or signer.signing_cert is None:
        raise AssessError(N_("no key and certificate found"), file=where)
    key = load_der_private_key(signer.signing_key.dump(), password=None)
    cert = x509.load_der_x509_certificate(signer.signing_cert.dump())
    spki = Encoding.DER, PublicFormat.SubjectPublicKeyInfo
    if key.public_key().public_bytes(*spki) != cert.public_key().public_bytes(*spki):
        raise AssessError(
            N_("the certificate does not belong to the private key"),
            file=where,
            hint=N_("give the certificate issued for this key"),
        )


def _certs(path: Path, loader: Callable[[bytes], Any]) -> list[Any]:
    try:
        certs = list(loader(_read(path, N_("certificate file"))))
    except (ValueError, TypeError):
        certs = []
    if not certs:
        raise AssessError(
            N_("no certificate found"), file=path, hint=N_("give PEM or DER certificates")
        )
    return certs


def _read(path: Path, what: str) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CREDENTIAL_BYTES + 1)
    except OSError as exc:
        raise AssessError(
            N_("cannot read %(what)s: %(reason)s"),
            file=path,
            values={"what": Message(what), "reason": exc.strerror},
        ) from None
    if len(data) > MAX_CREDENTIAL_BYTES:
        raise AssessError(
            N_("%(what)s is over %(limit)s bytes"),
            file=path,
            values={"what": Message(what), "limit": f"{MAX_CREDENTIAL_BYTES:,}"},
        )
    return data


def common_name(cert: Any) -> str:
    """The subject's common name (else the whole subject) of an asn1crypto certificate."""
    subject = cert.subject.native
    name = subject.get("common_name") or cert.subject.human_friendly
    return str(name[0] if isinstance(name, list) else name)
