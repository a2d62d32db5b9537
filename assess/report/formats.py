"""The report formats and the default marking: named apart from the renderer, so cheaply."""

from __future__ import annotations

from enum import StrEnum

DEFAULT_CLASSIFICATION = "Confidential"
"""The marking on a report's cover and pages when none is given."""


class ReportFormat(StrEnum):
    """What `assess report` writes."""

    pdf = "pdf"
    html = "html"
