"""A report PDF as `sign` and `verify` read it: its bytes, its revisions, attachments, metadata.

A signed report is the report `assess report` wrote followed by one incremental update per
signature. The bytes before the first signature's update are the *unsigned revision*: the
document `verify` renders again and compares byte for byte.

A report to verify is hostile input: it is read under the limits `assess extract` uses
(`assess.files.attachments`): its size and kind checked before reading, pypdf's limits tightened,
and whatever pypdf or pyHanko raise on a crafted file turned into one error naming the file.
Attachments and metadata are read once, inside those limits; page text only where it is cheap.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assess.errors import AssessError
from assess.files.attachments import (
    MAX_ATTACHMENTS,
    pypdf_guard,
    read_pdf,
)
from assess.files.yamlfile import MAX_BYTES
from assess.i18n import N_

ANSWERS_PREFIX = "answers"
# A page whose text would take more work than this to extract (its content, plus each form it
# draws times the times it draws it) is compared by its drawing only: a crafted page can make
# text extraction take minutes from a few kilobytes.
MAX_TEXT_WORK = 8 * 1024 * 1024


@dataclass(frozen=True)
class Contents:
    """What `verify` reads of one revision: its attachments and its info dictionary."""

    attachments: dict[str, list[bytes]]
    metadata: dict[str, str]


def read_report(path: Path, *, require_answers: bool = True) -> bytes:
    """The bytes of a report PDF (with its answers attached, unless told not to check)."""
    data = read_pdf(path)
    # A report embeds answers.yaml, a trend report answers-PERIOD.yaml for each period.
    if require_answers and not any(
        name.startswith(ANSWERS_PREFIX) for name in contents(data, path).attachments
    ):
        raise AssessError(
            N_("no answers file attached"),
            file=path,
            hint=N_("give a report made by assess report or assess compare -o"),
        )
    return data


@contextlib.contextmanager
def guarded(path: Path) -> Iterator[None]:
    """Read a PDF with pypdf or pyHanko under the hostile-input limits: any failure, one error."""
    with pypdf_guard(path):
        yield


def contents(data: bytes, path: Path) -> Contents:
    """The attachments and metadata of the PDF `data`, read at once under the limits."""
    from pypdf import PdfReader

    with guarded(path):
        reader = PdfReader(io.BytesIO(data))
        found = reader.attachments
        if len(found) > MAX_ATTACHMENTS:
            raise AssessError(
                N_("the PDF embeds more than %(count)s files"),
                file=path,
                values={"count": MAX_ATTACHMENTS},
            )
        files: dict[str, list[bytes]] = {}
        for name in found:  # each decoded only now, one at a time
            files[name] = list(found[name])
            if any(len(item) > MAX_BYTES for item in files[name]):
                raise AssessError(
                    N_("the attached %(name)s is too large"), file=path, values={"name": name}
                )
        metadata = {str(k): str(v) for k, v in (reader.metadata or {}).items()}
    return Contents(files, metadata)


def signature_reader(data: bytes, path: Path) -> Any:
    """A pyHanko reader over `data`, for its signatures and revisions (parsed now, guarded)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    with guarded(path):
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        reader.embedded_signatures  # noqa: B018 - parses the signature fields now
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


def info_json(found: Contents, key: str) -> Any:
    """A JSON record the report stores in its info dictionary, or None if absent or unreadable.

    `key` is named as in the HTML or WeasyPrint's custom metadata; the PDF keeps only its
    letters and digits.
    """
    name = "/" + "".join(c for c in key if c.isalnum())
    text = found.metadata.get(name)
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def first_difference(original: bytes, again: bytes, path: Path) -> tuple[str, dict[str, str]]:
    """What differs between two PDFs (the first page that does, or what else) and its values.

    The sentence is a catalog message (`N_`), so the terminal can say it in its language.
    """
    from pypdf import PdfReader

    with guarded(path):
        mine, theirs = PdfReader(io.BytesIO(original)), PdfReader(io.BytesIO(again))
        if len(mine.pages) != len(theirs.pages):
            said = N_(
                "altered: they differ from what assess computes from the embedded files "
                "(%(pages)s pages where assess renders %(again)s)"
            )
            return said, {"pages": str(len(mine.pages)), "again": str(len(theirs.pages))}
        for number, (a, b) in enumerate(zip(mine.pages, theirs.pages, strict=True), 1):
            if _drawing(a) == _drawing(b):
                continue
            if _text_work(a) <= MAX_TEXT_WORK and a.extract_text() != b.extract_text():
                said = N_(
                    "altered: they differ from what assess computes from the embedded files "
                    "(the text of page %(page)s differs)"
                )
                return said, {"page": str(number)}
            said = N_(
                "altered: they differ from what assess computes from the embedded files "
                "(what page %(page)s draws differs)"
            )
            return said, {"page": str(number)}
        if (mine.metadata or {}) != (theirs.metadata or {}):
            said = N_(
                "altered: they differ from what assess computes from the embedded files "
                "(the pages draw the same; the document's metadata differs)"
            )
            return said, {}
    said = N_(
        "altered: they differ from what assess computes from the embedded files "
        "(the pages draw the same; fonts, images or the file's structure differ)"
    )
    return said, {}


def _drawing(page: Any) -> list[bytes]:
    """A page's content stream and the streams of the forms it names, decoded."""
    content = page.get_contents()
    return [content.get_data() if content is not None else b""] + [
        form.get_data() for form in _forms(page)
    ]


def _forms(page: Any) -> list[Any]:
    resources = page.get("/Resources")
    objects = resources.get_object().get("/XObject") if resources is not None else None
    if objects is None:
        return []
    found = [value.get_object() for value in objects.get_object().values()]
    return [f for f in found if f.get("/Subtype") == "/Form"]


def _text_work(page: Any) -> int:
    """An upper bound of the bytes text extraction reads: the content, and each form per use."""
    content = page.get_contents()
    data = content.get_data() if content is not None else b""
    forms = [len(f.get_data()) + 1 for f in _forms(page)]
    nested = any(b"Do" in f.get_data() for f in _forms(page))
    if nested:  # forms drawing forms multiply: not worth the risk
        return MAX_TEXT_WORK + 1
    return len(data) + data.count(b"Do") * max(forms, default=0)
