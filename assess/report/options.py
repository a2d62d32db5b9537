"""What a report is asked for beyond its answers file: format, classification, templates, logo."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from assess.model.base import Model
from assess.model.language import ENGLISH
from assess.report.formats import ReportFormat


class ReportOptions(Model):
    """Everything about a report that is not in the answers file."""

    format: ReportFormat = ReportFormat.pdf
    classification: str | None = None
    """The marking as typed; None: the default, Confidential, in the report's language."""
    auditor: str | None = None
    auditor_org: str | None = None
    logo: Path | None = None
    template_dir: Path | None = None
    previous: list[Path] = Field(default_factory=list)
    review: Path | None = None
    questionnaires: list[Path] = Field(default_factory=list)
    languages: tuple[str, ...] = Field(
        default=(ENGLISH,), min_length=1, max_length=2, description="The first shown first."
    )
    allow_untranslated: bool = False


class TrendOptions(Model):
    """Everything about a trend report (`assess compare -o`) that is not in its answers files."""

    template_dir: Path | None = None
    classification: str | None = None
    """As in `ReportOptions`: None is the default marking, in the report's language."""
    language: str = ENGLISH
    """The language the questionnaire's text is shown in (the first of `--lang`)."""
    allow_untranslated: bool = True
    allow_mixed: bool = False
    reviews: list[Path] = Field(default_factory=list)
    questionnaires: list[Path] = Field(default_factory=list)
