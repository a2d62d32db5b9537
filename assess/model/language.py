"""Languages: the tags files use, the languages assess speaks, and choosing them.

A questionnaire is written in one language (English unless it says otherwise) and translations
give its text in others. assess itself shows English and Simplified Chinese, and a report may be
bilingual: `zh-CN+en` puts the Chinese first and the English beneath. Without `--lang`, the
locale environment decides (`zh_CN.UTF-8` means Chinese), else English.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Annotated

from pydantic import Field

from assess.errors import AssessError
from assess.i18n import N_

LanguageTag = Annotated[
    str, Field(pattern=r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2}|-[0-9]{3})?$", max_length=16)
]
"""A BCP 47 language tag as files write it: `en`, `zh-CN`, `pt-BR`."""

ENGLISH = "en"
CHINESE = "zh-CN"
SUPPORTED = (ENGLISH, CHINESE)
"""The languages of assess's own text, and so of its reports."""

Languages = tuple[str, ...]
"""The languages of a document, first the main one; a second one is shown beneath it."""

_ALIASES = {
    "en": ENGLISH,
    "zh": CHINESE,
    "zh-cn": CHINESE,
    "zh-sg": CHINESE,
    "zh-hans": CHINESE,
    "zh-hans-cn": CHINESE,
}
# LC_ALL overrides LC_MESSAGES, which overrides LANG: the order every POSIX program follows.
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def normalize(text: str) -> str | None:
    """A supported language from how people write it (`zh_CN`, `zh-cn`, `zh`); None if not one."""
    return _ALIASES.get(text.strip().replace("_", "-").lower())


def parse_languages(text: str) -> Languages:
    """`--lang` as typed: one language, or two joined by `+` (the first shown first)."""
    parts = [p for p in text.split("+") if p.strip()]
    found = [normalize(p) for p in parts]
    choices = N_("choose %(one)s or %(other)s, or both as %(both)s")
    one, other = SUPPORTED
    said = {"text": text, "one": one, "other": other, "both": f"{CHINESE}+{ENGLISH}"}
    if not parts or len(parts) > len(SUPPORTED) or None in found:
        raise AssessError(N_("unknown language %(text)r"), hint=choices, values=said)
    languages = tuple(lang for lang in found if lang is not None)
    if len(set(languages)) != len(languages):
        raise AssessError(N_("%(text)r names one language twice"), hint=choices, values=said)
    return languages


def from_environment(environ: Mapping[str, str] | None = None) -> Languages:
    """The language the locale environment asks for (`LANG=zh_CN.UTF-8`), else English."""
    env = os.environ if environ is None else environ
    for name in _LOCALE_VARIABLES:
        value = env.get(name, "")
        if value:
            # `zh_CN.UTF-8@variant`: the language and territory come before the codeset.
            tag = re.split(r"[.@]", value, maxsplit=1)[0]
            return (normalize(tag) or ENGLISH,)
    return (ENGLISH,)


def choose(lang: str | None, environ: Mapping[str, str] | None = None) -> Languages:
    """The document languages: `--lang` when given, else the environment's, else English."""
    return parse_languages(lang) if lang is not None else from_environment(environ)
