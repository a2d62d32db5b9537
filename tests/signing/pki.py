"""A throwaway PKI made in the tests with `cryptography`: roots, signers and a time-stamp authority.

Nothing here reaches the network: the time-stamp authority is pyHanko's own test stamper behind
an HTTP server on 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PASSPHRASE = "correct horse battery staple"
HOSTILE_NAME = "\x1b[2J\u202eMaximilian Featherstonehaugh-Cholmondeley WWWWWWWWWWWWWWW"


@dataclass(frozen=True)
class Identity:
    """A certificate and its key, written as PEM files."""

    cert: Path
    key: Path
    cert_obj: x509.Certificate
    key_obj: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey


@dataclass(frozen=True)
class Pki:
    """Two unrelated roots, two auditors under the first, one outsider, and a TSA."""

    root: Identity
    other_root: Identity
    auditor: Identity
    second_auditor: Identity
    outsider: Identity
    tsa: Identity
    p12: Path
    chinese: Identity
    """张伟 of 海川会计师事务所: a name only a CJK font can draw."""
    hostile: Identity
    """A name with a terminal escape and a direction override, too long for a signature line."""


def _name(cn: str, organization: str | None = "Test Audit LLP") -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
            *(
                [x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization)]
                if organization
                else []
            ),
        ]
    )


def _issue(
    folder: Path,
    stem: str,
    cn: str,
    issuer: Identity | None,
    *,
    ca: bool = False,
    tsa: bool = False,
    organization: str | None = "Test Audit LLP",
) -> Identity:
    # pyHanko's test time-stamper signs with RSA only; everyone else uses an EC key.
    key: Any = (
        rsa.generate_private_key(65537, 2048) if tsa else ec.generate_private_key(ec.SECP256R1())
    )
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(cn, organization))
        .issuer_name(issuer.cert_obj.subject if issuer else _name(cn))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=not ca and not tsa,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    if tsa:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
        )
    cert = builder.sign(issuer.key_obj if issuer else key, hashes.SHA256())
    cert_path, key_path = folder / f"{stem}.pem", folder / f"{stem}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return Identity(cert_path, key_path, cert, key)


def make_pki(folder: Path) -> Pki:
    """A fresh PKI under `folder`, with a passphrase-protected PKCS#12 file for the auditor."""
    root = _issue(folder, "root", "Test Root CA", None, ca=True)
    other = _issue(folder, "other-root", "Unrelated Root CA", None, ca=True)
    auditor = _issue(folder, "auditor", "Jane Auditor", root)
    p12 = folder / "auditor.p12"
    p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"auditor",
            auditor.key_obj,
            auditor.cert_obj,
            [root.cert_obj],
            serialization.BestAvailableEncryption(PASSPHRASE.encode()),
        )
    )
    return Pki(
        root=root,
        other_root=other,
        auditor=auditor,
        second_auditor=_issue(folder, "second", "Wang Lei", root),
        outsider=_issue(folder, "outsider", "Mallory Outsider", other),
        tsa=_issue(folder, "tsa", "Test Time-Stamp Authority", root, tsa=True),
        p12=p12,
        chinese=_issue(folder, "chinese", "张伟", root, organization="海川会计师事务所"),
        hostile=_issue(folder, "hostile", HOSTILE_NAME, root, organization=None),
    )


@contextmanager
def tsa_server(tsa: Identity) -> Iterator[str]:
    """An RFC 3161 time-stamp authority on 127.0.0.1 (pyHanko's test stamper); yields its URL."""
    from asn1crypto import tsp
    from pyhanko.keys import load_cert_from_pemder, load_private_key_from_pemder
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    load_cert: Any = load_cert_from_pemder  # untyped in pyHanko
    stamper = DummyTimeStamper(
        tsa_cert=load_cert(str(tsa.cert)),
        tsa_key=load_private_key_from_pemder(str(tsa.key), passphrase=None),
    )

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            reply: Any = stamper.request_tsa_response(tsp.TimeStampReq.load(body))
            data = reply.dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
