"""A Chinese report says nothing of its own in English: every sentence of assess is translated.

The Haichuan bank's report (with its change page) and its trend report are rendered in Chinese;
their answers are Chinese too, so any English sentence left on their pages is assess's own. The
check takes every message of the catalog that has a Chinese translation, cuts it at its
placeholders and markup, and looks for its English wording in the text pypdf extracts. Northwind's
reviewed report in Chinese is checked against the review's and the quality checks' sentences by
name, since its answers, notes and the auditor's comments are English.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from pypdf import PdfReader
from typer.testing import CliRunner

from assess.i18n import LOCALE_DIR
from tests.builders import ROOT, run_cli

pytestmark = pytest.mark.pdf  # Every test here reads reports rendered by WeasyPrint.

EXAMPLES = ROOT / "examples"
CATALOG = LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / "assess.po"


def _text(path: Path) -> str:
    """The document's text with every run of white space made one space (pypdf breaks lines)."""
    reader = PdfReader(path)
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _render(folder: Path, *args: str | Path) -> str:
    result = run_cli(CliRunner(), *args, "--lang", "zh-CN", "-o", folder / "out.pdf")
    assert result.exit_code == 0, result.stderr
    return _text(folder / "out.pdf")


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> str:
    previous = EXAMPLES / "haichuan-bank-2024.yaml"
    folder = tmp_path_factory.mktemp("bank")
    return _render(folder, "report", EXAMPLES / "haichuan-bank-2025.yaml", "--previous", previous)


@pytest.fixture(scope="module")
def bank_trend(tmp_path_factory: pytest.TempPathFactory) -> str:
    files = [EXAMPLES / f"haichuan-bank-{year}.yaml" for year in (2024, 2025)]
    return _render(tmp_path_factory.mktemp("trend"), "compare", *files)


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> str:
    review = EXAMPLES / "northwind-2025.review.yaml"
    folder = tmp_path_factory.mktemp("reviewed")
    return _render(folder, "report", EXAMPLES / "northwind-2025.yaml", "--review", review)


# A placeholder ("%(count)s"), a tag ("<b>") or a quotation mark: where a message's English is cut.
_CUT = re.compile(r"%\([a-z_]+\)s|%%|<[^>]+>|[\"“”]")


def english_phrases() -> set[str]:
    """Every stretch of English wording of a translated message, three words or longer.

    Shorter stretches ("not met", "Level") could be a word of a question id or of a product
    name; three words of a sentence of assess cannot.
    """
    with CATALOG.open("rb") as file:
        catalog = read_po(file)
    phrases = set()
    for message in catalog:
        if not message.id or not message.string:
            continue
        forms = [
            str(form) for form in (message.id if isinstance(message.id, tuple) else [message.id])
        ]
        for form in forms:
            for piece in _CUT.split(form):
                piece = " ".join(piece.split()).strip(" ,.;:()")
                if len(piece.split()) >= 3:
                    phrases.add(piece)
    return phrases


def test_the_check_knows_the_sentences_it_looks_for() -> None:
    phrases = english_phrases()
    # the verdict, the self-assessment notice, the method, the sign-off and the trend report
    for phrase in (
        "profile, whose target is maturity level",
        "This report presents the organization's own answers",
        "Levels are cumulative",
        "No independent review took place",
        "Every assessment follows the same questionnaire version, so all",
    ):
        assert any(phrase in p for p in phrases), phrase


def test_no_sentence_of_assess_is_left_in_english_in_the_chinese_report(bank: str) -> None:
    left = sorted(p for p in english_phrases() if p in bank)
    assert left == []
    # the verdict, the method, the sign-off and the change page's counts, in Chinese
    for words in (
        "申报的防护档位为",
        "即最薄弱维度的等级",
        "拉低该等级的是 OPN 开放性",
        "等级逐级累进",
        "本报告是海川市商业银行股份有限公司的自评估",
        "进步\uff1a44 项实践\uff1b退步\uff1a2 项",  # full-width colon and semicolon
        "《关键信息基础设施安全保护条例》",
        "第12条",
    ):
        assert words in bank, words


def test_no_sentence_of_assess_is_left_in_english_in_the_chinese_trend_report(
    bank_trend: str,
) -> None:
    left = sorted(p for p in english_phrases() if p in bank_trend)
    assert left == []
    for words in ("趋势报告", "各期间得分", "变化情况", "完整性附录", "2025年11月28日"):
        assert words in bank_trend, words


def test_the_default_marking_is_chinese_and_a_given_marking_stays_as_given(
    bank: str, bank_trend: str, tmp_path: Path
) -> None:
    for text in (bank, bank_trend):
        assert "机密" in text
        assert re.search(r"\bconfidential\b", text, re.IGNORECASE) is None
    # --classification is free text: what is typed is printed, even the default's English word.
    for typed in ("Restricted", "Confidential"):
        out = tmp_path / f"{typed}.html"
        args = ("report", EXAMPLES / "haichuan-bank-2024.yaml", "--format", "html", "-o", out)
        result = run_cli(CliRunner(), *args, "--lang", "zh-CN", "--classification", typed)
        assert result.exit_code == 0, result.stderr
        page = out.read_text(encoding="utf-8")
        assert f'<span class="classification">{typed}</span>' in page
        assert "机密" not in page


def test_the_review_and_the_quality_checks_speak_chinese(reviewed: str) -> None:
    for english in (
        "Independently reviewed",
        "Self-assessed and audited",
        "have reviewed the self-assessment",
        "Audited figures apply the auditor's verdicts",
        "Both sets of figures were computed",
        "Assessment quality",
        "These checks do not change any score",
        "Answers claimed as met",
        "claimed as met with no evidence cited",
        "switched off",
        "not configured",
        "Verified by",
        "Date of review",
        "Qualified.",
    ):
        assert english not in reviewed, english
    for chinese in ("已经独立审核", "自评与审核后数据", "评估质量", "保留意见", "审核日期"):
        assert chinese in reviewed, chinese
