"""Reports in Chinese and bilingually: the text a reader gets, the fonts, and what they embed.

The Haichuan bank's 2025 report is rendered in Chinese twice (the second time in a fresh
process, another time zone and locale) and Northwind's bilingually, once each per module.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader
from typer.testing import CliRunner

from assess.files.attachments import embedded
from assess.files.questionnaires import resolve
from assess.files.translations import localized
from tests.builders import ROOT, answers, questionnaire, run_cli
from tests.report.glyphs import fonts_by_character, glyph_problems

EXAMPLES = ROOT / "examples"
ZH = ROOT / "questionnaires" / "cyberposture-1.0.zh-CN.yaml"
BANK = "海川市商业银行股份有限公司"


@dataclass
class Pdf:
    path: Path
    reader: PdfReader
    text: str

    @property
    def squashed(self) -> str:
        """The text without white space: pypdf breaks CJK lines and spaces them unevenly."""
        return re.sub(r"\s+", "", self.text)


def _open(path: Path) -> Pdf:
    reader = PdfReader(path)
    return Pdf(path, reader, "\n".join(page.extract_text() for page in reader.pages))


@pytest.fixture(scope="module")
def chinese(tmp_path_factory: pytest.TempPathFactory) -> tuple[Pdf, Path]:
    folder = tmp_path_factory.mktemp("zh")
    args: list[str | Path] = [
        EXAMPLES / "haichuan-bank-2025.yaml",
        "--previous",
        EXAMPLES / "haichuan-bank-2024.yaml",
        "--lang",
        "zh-CN",
    ]
    result = run_cli(CliRunner(), "report", *args, "-o", folder / "zh.pdf")
    assert result.exit_code == 0, result.stderr
    again = folder / "again.pdf"
    env = {**os.environ, "TZ": "Asia/Shanghai", "LC_ALL": "zh_CN.UTF-8", "PYTHONHASHSEED": "7"}
    command = [sys.executable, "-m", "assess", "report", *args, "-o", again]
    subprocess.run([str(a) for a in command], check=True, env=env, capture_output=True)
    return _open(folder / "zh.pdf"), again


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    out = tmp_path_factory.mktemp("zh-en") / "nw.pdf"
    args = ("report", EXAMPLES / "northwind-2025.yaml", "--lang", "zh-CN+en", "-o", out)
    result = run_cli(CliRunner(), *args)
    assert result.exit_code == 0, result.stderr
    return _open(out)


@pytest.fixture(scope="module")
def chinese_1_1(tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    """Northwind's 2026 report, answered on cyberposture 1.1, in Chinese."""
    out = tmp_path_factory.mktemp("zh-1.1") / "nw.pdf"
    args = ("report", EXAMPLES / "northwind-2026.yaml", "--lang", "zh-CN", "-o", out)
    result = run_cli(CliRunner(), *args)
    assert result.exit_code == 0, result.stderr
    return _open(out)


def _zh_questionnaire(version: str = "1.0") -> Any:
    return localized(resolve("cyberposture", version), "zh-CN").questionnaire


def test_the_chinese_report_has_the_bank_every_dimension_and_every_quote_exactly(
    chinese: tuple[Pdf, Path],
) -> None:
    pdf = chinese[0]
    assert BANK in pdf.squashed
    for dimension in _zh_questionnaire().dimensions:
        assert dimension.name in pdf.squashed, dimension.id
        assert dimension.quote is not None
        assert re.sub(r"\s+", "", dimension.quote) in pdf.squashed, dimension.id
    # Chinese prose is breakable everywhere: no zero-width space rides along into copied text
    assert "\u200b" not in pdf.text
    # the bank's own Chinese notes and evidence, and the translated answer labels
    assert "新一代核心系统于2025年5月18日投产" in pdf.squashed
    assert "大部分实施" in pdf.squashed
    # assess's own words from the zh_CN catalog, the date by Babel, pages counted in Chinese
    for words in ("执行摘要", "各维度结果", "问题与整改路线图", "完整性附录", "2025年11月28日"):
        assert words in pdf.squashed, words
    pages = len(pdf.reader.pages)
    assert f"第2页\uff0c共{pages}页" in re.sub(r"\s+", "", pdf.reader.pages[1].extract_text())


def test_a_chinese_1_1_report_has_every_dimension_and_quote_and_each_basis_in_its_words(
    chinese_1_1: Pdf,
) -> None:
    pdf = chinese_1_1
    zh = _zh_questionnaire("1.1")
    assert zh.ref == "cyberposture@1.1"
    for dimension in zh.dimensions:
        assert dimension.name in pdf.squashed, dimension.id
        assert dimension.quote is not None
        assert re.sub(r"\s+", "", dimension.quote) in pdf.squashed, dimension.id
    # a basis quoted from the Chinese excerpts, without quotation marks added around it
    assert "依据\uff1a网络安全是整体的而不是割裂的" in pdf.squashed
    # a basis whose original is not among the excerpts: the questionnaire's English, said so
    label = "依据\uff08问卷所引英语译文\uff0c未收录中文原文\uff09\uff1a"
    assert f"{label}“Enterprisesmustpayhighregardtodatasecurity.”" in pdf.squashed
    assert "Whether each data set is important data" not in pdf.text


def test_a_kept_english_basis_is_marked_english_in_a_chinese_page(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "nw.html"
    args = ("report", EXAMPLES / "northwind-2026.yaml", "--lang", "zh-CN", "--format", "html")
    assert run_cli(runner, *args, "-o", out).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in html
    assert '<span lang="en">“Enterprises must pay high regard to data security.”</span>' in html
    assert "依据\uff1a“物理隔离”防线可被跨网入侵" in html


def test_no_glyph_is_missing_and_chinese_punctuation_comes_from_a_chinese_font(
    chinese: tuple[Pdf, Path], bilingual: Pdf, chinese_1_1: Pdf
) -> None:
    for pdf in (chinese[0], bilingual, chinese_1_1):
        assert glyph_problems(pdf.reader) == [], pdf.path
    fonts = fonts_by_character(chinese[0].reader)
    for mark in (
        "\uff0c\u3002\uff1a\u201c\u201d\uff08\uff09"
    ):  # full-width comma, stop, colon, quotes, parentheses
        assert fonts[mark] and all("CJK" in f for f in fonts[mark]), (mark, fonts[mark])


def test_a_glyph_no_font_has_is_caught_by_the_check(tmp_path: Path) -> None:
    from weasyprint import HTML

    # U+17000 (Tangut) is in neither DejaVu nor Noto CJK: WeasyPrint draws .notdef for it.
    html = f'<html lang="zh-CN"><p>{BANK} \U00017000</p></html>'
    pdf = tmp_path / "missing.pdf"
    pdf.write_bytes(HTML(string=html).write_pdf())
    assert ["draws .notdef" in p for p in glyph_problems(PdfReader(pdf))] == [True]


def test_the_chinese_report_is_byte_identical_across_runs_and_pdf_a_3u_with_subset_fonts(
    chinese: tuple[Pdf, Path],
) -> None:
    pdf, again = chinese
    assert pdf.path.read_bytes() == again.read_bytes()
    xmp = pdf.reader.xmp_metadata
    assert xmp is not None
    data = xmp.stream.get_data().decode()
    assert 'pdfaid:part="3"' in data and 'pdfaid:conformance="A"' in data
    catalog: Any = pdf.reader.trailer["/Root"]
    assert catalog["/Lang"] == "zh-CN"
    names = set()
    for page in pdf.reader.pages:
        resources: Any = page["/Resources"]
        for ref in resources["/Font"].values():
            font = ref.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor  # embedded
            names.add(str(font["/BaseFont"]))
    assert all(re.match(r"^/[A-Z]{6}\+", n) for n in names), names  # subset
    assert any("Noto-Sans-CJK-SC" in n for n in names)


def test_the_report_embeds_and_cites_the_translation_it_shows(chinese: tuple[Pdf, Path]) -> None:
    pdf = chinese[0]
    files = embedded(pdf.path).files  # checked against the manifest
    name = "translation-cyberposture-1.0.zh-CN.yaml"
    assert files[name] == ZH.read_bytes()
    digest = hashlib.sha256(ZH.read_bytes()).hexdigest()
    appendix = pdf.reader.pages[-1].extract_text()
    assert "译文\uff08zh-CN\uff09SHA-256" in re.sub(r"\s+", "", appendix)
    assert digest in re.sub(r"\s+", "", appendix)


def test_the_bilingual_report_puts_chinese_first_and_english_beneath(bilingual: Pdf) -> None:
    zh, en = _zh_questionnaire(), resolve("cyberposture", "1.0").questionnaire
    pages = [re.sub(r"\s+", "", p.extract_text()) for p in bilingual.reader.pages]
    for z, e in zip(zh.dimensions, en.dimensions, strict=True):
        heading = f"{z.id}·{z.name}{e.name}".replace(" ", "")
        page = next(p for p in pages if heading in p)
        assert z.quote is not None and e.quote is not None
        zh_quote, en_quote = (re.sub(r"\s+", "", x) for x in (z.quote, e.quote))
        assert page.index(zh_quote) < page.index(en_quote), z.id
        first = z.questions[0]
        assert page.index(re.sub(r"\s+", "", first.text)) < page.index(
            re.sub(r"\s+", "", e.questions[0].text)
        )


def test_the_html_marks_each_language(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "nw.html"
    args = ("report", EXAMPLES / "northwind-2025.yaml", "--lang", "zh-CN+en", "--format", "html")
    assert run_cli(runner, *args, "-o", out).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert html.count('<html lang="zh-CN">') == 1
    assert '<span class="alt-name" lang="en">Holistic</span>' in html
    # the organization's notes are English: marked so, in a Chinese page
    assert '<p class="org" lang="en">Northwind Grid Co.</p>' in html


def _mini_zh(folder: Path) -> Path:
    data = {
        "translation": {"questionnaire": "mini", "version": "1.0", "language": "zh-CN"},
        "title": "迷你问卷",
        "dimensions": {"A": {"name": "甲"}, "B": {"name": "乙"}, "C": {"name": "丙"}},
    }
    path = folder / "mini-1.0.zh-CN.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def mini(tmp_path: Path, write_yaml: Callable[..., Path]) -> tuple[Path, Path]:
    q = write_yaml(questionnaire(), "mini-1.0.yaml")
    return q, write_yaml(answers("2025", "2025-11-20"), "acme-2025.yaml")


def test_an_incomplete_translation_is_refused_unless_allowed(
    runner: CliRunner, mini: tuple[Path, Path]
) -> None:
    q, acme = mini
    _mini_zh(q.parent)
    base = ("report", acme, "-q", q, "--format", "html", "--lang", "zh-CN")
    refused = run_cli(runner, *base)
    assert refused.exit_code == 2
    assert "mini@1.0 的 zh-CN 译本缺少" in refused.stderr  # said in the language asked for
    allowed = run_cli(runner, *base, "--allow-untranslated")
    assert allowed.exit_code == 0, allowed.stderr
    html = acme.with_suffix(".html").read_text(encoding="utf-8")
    assert "A · 甲" in html and "Practice A-01 is in place." in html  # the rest in English


def test_a_report_renders_again_in_the_translation_it_embeds(
    runner: CliRunner, mini: tuple[Path, Path]
) -> None:
    q, acme = mini
    translation = _mini_zh(q.parent)
    pdf = q.parent / "acme.pdf"
    args = ("report", acme, "-q", q, "--lang", "zh-CN", "--allow-untranslated", "-o", pdf)
    assert run_cli(runner, *args).exit_code == 0
    translation.unlink()  # only the copy inside the report is left
    out = q.parent / "again.html"
    again = run_cli(
        runner, "report", pdf, "--lang", "zh-CN", "--allow-untranslated", "--format", "html",
        "-o", out,
    )  # fmt: skip
    assert again.exit_code == 0, again.stderr
    assert "A · 甲" in out.read_text(encoding="utf-8")
    assert "translation-mini-1.0.zh-CN.yaml" in embedded(pdf).files


def test_the_language_comes_from_the_environment_and_falls_back_to_the_source(
    runner: CliRunner, mini: tuple[Path, Path], tmp_path: Path
) -> None:
    out = tmp_path / "bank.html"
    chinese = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
    args = ["report", str(EXAMPLES / "haichuan-bank-2025.yaml"), "--format", "html", "-o", str(out)]
    from assess.cli import app

    assert runner.invoke(app, args, env=chinese).exit_code == 0
    assert '<html lang="zh-CN">' in out.read_text(encoding="utf-8")
    # No Chinese translation of mini: the environment's wish falls back; --lang insists.
    q, acme = mini
    base = ["report", str(acme), "-q", str(q), "--format", "html"]
    fallback = runner.invoke(app, base, env=chinese)
    assert fallback.exit_code == 0, fallback.stderr
    assert "A · Alpha" in acme.with_suffix(".html").read_text(encoding="utf-8")
    insisted = runner.invoke(app, [*base, "--lang", "zh-CN"])
    assert insisted.exit_code == 2
    assert "mini@1.0 没有 zh-CN 译本" in insisted.stderr  # said in the language asked for


def test_a_trend_report_in_chinese_is_a_chinese_document(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "trend.pdf"
    files = (EXAMPLES / "haichuan-bank-2024.yaml", EXAMPLES / "haichuan-bank-2025.yaml")
    result = run_cli(runner, "compare", *files, "--lang", "zh-CN", "-o", out)
    assert result.exit_code == 0, result.stderr
    trend = _open(out)
    catalog: Any = trend.reader.trailer["/Root"]
    assert catalog["/Lang"] == "zh-CN"
    assert BANK in trend.squashed and "关键信息基础设施" in trend.squashed
    assert glyph_problems(trend.reader) == []


def test_the_report_is_tagged_with_headings_table_headers_and_described_charts(
    chinese: tuple[Pdf, Path],
) -> None:
    reader = chinese[0].reader
    catalog: Any = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    found: dict[str, list[Any]] = {}

    def walk(node: Any) -> None:
        node = node.get_object()
        if not isinstance(node, dict):
            return
        if "/S" in node:
            found.setdefault(str(node["/S"]), []).append(node)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            walk(kid)

    walk(catalog["/StructTreeRoot"])
    assert {"/H1", "/H2", "/Table", "/TH", "/TD", "/Figure"} <= found.keys()
    alts = [str(f.get("/Alt", "")) for f in found["/Figure"]]
    # described in the report's language, with every dimension's values
    radar = next(a for a in alts if a.startswith("雷达图"))
    assert "OPN 开放性\uff1a等级 0 (未达成熟度 1 级)\uff0c目标 3" in radar
    trend = next(a for a in alts if a.startswith("历次评估得分"))
    assert "2024" in trend and "2025" in trend and "整体性" in trend


def test_a_chinese_report_verifies_page_for_page_from_what_it_embeds(
    runner: CliRunner, chinese: tuple[Pdf, Path]
) -> None:
    result = run_cli(runner, "verify", chinese[0].path)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "PASS      attachment translation-cyberposture-1.0.zh-CN.yaml" in result.stdout
    assert "PASS      pages: identical, byte for byte" in result.stdout
