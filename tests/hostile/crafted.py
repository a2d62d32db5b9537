"""Builders of hostile inputs the catalogue shares: a small workspace and report-like PDFs."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from assess.files.loading import bundled_dir
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


def report_like_pdf(path: Path, data: bytes, stored: str | None = None) -> Path:
    """A small PDF made the way reports are: `data` attached, its SHA-256 in the metadata."""
    digest = stored if stored is not None else hashlib.sha256(data).hexdigest()
    html = (
        f'<html><head><meta name="assess-answers-sha256" content="{digest}"></head>'
        f"<body><p>Answers file SHA-256</p><p>{digest}</p></body></html>"
    )
    pdf = render_pdf(
        html,
        asset_dirs=[bundled_dir("templates")],
        attachments=[answers_attachment(data, dt.date(2025, 1, 2))],
    )
    path.write_bytes(pdf)
    return path
