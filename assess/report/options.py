"""What a report is asked for beyond its answers file: format, classification, templates, logo."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import Field

from assess.model.base import Model

DEFAULT_CLASSIFICATION = "Confidential"


class ReportFormat(StrEnum):
    """What `assess report` writes."""

    pdf = "pdf"
    html = "html"


class ReportOptions(Model):
    """Everything about a report that is not in the answers file."""

    format: ReportFormat = ReportFormat.pdf
    classification: str = DEFAULT_CLASSIFICATION
    auditor: str | None = None
    auditor_org: str | None = None
    logo: Path | None = None
    template_dir: Path | None = None
    previous: list[Path] = Field(default_factory=list)
    questionnaires: list[Path] = Field(default_factory=list)
