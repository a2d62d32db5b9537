"""Turning the report's HTML into a tagged PDF/A-3a document with WeasyPrint.

PDF/A-3a is PDF/A-3 at its accessible level: what PDF/A-3u requires (every character mapped to
Unicode, fonts embedded) plus a structure tree of tags (headings, tables with header cells,
figures with alternative text) and the document's language. It keeps PDF/A-3's embedded files,
which PDF/UA-1 alone would not promise; docs/report.md says why this variant.

Rendering is locked down: a custom URL fetcher refuses every URL except files inside the template
folders and the data: URIs the code itself made (the logo), so nothing in an answers file can make
the renderer reach the network or read a local file. The output is reproducible: dates come from
the assessment, the file identifier is a hash of the content, and nothing reads the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assess.files.attachments import (
    ATTACHMENT_NAME,
    QUESTIONNAIRE_ATTACHMENT,
    REVIEW_ATTACHMENT_NAME,
    manifest_text,
)

if TYPE_CHECKING:
    from assess.files.translations import TranslationFile

PDF_VARIANT = "pdf/a-3a"
MANIFEST_META = "assess-attachments"
"""The metadata name of the manifest of embedded files (PDF info key /assessattachments)."""


class RefusedURL(ValueError):
    """A URL the report renderer does not fetch (WeasyPrint skips the resource)."""


def make_fetcher(roots: Sequence[Path], data_uris: Collection[str] = ()) -> Any:
    """A WeasyPrint URL fetcher that serves only files under `roots` and the given data: URIs.

    Refused URLs are recorded on the fetcher's `refused` list, so callers and tests can see them.
    """
    from urllib.parse import urlsplit
    from urllib.request import url2pathname

    from weasyprint import URLFetcher
    from weasyprint.urls import URLFetcherResponse

    allowed_roots = [r.resolve() for r in roots]
    allowed_data = frozenset(data_uris)

    class _Fetcher(URLFetcher):  # type: ignore[misc]
        refused: list[str]

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url in allowed_data:
                return super().fetch(url, headers)
            parts = urlsplit(url)
            if parts.scheme == "file" and not parts.netloc:
                path = Path(url2pathname(parts.path)).resolve()
                inside = any(path.is_relative_to(root) for root in allowed_roots)
                if inside and path.is_file():
                    return URLFetcherResponse(url, path.read_bytes())
            self.refused.append(url)
            raise RefusedURL(f"refused to fetch {url[:100]!r}: reports fetch nothing")

    fetcher = _Fetcher(allowed_protocols=("file", "data"), allow_redirects=False, timeout=1)
    fetcher.refused = []
    return fetcher


@dataclass(frozen=True)
class Attachment:
    """A file to embed in the PDF: its name there, its bytes, what it is, and its date."""

    name: str
    data: bytes
    description: str
    date: dt.date


def answers_attachment(data: bytes, date: dt.date) -> Attachment:
    """The answers file a report was computed from, as the report embeds it."""
    return Attachment(ATTACHMENT_NAME, data, "The answers file this report was computed from", date)


def questionnaire_attachment(
    data: bytes, ref: str, date: dt.date, name: str = QUESTIONNAIRE_ATTACHMENT
) -> Attachment:
    """The questionnaire a report was computed with, so the report alone can be recomputed."""
    return Attachment(name, data, f"The questionnaire {ref} the answers follow", date)


class LaidOut:
    """A report laid out in pages (WeasyPrint's `Document`), ready to be written as PDF bytes.

    Tests inspect `document` (its pages and boxes) and write the very same layout as the PDF.
    """

    def __init__(self, document: Any, attachments: Sequence[Any]) -> None:
        self.document = document
        self.attachments = list(attachments)

    def pdf(self) -> bytes:
        """The PDF/A-3a bytes, with the attachments embedded as source files."""
        pdf: bytes = self.document.write_pdf(
            pdf_variant=PDF_VARIANT,
            attachments=self.attachments,
            custom_metadata=True,
            # A content hash, not a random id, so the same inputs give the same bytes.
            pdf_identifier=True,
        )
        return pdf


def review_attachment(data: bytes, date: dt.date) -> Attachment:
    """The auditor's review file the report's audited figures were computed with."""
    return Attachment(
        REVIEW_ATTACHMENT_NAME, data, "The auditor's review file of the embedded answers", date
    )


def translation_attachment(found: TranslationFile, date: dt.date) -> Attachment:
    """A questionnaire translation the report shows, so the report alone renders again as it is."""
    what = f"The {found.language} translation of the questionnaire {found.ref} the report shows"
    return Attachment(found.attachment_name, found.raw, what, date)


@dataclass(frozen=True)
class ReportHtml:
    """A report as HTML with what laying it out takes: its assets, attachments and metadata.

    It is all a process needs to make the PDF, so the report can be prepared in another one.
    """

    html: str
    asset_dirs: Sequence[Path]
    attachments: Sequence[Attachment]
    data_uris: Collection[str] = ()
    metadata: Mapping[str, str] | None = None


def render_pdf(
    html: str,
    *,
    asset_dirs: Sequence[Path],
    attachments: Sequence[Attachment],
    data_uris: Collection[str] = (),
    metadata: Mapping[str, str] | None = None,
) -> bytes:
    """Render `html` as PDF/A-3a bytes with `attachments` embedded as source files."""
    return lay_out(ReportHtml(html, asset_dirs, attachments, data_uris, metadata)).pdf()


def lay_out(report: ReportHtml) -> LaidOut:
    """Lay the report's HTML out in pages, with its attachments ready to embed.

    Relative URLs in the HTML resolve against the first of `asset_dirs` (the template folders).
    The title, author, subject and dates come from the HTML's <title> and <meta> elements;
    attachment dates come from their assessments, so nothing reads the clock. The document info
    also gets `metadata`, the manifest of attachments, and what rendered the document.
    """
    from weasyprint import HTML
    from weasyprint import Attachment as PdfAttachment

    from assess.report.environment import RENDERING_KEY, rendering_record

    asset_dirs, attachments = report.asset_dirs, report.attachments
    fetcher = make_fetcher(asset_dirs, report.data_uris)
    files = []
    for item in attachments:
        stamp = dt.datetime(item.date.year, item.date.month, item.date.day, tzinfo=dt.UTC)
        files.append(
            PdfAttachment(
                string=item.data,
                name=item.name,
                description=item.description,
                created=stamp,
                modified=stamp,
                relationship="Source",
                url_fetcher=fetcher,
            )
        )
    document = HTML(
        string=report.html, base_url=asset_dirs[0].resolve().as_uri() + "/", url_fetcher=fetcher
    ).render()
    _drop_layout_styles(document)
    # The manifest is written by the code, not a template, so an overridden template cannot
    # leave a report without it; `assess.files.attachments` checks every file against it.
    # What rendered the document (for `assess verify`) is known once the pages are drawn.
    custom = _FontsAtWriteTime(document, RENDERING_KEY, rendering_record)
    custom.update(document.metadata.custom)
    custom.update(report.metadata or {})
    custom[MANIFEST_META] = manifest_text({a.name: a.data for a in attachments})
    document.metadata.custom = custom
    return LaidOut(document, files)


def _drop_layout_styles(document: Any) -> None:
    """Let go of the styles WeasyPrint keeps from laying out, which drawing the pages never reads.

    WeasyPrint 70's SVG images (the charts) hold its layout context, and with it the computed
    style of every element and of six pseudo-elements each, until the document is gone: 12 MiB
    on the 29 pages of the Northwind example. Boxes keep the styles they are drawn with; only
    laying out reads the rest (docs/performance.md). If WeasyPrint keeps them otherwise, this
    does nothing.
    """
    for page in document.pages:
        for box in page._page_box.descendants():
            context: Any = getattr(getattr(box, "replacement", None), "_context", None)
            if getattr(context, "style_for", None) is not None:
                context.style_for = None  # every image holds the same context
                return


class _FontsAtWriteTime(dict[str, str]):
    """Custom metadata whose rendering record is made when WeasyPrint writes the info dictionary.

    Which fonts a document embeds is known only once its pages are drawn, and WeasyPrint draws
    every page before it writes the metadata: so the record is built when the items are read.
    """

    def __init__(self, document: Any, key: str, record: Any) -> None:
        super().__init__()
        self._document, self._key, self._record = document, key, record

    def items(self) -> Any:
        return {**self, self._key: self._record(self._document.fonts.values())}.items()
