"""The report: a context built from the scoring result, rendered through jinja2 templates.

`build_report` is the one entry point: answers file in, PDF or HTML bytes out. The context is a
tree of frozen models (`ReportContext`), documented in `docs/report.md`, so a template author
knows every field a template may use. Templates are found through a loader chain: a
`--template-dir` first, then the bundled templates, which are also reachable as `default:NAME`
so an override can extend the template it replaces.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import Field

from assess import __version__
from assess.answers import Answer, AnswersFile, NotApplicable
from assess.compare import Comparison, Input, Trend, compare_inputs, read_input
from assess.errors import AssessError
from assess.questionnaire import (
    ChoiceQuestion,
    Model,
    MultiQuestion,
    NumberQuestion,
    Question,
    Questionnaire,
)
from assess.scoring import Finding, Opportunity, Phase, QuestionResult, Result, Status

TOP_FINDINGS = 5
"""How many findings the executive summary lists; the roadmap lists all of them."""

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


# --- the context the templates see (documented field by field in docs/report.md) ---


class LevelInfo(Model):
    """A maturity level with its name; `tone` 0..3 picks its colour (red to green)."""

    level: int | None
    name: str
    tone: int


class QuestionRow(Model):
    """One question of a dimension table, with the answer as the respondent gave it."""

    id: str
    text: str
    level: int | None
    critical: bool
    status: str
    answer: str
    score: float | None
    met: bool | None
    note: str | None
    evidence: list[str]
    carried: bool


class DimensionView(Model):
    """One dimension section."""

    id: str
    name: str
    description: str | None
    quote: str
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


class ReportContext(Model):
    """Everything the templates use; see docs/report.md."""

    title: str
    subject: str
    author: str
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
    answers_sha256: str
    tool_version: str
    scoring_method: str
    met_threshold: float
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
    not_applicable: list[NotApplicableView]
    change: ChangeView | None
    radar_svg: str
    trend_svg: str | None


class Loaded(Input):
    """An answers file as read once for a report, with its questionnaire's SHA-256 and its score."""

    questionnaire_sha256: str
    result: Result


def load(path: Path, questionnaires: Sequence[Path]) -> Loaded:
    """Read, check and score one answers file (or report PDF); the bytes kept are those scored."""
    from assess.scoring import score

    read = read_input(path, questionnaires)
    q = read.questionnaire
    return Loaded(
        path=read.path,
        raw=read.raw,
        answers=read.answers,
        questionnaire=q,
        questionnaire_sha256=questionnaire_sha256(q, questionnaires),
        result=score(q, read.answers),
    )


def questionnaire_sha256(q: Questionnaire, paths: Sequence[Path]) -> str:
    """SHA-256 of the questionnaire file the answers were checked against.

    Loading returns the model, not its file, so the file is found again among the given and
    bundled questionnaires by comparing the loaded models.
    """
    from assess.loading import bundled_questionnaire_paths, load_questionnaire

    for path in [*paths, *bundled_questionnaire_paths()]:
        if load_questionnaire(path) == q:
            return hashlib.sha256(path.read_bytes()).hexdigest()
    raise AssessError(f"the file of questionnaire {q.ref} was not found")  # pragma: no cover


def build_report(path: Path, options: ReportOptions) -> bytes:
    """The report of one answers file, as PDF or HTML bytes."""
    current = load(path, options.questionnaires)
    logo = logo_data_uri(options.logo) if options.logo else None
    context = build_context(current, options, previous_changes(current, options), logo)
    html = render_html(context, options.template_dir)
    if options.format is ReportFormat.html:
        return html.encode("utf-8")
    from assess.pdf import answers_attachment, render_pdf

    return render_pdf(
        html,
        asset_dirs=template_dirs(options.template_dir),
        attachments=[answers_attachment(current.raw, current.answers.assessment.date)],
        data_uris=[logo] if logo else [],
    )


def template_dirs(template_dir: Path | None) -> list[Path]:
    """The folders templates and their assets come from, the user's first."""
    from assess.loading import bundled_dir

    bundled = bundled_dir("templates")
    return [template_dir, bundled] if template_dir else [bundled]


def render_html(context: ReportContext, template_dir: Path | None = None) -> str:
    """The report as one self-contained HTML document (styles inline, charts inline SVG)."""
    env = template_environment(template_dir)
    html: str = env.get_template("report.html").render(r=context)
    return html


def template_environment(template_dir: Path | None) -> Any:
    """A jinja2 environment: autoescape on, the user's folder over the bundled templates."""
    import jinja2

    from assess.loading import bundled_dir

    if template_dir is not None and not template_dir.is_dir():
        raise AssessError("template folder not found", file=template_dir, hint="check the path")
    bundled = jinja2.FileSystemLoader(bundled_dir("templates"))
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        loaders.append(jinja2.FileSystemLoader(template_dir))
    loaders += [jinja2.PrefixLoader({"default": bundled}, delimiter=":"), bundled]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = _num
    env.filters["signed"] = _signed
    env.filters["percent"] = _percent
    return env


# Typography for numbers in print: an en dash for "none", a true minus sign for negatives.
NONE_MARK = "\u2013"
MINUS = "\u2212"


def _num(value: float | None, digits: int = 0) -> str:
    return NONE_MARK if value is None else f"{value:.{digits}f}"


def _percent(share: float) -> str:
    """A share (0..1) as whole percent: never "100" before it is whole, nor "0" once begun."""
    value = round(share * 100)
    if share < 1:
        value = min(value, 99)
    if share > 0:
        value = max(value, 1)
    return str(value)


def _signed(value: float | None, digits: int = 0) -> str:
    if value is None:
        return NONE_MARK
    text = f"{value:+.{digits}f}"
    return "\u00b10" if text.lstrip("+-").strip("0.") == "" else text.replace("-", MINUS)


# --- building the context ---

_PHASES = {
    Phase.now: ("Now", "Critical practices and level-1 basics: start at once."),
    Phase.next: ("Next", "Level-2 practices: plan them for the coming months."),
    Phase.later: ("Later", "Level-3 practices: schedule them once the earlier phases hold."),
}


def build_context(
    current: Loaded, options: ReportOptions, change: ChangeView | None, logo: str | None
) -> ReportContext:
    """Everything the templates show, computed once from the loaded answers and their result."""
    a, q, result = current.answers, current.questionnaire, current.result
    levels = {lv.level: lv.name for lv in q.levels}
    names = {d.id: d.name for d in q.dimensions}
    findings = [_finding(f, names) for f in result.findings]
    org = a.organization.name
    period = a.assessment.period
    return ReportContext(
        title=f"Cybersecurity posture assessment: {org}, {period}",
        subject=f"{q.title} ({q.ref}), profile {result.profile.name}",
        author=options.auditor or a.assessment.assessor or org,
        organization=org,
        sector=a.organization.sector,
        profile=result.profile.id,
        profile_name=result.profile.name,
        period=period,
        date=a.assessment.date.isoformat(),
        date_long=long_date(a.assessment.date),
        assessor=a.assessment.assessor,
        scope=a.assessment.scope,
        classification=options.classification,
        auditor=options.auditor,
        auditor_org=options.auditor_org,
        logo=logo,
        questionnaire_id=q.id,
        questionnaire_version=q.version,
        questionnaire_title=q.title,
        questionnaire_sha256=current.questionnaire_sha256,
        answers_sha256=hashlib.sha256(current.raw).hexdigest(),
        tool_version=__version__,
        scoring_method=result.scoring_method,
        met_threshold=q.met_threshold,
        levels=[level_info(lv, levels) for lv in levels],
        score=result.overall.score,
        level=level_info(result.overall.level, levels),
        target=level_info(result.overall.target_level, levels),
        targets_met=result.overall.targets_met,
        attainment=result.overall.target_attainment,
        completeness=result.completeness,
        counts=result.counts.model_dump(),
        dimensions=[_dimension(current, i, levels, findings) for i in range(len(q.dimensions))],
        findings=findings,
        top_findings=findings[:TOP_FINDINGS],
        phases=[
            PhaseView(
                id=p.value,
                title=_PHASES[p][0],
                description=_PHASES[p][1],
                findings=[f for f in findings if f.phase == p.value],
            )
            for p in Phase
        ],
        opportunities=[_finding(o, names) for o in result.opportunities],
        not_applicable=_not_applicable(a, q),
        change=change,
        radar_svg=_radar(result, q),
        trend_svg=_trend(change),
    )


_MONTHS = "January February March April May June July August September October November December"


def long_date(date: dt.date) -> str:
    """A date as "20 November 2025", in English whatever the locale, so output is reproducible."""
    return f"{date.day} {_MONTHS.split()[date.month - 1]} {date.year}"


def level_info(level: int | None, names: Mapping[int, str]) -> LevelInfo:
    """A maturity level with its name and tone; `names` maps each level of the questionnaire.

    The tone grows with the level towards the questionnaire's top level: red, amber, green.
    """
    if level is None:
        return LevelInfo(level=None, name="No score", tone=0)
    top = max(names, default=1)
    tone = 0 if level <= 0 else max(1, min(3, round(3 * level / top)))
    return LevelInfo(level=level, name=names.get(level, "Not yet performed"), tone=tone)


def _finding(f: Finding | Opportunity, names: dict[str, str]) -> FindingView:
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
    )


def _dimension(
    current: Loaded, index: int, levels: Mapping[int, str], findings: list[FindingView]
) -> DimensionView:
    q = current.questionnaire
    d, r = q.dimensions[index], current.result.dimensions[index]
    rows = [
        _row(q, question, res, current.answers)
        for question, res in zip(d.questions, r.questions, strict=True)
    ]
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
    )


def _row(q: Questionnaire, question: Question, res: QuestionResult, a: AnswersFile) -> QuestionRow:
    entry = a.answers.get(question.id)
    if res.status is Status.not_applicable:
        entry = None
    return QuestionRow(
        id=question.id,
        text=question.text,
        level=res.level,
        critical=res.critical,
        status=res.status.value,
        answer=answer_label(q, question, res, entry),
        score=res.score,
        met=res.met,
        note=entry.note if entry else None,
        evidence=list(entry.evidence) if entry else [],
        carried=res.carried,
    )


def answer_label(
    q: Questionnaire, question: Question, res: QuestionResult, entry: Answer | NotApplicable | None
) -> str:
    """The answer as a reader understands it: the option's label, the checked items, the value."""
    if res.status is Status.not_applicable:
        return "Does not apply to this profile" if res.reason == "profile" else "Does not apply"
    if isinstance(entry, NotApplicable):
        return "N/A"
    if entry is None:
        return "Not answered"
    value = entry.value
    if isinstance(question, ChoiceQuestion):
        options = {str(o.value): o.label for o in q.scales[question.scale]}
        return options.get(str(value), str(value))
    if isinstance(question, MultiQuestion) and isinstance(value, list):
        labels = [o.label for o in question.options if o.value in value]
        return "; ".join(labels) if labels else "None of the items"
    if isinstance(question, NumberQuestion) and isinstance(value, int | float):
        return f"{value:g} {question.unit} ({question.band(value).label})"
    return str(value)


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


def _radar(result: Result, q: Questionnaire) -> str:
    from assess.charts import Series, radar_chart

    dims = result.dimensions
    if len(dims) < 3:
        return ""
    return radar_chart(
        [d.id for d in dims],
        [
            Series("Level reached", [d.level for d in dims], filled=True),
            Series("Target level", [d.target_level for d in dims], dashed=True, colour="#d55e00"),
        ],
        max_value=max(lv.level for lv in q.levels),
        rings=[(lv.level, f"L{lv.level}") for lv in q.levels],
        title="Maturity level reached and target, per dimension",
    )


def _trend(change: ChangeView | None) -> str | None:
    from assess.charts import Series, line_chart

    if change is None:
        return None
    rows = [change.overall, *change.rows]
    return line_chart(
        [*change.periods, change.period],
        [
            Series(
                r.name if i == 0 else r.id,
                [*r.previous, r.current],
                dashed=i == 0,
                colour="#000000" if i == 0 else None,
            )
            for i, r in enumerate(rows)
        ],
        title="Scores across assessments",
    )


# --- change since the previous assessments ---


def previous_changes(current: Loaded, options: ReportOptions) -> ChangeView | None:
    """The change since the assessments given with --previous, from the comparison engine.

    `assess compare` and the report use the same comparison: every assessment is rescored with
    the current engine from its raw answers, and questions are matched across versions.
    """
    if not options.previous:
        return None
    earlier = [read_input(p, options.questionnaires) for p in options.previous]
    # The current file goes first: refusals compare the others against it.
    c = compare_inputs([current, *earlier])
    if c.periods[-1] != current.answers.assessment.period:
        raise AssessError(
            f"--previous must be earlier than {current.answers.assessment.period}, "
            f"but {c.periods[-1]} is later",
            file=current.path,
            hint="report on the latest period and pass the earlier ones with --previous",
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


# --- the logo: read, checked and inlined by the code, never fetched by the renderer ---

MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_PIXELS = 8000


def logo_data_uri(path: Path) -> str:
    """The logo as a data: URI, after checking it is a PNG or JPEG of sane size."""
    import base64

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AssessError(f"cannot read logo: {exc.strerror}", file=path) from None
    if len(data) > MAX_LOGO_BYTES:
        raise AssessError(
            f"logo is {len(data):,} bytes, over the limit of {MAX_LOGO_BYTES:,}",
            file=path,
            hint="use a smaller PNG or JPEG",
        )
    kind, size = image_size(data)
    if kind is None or size is None:
        raise AssessError("logo is not a PNG or JPEG image", file=path, hint="convert it to PNG")
    if not all(0 < n <= MAX_LOGO_PIXELS for n in size):
        raise AssessError(
            f"logo is {size[0]}x{size[1]} pixels; each side must be 1 to {MAX_LOGO_PIXELS}",
            file=path,
        )
    return f"data:image/{kind};base64,{base64.b64encode(data).decode('ascii')}"


def image_size(data: bytes) -> tuple[str | None, tuple[int, int] | None]:
    """The kind ("png" or "jpeg") and pixel size of an image, from its bytes alone."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        return "png", (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big"))
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg", _jpeg_size(data)
    return None, None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from the first start-of-frame marker of a JPEG."""
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height = int.from_bytes(data[i + 5 : i + 7], "big")
            width = int.from_bytes(data[i + 7 : i + 9], "big")
            return width, height
        i += 2 + length
    return None


# --- writing files ---


def default_output(source: Path, fmt: ReportFormat, out_dir: Path | None = None) -> Path:
    """Where a report goes without -o: next to its input (or in `out_dir`), same stem."""
    folder = out_dir if out_dir is not None else source.parent
    return folder / f"{source.stem}.{fmt.value}"


def write_report(source: Path, output: Path, options: ReportOptions) -> Path:
    """Render the report of `source` and write it to `output` atomically."""
    from assess.atomic import check_target, write_atomic

    if output.resolve() == source.resolve():
        raise AssessError(
            "the report would overwrite its own input", file=source, hint="pass -o OUT.pdf"
        )
    check_target(output)  # before the slow rendering, so a bad -o fails at once
    write_atomic(output, build_report(source, options))
    return output
