"""Finding, checking and applying questionnaire translations.

A translation of `ID@VERSION` into LANG is the file `ID-VERSION.LANG.yaml`. It is looked up
where its questionnaire is: first among the files a report PDF embeds (so a report renders again
exactly as it was), then beside the questionnaire file, then in the `ASSESS_QUESTIONNAIRES`
folders, then among the bundled questionnaires. A translation is checked against its
questionnaire before use: every id must exist there, no placeholder may be left, and every text
must be given, unless the user allows the missing ones to show in the source language.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from assess.errors import AssessError, Message
from assess.files.attachments import TRANSLATION_PREFIX
from assess.files.bundled import bundled_dir
from assess.files.parsing import parse_model, raise_first
from assess.files.questionnaires import Origin, QuestionnaireFile, resolve, search_path
from assess.files.yamlfile import YamlDocument, decode, load_yaml, read_bytes
from assess.i18n import N_
from assess.model.base import Loc
from assess.model.questionnaire import Questionnaire
from assess.model.translation import (
    Translation,
    kept,
    missing,
    texts,
    translate,
    translation_problems,
)

ALLOW_OPTION = "--allow-untranslated"


@dataclass(frozen=True)
class TranslationFile:
    """A loaded translation with the exact bytes it came from, their SHA-256, and its document."""

    path: Path
    raw: bytes
    sha256: str
    document: YamlDocument
    translation: Translation

    @property
    def language(self) -> str:
        """The language the translation is in."""
        return self.translation.language

    @property
    def ref(self) -> str:
        """`id@version` of the questionnaire it translates."""
        of = self.translation.translation
        return f"{of.questionnaire}@{of.version}"

    @property
    def attachment_name(self) -> str:
        """Its name as a report's attachment."""
        of = self.translation.translation
        return f"{TRANSLATION_PREFIX}{file_name(of.questionnaire, of.version, of.language)}"


def file_name(ident: str, version: str, language: str) -> str:
    """The name a translation file has: `ID-VERSION.LANG.yaml`."""
    return f"{ident}-{version}.{language}.yaml"


def parse_translation(path: Path, raw: bytes, doc: YamlDocument | None = None) -> TranslationFile:
    """A translation's shape from its bytes; `check` tests it against its questionnaire."""
    doc = doc if doc is not None else load_yaml(path, decode(raw, path))
    translation = parse_model(doc, Translation, N_("a translation"))
    return TranslationFile(path, raw, hashlib.sha256(raw).hexdigest(), doc, translation)


def load_translation(path: Path) -> TranslationFile:
    """A translation file from disk, its shape checked."""
    return parse_translation(path, read_bytes(path))


def check(
    found: TranslationFile, questionnaire: Questionnaire, *, allow_untranslated: bool = False
) -> list[Loc]:
    """Check a translation against its questionnaire; return the places of the missing texts.

    Unknown ids, placeholders and untranslated prose are errors pointing at their line; missing
    texts are one error that names them, unless `allow_untranslated`.
    """
    of = found.translation.translation
    if (of.questionnaire, of.version) != (questionnaire.id, questionnaire.version):
        raise found.document.error(
            ("translation",),
            Message(
                N_("translates %(found)s, not %(ref)s"),
                {"found": found.ref, "ref": questionnaire.ref},
            ),
            Message(
                N_("translations are named %(name)s"),
                {"name": file_name(questionnaire.id, questionnaire.version, "LANG")},
            ),
        )
    raise_first(found.document, translation_problems(questionnaire, found.translation))
    absent = missing(questionnaire, found.translation)
    if absent and not allow_untranslated:
        lacks = N_("the %(language)s translation of %(ref)s lacks %(count)s texts: %(places)s")
        if len(absent) == 1:
            lacks = N_("the %(language)s translation of %(ref)s lacks %(count)s text: %(places)s")
        raise AssessError(
            lacks,
            file=found.path,
            hint=N_(
                "translate them (`assess validate %(option)s %(name)s` lists them all), or pass "
                "%(option)s to show them in %(source)s"
            ),
            values={
                "language": found.language,
                "ref": questionnaire.ref,
                "count": len(absent),
                "places": describe_places(absent),
                "option": ALLOW_OPTION,
                "name": found.path.name,
                "source": questionnaire.language,
            },
        )
    return absent


def describe_places(places: Sequence[Loc], limit: int = 4) -> str:
    """Places in a translation as `questions.HOL-02.guidance`, the first few of them."""
    shown = [".".join(str(p) for p in loc) for loc in places[:limit]]
    more = len(places) - limit
    if more <= 0:
        return ", ".join(shown)
    return Message(N_("%(places)s and %(more)s more"), {"places": ", ".join(shown), "more": more})


def find(
    source: QuestionnaireFile, language: str, embedded: Iterable[TranslationFile] = ()
) -> TranslationFile | None:
    """The translation of `source` into `language`, by the lookup order of this module."""
    q = source.questionnaire
    for item in embedded:
        if item.ref == q.ref and item.language == language:
            return item
    name = file_name(q.id, q.version, language)
    folders: list[Path] = []
    if source.origin is not Origin.embedded:
        folders.append(source.path.parent)
    folders += [*search_path(), bundled_dir("questionnaires")]
    for folder in folders:
        path = folder / name
        if path.is_file():
            return load_translation(path)
    return None


def localized(
    source: QuestionnaireFile,
    language: str,
    *,
    embedded: Iterable[TranslationFile] = (),
    allow_untranslated: bool = False,
) -> QuestionnaireFile:
    """`source` with its text in `language`: itself when it is written in it, else translated.

    With `allow_untranslated`, texts the translation lacks (or all, when there is none) stay in
    the source language. The result keeps the source's bytes and hash (what reports embed and
    cite) and carries the translation it applied, whose bytes and hash reports cite beside them.
    """
    q = source.questionnaire
    if q.language == language:
        return source
    found = find(source, language, embedded)
    if found is None and allow_untranslated:
        return source
    if found is None:
        raise AssessError(
            N_("no %(language)s translation of %(ref)s (its text is in %(source)s)"),
            hint=N_(
                "put %(name)s beside the questionnaire or in an ASSESS_QUESTIONNAIRES folder "
                "(docs/languages.md), or choose --lang %(source)s"
            ),
            values={
                "language": language,
                "ref": q.ref,
                "source": q.language,
                "name": file_name(q.id, q.version, language),
            },
        )
    check(found, q, allow_untranslated=allow_untranslated)
    return dataclasses.replace(
        source,
        questionnaire=translate(q, found.translation),
        translation=found,
        source_language=q.language,
    )


@dataclass(frozen=True)
class TranslationCheck:
    """What `assess validate` says of a translation file: what it translates, and what it lacks."""

    file: TranslationFile
    questionnaire: Questionnaire
    texts: int
    missing: list[Loc]
    kept: list[Loc]
    """Texts the translation declares `untranslated`: shown in the questionnaire's language."""


def validate(
    path: Path, questionnaires: Sequence[Path] = (), *, allow_untranslated: bool = False
) -> TranslationCheck:
    """Check a translation file against its questionnaire, found beside it or as usual."""
    found = load_translation(path)
    return validate_loaded(found, questionnaires, allow_untranslated=allow_untranslated)


def validate_loaded(
    found: TranslationFile, questionnaires: Sequence[Path] = (), *, allow_untranslated: bool = False
) -> TranslationCheck:
    """`validate` for a translation already parsed (`assess validate` tells files apart first)."""
    of = found.translation.translation
    beside = [
        p
        for p in (
            found.path.parent / f"{of.questionnaire}-{of.version}.{ext}" for ext in ("yaml", "yml")
        )
        if p.is_file()
    ]
    try:
        source = resolve(of.questionnaire, of.version, [*questionnaires, *beside])
    except AssessError as exc:
        if exc.file is not None:
            raise
        raise found.document.error(("translation",), exc.message, exc.hint) from None
    q = source.questionnaire
    absent = check(found, q, allow_untranslated=allow_untranslated)
    return TranslationCheck(found, q, len(texts(q)), absent, kept(found.translation))
