"""Loading answers files into checked models that carry their source.

Every command reads answers through `load`: an answers file, a report PDF (its embedded answers
and questionnaire) or a trend report PDF (every period's). The result keeps the path, the exact
bytes, their SHA-256 and the parsed document (with line numbers), and the questionnaire with its
own bytes and origin, so nothing downstream reads or parses a file again. Validation happens
once, here; everything downstream trusts the models it is given.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assess.errors import AssessError
from assess.files.parsing import parse_model, raise_first
from assess.files.questionnaires import (
    Origin,
    QuestionnaireFile,
    from_document,
    load_file,
    parse_questionnaire,
    resolve,
)
from assess.files.reading import is_pdf
from assess.files.yamlfile import YamlDocument, decode, load_yaml, read_bytes
from assess.i18n import N_
from assess.model.answers import AnswersFile
from assess.model.checks import answer_problems
from assess.model.questionnaire import Questionnaire

if TYPE_CHECKING:
    # Reports and translations are read only when a command meets one: `assess score` of an
    # answers file in English imports neither.
    from assess.files.attachments import Embedded
    from assess.files.translations import TranslationFile


@dataclass(frozen=True)
class LoadedAnswers:
    """One assessment as loaded: where it came from, its bytes, and the checked models."""

    path: Path
    raw: bytes
    sha256: str
    document: YamlDocument
    answers: AnswersFile
    questionnaire_file: QuestionnaireFile
    report: Path | None = None
    """The report PDF the answers were embedded in, if they came from one."""
    embedded_review: bytes | None = None
    """The auditor's review file that report embeds beside the answers, if any."""
    translations: tuple[TranslationFile, ...] = ()
    """The questionnaire translations the report PDF embeds (what it was shown in)."""

    @property
    def questionnaire(self) -> Questionnaire:
        """The questionnaire the answers were checked against."""
        return self.questionnaire_file.questionnaire


def load(path: Path, questionnaires: Sequence[Path] = ()) -> list[LoadedAnswers]:
    """Every assessment in `path`: one per answers file or report, one per period of a trend.

    `questionnaires` are the files given with --questionnaire.
    """
    if not is_pdf(path):
        raw = read_bytes(path)
        return [_answers_from(path, raw, load_yaml(path, decode(raw, path)), questionnaires)]
    from assess.files import attachments
    from assess.files.translations import parse_translation

    files = attachments.embedded(path)
    inner = _embedded_questionnaires(files)
    answers = files.answers()
    if not answers:
        raise AssessError(N_("the report embeds no answers file"), file=path)
    # A report embeds its review as review.yaml; a trend report each period's as review-PERIOD.yaml.
    single = files.files.get(attachments.REVIEW_ATTACHMENT_NAME) if len(answers) == 1 else None
    translations = tuple(
        parse_translation(Path(f"{path}#{name}"), raw, _attached(path, raw, name))
        for name, raw in files.translations().items()
    )
    return [
        dataclasses.replace(
            _answers_from(
                path, raw, _attached(path, raw, name), questionnaires, inner, report=True
            ),
            translations=translations,
            embedded_review=single or files.files.get("review-" + name.removeprefix("answers-")),
        )
        for name, raw in answers.items()
    ]


def load_one(path: Path, questionnaires: Sequence[Path] = ()) -> LoadedAnswers:
    """The one assessment in `path`; a trend report, which holds several, is refused."""
    found = load(path, questionnaires)
    if len(found) != 1:
        periods = ", ".join(a.answers.assessment.period for a in found)
        raise AssessError(
            N_("is a trend report of %(count)s assessments (%(periods)s), not one"),
            file=path,
            hint=N_("get one period's answers with `assess extract %(path)s --period PERIOD`"),
            values={"count": len(found), "periods": periods, "path": path},
        )
    return found[0]


def load_answers(
    path: Path, questionnaires: Sequence[Path] = ()
) -> tuple[AnswersFile, Questionnaire]:
    """The answers and questionnaire of `path`, for callers that need nothing else."""
    loaded = load_one(path, questionnaires)
    return loaded.answers, loaded.questionnaire


def _embedded_questionnaires(files: Embedded) -> list[QuestionnaireFile]:
    return [
        parse_questionnaire(Path(f"{files.report}#{name}"), raw, Origin.embedded)
        for name, raw in files.questionnaires().items()
    ]


def _attached(report: Path, raw: bytes, name: str) -> YamlDocument:
    return load_yaml(report, decode(raw, report, name))


def _answers_from(
    path: Path,
    raw: bytes,
    doc: YamlDocument,
    questionnaires: Sequence[Path],
    inner: Sequence[QuestionnaireFile] = (),
    *,
    report: bool = False,
) -> LoadedAnswers:
    answers = parse_model(doc, AnswersFile, N_("an answers file"))
    ref = answers.questionnaire
    try:
        source = resolve(ref.id, ref.version, questionnaires, inner)
    except AssessError as exc:
        # A --questionnaire file that cannot be loaded is its own file's error; only a
        # questionnaire that is nowhere to be found is the answers file's `questionnaire` line.
        if exc.file is not None:
            raise
        raise doc.error(("questionnaire",), exc.message, exc.hint) from None
    raise_first(doc, answer_problems(answers, source.questionnaire))
    sha256 = hashlib.sha256(raw).hexdigest()
    return LoadedAnswers(path, raw, sha256, doc, answers, source, path if report else None)


def load_any(
    path: Path, questionnaires: Sequence[Path] = ()
) -> QuestionnaireFile | TranslationFile | list[LoadedAnswers]:
    """A questionnaire, a translation, or the assessments of an answers file or report.

    They are told apart by content; a translation is only parsed here (see
    `assess.files.translations.validate_loaded`).
    """
    if is_pdf(path):
        return load(path, questionnaires)
    raw = read_bytes(path)
    doc = load_yaml(path, decode(raw, path))
    if isinstance(doc.data, dict) and "translation" in doc.data:
        from assess.files.translations import parse_translation

        return parse_translation(path, raw, doc)
    if isinstance(doc.data, dict) and "dimensions" in doc.data:
        questionnaire = from_document(doc)
        sha256 = hashlib.sha256(raw).hexdigest()
        return QuestionnaireFile(path, raw, sha256, questionnaire, Origin.given)
    if isinstance(doc.data, dict) and {"answers", "organization"} & doc.data.keys():
        return [_answers_from(path, raw, doc, questionnaires)]
    raise doc.error(
        (),
        N_("neither a questionnaire, a translation nor an answers file"),
        N_(
            "a questionnaire has `dimensions`, a translation `translation`, an answers file "
            "`organization` and `answers`"
        ),
    )


def load_questionnaire(path: Path) -> Questionnaire:
    """A questionnaire file's model, fully validated."""
    return load_file(path).questionnaire


def in_language(
    loaded: LoadedAnswers, language: str, *, allow_untranslated: bool = False
) -> LoadedAnswers:
    """`loaded` with its questionnaire's text in `language`, by a checked translation.

    Answers, scores and the questionnaire's bytes stay what they are; only text changes.
    """
    if loaded.questionnaire.language == language:
        return loaded  # already in it: the common case, with no translation machinery to load
    from assess.files.translations import localized

    source = localized(
        loaded.questionnaire_file,
        language,
        embedded=loaded.translations,
        allow_untranslated=allow_untranslated,
    )
    return dataclasses.replace(loaded, questionnaire_file=source)
