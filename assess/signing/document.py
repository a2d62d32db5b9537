"""A report PDF as `sign` and `verify` read it: its bytes, its revisions, attachments, metadata.

A signed report is the report `assess report` wrote followed by one incremental update per
signature. The bytes before the first signature's update are the *unsigned revision*: the
document `verify` renders again and compares byte for byte.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from assess.errors import AssessError
from assess.files.attachments import ATTACHMENT_NAME, MAX_PDF_BYTES
from assess.files.reading import PDF_MAGIC


def read_report(path: Path, *, require_answers: bool = True) -> bytes:
    """The bytes of a report PDF (with its answers attached, unless told not to check)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_PDF_BYTES + 1)
    except OSError as exc:
        raise AssessError(f"cannot read file: {exc.strerror}", file=path) from None
    if not data.startswith(PDF_MAGIC):
        raise AssessError("not a PDF file", file=path, hint="give a report made by assess report")
    if len(data) > MAX_PDF_BYTES:
        raise AssessError(f"PDF is over the limit of {MAX_PDF_BYTES:,} bytes", file=path)
    if require_answers and ATTACHMENT_NAME not in pdf_reader(data, path).attachments:
        raise AssessError(
            f"no {ATTACHMENT_NAME} attached", file=path, hint="give a report made by assess report"
        )
    return data


def pdf_reader(data: bytes, path: Path) -> Any:
    """A pypdf reader over `data`, its attachments parsed at once so damage is reported here."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        reader.attachments.keys()
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise AssessError(f"unreadable PDF: {exc}", file=path) from None
    return reader


def signature_reader(data: bytes, path: Path) -> Any:
    """A pyHanko reader over `data`, for its signatures and revisions."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        reader.embedded_signatures  # noqa: B018 - parses the signature fields now
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise AssessError(f"unreadable PDF: {exc}", file=path) from None
    return reader


def revision_end(data: bytes, reader: Any, revision: int) -> int:
    """Where revision `revision` of the file ends: just after its %%EOF marker and line end."""
    end = reader.xrefs.get_xref_container_info(revision).end_location
    marker = data.find(b"%%EOF", end)
    if marker < 0:
        return len(data)
    end = marker + len(b"%%EOF")
    for eol in (b"\r\n", b"\n", b"\r"):
        if data.startswith(eol, end):
            return end + len(eol)
    return end


def info_json(reader: Any, key: str) -> Any:
    """A JSON record the report stores in its info dictionary, or None if absent or unreadable.

    `key` is named as in the HTML or WeasyPrint's custom metadata; the PDF keeps only its
    letters and digits.
    """
    name = "/" + "".join(c for c in key if c.isalnum())
    text = (reader.metadata or {}).get(name)
    if text is None:
        return None
    try:
        return json.loads(str(text))
    except ValueError:
        return None
