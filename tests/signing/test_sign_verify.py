"""Sign a report, verify it, and catch each way a signed report can be tampered with.

Each tamper is what an attacker (or a careless tool) would do to a real report; `verify` must
exit 1 and name the check that failed.
"""

# ruff: noqa: RUF001 (Chinese text has its own punctuation)
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from assess.i18n import N_, show_in
from assess.signing.result import CheckStatus, as_json, as_text, conclude, make_check
from tests.builders import run_cli
from tests.signing.conftest import Made
from tests.signing.helpers import (
    append_update,
    line,
    replace_answers,
    set_info,
    sign,
    swap_letters,
    verify,
)
from tests.signing.pki import Pki


def _xmp(reader: PdfReader) -> Any:
    assert reader.xmp_metadata is not None
    return reader.xmp_metadata


def _info(reader: PdfReader) -> Any:
    assert reader.metadata is not None
    return reader.metadata


@pytest.fixture(scope="module")
def signed(made: Made, pki: Pki) -> Path:
    return sign(made.pdf, made.folder / "signed.pdf", pki.auditor, "--chain", pki.root.cert)


def test_signed_report_verifies_against_its_root(made: Made, pki: Pki, signed: Path) -> None:
    code, lines = verify(signed, "--trust", pki.root.cert)
    assert code == 0, lines
    assert line(lines, "PASS", "integrity").endswith("intact: the signed bytes are unchanged")
    assert line(lines, "PASS", "coverage").endswith("covers the whole document")
    assert "Jane Auditor, certificate chains to a trusted root" in line(lines, "PASS", "signer")
    assert "byte for byte" in line(lines, "PASS", "pages")
    for name in ("answers.yaml", "previous-1.yaml"):
        line(lines, "PASS", f"attachment {name}")
    assert lines[-1].startswith("verdict: verified")


def test_signing_appends_and_keeps_the_report_and_its_pdf_a_identification(
    made: Made, signed: Path
) -> None:
    original, data = made.pdf.read_bytes(), signed.read_bytes()
    assert data.startswith(original) and len(data) > len(original)
    reader = PdfReader(signed)
    xmp = _xmp(reader).stream.get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="A"' in xmp
    fields = reader.get_fields() or {}
    signature = fields["sign-off-auditor"]["/V"]
    # The sign-off names the signer from the certificate, in the signature dictionary.
    assert signature["/Name"] == "Jane Auditor"
    assert signature["/SubFilter"] == "/ETSI.CAdES.detached"
    # The signing time is the real time, not the assessment date (2025-11-20) of the report.
    when = dt.datetime.strptime(str(signature["/M"])[2:16], "%Y%m%d%H%M%S").replace(tzinfo=dt.UTC)
    assert abs(dt.datetime.now(dt.UTC) - when) < dt.timedelta(hours=1)


def test_without_trust_roots_the_signer_is_unverified_but_the_report_passes(
    made: Made, signed: Path
) -> None:
    code, lines = verify(signed)
    assert code == 0
    assert "unverified: Jane Auditor, certificate issued by Test Root CA" in line(
        lines, "NOTE", "signer"
    )
    assert lines[-1].startswith("verdict: signer unverified")


def test_a_certificate_not_chaining_to_the_trusted_root_fails(made: Made, pki: Pki) -> None:
    pdf = sign(made.pdf, made.folder / "outsider.pdf", pki.outsider)
    code, lines = verify(pdf, "--trust", pki.root.cert)
    assert code == 1
    assert "Mallory Outsider, certificate issued by Unrelated Root CA, does not chain" in line(
        lines, "FAIL", "signer"
    )
    assert lines[-1].startswith("verdict: failed")


def test_one_changed_byte_in_the_signed_revision_breaks_the_signature(
    made: Made, pki: Pki, signed: Path
) -> None:
    data = bytearray(signed.read_bytes())
    at = data.index(b"\n%", 0, 20) + 2  # the binary comment after the header: still a valid PDF
    data[at] ^= 1
    tampered = made.folder / "one-byte.pdf"
    tampered.write_bytes(bytes(data))
    code, lines = verify(tampered, "--trust", pki.root.cert)
    assert code == 1
    assert "altered after signing" in line(lines, "FAIL", "integrity")
    assert "fonts, images or the file's structure differ" in line(lines, "FAIL", "pages")
    assert "not checked: the signature is broken" in line(lines, "UNCHECKED", "signer")


def test_an_update_appended_after_signing_is_not_covered(
    made: Made, pki: Pki, signed: Path
) -> None:
    tampered = append_update(signed, made.folder / "appended.pdf")
    code, lines = verify(tampered, "--trust", pki.root.cert)
    assert code == 1
    assert "bytes were added after this last signature" in line(lines, "FAIL", "coverage")


def test_page_text_changed_and_saved_again_is_caught(made: Made, pki: Pki, signed: Path) -> None:
    code, lines = verify(swap_letters(signed, made.folder / "edited-signed.pdf"))
    assert code == 1
    line(lines, "FAIL", "integrity")
    # Unsigned, only the re-rendering can tell: it names the page.
    code, lines = verify(swap_letters(made.pdf, made.folder / "edited.pdf"))
    assert code == 1
    assert "the text of page 1 differs" in line(lines, "FAIL", "pages")


def test_answers_swapped_with_recomputed_hashes_are_caught_by_rendering_again(
    made: Made, pki: Pki, signed: Path
) -> None:
    other = made.other_answers.read_bytes()
    swapped = replace_answers(made.pdf, made.folder / "swapped.pdf", other)
    code, lines = verify(swapped)
    assert code == 1
    line(lines, "PASS", "attachment answers.yaml")  # the attacker fixed up every hash...
    assert "differ from what assess computes" in line(
        lines, "FAIL", "pages"
    )  # ...but not the pages
    # Done to a signed report, the swap is an update no signature covers.
    swapped = replace_answers(signed, made.folder / "swapped-signed.pdf", other, incremental=True)
    code, lines = verify(swapped, "--trust", pki.root.cert)
    assert code == 1
    line(lines, "FAIL", "coverage")


def test_answers_swapped_without_fixing_the_hashes_fail_the_attachment_check(
    made: Made, signed: Path
) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=made.pdf)
    writer.add_metadata({"/assessanswerssha256": "0" * 64})
    bad = made.folder / "bad-hash.pdf"
    with bad.open("wb") as handle:
        writer.write(handle)
    code, lines = verify(bad)
    assert code == 1
    assert "does not match the SHA-256" in line(lines, "FAIL", "attachment answers.yaml")


def test_two_auditors_sign_one_after_the_other(made: Made, pki: Pki, signed: Path) -> None:
    twice = sign(signed, made.folder / "twice.pdf", pki.second_auditor)
    code, lines = verify(twice, "--trust", pki.root.cert)
    assert code == 0, lines
    assert line(lines, "PASS", "signature 1 (Jane Auditor) coverage").endswith(
        "covers the whole document but later signatures"
    )
    line(lines, "PASS", "signature 2 (Wang Lei) coverage")
    xmp = _xmp(PdfReader(twice)).stream.get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="A"' in xmp


def test_a_report_from_another_version_names_the_version_it_needs(made: Made) -> None:
    reader = PdfReader(made.pdf)
    record = str(_info(reader)["/assessrendering"])
    other = set_info(
        made.pdf,
        made.folder / "old.pdf",
        "/assessrendering",
        record.replace('"assess":"', '"assess":"0.0.9-'),
    )
    code, lines = verify(other)
    assert code == 1
    detail = line(lines, "UNCHECKED", "pages")
    assert "rendered by assess 0.0.9-" in detail and "re-rendering needs assess 0.0.9-" in detail
    assert lines[-1].startswith("verdict: incomplete")


def test_a_different_renderer_is_named_rather_than_called_tampering(made: Made) -> None:
    record = str(_info(PdfReader(made.pdf))["/assessrendering"])
    pango = record.split('"Pango":"', 1)[1].split('"', 1)[0]
    other = set_info(
        made.pdf, made.folder / "pango.pdf", "/assessrendering", record.replace(pango, "1.40.0")
    )
    code, lines = verify(other)
    assert code == 1
    assert f"Pango {pango} where the report was made with 1.40.0" in line(
        lines, "UNCHECKED", "pages"
    )


def test_verify_speaks_the_terminals_language_and_its_json_stays_english(
    pki: Pki, signed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    english_json = run_cli(CliRunner(), "verify", signed, "--format", "json").stdout
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    code, lines = verify(signed, "--trust", pki.root.cert)
    assert code == 0, lines
    assert "通过   签名 1（Jane Auditor）完整性：完好：被签内容未被改动" in lines
    assert "通过   签名 1（Jane Auditor）覆盖范围：覆盖整个文档" in lines
    assert "通过   附件 answers.yaml：与报告认证的 SHA-256 一致" in lines
    assert any(x.startswith("通过   页面：与 assess ") and "逐字节一致" in x for x in lines)
    assert lines[-1].startswith("结论：verified：")
    assert run_cli(CliRunner(), "verify", signed, "--format", "json").stdout == english_json


def test_a_failed_check_is_said_in_chinese_from_its_catalog_message() -> None:
    said, values = (
        N_(
            "altered: they differ from what assess computes from the embedded files "
            "(the text of page %(page)s differs)"
        ),
        {"page": "3"},
    )
    found = conclude("r.pdf", [], [make_check(N_("pages"), CheckStatus.failed, said, **values)])
    english = as_text(found).splitlines()
    assert english[0] == (
        "FAIL      pages: altered: they differ from what assess computes from the embedded "
        "files (the text of page 3 differs)"
    )
    show_in("zh-CN")
    try:
        chinese = as_text(found).splitlines()
    finally:
        show_in("en")
    assert (
        chinese[0]
        == "失败   页面：已被篡改：与 assess 根据内嵌文件生成的结果不一致（第 3 页文字不同）"
    )
    assert chinese[1] == "结论：failed：有检查未通过：请勿采信本报告"
    assert '"detail": "altered: they differ' in as_json(found)
