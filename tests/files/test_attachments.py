"""`assess extract`: a report's embedded files come back only when they match its manifest."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from typer.testing import CliRunner

from assess.errors import AssessError
from assess.files.attachments import MANIFEST_KEY, answers_of, embedded
from assess.files.bundled import bundled_dir
from assess.files.reading import is_pdf
from assess.report.pdf import answers_attachment, questionnaire_attachment, render_pdf
from tests.builders import run_cli

pytestmark = pytest.mark.pdf  # The reports read here are rendered by WeasyPrint.

ANSWERS = b"questionnaire: {id: mini, version: '1.0'}\n# caf\xc3\xa9\n"
QUESTIONNAIRE = b"id: mini\nversion: '1.0'\n"
DAY = dt.date(2025, 1, 2)


def _report(tmp_path: Path, *, questionnaire: bool = True) -> Path:
    """A minimal PDF made the way reports are: attachments and their manifest."""
    attachments = [answers_attachment(ANSWERS, DAY)]
    if questionnaire:
        attachments.append(questionnaire_attachment(QUESTIONNAIRE, "mini@1.0", DAY))
    pdf = render_pdf(
        "<html><body><p>Report</p></body></html>",
        asset_dirs=[bundled_dir("templates")],
        attachments=attachments,
    )
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return path


def _with_metadata(source: Path, target: Path, changes: dict[str, str | None]) -> Path:
    """A copy of `source` whose info dictionary has `changes` (None removes a key)."""
    writer = PdfWriter(clone_from=PdfReader(source))
    info = {k: v for k, v in (writer.metadata or {}).items() if changes.get(k, "") is not None}
    writer.metadata = None
    writer.add_metadata({**info, **{k: v for k, v in changes.items() if v is not None}})
    with target.open("wb") as handle:
        writer.write(handle)
    return target


def test_extract_returns_the_exact_bytes(tmp_path: Path) -> None:
    report = _report(tmp_path)
    assert is_pdf(report)
    assert answers_of(report) == ANSWERS
    result = run_cli(CliRunner(), "extract", report)
    assert result.exit_code == 0
    assert result.stdout_bytes == ANSWERS


def test_the_manifest_certifies_every_embedded_file(tmp_path: Path) -> None:
    report = _report(tmp_path)
    info = PdfReader(report).metadata
    assert info is not None
    manifest = str(info[MANIFEST_KEY]).split()
    assert manifest == [
        "answers.yaml",
        hashlib.sha256(ANSWERS).hexdigest(),
        "questionnaire.yaml",
        hashlib.sha256(QUESTIONNAIRE).hexdigest(),
    ]
    assert embedded(report).files == {"answers.yaml": ANSWERS, "questionnaire.yaml": QUESTIONNAIRE}


def test_all_writes_every_embedded_file(tmp_path: Path) -> None:
    report = _report(tmp_path)
    folder = tmp_path / "out"
    folder.mkdir()
    result = run_cli(CliRunner(), "extract", report, "--all", "-o", folder)
    assert result.exit_code == 0, result.stderr
    assert (folder / "answers.yaml").read_bytes() == ANSWERS
    assert (folder / "questionnaire.yaml").read_bytes() == QUESTIONNAIRE


def test_a_file_that_differs_from_the_manifest_is_refused(tmp_path: Path) -> None:
    report = _report(tmp_path)
    forged = _with_metadata(
        report, tmp_path / "forged.pdf", {MANIFEST_KEY: "answers.yaml " + "0" * 64}
    )
    out = tmp_path / "answers.yaml"
    result = run_cli(CliRunner(), "extract", forged, "-o", out)
    assert result.exit_code == 2
    assert (
        "do not match the SHA-256 it certifies (answers.yaml, questionnaire.yaml)" in result.stderr
    )
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()
    with pytest.raises(AssessError, match="do not match"):
        embedded(forged)


def test_a_report_made_before_the_manifest_still_extracts(tmp_path: Path) -> None:
    digest = hashlib.sha256(ANSWERS).hexdigest()
    old = _with_metadata(
        _report(tmp_path, questionnaire=False),
        tmp_path / "old.pdf",
        {MANIFEST_KEY: None, "/assessanswerssha256": digest},
    )
    assert answers_of(old) == ANSWERS


def test_a_pdf_without_a_manifest_is_refused(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    plain = tmp_path / "plain.pdf"
    with plain.open("wb") as handle:
        writer.write(handle)
    result = run_cli(CliRunner(), "extract", plain)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {plain}: not a report made by assess (no manifest of embedded files) "
        "(give a report PDF written by `assess report` or `assess compare -o`)\n"
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
