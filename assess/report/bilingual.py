"""Bilingual reports: the questionnaire's text in the second language, to show beneath the first.

A report in `zh-CN+en` is computed from the Chinese questionnaire; each dimension, question and
finding also carries its English text here, looked up by id in the same questionnaire shown in
the second language. Only text differs between the two, so every id is found.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from assess.files.questionnaires import QuestionnaireFile
from assess.model.language import CHINESE, ENGLISH
from assess.model.questionnaire import Questionnaire, is_scored
from assess.model.translation import kept
from assess.report.views import Alt


def dimension_alt(alt: Questionnaire | None, dimension_id: str) -> Alt | None:
    """A dimension's name, description and quote in the second language."""
    found = next((d for d in alt.dimensions if d.id == dimension_id), None) if alt else None
    if alt is None or found is None:
        return None
    return Alt(lang=alt.language, name=found.name, description=found.description, quote=found.quote)


def question_alt(alt: Questionnaire | None, question_id: str) -> Alt | None:
    """A question's text and recommendation in the second language."""
    question = alt.question(question_id) if alt else None
    if alt is None or question is None:
        return None
    recommendation = question.recommendation if is_scored(question) else None
    return Alt(lang=alt.language, text=question.text, recommendation=recommendation)


def finding_alt(alt: Questionnaire | None, question_id: str, dimension_id: str) -> Alt | None:
    """A finding's practice, recommendation and dimension name in the second language."""
    found = question_alt(alt, question_id)
    dimension = dimension_alt(alt, dimension_id)
    if found is None or dimension is None:
        return None
    return found.model_copy(update={"name": dimension.name})


def kept_basis(source: QuestionnaireFile) -> dict[str, str]:
    """The questions whose `basis` the translation keeps in the source's words, with its language.

    A translation quotes a passage in its original wording or, where it has none, declares it
    `untranslated`: the report then shows the questionnaire's passage, marked as that language.
    """
    if source.translation is None or source.source_language is None:
        return {}
    language = source.source_language
    return {str(loc[1]): language for loc in kept(source.translation.translation)}


_HAN = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_LATIN = re.compile(r"[A-Za-z]{2}")


def lang_attr(text: object, document: str) -> Markup:
    """A `lang` attribute for text users typed, when its script says it differs from the page's.

    Answers files do not say their language; Chinese characters mean Chinese, Latin words
    without them mean English. The attribute picks the font whose punctuation fits the text
    and tells screen readers which voice to use.
    """
    value = " ".join(text) if isinstance(text, list) else str(text or "")
    lang = CHINESE if _HAN.search(value) else ENGLISH if _LATIN.search(value) else document
    return Markup("") if lang == document else Markup(' lang="{}"').format(lang)


def joined(items: list[str]) -> str:
    """A list as one line: Chinese items with the full-width semicolon, others with "; "."""
    return ("\uff1b" if any(_HAN.search(item) for item in items) else "; ").join(items)
