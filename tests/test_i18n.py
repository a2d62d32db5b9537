"""The message catalogs: every message of the code and templates translated, none stale.

The messages are extracted the way `make catalog` does (babel.cfg, the same keywords), so a new
`_()` in a template or `N_()` in the code fails here until its catalog entry is translated.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from assess.i18n import LOCALE_DIR, translations, written_date
from tests.builders import ROOT

LANGUAGES = ["zh_CN"]
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "tr": None}


def _extracted() -> set[str | tuple[str, str]]:
    with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)  # type: ignore[no-untyped-call]
    found: set[str | tuple[str, str]] = set()
    for _, _, message, _, _ in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else (message[0], message[1]))
    return found


def _catalog(language: str) -> Catalog:
    path = LOCALE_DIR / language / "LC_MESSAGES" / "assess.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


@pytest.fixture(scope="module")
def extracted() -> set[str | tuple[str, str]]:
    found = _extracted()
    assert "Executive summary" in found  # the extraction sees the templates
    assert "Now" in found  # and the code's N_() marks
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_stale(
    language: str, extracted: set[str | tuple[str, str]]
) -> None:
    catalog = _catalog(language)
    entries = {m.id if isinstance(m.id, str) else tuple(m.id[:2]): m for m in catalog if m.id}
    assert sorted(map(str, extracted - entries.keys())) == [], "not in the catalog: make catalog"
    assert sorted(map(str, entries.keys() - extracted)) == [], "stale: no longer in the source"
    assert list(catalog.obsolete) == []
    for key, message in entries.items():
        assert not message.fuzzy, key
        strings = [message.string] if isinstance(message.string, str) else message.string
        assert strings and all(s and s.strip() for s in strings), f"untranslated: {key}"
    problems = [(m.id, errors) for m, errors in catalog.check()]
    assert problems == []  # placeholders (%(name)s) agree between message and translation


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalog_is_the_current_one(language: str) -> None:
    po = _catalog(language)
    with (LOCALE_DIR / language / "LC_MESSAGES" / "assess.mo").open("rb") as handle:
        mo = read_mo(io.BytesIO(handle.read()))

    def plain(value: Any) -> Any:
        return value if isinstance(value, str) else tuple(value)

    as_po = {plain(m.id): plain(m.string) for m in po if m.id}
    as_mo = {plain(m.id): plain(m.string) for m in mo if m.id}
    assert as_mo == as_po, "assess.mo is older than assess.po: run make catalog"


def test_translations_and_dates_follow_the_language_not_the_machine() -> None:
    assert translations("zh-CN").gettext("Executive summary") == "执行摘要"
    assert translations("en").gettext("Executive summary") == "Executive summary"
    day = dt.date(2025, 11, 28)
    assert (written_date(day, "en"), written_date(day, "zh-CN")) == (
        "28 November 2025",
        "2025年11月28日",
    )


def _error_messages() -> list[tuple[str, int]]:
    """Where an error's message or hint is built as English text (an f-string, `%` or `+`).

    Such text never reaches the catalog: messages are `N_` templates with their values apart.
    """
    import ast

    built = (ast.JoinedStr, ast.BinOp)
    found = []
    for path in sorted((ROOT / "assess").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", None))
            skip = {"AssessError": 0, "error": 1, "fail": 1, "problem": 1}.get(str(name))
            if skip is None:
                continue
            said = node.args[skip : skip + 2] + [k.value for k in node.keywords if k.arg == "hint"]
            if any(isinstance(arg, built) for arg in said):
                found.append((str(path.relative_to(ROOT)), node.lineno))
    return found


def test_no_error_is_worded_outside_the_catalog() -> None:
    assert _error_messages() == []
