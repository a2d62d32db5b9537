"""What `assess score` prints: the self-assessed result, its quality, and audited figures.

The self-assessed result keeps its place at the top, so readers of the plain result are not
misled; the audited figures stand beside it (`audited`, `review`), never in its stead.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from assess.errors import AssessError
from assess.files.loading import LoadedAnswers
from assess.i18n import N_
from assess.model.answers import AnswersFile
from assess.model.questionnaire import Questionnaire
from assess.scoring.engine import Result, score
from assess.scoring.quality import QualityReport, check_quality
from assess.scoring.review_summary import ReviewSummary

if TYPE_CHECKING:
    from assess.model.review import ReviewFile


class Assessed(Result):
    """A scoring result with its quality checks and, when reviewed, the audited figures."""

    quality: QualityReport
    audited: Result | None
    review: ReviewSummary | None


def assess(
    q: Questionnaire,
    answers: AnswersFile,
    raw: bytes,
    review: ReviewFile | None = None,
) -> Assessed:
    """Score `answers` (whose file held `raw`), check its quality, and apply `review` if any."""
    mine = score(q, answers)
    audited, summary = (None, None)
    if review is not None:
        from assess.scoring.audited import audit

        audited, summary = audit(q, answers, mine, review, hashlib.sha256(raw).hexdigest())
    # Every part was built by the engine from validated input; validating it again would only
    # check the engine against itself, at a large share of a batch's cost.
    return Assessed.model_construct(
        **dict(mine),
        quality=check_quality(q, answers, mine),
        audited=audited,
        review=summary,
    )


def find_review(
    loaded: LoadedAnswers, review_path: Path | None
) -> tuple[ReviewFile | None, bytes | None]:
    """The review to apply, and its bytes: the one named, else the one a report PDF embeds."""
    if review_path is None and loaded.embedded_review is None:
        return None, None  # most files: no review, and nothing of reviews to load
    from assess.files.reviewfile import load_review
    from assess.files.yamlfile import decode, read_bytes

    answers, q = loaded.answers, loaded.questionnaire
    if review_path is not None:
        data = read_bytes(review_path)
        return load_review(review_path, answers, q, text=decode(data, review_path)), data
    embedded = loaded.embedded_review
    if embedded is not None:
        text = decode(embedded, loaded.path, "review.yaml")
        return load_review(loaded.path, answers, q, text=text), embedded
    return None, None


def assess_file(
    path: Path,
    questionnaires: Sequence[Path] = (),
    review_path: Path | None = None,
    language: tuple[str, bool] | None = None,
) -> list[Assessed]:
    """`assess score`: each assessment in an answers file or report, with its review if any.

    A trend report holds several assessments; a review names one, so `--review` takes an answers
    file or a single report. With `language` (and whether a missing translation may fall back),
    the questionnaire's text in the results is in that language; only text changes.
    """
    from assess.files.loading import in_language, load, load_one

    found = load(path, questionnaires) if review_path is None else [load_one(path, questionnaires)]
    if language is not None:
        found = [in_language(x, language[0], allow_untranslated=language[1]) for x in found]
    results = []
    for loaded in found:
        review, _ = find_review(loaded, review_path)
        results.append(assess(loaded.questionnaire, loaded.answers, loaded.raw, review))
    return results


def audited_results(
    found: Sequence[LoadedAnswers], review_paths: Sequence[Path] = ()
) -> list[tuple[Result, str] | None]:
    """For `assess compare`: each assessment's audited result and auditor, None if unreviewed.

    A review given with --review applies to the assessment whose organization and period it
    names; a report PDF's embedded review applies to its own answers. A review that matches no
    assessment is an error, so a mistyped file is not silently ignored.
    """
    results: list[tuple[Result, str] | None] = []
    for loaded, (review, _) in zip(found, _matched(found, review_paths), strict=True):
        if review is None:
            results.append(None)
            continue
        assessed = assess(loaded.questionnaire, loaded.answers, loaded.raw, review)
        assert assessed.audited is not None
        results.append((assessed.audited, review.auditor.name))
    return results


def applied_reviews(
    found: Sequence[LoadedAnswers], review_paths: Sequence[Path] = ()
) -> list[bytes | None]:
    """The bytes of the review `audited_results` applies to each assessment, None if unreviewed.

    A trend report embeds them, so that it renders again from what it carries.
    """
    return [data for _, data in _matched(found, review_paths)]


def _matched(
    found: Sequence[LoadedAnswers], review_paths: Sequence[Path]
) -> list[tuple[ReviewFile | None, bytes | None]]:
    """Each assessment's review and its bytes: the one --review names for it, else its own."""
    from assess.files.reviewfile import parse_review

    named = {}
    for path in review_paths:
        pinned, _ = parse_review(path)
        named[(pinned.organization, pinned.period)] = path
    matched = [
        find_review(
            loaded,
            named.pop((loaded.answers.organization.name, loaded.answers.assessment.period), None),
        )
        for loaded in found
    ]
    if named:
        (org, period), path = next(iter(named.items()))
        raise AssessError(
            N_("reviews %(organization)s, %(period)s, which is not among the assessments compared"),
            file=path,
            hint=N_("give the answers file this review belongs to"),
            values={"organization": org, "period": period},
        )
    return matched
