"""Laying a report out in pages: what the laid-out document keeps in memory until it is written."""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

import pytest

import assess.report.pdf
from assess.report.pdf import ReportHtml, lay_out

pytestmark = pytest.mark.pdf

CHART = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="40" height="40">'
    '<rect width="10" height="10" fill="#0b3d6e"/></svg>'
)
HTML = (
    '<html lang="en"><head><title>Styles</title></head><body>'
    + CHART
    + "".join(f"<p>Finding <span>{n}</span> of the report.</p>" for n in range(300))
    + "</body></html>"
)


def laid_out_memory(templates: Path) -> tuple[int, bytes]:
    """The memory a laid-out document holds (bytes traced by Python), and its PDF."""
    gc.collect()
    tracemalloc.start()
    try:
        laid = lay_out(ReportHtml(HTML, asset_dirs=[templates], attachments=[]))
        gc.collect()
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    return held, laid.pdf()


def test_a_laid_out_report_keeps_only_the_styles_its_pages_are_drawn_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # WeasyPrint's charts (SVG images) would keep every element's and pseudo-element's style
    # alive until the PDF is written; the report lets go of them, and the PDF is the same.
    laid_out_memory(tmp_path)  # first use fills WeasyPrint's caches, which stay
    held, pdf = laid_out_memory(tmp_path)
    monkeypatch.setattr(assess.report.pdf, "_drop_layout_styles", lambda document: None)
    held_by_weasyprint, pdf_by_weasyprint = laid_out_memory(tmp_path)
    assert held < held_by_weasyprint / 2
    assert pdf == pdf_by_weasyprint
