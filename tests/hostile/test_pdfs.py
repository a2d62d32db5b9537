"""Hostile PDFs given where a report is expected (`extract`, and `score`/`compare`/`report`).

Each case: what it attacks -> what must happen. The whole catalogue is tests/hostile/README.md.
- page text that takes minutes to extract (a 5 KB file) -> `extract` never reads page text;
  it answers in seconds
- 90,000 pages (one page listed over and over) -> the page tree is never walked
- an attachment that decompresses to 100 MB -> refused in one line at a 16 MB limit
- a reference that resolves to itself -> one line, no traceback
- 100,000 nested arrays -> one line, no traceback, nothing else on stderr
- wrong xref offsets (pypdf repairs and warns) -> the answers come out; stderr stays empty
- a 2 GB file -> refused from its size before reading; memory stays bounded
- a swapped attachment, a PDF without answers, a file that only starts like a PDF ->
  tests/files/test_attachments.py
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.crafted import (
    assert_one_error,
    attached,
    bomb_pdf,
    deeply_nested_pdf,
    raw_pdf,
    run_bounded,
    self_reference_pdf,
    slow_text_pdf,
)

pytestmark = pytest.mark.subprocess  # Each case runs the real CLI with a time bound.

ANSWERS = b"questionnaire: {id: mini, version: '1.0'}\n"


@pytest.mark.parametrize(
    ("pages", "invocations", "operations"),
    [(20, 5000, 1000), (90_000, 1, 10)],
    ids=["heavy page text", "many pages"],
)
def test_page_text_is_never_read(
    tmp_path: Path, pages: int, invocations: int, operations: int
) -> None:
    pdf = tmp_path / "slow.pdf"
    pdf.write_bytes(
        slow_text_pdf(ANSWERS, pages=pages, invocations=invocations, operations=operations)
    )
    result = run_bounded("extract", str(pdf))
    assert (result.returncode, result.stdout, result.stderr) == (0, ANSWERS, b"")


def test_a_decompression_bomb_is_refused(tmp_path: Path) -> None:
    pdf = tmp_path / "bomb.pdf"
    pdf.write_bytes(bomb_pdf(ANSWERS))
    assert pdf.stat().st_size < 200_000
    assert_one_error(run_bounded("extract", str(pdf)), "over a safety limit")


def test_a_reference_to_itself_is_one_line(tmp_path: Path) -> None:
    pdf = tmp_path / "loop.pdf"
    pdf.write_bytes(self_reference_pdf())
    assert_one_error(run_bounded("extract", str(pdf)), "unreadable PDF")


def test_deep_nesting_is_one_line_and_nothing_else(tmp_path: Path) -> None:
    pdf = tmp_path / "deep.pdf"
    pdf.write_bytes(deeply_nested_pdf())
    assert_one_error(run_bounded("extract", str(pdf)), "unreadable PDF")


def test_pypdf_repairs_stay_off_the_terminal(tmp_path: Path) -> None:
    pdf = tmp_path / "shifted.pdf"
    pdf.write_bytes(raw_pdf(attached(ANSWERS), info=5, shift=3))
    result = run_bounded("extract", str(pdf))
    assert (result.returncode, result.stdout, result.stderr) == (0, ANSWERS, b"")


@pytest.mark.parametrize("command", ["extract", "score"])
def test_a_huge_pdf_is_refused_before_it_is_read(tmp_path: Path, command: str) -> None:
    pdf = tmp_path / "huge.pdf"
    with pdf.open("wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(2 * 1024 * 1024 * 1024)  # sparse: no disk used, 2 GB to a reader
    assert_one_error(run_bounded(command, str(pdf), memory=1024 * 1024 * 1024), "over the limit of")
