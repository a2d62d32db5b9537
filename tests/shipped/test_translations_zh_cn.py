"""The shipped Chinese translations: complete, clean, and quoting the speech in its own words.

Every `questionnaires/*.zh-CN.yaml` is checked, so a translation of a later version is held to
the same rules the moment it is added.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assess.files.questionnaires import resolve
from assess.files.translations import load_translation
from assess.model.translation import missing, texts, translate, translation_problems
from tests.builders import ROOT

SPEECH_ZH = ROOT / "tests" / "data" / "speech-zh-excerpts.txt"
TRANSLATIONS = sorted((ROOT / "questionnaires").glob("*.zh-CN.yaml"))


def test_cyberposture_1_0_has_a_chinese_translation() -> None:
    assert ROOT / "questionnaires" / "cyberposture-1.0.zh-CN.yaml" in TRANSLATIONS


@pytest.mark.parametrize("path", TRANSLATIONS, ids=lambda p: p.name)
def test_every_text_is_translated_and_no_placeholder_is_left(path: Path) -> None:
    found = load_translation(path)
    of = found.translation.translation
    q = resolve(of.questionnaire, of.version).questionnaire
    assert path.name == f"{q.id}-{q.version}.zh-CN.yaml"
    assert missing(q, found.translation) == []
    assert translation_problems(q, found.translation) == []
    assert len(texts(q)) > 3 * len(q.questions())  # so that "none missing" means something


@pytest.mark.parametrize("path", TRANSLATIONS, ids=lambda p: p.name)
def test_every_chinese_quote_occurs_verbatim_in_the_original_speech(path: Path) -> None:
    speech = SPEECH_ZH.read_text(encoding="utf-8")
    quotes = {i: d.quote for i, d in load_translation(path).translation.dimensions.items()}
    assert quotes and all(quotes.values())
    for dimension, quote in quotes.items():
        assert quote is not None and quote in speech, dimension
    # a question's basis, where its questionnaire gives one, is a passage of the speech too
    for question, text in load_translation(path).translation.questions.items():
        assert text.basis is None or text.basis in speech, question


def test_the_terms_are_those_of_chinas_standards_and_regulations() -> None:
    source = resolve("cyberposture", "1.0")
    zh = translate(source.questionnaire, load_translation(TRANSLATIONS[0]).translation)
    names = {d.id: d.name for d in zh.dimensions}
    assert names["CII"] == "关键信息基础设施"
    assert names["SNS"] == "态势感知"
    text = TRANSLATIONS[0].read_text(encoding="utf-8")
    for term in ("等级保护", "关键信息基础设施运营者", "网络安全等级保护", "个人信息", "重要数据"):
        assert term in text, term
