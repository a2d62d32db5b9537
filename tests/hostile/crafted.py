"""Builders of hostile inputs the catalogue shares: a small workspace and report-like PDFs."""

from __future__ import annotations

import datetime as dt
import hashlib
import resource
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from assess.files.bundled import bundled_dir
from assess.report.pdf import answers_attachment, render_pdf
from tests.builders import answers, questionnaire


@dataclass(frozen=True)
class Workspace:
    """A folder with the small questionnaire and two periods of answers to it."""

    folder: Path
    q: Path
    current: Path
    previous: Path


def workspace(folder: Path) -> Workspace:
    """Write the small questionnaire and two answers files into `folder`."""
    q = folder / "mini.yaml"
    q.write_text(yaml.safe_dump(questionnaire(), sort_keys=False), encoding="utf-8")
    current = folder / "answers-2025.yaml"
    current.write_text(
        yaml.safe_dump(answers("2025", "2025-11-20"), sort_keys=False), encoding="utf-8"
    )
    previous = folder / "answers-2024.yaml"
    previous.write_text(
        yaml.safe_dump(answers("2024", "2024-11-18", A_01=1), sort_keys=False), encoding="utf-8"
    )
    return Workspace(folder, q, current, previous)


def report_like_pdf(path: Path, data: bytes) -> Path:
    """A small PDF made the way reports are: `data` attached as answers.yaml, with its manifest."""
    pdf = render_pdf(
        "<html><body><p>Report</p></body></html>",
        asset_dirs=[bundled_dir("templates")],
        attachments=[answers_attachment(data, dt.date(2025, 1, 2))],
    )
    path.write_bytes(pdf)
    return path


def raw_pdf(objects: list[bytes], *, info: int | None = None, shift: int = 0) -> bytes:
    """A PDF written byte by byte: object 1 is the catalog; `shift` breaks the xref offsets.

    Hostile PDFs are easiest to state this way: a loop or a nesting no writer would make.
    """
    parts = [b"%PDF-1.7\n"]
    offsets = []
    size = len(parts[0])
    for number, body in enumerate(objects, 1):
        offsets.append(size)
        parts.append(b"%d 0 obj\n%s\nendobj\n" % (number, body))
        size += len(parts[-1])
    out = b"".join(parts)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % (o + shift) for o in offsets)
    trailer = b"/Size %d /Root 1 0 R" % (len(objects) + 1)
    if info is not None:
        trailer += b" /Info %d 0 R" % info
    return out + b"trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    """A Flate-compressed stream object body."""
    packed = zlib.compress(data, 9)
    return b"<< /Length %d /Filter /FlateDecode %s >>\nstream\n%s\nendstream" % (
        len(packed),
        extra,
        packed,
    )


def attached(data: bytes, *, pages: bytes = b"<< /Type /Pages /Kids [] /Count 0 >>") -> list[bytes]:
    """The objects of a report-like PDF: `data` as answers.yaml, its SHA-256 in /Info (object 5).

    `pages` is object 2, the page tree; callers append pages and content after object 5.
    """
    digest = hashlib.sha256(data).hexdigest().encode()
    return [
        b"<< /Type /Catalog /Pages 2 0 R"
        b" /Names << /EmbeddedFiles << /Names [(answers.yaml) 3 0 R] >> >> >>",
        pages,
        b"<< /Type /Filespec /F (answers.yaml) /UF (answers.yaml) /EF << /F 4 0 R >> >>",
        stream(data, b"/Type /EmbeddedFile"),
        b"<< /Producer (crafted) /assessanswerssha256 (%s) >>" % digest,
    ]


def slow_text_pdf(data: bytes, *, pages: int, invocations: int, operations: int) -> bytes:
    """A few kilobytes whose page text takes minutes to extract, with a valid attachment.

    The page draws one form `invocations` times, the form shows `operations` strings, and the
    page tree lists the one page `pages` times: the file stays small while the text to extract
    multiplies.
    """
    objects = attached(data)
    first = len(objects) + 1  # 6: font, 7: form, 8: page content, 9: the page, listed `pages` times
    kids = b" ".join([b"%d 0 R" % (first + 3)] * pages)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages)
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    resources = b"<< /Font << /F1 %d 0 R >> /XObject << /X %d 0 R >> >>" % (first, first + 1)
    form = stream(
        b"BT /F1 1 Tf " + b"(xxxxxxxxxx) Tj " * operations + b"ET",
        b"/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources " + resources,
    )
    objects += [font, form, stream(b"/X Do " * invocations)]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents %d 0 R /Resources %s >>"
    objects.append(page % (first + 2, resources))
    return raw_pdf(objects, info=5)


BOUND = 60
"""Seconds a hostile input may take: generous on a loaded machine, far below an unbounded read."""


def run_bounded(*args: str, memory: int | None = None) -> subprocess.CompletedProcess[bytes]:
    """`assess ARGS` in its own process: real stderr, a time bound, an optional memory cap."""

    def cap() -> None:
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run(
        [sys.executable, "-m", "assess", *args],
        capture_output=True,
        timeout=BOUND,
        preexec_fn=cap,
        check=False,
    )


def assert_one_error(result: subprocess.CompletedProcess[bytes], message: str) -> None:
    """The run refused its input the way every bad input is refused: one line, exit 2."""
    stderr = result.stderr.decode()
    assert result.returncode == 2, (result.stdout, stderr)
    assert result.stdout == b""
    assert len(stderr.splitlines()) == 1, stderr
    assert stderr.startswith("error: ") and message in stderr, stderr
    assert "Traceback" not in stderr


def bomb_pdf(data: bytes) -> bytes:
    """A PDF of a few KB whose attachment decompresses to 100 MB."""
    objects = attached(data)
    objects[3] = stream(b"\0" * (100 * 1024 * 1024), b"/Type /EmbeddedFile")
    return raw_pdf(objects, info=5)


def self_reference_pdf() -> bytes:
    """A PDF whose name tree holds an object that refers to itself."""
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 4 0 R /Names 2 0 R >>",
            b"<< /EmbeddedFiles 3 0 R >>",
            b"<< /Kids [3 0 R 3 0 R] /Names 5 0 R >>",
            b"<< /Type /Pages /Kids [] /Count 0 >>",
            b"5 0 R",
        ]
    )


def deeply_nested_pdf(depth: int = 100_000) -> bytes:
    """A PDF whose catalog nests `depth` arrays."""
    catalog = b"<< /Type /Catalog /Names << /EmbeddedFiles << /Names [%s] >> >> >>" % (
        b"[" * depth + b"]" * depth
    )
    return raw_pdf([catalog])
