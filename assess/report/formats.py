"""The report formats and the default marking: named apart from the renderer, so cheaply."""

from __future__ import annotations

from enum import StrEnum

from assess.i18n import N_

DEFAULT_CLASSIFICATION = N_("Confidential")
"""The marking on a report's cover and pages when none is given; a report writes it in its
language (机密 in Chinese), while a marking the user gives is printed as given."""


class ReportFormat(StrEnum):
    """What `assess report` writes."""

    pdf = "pdf"
    html = "html"
