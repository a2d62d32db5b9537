"""Building the report's context: an answers file's score, views, and change since before."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from assess import __version__
from assess.compare.engine import compare_inputs
from assess.compare.result import Trend
from assess.errors import AssessError
from assess.files.loading import LoadedAnswers
from assess.i18n import N_, translations
from assess.model.answers import Answer, AnswersFile, NotApplicable
from assess.model.questionnaire import (
    Question,
    Questionnaire,
    is_scored,
)
from assess.report.bilingual import dimension_alt, finding_alt, kept_basis, question_alt
from assess.report.figures import radar, trend
from assess.report.formats import DEFAULT_CLASSIFICATION
from assess.report.loaded import Loaded
from assess.report.options import ReportOptions
from assess.report.references import references
from assess.report.review_context import audit_view, quality_views, review_marks
from assess.report.views import (
    ChangeRow,
    ChangeView,
    ChecklistItem,
    DimensionView,
    FindingView,
    LevelInfo,
    NotApplicableView,
    OpportunityGroup,
    OptionScore,
    PhaseView,
    QuestionRow,
    ReportContext,
    ScaleView,
    TranslationView,
)
from assess.scoring.engine import Finding, Opportunity, Phase, QuestionResult, Status
from assess.scoring.limits import level_limits

TOP_FINDINGS = 5
"""How many findings the executive summary lists; the roadmap lists all of them."""


# --- building the context ---

_PHASES = {
    Phase.now: (N_("Now"), N_("Critical practices and level-1 basics: start at once.")),
    Phase.next: (N_("Next"), N_("Level-2 practices: plan them for the coming months.")),
    Phase.later: (
        N_("Later"),
        N_("Level-3 practices: schedule them once the earlier phases hold."),
    ),
}
# What the answer column says of a question that has no answer to show.
_NO_ANSWER = {
    N_("Does not apply to this profile"),
    N_("Does not apply"),
    N_("N/A"),
    N_("Not answered"),
}


def build_context(
    current: Loaded, options: ReportOptions, change: ChangeView | None, logo: str | None
) -> ReportContext:
    """Everything the templates show, computed once from the loaded answers and their result."""
    tr = translations(options.languages[0]).gettext
    a, q, result = current.file.answers, current.file.questionnaire, current.result
    alt = current.alt.questionnaire if current.alt else None
    levels = level_names(q)
    names = {d.id: d.name for d in q.dimensions}
    findings = [_finding(f, names, alt) for f in result.findings]
    org = a.organization.name
    period = a.assessment.period
    return ReportContext(
        title=tr("Cybersecurity posture assessment: %(organization)s, %(period)s")
        % {"organization": org, "period": period},
        subject=f"{q.title} ({q.ref}), profile {result.profile.name}",
        author=options.auditor or a.assessment.assessor or org,
        lang=options.languages[0],
        alt_lang=alt.language if alt else None,
        organization=org,
        sector=a.organization.sector,
        profile=result.profile.id,
        profile_name=result.profile.name,
        period=period,
        date=a.assessment.date.isoformat(),
        date_long=long_date(a.assessment.date, options.languages[0]),
        assessor=a.assessment.assessor,
        scope=a.assessment.scope,
        classification=marking(options.classification, tr),
        auditor=options.auditor,
        auditor_org=options.auditor_org,
        logo=logo,
        questionnaire_id=q.id,
        questionnaire_version=q.version,
        questionnaire_title=q.title,
        questionnaire_sha256=current.file.questionnaire_file.sha256,
        translations=[
            TranslationView(language=t.language, sha256=t.sha256, attachment=t.attachment_name)
            for t in current.translations()
        ],
        answers_sha256=current.file.sha256,
        tool_version=__version__,
        scoring_method=result.scoring_method,
        met_threshold=q.met_threshold,
        scales=scale_views(q),
        levels=[level_info(lv, levels) for lv in levels],
        score=result.overall.score,
        level=level_info(result.overall.level, levels),
        target=level_info(result.overall.target_level, levels),
        targets_met=result.overall.targets_met,
        attainment=result.overall.target_attainment,
        completeness=result.completeness,
        counts=result.counts.model_dump(),
        dimensions=[_dimension(current, i, levels, findings, tr) for i in range(len(q.dimensions))],
        findings=findings,
        top_findings=findings[:TOP_FINDINGS],
        phases=[
            PhaseView(
                id=p.value,
                title=tr(_PHASES[p][0]),
                description=tr(_PHASES[p][1]),
                findings=[f for f in findings if f.phase == p.value],
            )
            for p in Phase
        ],
        opportunities=[_finding(o, names, alt) for o in result.opportunities],
        opportunity_groups=_opportunity_groups(result.opportunities, q),
        held_down=level_limits(result),
        not_applicable=_not_applicable(a, q),
        references=references(q, result, options.languages[0]),
        change=change,
        radar_svg=radar(result, q, level_names(q), tr),
        audit=audit_view(current, levels, options.languages[0]),
        quality=quality_views(result.quality, tr),
        trend_svg=trend(change, tr),
    )


def marking(classification: str | None, tr: Callable[[str], str]) -> str:
    """The classification as printed: the default marking in the report's language.

    `--classification` is free text, so a marking the user gave is printed exactly as typed,
    even when it is the default's English word.
    """
    return tr(DEFAULT_CLASSIFICATION) if classification is None else classification


def long_date(date: dt.date, language: str = "en") -> str:
    """A date written out in the report's language ("20 November 2025", "2025年11月20日").

    It depends on the language asked for only, never on the machine's locale.
    """
    from assess.i18n import written_date

    return written_date(date, language)


def level_names(q: Questionnaire) -> dict[int, str]:
    """Every level's name, from 0 (reaching no level) up, as the questionnaire names them."""
    return {0: q.level_zero.name, **{lv.level: lv.name for lv in q.levels}}


def scale_views(q: Questionnaire) -> list[ScaleView]:
    """The questionnaire's scales, with what each option scores, for the method page."""
    return [
        ScaleView(id=name, options=[OptionScore(label=o.label, score=o.score) for o in options])
        for name, options in q.scales.items()
    ]


def level_info(level: int | None, names: Mapping[int, str]) -> LevelInfo:
    """A maturity level with its name and tone; `names` comes from `level_names`.

    The tone grows with the level towards the questionnaire's top level: red, amber, green.
    """
    if level is None:
        return LevelInfo(level=None, name="No score", tone=0)
    top = max(names, default=1)
    tone = 0 if level <= 0 else max(1, min(3, round(3 * level / top)))
    return LevelInfo(level=level, name=names.get(level, f"Level {level}"), tone=tone)


def _opportunity_groups(found: Sequence[Opportunity], q: Questionnaire) -> list[OpportunityGroup]:
    groups = []
    for d in q.dimensions:
        mine = [o for o in found if o.dimension == d.id]
        if mine:
            by_level: dict[int, int] = {}
            for o in mine:
                by_level[o.level] = by_level.get(o.level, 0) + 1
            ids = [o.question for o in mine]
            groups.append(
                OpportunityGroup(dimension=d.id, dimension_name=d.name, by_level=by_level, ids=ids)
            )
    return groups


def _finding(f: Opportunity, names: dict[str, str], alt: Questionnaire | None) -> FindingView:
    return FindingView(
        id=f.question,
        dimension=f.dimension,
        dimension_name=names.get(f.dimension, f.dimension),
        phase=f.phase if isinstance(f, Finding) else "opportunity",
        level=f.level,
        critical=f.critical,
        score=f.score,
        unanswered=f.unanswered,
        text=f.text,
        recommendation=f.recommendation,
        alt=finding_alt(alt, f.question, f.dimension),
    )


def _dimension(
    current: Loaded,
    index: int,
    levels: Mapping[int, str],
    findings: list[FindingView],
    tr: Callable[[str], str],
) -> DimensionView:
    q = current.file.questionnaire
    alt = current.alt.questionnaire if current.alt else None
    d, r = q.dimensions[index], current.result.dimensions[index]
    marks, a = review_marks(current), current.file.answers
    basis_lang = kept_basis(current.file.questionnaire_file)
    rows = []
    for question, res in zip(d.questions, r.questions, strict=True):
        row = _row(q, question, res, a, tr)
        said = res.status in (Status.answered, Status.text)  # the respondent's words stay theirs
        shown = row.answer if said or row.answer not in _NO_ANSWER else tr(row.answer)
        update = {
            "alt": question_alt(alt, question.id),
            "answer": shown,
            "basis_lang": basis_lang.get(question.id) if row.basis else None,
        }
        rows.append(row.model_copy(update={**update, "review": marks.get(question.id)}))
    return DimensionView(
        id=d.id,
        name=d.name,
        description=d.description,
        quote=d.quote,
        weight=d.weight,
        score=r.score,
        level=level_info(r.level, levels),
        target=level_info(r.target_level, levels),
        gap=r.gap,
        attainment=r.target_attainment,
        answered=r.answered,
        applicable=r.applicable,
        na=r.na,
        unanswered=r.unanswered,
        findings=sum(f.dimension == d.id for f in findings),
        questions=rows,
        alt=dimension_alt(alt, d.id),
    )


def _row(
    q: Questionnaire,
    question: Question,
    res: QuestionResult,
    a: AnswersFile,
    tr: Callable[[str], str],
) -> QuestionRow:
    entry = a.answers.get(question.id)
    if res.status is Status.not_applicable:
        entry = None
    return QuestionRow(
        id=question.id,
        text=question.text,
        level=res.level,
        critical=res.critical,
        status=res.status.value,
        answer=_answer(question, res, entry, tr),
        checklist=_checklist(question, entry) if res.status is Status.answered else None,
        score=res.score,
        met=res.met,
        note=entry.note if entry else None,
        evidence=list(entry.evidence) if entry else [],
        carried=res.carried,
        anchor=question.anchor(entry.value) if isinstance(entry, Answer) else None,
        basis=question.basis if is_scored(question) else None,
        answered_by=res.answered_by,
        answered_on=None if res.answered_at is None else res.answered_at.date().isoformat(),
    )


def answer_label(
    question: Question, res: QuestionResult, entry: Answer | NotApplicable | None
) -> str:
    """The answer as a reader understands it: the option's label, the checked items, the value."""
    if res.status is Status.not_applicable:
        return "Does not apply to this profile" if res.reason == "profile" else "Does not apply"
    if isinstance(entry, NotApplicable):
        return "N/A"
    if entry is None:
        return "Not answered"
    return question.label(entry.value)


def _answer(
    question: Question,
    res: QuestionResult,
    entry: Answer | NotApplicable | None,
    tr: Callable[[str], str],
) -> str:
    """The answer column: a checklist is counted there, its options are listed under the text."""
    items = _checklist(question, entry) if res.status is Status.answered else None
    if items is not None:
        counted = {"checked": sum(i.checked for i in items), "count": len(items)}
        return tr("%(checked)s of %(count)s items") % counted
    return answer_label(question, res, entry)


def _checklist(
    question: Question, entry: Answer | NotApplicable | None
) -> list[ChecklistItem] | None:
    """Every option of an answered checklist, ticked or not; None for other questions."""
    ticks = question.ticks(entry.value) if isinstance(entry, Answer) else None
    if ticks is None:
        return None
    return [ChecklistItem(label=label, checked=checked) for label, checked in ticks]


def _not_applicable(a: AnswersFile, q: Questionnaire) -> list[NotApplicableView]:
    rows = []
    for question in q.questions():
        entry = a.answers.get(question.id)
        if isinstance(entry, NotApplicable):
            dim = q.dimension_of(question.id)
            rows.append(
                NotApplicableView(
                    id=question.id,
                    dimension_name=dim.name if dim else "",
                    text=question.text,
                    justification=entry.justification,
                    note=entry.note,
                )
            )
    return rows


# --- change since the previous assessments ---


def previous_changes(current: Loaded, earlier: Sequence[LoadedAnswers]) -> ChangeView | None:
    """The change since the earlier assessments (given with --previous), from the comparison engine.

    `assess compare` and the report use the same comparison: every assessment is rescored with
    the current engine from its raw answers, and questions are matched across versions.
    """
    if not earlier:
        return None
    # The current file goes first: refusals compare the others against it.
    c = compare_inputs([current.file, *earlier])
    period = current.file.answers.assessment.period
    if c.periods[-1] != period:
        raise AssessError(
            N_("--previous must be earlier than %(period)s, but %(later)s is later"),
            file=current.file.path,
            hint=N_("report on the latest period and pass the earlier ones with --previous"),
            values={"period": period, "later": c.periods[-1]},
        )

    def row(t: Trend) -> ChangeRow:
        return ChangeRow(
            id=t.id,
            name=t.name,
            previous=t.scores[:-1],
            current=t.scores[-1],
            delta=t.change_previous[-1],
            previous_level=t.levels[-2],
            level=t.levels[-1],
        )

    return ChangeView(
        periods=c.periods[:-1],
        period=c.periods[-1],
        rows=[row(t) for t in c.dimensions],
        overall=row(c.overall),
        comparison=c,
    )
