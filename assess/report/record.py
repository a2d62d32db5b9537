"""What a report records about how it was made, so `assess verify` can make it again.

Beyond its answers, a report depends on its options (classification, auditor, logo, templates,
language) and on the earlier assessments it compares against. The report embeds the earlier
answers files and the logo as attachments and stores the options in its metadata under
OPTIONS_KEY; together with the answers file, that is everything needed to re-render the pages
byte for byte. A trend report records its options the same way, and embeds every period's
answers, every questionnaire version, the translations and the reviews it applied.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Sequence
from typing import Literal

from pydantic import Field

from assess.files.loading import LoadedAnswers
from assess.model.base import Model
from assess.report.options import ReportOptions, TrendOptions

OPTIONS_KEY = "assess-report-options"
"""The metadata entry (as written, before WeasyPrint drops the dashes) holding `RecordedOptions`."""


class RecordedOptions(Model):
    """The options a report was rendered with, naming the attachments that stand for files."""

    classification: str | None
    """`--classification` as typed; null when not given (the default marking, translated)."""
    auditor: str | None
    auditor_org: str | None
    previous: list[str]
    logo: str | None
    templates: Literal["bundled", "custom"]
    languages: list[str] = Field(default_factory=lambda: ["en"])
    """`--lang`; the translations it needs are embedded (`translation-ID-VERSION.LANG.yaml`)."""
    allow_untranslated: bool = False
    kind: Literal["report", "trend"] = "report"
    """A report of one assessment (`assess report`) or a trend report (`assess compare -o`)."""
    allow_mixed: bool = False
    """Trend reports: `--allow-mixed`, assessments of different organizations compared."""
    reviews: list[str] = Field(default_factory=list)
    """Trend reports: the embedded reviews whose audited figures were compared."""


def previous_name(index: int) -> str:
    """The attachment name of the `index`-th (from 1) earlier answers file given with --previous."""
    return f"previous-{index}.yaml"


def logo_name(data_uri: str) -> str:
    """The attachment name of the cover logo, after its image kind."""
    kind = data_uri.removeprefix("data:image/").split(";", 1)[0]
    return f"logo.{'jpg' if kind == 'jpeg' else kind}"


def recorded_options(
    options: ReportOptions, earlier: Sequence[LoadedAnswers], logo: str | None
) -> RecordedOptions:
    """What `options` become in the report's metadata."""
    return RecordedOptions(
        classification=options.classification,
        auditor=options.auditor,
        auditor_org=options.auditor_org,
        previous=[previous_name(i) for i in range(1, len(earlier) + 1)],
        logo=logo_name(logo) if logo else None,
        templates="custom" if options.template_dir else "bundled",
        languages=list(options.languages),
        allow_untranslated=options.allow_untranslated,
    )


def recorded_trend_options(options: TrendOptions, reviews: Sequence[str]) -> RecordedOptions:
    """What a trend report's `options` become in its metadata; `reviews` name embedded files."""
    return RecordedOptions(
        kind="trend",
        classification=options.classification,
        auditor=None,
        auditor_org=None,
        previous=[],
        logo=None,
        templates="custom" if options.template_dir else "bundled",
        languages=[options.language],
        allow_untranslated=options.allow_untranslated,
        allow_mixed=options.allow_mixed,
        reviews=list(reviews),
    )


def options_json(recorded: RecordedOptions) -> str:
    """The options as compact ASCII JSON for the PDF's info dictionary."""
    return json.dumps(recorded.model_dump(), ensure_ascii=True, separators=(",", ":"))


def extra_attachments(
    recorded: RecordedOptions, earlier: Sequence[LoadedAnswers], logo: str | None, date: dt.date
) -> list[tuple[str, bytes, str, dt.date]]:
    """The earlier answers files and the logo, as (name, bytes, description, date) to embed."""
    files = [
        (name, item.raw, "An earlier answers file this report compares against", date)
        for name, item in zip(recorded.previous, earlier, strict=True)
    ]
    if logo and recorded.logo:
        data = base64.b64decode(logo.split(",", 1)[1])
        files.append((recorded.logo, data, "The logo on this report's cover", date))
    return files
