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


_terminal = {"language": "en"}
"""The language of what this run prints on the terminal (`--lang`, else LANG, else English)."""


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


def show_in(language: str) -> None:
    """Print this run's terminal text in `language`; the CLI sets it from `--lang` or LANG."""
    _terminal["language"] = language


def shown_language() -> str:
    """The language the terminal text of this run is printed in."""
    return _terminal["language"]


def _(message: str) -> str:
    """`message` in the terminal's language; English is the message itself, read from no file."""
    language = _terminal["language"]
    return message if language == "en" else translations(language).gettext(message)


def pgettext(context: str, message: str) -> str:
    """`message` in the terminal's language, as said in `context` (a short column heading)."""
    language = _terminal["language"]
    return message if language == "en" else translations(language).pgettext(context, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a counted message for `count`, in the terminal's language."""
    language = _terminal["language"]
    if language == "en":
        return singular if count == 1 else plural
    return translations(language).ngettext(singular, plural, count)


def written_date(date: dt.date, language: str) -> str:
    """A date written out: "20 November 2025", "2025年11月20日"."""
    from babel.dates import format_date

    text: str = format_date(date, format="long", locale=locale_name(language))
    return text
