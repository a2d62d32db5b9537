"""An assessment as loaded for a report: answers, questionnaire in its languages, and score.

The questionnaire is translated before scoring, so findings carry the report's language; a
bilingual report keeps the questionnaire in its second language beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assess.files.loading import LoadedAnswers
from assess.files.questionnaires import QuestionnaireFile
from assess.files.translations import TranslationFile
from assess.report.options import ReportOptions
from assess.scoring.assessed import Assessed


@dataclass(frozen=True)
class Loaded:
    """An assessment as loaded for a report, with its score, quality and audited figures.

    The questionnaire's text is in the report's first language; `alt` holds it in the second
    language of a bilingual report.
    """

    file: LoadedAnswers
    result: Assessed
    review_raw: bytes | None = None
    alt: QuestionnaireFile | None = None

    def translations(self) -> list[TranslationFile]:
        """The questionnaire translations the report shows, to embed and cite."""
        shown = [self.file.questionnaire_file, *([self.alt] if self.alt else [])]
        return [s.translation for s in shown if s.translation is not None]


def load_scored(path: Path, options: ReportOptions) -> Loaded:
    """Read, check and score one answers file (or report PDF) and its review (or the PDF's).

    The bytes kept are those scored. The questionnaire is shown in the languages of `options`
    (its translations checked first).
    """
    from assess.files.loading import in_language, load_one
    from assess.files.translations import localized
    from assess.scoring.assessed import assess, find_review

    source = load_one(path, options.questionnaires)
    first, *second = options.languages
    allow = options.allow_untranslated
    file = in_language(source, first, allow_untranslated=allow)
    alt = None
    if second:
        embedded = source.translations
        alt = localized(
            source.questionnaire_file, second[0], embedded=embedded, allow_untranslated=allow
        )
    reviewed, review_raw = find_review(file, options.review)
    result = assess(file.questionnaire, file.answers, file.raw, reviewed)
    return Loaded(file, result, review_raw, alt)
