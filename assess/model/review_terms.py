"""The auditor's vocabulary: verdicts, test methods and opinions.

Plain enums in a module of their own, so the command line can offer them as choices without
building the review file's models (which `assess --help` and `assess score` do not need).
"""

from __future__ import annotations

from enum import StrEnum


class ReviewStatus(StrEnum):
    """What the auditor concluded about one answer."""

    verified = "verified"
    adjusted = "adjusted"
    disputed = "disputed"
    not_sampled = "not-sampled"


class Method(StrEnum):
    """How the auditor tested an answer."""

    inspection = "inspection"
    interview = "interview"
    observation = "observation"
    re_performance = "re-performance"
    sampling = "sampling"


class Opinion(StrEnum):
    """The overall opinion, in the usual terms of assurance work."""

    unqualified = "unqualified"
    qualified = "qualified"
    adverse = "adverse"
    disclaimer = "disclaimer"
