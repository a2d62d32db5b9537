"""What the report templates see: frozen models, each field documented in docs/report.md."""

from __future__ import annotations

from assess.compare.result import Comparison
from assess.model.base import Model
from assess.report.review_views import AuditView, QualityCheckView, ReviewMark
from assess.scoring.limits import Blocker, Limit

__all__ = ["Blocker", "Limit"]  # documented with the views: `r.held_down` holds them


class LevelInfo(Model):
    """A maturity level with its name; `tone` 0..3 picks its colour (red to green)."""

    level: int | None
    name: str
    tone: int


class OptionScore(Model):
    """One option of a scale and what it scores (0..1)."""

    label: str
    score: float


class ScaleView(Model):
    """A scale that choice questions use, for the method page."""

    id: str
    options: list[OptionScore]


class ChecklistItem(Model):
    """One option of a checklist question, ticked or not, so a reader sees what was not claimed."""

    label: str
    checked: bool


class Alt(Model):
    """Questionnaire text in the report's second language, shown beneath the first (bilingual)."""

    lang: str
    name: str | None = None
    description: str | None = None
    quote: str | None = None
    text: str | None = None
    recommendation: str | None = None


class TranslationView(Model):
    """A questionnaire translation the report shows, as its integrity appendix cites it."""

    language: str
    sha256: str
    attachment: str


class QuestionRow(Model):
    """One question of a dimension table, with the answer as the respondent gave it."""

    id: str
    text: str
    level: int | None
    critical: bool
    status: str
    answer: str
    checklist: list[ChecklistItem] | None
    score: float | None
    met: bool | None
    note: str | None
    evidence: list[str]
    carried: bool
    anchor: str | None = None
    basis: str | None = None
    basis_lang: str | None = None
    """The language of `basis` where a translation keeps it in the questionnaire's own words."""
    answered_by: str | None = None
    answered_on: str | None = None
    review: ReviewMark | None = None
    alt: Alt | None = None


class DimensionView(Model):
    """One dimension section."""

    id: str
    name: str
    description: str | None
    quote: str | None
    weight: float
    score: float | None
    level: LevelInfo
    target: LevelInfo
    gap: int | None
    attainment: float | None
    answered: int
    applicable: int
    na: int
    unanswered: int
    findings: int
    questions: list[QuestionRow]
    alt: Alt | None = None


class FindingView(Model):
    """A finding or an opportunity, with its dimension's name for the reader."""

    id: str
    dimension: str
    dimension_name: str
    phase: str
    level: int
    critical: bool
    score: float
    unanswered: bool
    text: str
    recommendation: str
    alt: Alt | None = None


class OpportunityGroup(Model):
    """The opportunities of one dimension, counted by level, for the summary in the roadmap."""

    dimension: str
    dimension_name: str
    by_level: dict[int, int]
    ids: list[str]


class PhaseView(Model):
    """One phase of the roadmap and its findings."""

    id: str
    title: str
    description: str
    findings: list[FindingView]


class NotApplicableView(Model):
    """A question the respondent marked N/A, with the justification given."""

    id: str
    dimension_name: str
    text: str
    justification: str
    note: str | None


class ChangeRow(Model):
    """A dimension (or the overall line) across the previous assessments and this one."""

    id: str
    name: str
    previous: list[float | None]
    current: float | None
    delta: float | None
    previous_level: int | None
    level: int | None


class ChangeView(Model):
    """The change since the previous assessments given with `--previous`."""

    periods: list[str]
    period: str
    rows: list[ChangeRow]
    overall: ChangeRow
    comparison: Comparison


class ReferenceItem(Model):
    """A question that cites a reference, with where it stands."""

    question: str
    status: str


class ReferenceRow(Model):
    """One article, control, family or subcategory and the questions that cite it."""

    id: str
    label: str
    about: str
    questions: list[ReferenceItem]


class ReferenceGroup(Model):
    """One framework, standard or law, and every id of it the questionnaire cites."""

    key: str
    title: str
    rows: list[ReferenceRow]
    known: int


class ReportContext(Model):
    """Everything the templates use; see docs/report.md."""

    title: str
    subject: str
    author: str
    lang: str
    alt_lang: str | None
    organization: str
    sector: str | None
    profile: str
    profile_name: str
    period: str
    date: str
    date_long: str
    assessor: str | None
    scope: str | None
    classification: str
    auditor: str | None
    auditor_org: str | None
    logo: str | None
    questionnaire_id: str
    questionnaire_version: str
    questionnaire_title: str
    questionnaire_sha256: str
    translations: list[TranslationView]
    answers_sha256: str
    tool_version: str
    scoring_method: str
    met_threshold: float
    scales: list[ScaleView]
    levels: list[LevelInfo]
    score: float | None
    level: LevelInfo
    target: LevelInfo
    targets_met: bool
    attainment: float | None
    completeness: float
    counts: dict[str, int]
    dimensions: list[DimensionView]
    findings: list[FindingView]
    top_findings: list[FindingView]
    phases: list[PhaseView]
    opportunities: list[FindingView]
    opportunity_groups: list[OpportunityGroup]
    held_down: list[Limit]
    not_applicable: list[NotApplicableView]
    references: list[ReferenceGroup]
    change: ChangeView | None
    radar_svg: str
    trend_svg: str | None
    audit: AuditView | None
    quality: list[QualityCheckView]
