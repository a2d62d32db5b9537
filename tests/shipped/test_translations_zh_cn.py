"""The shipped Chinese translations: complete, clean, and quoting the speech in its own words.

Every `questionnaires/*.zh-CN.yaml` is checked, so a translation of a later version is held to
the same rules the moment it is added.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assess.files.questionnaires import resolve
from assess.files.translations import load_translation
from assess.model.checks import source_text as source_text_of
from assess.model.translation import kept, missing, texts, translate, translation_problems
from tests.builders import ROOT

SPEECH_ZH = ROOT / "tests" / "data" / "speech-zh-excerpts.txt"
TRANSLATIONS = sorted((ROOT / "questionnaires").glob("*.zh-CN.yaml"))


def test_cyberposture_1_0_and_1_1_have_a_chinese_translation() -> None:
    assert ROOT / "questionnaires" / "cyberposture-1.0.zh-CN.yaml" in TRANSLATIONS
    assert ROOT / "questionnaires" / "cyberposture-1.1.zh-CN.yaml" in TRANSLATIONS


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


@pytest.mark.parametrize("version", ["1.0", "1.1"])
def test_the_terms_are_those_of_chinas_standards_and_regulations(version: str) -> None:
    source = resolve("cyberposture", version)
    path = ROOT / "questionnaires" / f"cyberposture-{version}.zh-CN.yaml"
    zh = translate(source.questionnaire, load_translation(path).translation)
    names = {d.id: d.name for d in zh.dimensions}
    assert names["CII"] == "关键信息基础设施"
    assert names["SNS"] == "态势感知"
    text = path.read_text(encoding="utf-8")
    for term in ("等级保护", "关键信息基础设施运营者", "网络安全等级保护", "个人信息", "重要数据"):
        assert term in text, term
    # maturity levels never read as a classified-protection level (等保第三级)
    assert "成熟度 3 级" in text and not re.search(r"成熟度[一二三]级|成熟度第", text)


# The English of speech-zh-excerpts.txt: speech.txt from this sentence to the end of the
# paragraph that ends with this phrase.
_EXCERPTED = ("First, we must establish a correct view of cybersecurity", "virtue rises ten feet")


@pytest.mark.parametrize("path", TRANSLATIONS, ids=lambda p: p.name)
def test_a_basis_is_left_untranslated_exactly_when_the_excerpts_lack_its_original(
    path: Path,
) -> None:
    # Declaring a basis untranslated is for passages from other parts of the speech; a passage
    # whose original is in the excerpts is quoted in Chinese, never left in English.
    found = load_translation(path).translation
    of = found.translation
    q = resolve(of.questionnaire, of.version).questionnaire
    if q.source is None:
        return
    english = source_text_of(q.source)  # whitespace collapsed, as `basis` is matched
    assert english is not None
    start, end = (english.index(_EXCERPTED[0]), english.index(_EXCERPTED[1]))
    kept_ids = {str(loc[1]) for loc in kept(found)}
    for question in q.questions():
        basis = getattr(question, "basis", None)
        if basis is None:
            continue
        at = english.index(" ".join(basis.split()))  # a 1.1 basis is in the English speech
        assert (question.id in kept_ids) == (not start <= at <= end), question.id


def test_what_1_1_did_not_change_reads_as_in_the_1_0_translation() -> None:
    old = load_translation(TRANSLATIONS[0]).translation
    new = load_translation(ROOT / "questionnaires" / "cyberposture-1.1.zh-CN.yaml").translation
    en_old = {q.id: q for q in resolve("cyberposture", "1.0").questionnaire.questions()}
    en_new = {q.id: q for q in resolve("cyberposture", "1.1").questionnaire.questions()}
    same = 0
    for qid in en_old.keys() & en_new.keys():
        for name in ("text", "guidance", "recommendation"):
            if getattr(en_old[qid], name, None) == getattr(en_new[qid], name, None) is not None:
                assert getattr(new.questions[qid], name) == getattr(old.questions[qid], name)
                same += 1
    assert same > 60
    assert (new.title, new.levels, new.scales, new.profiles) == (
        old.title,
        old.levels,
        old.scales,
        old.profiles,
    )
