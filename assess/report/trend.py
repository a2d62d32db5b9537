"""The trend report: a comparison rendered as a PDF with the look and safety of the report.

It reuses the report's template environment (autoescape, the loader chain, the filters and
report.css) and its locked-down URL fetcher, so nothing in an answers file is interpreted or
fetched. Every period's answers file travels inside the PDF as `answers-<period>.yaml`, with the
questionnaire versions, translations and reviews the comparison used and the options it was made
with (its metadata), so the trend report alone is enough to render it again (`assess verify`).
Same inputs, same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from assess import __version__
from assess.compare.result import Comparison, Trend
from assess.errors import AssessError
from assess.files.loading import LoadedAnswers
from assess.i18n import N_
from assess.model.base import Model
from assess.report.context import level_info, long_date
from assess.report.options import TrendOptions
from assess.report.views import LevelInfo

if TYPE_CHECKING:
    from assess.report.pdf import Attachment, LaidOut


class Cell(Model):
    """One period's score and level of a dimension (or of the overall line)."""

    score: float | None
    level: LevelInfo


class TrendRow(Model):
    """A dimension or the overall line: one cell per period, changes, and its line chart."""

    id: str
    name: str
    cells: list[Cell]
    change_previous: float | None
    change_first: float | None
    chart_svg: str


class PeriodView(Model):
    """One assessment of the comparison, with the attachment that carries its answers."""

    period: str
    organization: str
    questionnaire_version: str
    score: float | None
    answers_sha256: str
    attachment: str


class TrendContext(Model):
    """Everything templates/trend.html uses; see docs/compare.md."""

    title: str
    subject: str
    author: str
    organization: str
    classification: str
    date: str
    date_long: str
    tool_version: str
    periods: list[str]
    assessments: list[PeriodView]
    overall: TrendRow
    dimensions: list[TrendRow]
    levels: list[LevelInfo]
    comparison: Comparison


def write_trend(
    comparison: Comparison,
    inputs: Sequence[LoadedAnswers],
    output: Path,
    options: TrendOptions | None = None,
) -> Path:
    """Render the trend report of `comparison` and write it to `output` atomically.

    `inputs` are the files compared; their bytes as read for the comparison are embedded.
    """
    from assess.files.atomic import check_target, write_atomic

    ordered = in_comparison_order(comparison, inputs)
    check_target(output, [i.path for i in inputs])
    write_atomic(output, build_trend(comparison, ordered, options))
    return output


def in_comparison_order(
    comparison: Comparison, inputs: Sequence[LoadedAnswers]
) -> list[LoadedAnswers]:
    """`inputs` in the order of the comparison's periods, oldest first."""
    by_source = {(str(i.path), i.sha256): i for i in inputs}
    ordered: list[LoadedAnswers] = []
    for a in comparison.assessments:
        read = by_source.get((a.source or "", a.answers_sha256 or ""))
        if read is None:
            raise AssessError(N_("the trend report needs the answers files it compares"))
        ordered.append(read)
    return ordered


def build_trend(
    comparison: Comparison,
    files: Sequence[LoadedAnswers],
    options: TrendOptions | None = None,
) -> bytes:
    """The trend report as PDF bytes; `files` are the periods' answers, oldest first.

    Every period's answers file and every questionnaire version they follow are embedded.
    """
    return lay_out_trend(comparison, files, options).pdf()


def lay_out_trend(
    comparison: Comparison,
    files: Sequence[LoadedAnswers],
    options: TrendOptions | None = None,
) -> LaidOut:
    """The trend report laid out in pages, before it is written as a PDF.

    Everything needed to render these pages again travels inside the PDF (`assess verify`):
    the answers, questionnaires, translations and reviews, and the options in its metadata.
    """
    from assess.report.pdf import ReportHtml, lay_out
    from assess.report.record import OPTIONS_KEY, options_json, recorded_trend_options
    from assess.report.render import render_template, template_dirs, template_environment

    options = options or TrendOptions()
    names = attachment_names(comparison.periods)
    # The page's language is that of the questionnaire text it shows (compare --lang).
    lang = files[-1].questionnaire.language if files else "en"
    context = build_trend_context(comparison, names, options.classification, lang)
    html = render_template(
        template_environment(options.template_dir, lang), "trend.html", t=context, lang=lang
    )
    attachments, reviews = _trend_attachments(comparison, files, names, options)
    return lay_out(
        ReportHtml(
            html,
            asset_dirs=template_dirs(options.template_dir),
            attachments=attachments,
            metadata={OPTIONS_KEY: options_json(recorded_trend_options(options, reviews))},
        )
    )


def _trend_attachments(
    comparison: Comparison,
    files: Sequence[LoadedAnswers],
    names: Sequence[str],
    options: TrendOptions,
) -> tuple[list[Attachment], list[str]]:
    """Each period's answers and review, each questionnaire version and translation shown.

    Returns the attachments and the names of the reviews among them.
    """
    from assess.report.pdf import Attachment, questionnaire_attachment, translation_attachment
    from assess.scoring.assessed import applied_reviews

    if not files:
        return [], []
    attachments = [
        Attachment(
            name=name,
            data=file.raw,
            date=a.date,
            description=f"The answers file of period {a.period}",
        )
        for name, file, a in zip(names, files, comparison.assessments, strict=True)
    ]
    reviews = []
    applied = applied_reviews(files, options.reviews)
    for name, review, a in zip(names, applied, comparison.assessments, strict=True):
        if review is not None:
            reviews.append("review-" + name.removeprefix("answers-"))
            what = f"The auditor's review of period {a.period}, whose audited figures are shown"
            attachments.append(Attachment(reviews[-1], review, what, a.date))
    latest = files[-1].answers.assessment.date
    for file in files:
        q, source = file.questionnaire, file.questionnaire_file
        name = f"questionnaire-{q.id}-{q.version}.yaml"
        if all(x.name != name for x in attachments):
            attachments.append(questionnaire_attachment(source.raw, q.ref, latest, name))
        shown = source.translation
        if shown is not None and all(x.name != shown.attachment_name for x in attachments):
            attachments.append(translation_attachment(shown, latest))
    return attachments, reviews


def attachment_names(periods: Sequence[str]) -> list[str]:
    """`answers-<period>.yaml` for each period, made safe as a file name and unique."""
    names: list[str] = []
    for period in periods:
        stem = re.sub(r"[^A-Za-z0-9._-]+", "_", period).strip("._") or "period"
        name, n = f"answers-{stem}.yaml", 2
        while name in names:
            name, n = f"answers-{stem}-{n}.yaml", n + 1
        names.append(name)
    return names


# --- the context ---


def build_trend_context(
    comparison: Comparison,
    attachments: Sequence[str],
    classification: str | None = None,
    language: str = "en",
) -> TrendContext:
    """Everything the trend template shows, computed from the comparison, in `language`."""
    from assess.i18n import translations
    from assess.report.context import marking

    tr = translations(language).gettext
    c = comparison
    names = {lv.level: lv.name for lv in c.questionnaire.levels}

    def level(value: int | None) -> LevelInfo:
        return level_info(value, names)

    latest = c.assessments[-1]
    overall = _row(c.overall, c, level, tr, like_for_like=not c.compatibility.same_version)
    return TrendContext(
        title=tr("Cybersecurity posture trend: %(organization)s, %(start)s to %(end)s")
        % {"organization": c.organization, "start": c.periods[0], "end": c.periods[-1]},
        subject=f"{c.questionnaire.title} ({c.questionnaire.id}@{c.questionnaire.version})",
        author=c.organization,
        organization=c.organization,
        classification=marking(classification, tr),
        date=latest.date.isoformat(),
        date_long=long_date(latest.date, language),
        tool_version=__version__,
        periods=c.periods,
        assessments=[
            PeriodView(
                period=a.period,
                organization=a.organization,
                questionnaire_version=a.questionnaire_version,
                score=a.overall_score,
                answers_sha256=a.answers_sha256 or "",
                attachment=name,
            )
            for a, name in zip(c.assessments, attachments, strict=True)
        ],
        overall=overall,
        dimensions=[_row(t, c, level, tr) for t in c.dimensions],
        levels=[level(lv.level) for lv in c.questionnaire.levels],
        comparison=c,
    )


LevelOf = Callable[[int | None], LevelInfo]


def _row(
    t: Trend,
    c: Comparison,
    level: LevelOf,
    tr: Callable[[str], str],
    like_for_like: bool = False,
) -> TrendRow:
    from assess.report.charts import Series, line_chart
    from assess.report.figures import OVERALL, trend_description

    name = tr(OVERALL) if t.id == "overall" else t.name
    series = [Series(tr("All questions") if like_for_like else name, t.scores)]
    if like_for_like:
        values = [lf.overall_score for lf in c.like_for_like]
        series.append(Series(tr("Common questions"), values, dashed=True, colour="#5b6675"))
    # Printed 150 mm wide (the overall line) or 84 mm (a dimension), sizes in points.
    width, height = (425, 200) if t.id == "overall" else (238, 130)
    return TrendRow(
        id=t.id,
        name=name,
        cells=[Cell(score=s, level=level(v)) for s, v in zip(t.scores, t.levels, strict=True)],
        change_previous=t.change_previous[-1],
        change_first=t.change_first[-1],
        chart_svg=line_chart(
            c.periods,
            series,
            title=trend_description(
                tr("%(name)s: score per period") % {"name": name},
                c.periods,
                [(x.name, x.values) for x in series],
                tr,
            ),
            width=width,
            height=height,
        ),
    )
