"""assess's own words in the user's language: gettext catalogs, and dates by locale (Babel).

Messages are English in the code and templates and translated through the catalogs under
`assess/locale/LL_CC/LC_MESSAGES/assess.mo` (domain `assess`), compiled from the `.po` files
beside them with `make catalog` and committed, so a fresh clone needs no build step; a test
fails when a catalog lacks a message, holds a stale one, or its `.mo` is older than its `.po`.
"""

from __future__ import annotations

import datetime as dt
import gettext
from functools import cache
from pathlib import Path

DOMAIN = "assess"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
# Dates in English keep the day first ("20 November 2025"), as the reports always have.
_BABEL_LOCALES = {"en": "en_GB", "zh-CN": "zh_CN"}


def N_(message: str) -> str:
    """Mark `message` for the catalog where it is defined; it is translated where it is shown."""
    return message


def locale_name(language: str) -> str:
    """The gettext and Babel name of a language tag: `zh-CN` is `zh_CN`."""
    return _BABEL_LOCALES.get(language, language.replace("-", "_"))


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalog of `language`; English (the messages themselves) when there is none."""
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[locale_name(language)], fallback=True)


def written_date(date: dt.date, language: str) -> str:
    """A date written out: "20 November 2025", "2025年11月20日"."""
    from babel.dates import format_date

    text: str = format_date(date, format="long", locale=locale_name(language))
    return text
