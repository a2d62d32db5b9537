"""`assess extract`: the embedded answers come back only when they match the printed hash."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from pypdf import PdfWriter
from typer.testing import CliRunner

from assess.errors import AssessError
from assess.files.attachments import extract, is_pdf
from assess.files.loading import bundled_dir
from assess.report.pdf import answers_attachment, render_pdf
from tests.builders import run_cli

ANSWERS = b"questionnaire: {id: mini, version: '1.0'}\n# caf\xc3\xa9\n"


def _report(tmp_path: Path, answers: bytes, printed: str, stored: str) -> Path:
    """A minimal PDF made the way reports are: attachment, metadata key, printed hash."""
    # The <meta> name is the one templates/base.html uses.
    html = (
        f'<html><head><meta name="assess-answers-sha256" content="{stored}"></head>'
        f"<body><p>Answers file SHA-256</p><p>{printed}</p></body></html>"
    )
    pdf = render_pdf(
        html,
        asset_dirs=[bundled_dir("templates")],
        attachments=[answers_attachment(answers, dt.date(2025, 1, 2))],
    )
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return path


def test_extract_returns_the_exact_bytes(tmp_path: Path) -> None:
    digest = hashlib.sha256(ANSWERS).hexdigest()
    report = _report(tmp_path, ANSWERS, digest, digest)
    assert is_pdf(report)
    assert extract(report) == ANSWERS
    result = run_cli(CliRunner(), "extract", report)
    assert result.exit_code == 0
    assert result.stdout_bytes == ANSWERS


def test_a_hash_that_is_not_printed_is_refused(tmp_path: Path) -> None:
    digest = hashlib.sha256(ANSWERS).hexdigest()
    report = _report(tmp_path, ANSWERS, "0" * 64, digest)
    out = tmp_path / "answers.yaml"
    result = run_cli(CliRunner(), "extract", report, "-o", out)
    assert result.exit_code == 2
    assert "does not match the SHA-256 printed in the report" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_a_swapped_attachment_is_refused(tmp_path: Path) -> None:
    digest = hashlib.sha256(ANSWERS).hexdigest()
    swapped = _report(tmp_path, b"organization: {name: Someone else}\n", digest, digest)
    with pytest.raises(AssessError, match="does not match"):
        extract(swapped)


def test_a_pdf_without_answers_is_refused(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    plain = tmp_path / "plain.pdf"
    with plain.open("wb") as handle:
        writer.write(handle)
    result = run_cli(CliRunner(), "extract", plain)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {plain}: no single answers.yaml attached "
        "(is this a report made by `assess report`?)\n"
    )


def test_files_that_are_not_pdfs_are_refused(tmp_path: Path) -> None:
    text = tmp_path / "answers.yaml"
    text.write_text("a: 1\n", encoding="utf-8")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00" * 50)
    assert not is_pdf(text)
    for path, message in ((text, "not a PDF file"), (broken, "")):
        result = run_cli(CliRunner(), "extract", path)
        assert result.exit_code == 2
        assert message in result.stderr and "Traceback" not in result.stderr
