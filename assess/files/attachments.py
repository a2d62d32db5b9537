"""The files a report PDF carries, so that a report alone is enough to recompute it.

A report embeds the answers file (`answers.yaml`), the questionnaire it follows
(`questionnaire.yaml`) and, when shown in another language, the questionnaire's translation
(`translation-ID-VERSION.LANG.yaml`); a trend report embeds each period's answers
(`answers-<period>.yaml`) and each questionnaire version (`questionnaire-<id>-<version>.yaml`).
The PDF's metadata holds a manifest of every embedded file with its SHA-256 (`MANIFEST_KEY`),
and reading a report checks each file against it, so a report whose attachment was swapped is
refused rather than trusted.

A report is hostile input like any other: its size is checked before it is read, only its
metadata and embedded files are parsed (never the text of its pages, which a crafted PDF can make
arbitrarily slow), pypdf's limits are tightened to the sizes a report has, and whatever pypdf
raises or warns about becomes one `AssessError` and nothing else on the terminal.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assess.errors import AssessError, Message
from assess.files.reading import PDF_MAGIC
from assess.files.yamlfile import MAX_BYTES
from assess.i18n import N_

ATTACHMENT_NAME = "answers.yaml"
QUESTIONNAIRE_ATTACHMENT = "questionnaire.yaml"
TRANSLATION_PREFIX = "translation-"
"""A translation a report was shown in is embedded as `translation-ID-VERSION.LANG.yaml`."""
# PDF info keys are what WeasyPrint makes (letters and digits only) of the HTML <meta> names
# `assess-attachments` (written by assess.report.pdf) and `assess-answers-sha256` (reports
# made before the manifest existed, which embed only the answers).
MANIFEST_KEY = "/assessattachments"
ANSWERS_HASH_KEY = "/assessanswerssha256"
MAX_PDF_BYTES = 64 * 1024 * 1024
# A report embeds a handful of files (a trend report one per period and questionnaire).
MAX_ATTACHMENTS = 64
# No stream a report needs decodes to more than this (an embedded file is at most MAX_BYTES);
# pypdf's own defaults allow 75 MB per stream and 100,000 items per array.
MAX_STREAM_BYTES = 16 * 1024 * 1024
_PYPDF_LIMITS: dict[str, Any] = {
    "maximum_declared_stream_length": MAX_STREAM_BYTES,
    "array_based_stream_maximum_output_length": MAX_STREAM_BYTES,
    "jbig2_maximum_output_length": MAX_STREAM_BYTES,
    "lzw_maximum_output_length": MAX_STREAM_BYTES,
    "run_length_maximum_output_length": MAX_STREAM_BYTES,
    "zlib_maximum_output_length": MAX_STREAM_BYTES,
    "brotli_maximum_output_length": MAX_STREAM_BYTES,
    "stream_decoding_work_maximum_length": 4 * MAX_STREAM_BYTES,
    "array_maximum_element_count": 10_000,
    "dictionary_maximum_element_count": 10_000,
}


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

    def translations(self) -> dict[str, bytes]:
        """The embedded translations of the questionnaire the report was shown in."""
        return {n: d for n, d in self.files.items() if n.startswith(TRANSLATION_PREFIX)}


def embedded(report: Path) -> Embedded:
    """Every file a report made by assess embeds, refused if any differs from its manifest."""
    data = read_pdf(report)
    files: dict[str, bytes] = {}
    with pypdf_guard(report):
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        attachments = reader.attachments
        if len(attachments) > MAX_ATTACHMENTS:
            raise AssessError(
                N_("the PDF embeds more than %(limit)s files"),
                file=report,
                hint=_MADE_BY,
                values={"limit": MAX_ATTACHMENTS},
            )
        for name in attachments:  # each decoded only now, one at a time
            found = attachments[name]
            if len(found) != 1:
                raise AssessError(
                    N_("the attachment %(name)r appears more than once"),
                    file=report,
                    values={"name": name},
                )
            if len(found[0]) > MAX_BYTES:
                raise AssessError(
                    N_("the attached %(name)s is too large"), file=report, values={"name": name}
                )
            files[name] = found[0]
        certified = _certified(reader, report)
    altered = sorted(
        name
        for name in set(files) | set(certified)
        if hashlib.sha256(files.get(name, b"")).hexdigest() != certified.get(name)
    )
    if altered or not files:
        what = ", ".join(altered) if altered else Message(N_("no files"))
        raise AssessError(
            N_("the report's embedded files do not match the SHA-256 it certifies (%(files)s)"),
            file=report,
            hint=N_("the report was altered after it was made; ask its author for the original"),
            values={"files": what},
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
        N_("not a report made by assess (no manifest of embedded files)"),
        file=report,
        hint=N_("give a report PDF written by `assess report` or `assess compare -o`"),
    )


_MADE_BY = N_("give a report made by assess")


def read_pdf(report: Path) -> bytes:
    """A report's bytes, its size and kind checked before anything is read."""
    from assess.files.reading import read_limited

    data = read_limited(report, MAX_PDF_BYTES, what=N_("PDF"), hint=_MADE_BY)
    if not data.startswith(PDF_MAGIC):
        raise AssessError(N_("not a PDF file"), file=report, hint=_MADE_BY)
    return data


@contextlib.contextmanager
def pypdf_guard(report: Path) -> Iterator[None]:
    """Run pypdf under tight limits, silently, with any failure as one error naming `report`.

    pypdf logs what it repairs and warns about odd input; neither belongs on the user's
    terminal. On a hostile file it can raise nearly anything (RecursionError for deep nesting,
    AttributeError for an object that refers to itself), so every exception from inside is
    the file's problem, not a bug of ours.
    """
    from pypdf import apply_configuration
    from pypdf.errors import LimitReachedError

    # A level on the package's logger silences its modules' loggers too (they inherit it).
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings(), apply_configuration(**_PYPDF_LIMITS):
            warnings.simplefilter("ignore")
            yield
    except AssessError:
        raise
    except LimitReachedError:
        raise AssessError(
            N_("PDF is over a safety limit (a stream too large or too complex)"),
            file=report,
            hint=_MADE_BY,
        ) from None
    except Exception as exc:
        reason = str(exc).strip() or type(exc).__name__
        raise AssessError(
            N_("unreadable PDF: %(reason)s"), file=report, values={"reason": reason[:200]}
        ) from None
    finally:
        logger.setLevel(level)


def answers_of(report: Path, period: str | None = None) -> bytes:
    """The embedded answers file; in a trend report, the one of `period`."""
    from assess.files.yamlfile import decode, load_yaml

    found = embedded(report).answers()
    by_period: dict[str, bytes] = {}
    for name, raw in found.items():
        data = load_yaml(report, decode(raw, report, name)).data
        part = data.get("assessment") if isinstance(data, dict) else None
        by_period[str(part.get("period")) if isinstance(part, dict) else name] = raw
    if period is None and len(found) == 1:
        return next(iter(found.values()))
    if period in by_period:
        return by_period[period]
    listed = ", ".join(by_period)
    raise AssessError(
        N_("no period %(period)r in this report")
        if period
        else N_("the report holds several periods"),
        file=report,
        hint=N_("name one with --period: %(periods)s"),
        values={"period": period, "periods": listed},
    )


def write_all(report: Path, folder: Path) -> list[Path]:
    """Write every file the report embeds into `folder`, each atomically; return their paths."""
    from assess.files.atomic import check_target, write_atomic

    if not folder.is_dir():
        raise AssessError(N_("is not a folder"), file=folder, hint=N_("create it first"))
    written = []
    for name, data in embedded(report).files.items():
        target = folder / Path(name).name  # names come from the PDF: never a path elsewhere
        check_target(target, [report])
        write_atomic(target, data)
        written.append(target)
    return written


REVIEW_ATTACHMENT_NAME = "review.yaml"
"""The auditor's review file, which a report made with `--review` embeds beside the answers."""


def review_of(report: Path) -> bytes | None:
    """The review file a report embeds (checked against its manifest); None when it has none."""
    return embedded(report).files.get(REVIEW_ATTACHMENT_NAME)
