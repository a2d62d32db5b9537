"""Keys from PKCS#12 files, RFC 3161 time-stamps from a local authority, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.builders import run_cli
from tests.signing.conftest import Made
from tests.signing.helpers import line, sign, verify
from tests.signing.pki import PASSPHRASE, Pki, tsa_server


def test_a_time_stamped_signature_is_pades_b_t(made: Made, pki: Pki) -> None:
    with tsa_server(pki.tsa) as url:
        out = sign(made.pdf, made.folder / "stamped.pdf", pki.auditor, "--tsa", url)
    code, lines = verify(out, "--trust", pki.root.cert)
    assert code == 0, lines
    assert "by Test Time-Stamp Authority, a trusted authority" in line(lines, "PASS", "time-stamp")


def test_an_unreachable_time_stamp_authority_is_one_error_and_writes_nothing(
    made: Made, pki: Pki
) -> None:
    out = made.folder / "never.pdf"
    args: list[str | Path] = [
        "--key",
        pki.auditor.key,
        "--cert",
        pki.auditor.cert,
        "--tsa",
        "http://127.0.0.1:9/",
    ]
    result = run_cli(CliRunner(), "sign", made.pdf, "-o", out, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: the time-stamp authority did not answer")
    assert len(result.stderr.splitlines()) == 1 and not out.exists()


def test_pkcs12_passphrase_comes_from_the_environment(
    made: Made, pki: Pki, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = made.folder / "p12.pdf"
    monkeypatch.setenv("ASSESS_SIGN_PASSPHRASE", PASSPHRASE)
    result = run_cli(CliRunner(), "sign", made.pdf, "-o", out, "--p12", pki.p12)
    assert result.exit_code == 0, result.stderr
    assert "signed by Jane Auditor in the auditor's line (PAdES B-B)" in result.stdout
    code, _ = verify(out, "--trust", pki.root.cert)
    assert code == 0


def test_a_wrong_pkcs12_passphrase_is_one_error(
    made: Made, pki: Pki, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSESS_SIGN_PASSPHRASE", "wrong")
    out = made.folder / "p12-wrong.pdf"
    result = run_cli(CliRunner(), "sign", made.pdf, "-o", out, "--p12", pki.p12)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {pki.p12}: not a PKCS#12 file, or the passphrase is wrong "
        "(check the file; set ASSESS_SIGN_PASSPHRASE or type the passphrase)\n"
    )
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--key", "second.key", "--cert", "auditor.pem"],
            "auditor.pem: the certificate does not belong to the private key",
        ),
        (["--key", "auditor.key"], "no signing key given"),
        (
            ["--key", "auditor.key", "--cert", "missing.pem"],
            "missing.pem: cannot read certificate file",
        ),
        (["--key", "auditor.pem", "--cert", "auditor.pem"], "auditor.pem: not a private key"),
    ],
    ids=["key of another", "no cert", "missing cert", "cert as key"],
)
def test_bad_credentials_are_one_located_error(
    made: Made, pki: Pki, args: list[str], message: str
) -> None:
    folder = pki.root.cert.parent
    full = [a if a.startswith("--") else str(folder / a) for a in args]
    out = made.folder / "bad.pdf"
    result = run_cli(CliRunner(), "sign", made.pdf, "-o", out, *full)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert len(result.stderr.splitlines()) == 1 and not out.exists()


def test_verify_refuses_what_is_not_a_pdf(tmp_path: Path, made: Made) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("hello\n")
    result = run_cli(CliRunner(), "verify", text)
    assert result.exit_code == 2
    assert result.stderr == f"error: {text}: not a PDF file (give a report made by assess)\n"
    result = run_cli(CliRunner(), "verify", made.pdf, "--format", "xml")
    assert result.exit_code == 2 and "choose text or json" in result.stderr


def test_sign_refuses_a_pdf_that_is_not_a_report(tmp_path: Path, pki: Pki) -> None:
    from pypdf import PdfWriter

    plain = tmp_path / "plain.pdf"
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    with plain.open("wb") as handle:
        writer.write(handle)
    args: list[str | Path] = ["--key", pki.auditor.key, "--cert", pki.auditor.cert]
    result = run_cli(CliRunner(), "sign", plain, "-o", tmp_path / "s.pdf", *args)
    assert result.exit_code == 2
    assert "no answers file attached" in result.stderr


def test_every_json_field_of_verify_is_documented() -> None:
    from assess.signing.result import Check, SignatureInfo, Verification
    from tests.builders import ROOT, assert_documented

    assert_documented(ROOT / "docs" / "signing.md", [Verification, SignatureInfo, Check])
