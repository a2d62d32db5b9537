"""Hostile PDFs given to `assess verify`: read under the same limits as `extract` (test_pdfs.py).

Each case: what it attacks -> what must happen.
- not a PDF; a truncated report; a symlink loop; a symlink to /dev/zero -> one line, exit 2
- a 2 GB file -> refused from its size before reading; memory stays bounded
- an attachment that decompresses to 100 MB -> one line at the 16 MB stream limit
- 100,000 nested arrays; a reference to itself -> one line, nothing else on stderr
- a real report whose first page draws a form 5,000 times (text that takes minutes to
  extract) -> `verify` answers in seconds: the page is named as altered, its text never read
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, StreamObject
from typer.testing import CliRunner

from tests.builders import run_cli
from tests.hostile.crafted import (
    assert_one_error,
    bomb_pdf,
    deeply_nested_pdf,
    run_bounded,
    self_reference_pdf,
    workspace,
)

pytestmark = pytest.mark.subprocess  # Each case runs the real CLI with a time bound.

ANSWERS = b"questionnaire: {id: mini, version: '1.0'}\n"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real report of the small questionnaire, as `assess report` writes it."""
    ws = workspace(tmp_path_factory.mktemp("verify-hostile"))
    pdf = ws.folder / "report.pdf"
    result = run_cli(CliRunner(), "report", ws.current, "-q", ws.q, "-o", pdf)
    assert result.exit_code == 0, result.output
    return pdf


def test_not_a_pdf_is_one_line(tmp_path: Path) -> None:
    text = tmp_path / "report.pdf"
    text.write_text("organization: {name: Acme}\n", encoding="utf-8")
    assert_one_error(run_bounded("verify", str(text)), "not a PDF file")


@pytest.mark.pdf
def test_a_truncated_report_is_one_line(tmp_path: Path, report: Path) -> None:
    data = report.read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 3])
    assert_one_error(run_bounded("verify", str(cut)), "cut.pdf")


def test_a_symlink_loop_is_one_line(tmp_path: Path) -> None:
    loop = tmp_path / "loop.pdf"
    loop.symlink_to(loop.name)
    assert_one_error(run_bounded("verify", str(loop)), "loop.pdf")


def test_a_symlink_to_a_device_is_refused_at_once(tmp_path: Path) -> None:
    link = tmp_path / "zero.pdf"
    link.symlink_to("/dev/zero")
    assert_one_error(run_bounded("verify", str(link), memory=1 << 30), "not a regular file")


def test_a_huge_pdf_is_refused_before_it_is_read(tmp_path: Path) -> None:
    pdf = tmp_path / "huge.pdf"
    with pdf.open("wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(2 * 1024 * 1024 * 1024)  # sparse: no disk used, 2 GB to a reader
    assert_one_error(run_bounded("verify", str(pdf), memory=1 << 30), "over the limit of")


def test_a_decompression_bomb_is_refused(tmp_path: Path) -> None:
    pdf = tmp_path / "bomb.pdf"
    pdf.write_bytes(bomb_pdf(ANSWERS))
    assert pdf.stat().st_size < 200_000
    assert_one_error(run_bounded("verify", str(pdf), memory=1 << 30), "over a safety limit")


def test_deep_nesting_is_one_line(tmp_path: Path) -> None:
    pdf = tmp_path / "deep.pdf"
    pdf.write_bytes(deeply_nested_pdf())
    assert_one_error(run_bounded("verify", str(pdf)), "unreadable PDF")


def test_a_reference_to_itself_is_one_line(tmp_path: Path) -> None:
    pdf = tmp_path / "loop.pdf"
    pdf.write_bytes(self_reference_pdf())
    assert_one_error(run_bounded("verify", str(pdf)), "unreadable PDF")


@pytest.mark.pdf
def test_a_page_slow_to_read_is_named_without_reading_its_text(
    tmp_path: Path, report: Path
) -> None:
    """The report's own files and records, with a first page whose text takes minutes to read."""
    writer = PdfWriter(clone_from=report)
    page: Any = writer.pages[0]
    resources = page["/Resources"].get_object()
    fonts = resources["/Font"].get_object()
    form = StreamObject()
    form.set_data(b"BT %s 1 Tf " % str(next(iter(fonts))).encode() + b"(xxxx) Tj " * 2000 + b"ET")
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject([NumberObject(n) for n in (0, 0, 100, 100)]),
            NameObject("/Resources"): DictionaryObject({NameObject("/Font"): fonts}),
        }
    )
    resources["/XObject"][NameObject("/Xslow")] = writer._add_object(form)
    content = page.get_contents()
    content.set_data(b"/Xslow Do " * 5000)
    page.replace_contents(content)
    slow = tmp_path / "slow.pdf"
    with slow.open("wb") as handle:
        writer.write(handle)
    result = run_bounded("verify", str(slow))
    lines = result.stdout.decode().splitlines()
    assert (result.returncode, result.stderr) == (1, b""), lines
    assert [x for x in lines if x.startswith("FAIL ")] == [
        "FAIL      pages: altered: they differ from what assess computes from the embedded "
        "files (what page 1 draws differs)"
    ]
