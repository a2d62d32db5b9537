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

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.crafted import attached, raw_pdf, slow_text_pdf, stream

pytestmark = pytest.mark.subprocess  # Each case runs the real CLI with a time bound.

ANSWERS = b"questionnaire: {id: mini, version: '1.0'}\n"
# Seconds a hostile PDF may take; generous for a loaded machine, far below the minutes the
# crafted files took before, so the case fails only when reading is unbounded again.
BOUND = 60


def _extract(
    pdf: Path, *args: str, memory: int | None = None
) -> subprocess.CompletedProcess[bytes]:
    """`assess extract PDF` in its own process: real stderr, a time bound, optional memory cap."""

    def cap() -> None:
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run(
        [sys.executable, "-m", "assess", *args, str(pdf)],
        capture_output=True,
        timeout=BOUND,
        preexec_fn=cap,
        check=False,
    )


def _one_error(result: subprocess.CompletedProcess[bytes], message: str) -> None:
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    assert result.stdout == b""
    assert len(stderr.splitlines()) == 1, stderr
    assert stderr.startswith("error: ") and message in stderr, stderr


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
    result = _extract(pdf, "extract")
    assert (result.returncode, result.stdout, result.stderr) == (0, ANSWERS, b"")


def test_a_decompression_bomb_is_refused(tmp_path: Path) -> None:
    pdf = tmp_path / "bomb.pdf"
    objects = attached(ANSWERS)
    objects[3] = stream(b"\0" * (100 * 1024 * 1024), b"/Type /EmbeddedFile")
    pdf.write_bytes(raw_pdf(objects, info=5))
    assert pdf.stat().st_size < 200_000
    _one_error(_extract(pdf, "extract"), "over a safety limit")


def test_a_reference_to_itself_is_one_line(tmp_path: Path) -> None:
    pdf = tmp_path / "loop.pdf"
    pdf.write_bytes(
        raw_pdf(
            [
                b"<< /Type /Catalog /Pages 4 0 R /Names 2 0 R >>",
                b"<< /EmbeddedFiles 3 0 R >>",
                b"<< /Kids [3 0 R 3 0 R] /Names 5 0 R >>",
                b"<< /Type /Pages /Kids [] /Count 0 >>",
                b"5 0 R",
            ]
        )
    )
    _one_error(_extract(pdf, "extract"), "unreadable PDF")


def test_deep_nesting_is_one_line_and_nothing_else(tmp_path: Path) -> None:
    pdf = tmp_path / "deep.pdf"
    depth = 100_000
    catalog = b"<< /Type /Catalog /Names << /EmbeddedFiles << /Names [%s] >> >> >>" % (
        b"[" * depth + b"]" * depth
    )
    pdf.write_bytes(raw_pdf([catalog]))
    _one_error(_extract(pdf, "extract"), "unreadable PDF")


def test_pypdf_repairs_stay_off_the_terminal(tmp_path: Path) -> None:
    pdf = tmp_path / "shifted.pdf"
    pdf.write_bytes(raw_pdf(attached(ANSWERS), info=5, shift=3))
    result = _extract(pdf, "extract")
    assert (result.returncode, result.stdout, result.stderr) == (0, ANSWERS, b"")


@pytest.mark.parametrize("command", ["extract", "score"])
def test_a_huge_pdf_is_refused_before_it_is_read(tmp_path: Path, command: str) -> None:
    pdf = tmp_path / "huge.pdf"
    with pdf.open("wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(2 * 1024 * 1024 * 1024)  # sparse: no disk used, 2 GB to a reader
    _one_error(_extract(pdf, command, memory=1024 * 1024 * 1024), "over the limit of")
