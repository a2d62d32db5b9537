"""Rendering a report again from the files it embeds and the options it records.

An assessment report (`assess report`) and a trend report (`assess compare -o`) both record their
options in their metadata (`assess.report.record.RecordedOptions`); here the embedded files are
written to a private folder and given to the very functions the commands use, so the result is
what the command would make of the same inputs today.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from assess.errors import AssessError
from assess.files.attachments import (
    ATTACHMENT_NAME,
    QUESTIONNAIRE_ATTACHMENT,
    REVIEW_ATTACHMENT_NAME,
    TRANSLATION_PREFIX,
)
from assess.i18n import N_
from assess.report.record import RecordedOptions
from assess.signing.document import Contents


def render_again(
    found: Contents,
    recorded: RecordedOptions,
    questionnaires: Sequence[Path],
    template_dir: Path | None,
) -> bytes:
    """The report rendered again from the files embedded in `found` and its recorded options."""
    if recorded.templates == "custom" and template_dir is None:
        raise AssessError(
            N_("the report was rendered with custom templates"),
            hint=N_("pass them with --template-dir"),
        )
    files = found.attachments

    def one(name: str) -> bytes:
        found = files.get(name, [])
        if len(found) != 1:
            raise AssessError(N_("the attachment %(name)s is missing"), values={"name": name})
        data: bytes = found[0]
        return data

    with tempfile.TemporaryDirectory(prefix="assess-verify-") as tmp:
        folder = Path(tmp)

        def written(name: str) -> Path:
            target = folder / Path(name).name  # names come from the PDF: never a path elsewhere
            target.write_bytes(one(name))
            return target

        # Translations go beside the questionnaires, under their own names, where they are found.
        for name in files:
            if name.startswith(TRANSLATION_PREFIX):
                (folder / Path(name).name.removeprefix(TRANSLATION_PREFIX)).write_bytes(one(name))
        custom = template_dir if recorded.templates == "custom" else None
        if recorded.kind == "trend":
            return _trend_again(files, written, recorded, questionnaires, custom)
        return _report_again(files, written, recorded, questionnaires, custom)


def _report_again(
    files: dict[str, list[bytes]],
    written: Callable[[str], Path],
    recorded: RecordedOptions,
    questionnaires: Sequence[Path],
    template_dir: Path | None,
) -> bytes:
    """An assessment report, as `assess report` renders it."""
    from assess.report.build import build_report
    from assess.report.options import ReportOptions

    options = ReportOptions(
        languages=tuple(recorded.languages),
        allow_untranslated=recorded.allow_untranslated,
        classification=recorded.classification,
        auditor=recorded.auditor,
        auditor_org=recorded.auditor_org,
        logo=written(recorded.logo) if recorded.logo else None,
        template_dir=template_dir,
        previous=[written(n) for n in recorded.previous],
        # A reviewed report's audited figures come from the review it embeds.
        review=written(REVIEW_ATTACHMENT_NAME) if REVIEW_ATTACHMENT_NAME in files else None,
        # The report's own questionnaire first, then any the user gives for earlier years.
        questionnaires=[
            *([written(QUESTIONNAIRE_ATTACHMENT)] if QUESTIONNAIRE_ATTACHMENT in files else []),
            *questionnaires,
        ],
    )
    return build_report(written(ATTACHMENT_NAME), options)


def _trend_again(
    files: dict[str, list[bytes]],
    written: Callable[[str], Path],
    recorded: RecordedOptions,
    questionnaires: Sequence[Path],
    template_dir: Path | None,
) -> bytes:
    """A trend report, as `assess compare -o` renders it: compared and rendered again."""
    from assess.compare.engine import compare_files
    from assess.report.options import TrendOptions
    from assess.report.trend import build_trend, in_comparison_order

    answers = [written(n) for n in sorted(files) if n.startswith("answers-")]
    if len(answers) < 2:
        raise AssessError(N_("the trend report embeds fewer than two answers files"))
    options = TrendOptions(
        template_dir=template_dir,
        classification=recorded.classification,
        language=recorded.languages[0] if recorded.languages else "en",
        allow_untranslated=recorded.allow_untranslated,
        allow_mixed=recorded.allow_mixed,
        reviews=[written(n) for n in recorded.reviews],
        # Every questionnaire version the trend report embeds, then any the user gives.
        questionnaires=[
            *(written(n) for n in sorted(files) if n.startswith("questionnaire-")),
            *questionnaires,
        ],
    )
    comparison, inputs = compare_files(
        answers,
        questionnaires=options.questionnaires,
        language=options.language,
        allow_untranslated=options.allow_untranslated,
        allow_mixed=options.allow_mixed,
        reviews=options.reviews,
    )
    return build_trend(comparison, in_comparison_order(comparison, inputs), options)
