"""The auditor's vocabulary: verdicts, test methods and opinions.

Plain enums in a module of their own, so the command line can offer them as choices without
building the review file's models (which `assess --help` and `assess score` do not need).
"""

from __future__ import annotations

from enum import StrEnum

from assess.i18n import N_, _


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


_WORDS: dict[str, str] = {
    ReviewStatus.verified: N_("verified"),
    ReviewStatus.adjusted: N_("adjusted"),
    ReviewStatus.disputed: N_("disputed"),
    ReviewStatus.not_sampled: N_("not sampled"),
    Method.inspection: N_("inspection"),
    Method.interview: N_("interview"),
    Method.observation: N_("observation"),
    Method.re_performance: N_("re-performance"),
    Method.sampling: N_("sampling"),
    Opinion.unqualified: N_("unqualified"),
    Opinion.qualified: N_("qualified"),
    Opinion.adverse: N_("adverse"),
    Opinion.disclaimer: N_("disclaimer"),
}
"""Each term in words, for the catalog; files and JSON keep the value (`not-sampled`)."""


def term_word(term: str) -> str:
    """A term as the terminal says it: `verified`, 已核实; the value itself where none is known."""
    word = _WORDS.get(term)
    return _(word) if word is not None else str(term)
