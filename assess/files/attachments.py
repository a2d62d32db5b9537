"""Getting the answers file back out of a report, so a report alone is enough to recompute.

A report embeds the answers file as the attachment `answers.yaml` and prints its SHA-256 in the
integrity appendix (and stores it in the PDF's metadata). Extraction checks both, so a report
whose attachment was swapped is refused rather than silently trusted.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

from assess.errors import AssessError
from assess.files.yamlfile import MAX_BYTES, decode, read_bytes

ATTACHMENT_NAME = "answers.yaml"
# The PDF info key that WeasyPrint makes (letters and digits only) from the HTML
# <meta name="assess-answers-sha256"> of templates/base.html; `extract` reads it back.
ANSWERS_HASH_KEY = "/assessanswerssha256"
PDF_MAGIC = b"%PDF-"
MAX_PDF_BYTES = 64 * 1024 * 1024


def is_pdf(path: Path) -> bool:
    """True when the file starts like a PDF (what `report`, `score` and `compare` test)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(PDF_MAGIC)) == PDF_MAGIC
    except OSError:
        return False


def read_answers(path: Path) -> tuple[bytes, str]:
    """An answers file (or the answers embedded in a report PDF) read once: bytes and text.

    Callers parse the text and hash the bytes of this one read, so a report certifies the bytes
    it scored even if the file changes meanwhile.
    """
    pdf = is_pdf(path)
    data = extract(path) if pdf else read_bytes(path)
    return data, decode(data, path, f"the attached {ATTACHMENT_NAME} is " if pdf else "")


def extract(report: Path) -> bytes:
    """The answers file embedded in a report, checked against the SHA-256 the report prints."""
    reader = _reader(report)
    found = reader.attachments.get(ATTACHMENT_NAME) or []
    if len(found) != 1:
        raise AssessError(
            f"no single {ATTACHMENT_NAME} attached",
            file=report,
            hint="is this a report made by `assess report`?",
        )
    data: bytes = found[0]
    if len(data) > MAX_BYTES:
        raise AssessError(f"the attached {ATTACHMENT_NAME} is too large", file=report)
    digest = hashlib.sha256(data).hexdigest()
    stored = str((reader.metadata or {}).get(ANSWERS_HASH_KEY, ""))
    if stored != digest or not _printed(reader, digest):
        raise AssessError(
            f"the attached {ATTACHMENT_NAME} does not match the SHA-256 printed in the report",
            file=report,
            hint="the report was altered after it was made; ask its author for the original",
        )
    return data


def _reader(report: Path) -> Any:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        data = report.read_bytes()
    except OSError as exc:
        raise AssessError(f"cannot read file: {exc.strerror}", file=report) from None
    if not data.startswith(PDF_MAGIC):
        raise AssessError("not a PDF file", file=report, hint="give a report made by assess")
    if len(data) > MAX_PDF_BYTES:
        raise AssessError(f"PDF is over the limit of {MAX_PDF_BYTES:,} bytes", file=report)
    try:
        reader = PdfReader(io.BytesIO(data))
        reader.attachments.keys()  # parses the name tree now, so damage is reported here
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise AssessError(f"unreadable PDF: {exc}", file=report) from None
    return reader


def _printed(reader: Any, digest: str) -> bool:
    """Whether `digest` is printed on the report's pages, searched from the last page back.

    The integrity appendix closes the report, so the search usually stops at the last page.
    Whitespace is dropped first, since a long hash may be broken across lines.
    """
    return any(digest in "".join(page.extract_text().split()) for page in reversed(reader.pages))


def embedded_text(path: Path) -> str | None:
    """The answers text embedded in a report PDF, or None when `path` is not a PDF.

    `assess.files.loading.load_answers` calls this, so every command that takes an answers file also
    takes a report.
    """
    return read_answers(path)[1] if is_pdf(path) else None
