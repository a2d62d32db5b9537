"""The files a report PDF carries, so that a report alone is enough to recompute it.

A report embeds the answers file (`answers.yaml`) and the questionnaire it follows
(`questionnaire.yaml`); a trend report embeds each period's answers (`answers-<period>.yaml`)
and each questionnaire version (`questionnaire-<id>-<version>.yaml`). The PDF's metadata holds a
manifest of every embedded file with its SHA-256 (`MANIFEST_KEY`), and reading a report checks
each file against it, so a report whose attachment was swapped is refused rather than trusted.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assess.errors import AssessError
from assess.files.yamlfile import MAX_BYTES

ATTACHMENT_NAME = "answers.yaml"
QUESTIONNAIRE_ATTACHMENT = "questionnaire.yaml"
# PDF info keys are what WeasyPrint makes (letters and digits only) of the HTML <meta> names
# `assess-attachments` (written by assess.report.pdf) and `assess-answers-sha256` (reports
# made before the manifest existed, which embed only the answers).
MANIFEST_KEY = "/assessattachments"
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


def manifest_text(files: dict[str, bytes]) -> str:
    """The manifest a report's metadata holds: `name sha256` pairs, one per embedded file."""
    return " ".join(f"{name} {hashlib.sha256(data).hexdigest()}" for name, data in files.items())


@dataclass(frozen=True)
class Embedded:
    """The files embedded in one report PDF, each checked against the report's manifest."""

    report: Path
    files: dict[str, bytes]

    def answers(self) -> dict[str, bytes]:
        """The embedded answers files: one in a report, one per period in a trend report."""
        return {n: d for n, d in self.files.items() if n.startswith("answers")}

    def questionnaires(self) -> dict[str, bytes]:
        """The embedded questionnaire files."""
        return {n: d for n, d in self.files.items() if n.startswith("questionnaire")}


def embedded(report: Path) -> Embedded:
    """Every file a report made by assess embeds, refused if any differs from its manifest."""
    reader = _reader(report)
    files: dict[str, bytes] = {}
    for name, found in reader.attachments.items():
        if len(found) != 1:
            raise AssessError(f"the attachment {name!r} appears more than once", file=report)
        if len(found[0]) > MAX_BYTES:
            raise AssessError(f"the attached {name} is too large", file=report)
        files[name] = found[0]
    certified = _certified(reader, report)
    altered = sorted(
        name
        for name in set(files) | set(certified)
        if hashlib.sha256(files.get(name, b"")).hexdigest() != certified.get(name)
    )
    if altered or not files:
        what = ", ".join(altered) if altered else "no files"
        raise AssessError(
            f"the report's embedded files do not match the SHA-256 it certifies ({what})",
            file=report,
            hint="the report was altered after it was made; ask its author for the original",
        )
    return Embedded(report, files)


def _certified(reader: Any, report: Path) -> dict[str, str]:
    """The manifest from the report's metadata: each embedded file's name and SHA-256."""
    info = reader.metadata or {}
    manifest = str(info.get(MANIFEST_KEY, "")).split()
    if manifest:
        return dict(zip(manifest[::2], manifest[1::2], strict=False))
    legacy = str(info.get(ANSWERS_HASH_KEY, ""))
    if legacy:
        return {ATTACHMENT_NAME: legacy}
    raise AssessError(
        "not a report made by assess (no manifest of embedded files)",
        file=report,
        hint="give a report PDF written by `assess report` or `assess compare -o`",
    )


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


def answers_of(report: Path, period: str | None = None) -> bytes:
    """The embedded answers file; in a trend report, the one of `period`."""
    from assess.files.yamlfile import decode, load_yaml

    found = embedded(report).answers()
    by_period: dict[str, bytes] = {}
    for name, raw in found.items():
        data = load_yaml(report, decode(raw, report, f"the attached {name} is ")).data
        part = data.get("assessment") if isinstance(data, dict) else None
        by_period[str(part.get("period")) if isinstance(part, dict) else name] = raw
    if period is None and len(found) == 1:
        return next(iter(found.values()))
    if period in by_period:
        return by_period[period]
    listed = ", ".join(by_period)
    raise AssessError(
        f"no period {period!r} in this report" if period else "the report holds several periods",
        file=report,
        hint=f"name one with --period: {listed}",
    )


def write_all(report: Path, folder: Path) -> list[Path]:
    """Write every file the report embeds into `folder`, each atomically; return their paths."""
    from assess.files.atomic import write_atomic

    if not folder.is_dir():
        raise AssessError("is not a folder", file=folder, hint="create it first")
    written = []
    for name, data in embedded(report).files.items():
        target = folder / Path(name).name  # names come from the PDF: never a path elsewhere
        write_atomic(target, data)
        written.append(target)
    return written
