"""The rest of what the commands print, in Chinese: score's held-down line, quality checks and
review verdicts, compare's compatibility and change lists, validate --strict, and the review
commands; English is unchanged and the machine formats stay English."""

# ruff: noqa: RUF001 (Chinese text has its own punctuation)
from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from assess.plaintext import width
from tests.builders import CHINESE, ENGLISH, ROOT
from tests.builders import run_in as run

EXAMPLES = ROOT / "examples"
NORTHWIND = EXAMPLES / "northwind-2025.yaml"
REVIEW = EXAMPLES / "northwind-2025.review.yaml"
BANK = EXAMPLES / "haichuan-bank-2025.yaml"


def test_score_says_what_holds_the_level_down_the_checks_and_the_verdicts_in_chinese(
    runner: CliRunner,
) -> None:
    args = ("score", NORTHWIND, "--review", REVIEW)
    chinese = run(runner, ENGLISH, *args, "--lang", "zh-CN").stdout.splitlines()
    assert (
        "总体等级为 0 级，受限于以下维度中未满足的成熟度 1 级实践："
        "DYN 动态性（DYN-02 L1 得分 33.3）。" in chinese
    )
    assert "评估质量：6 项检查中运行了 4 项（Q3 未配置、Q6 未配置）；发现 0 个问题。" in chinese
    assert "  Q1 缺少证据：无" in chinese
    assert (
        "审核数据：审核人 Helen Achterberg, Kestrel Assurance LLP，2026-02-03 出具保留意见。"
        in chinese
    )
    assert (
        "审核结论：已核实 10，已调整 3，有异议 1，未抽样 2，未审核 57；"
        "不予接受的“不适用”理由 1 条；审核后问题 11 项。" in chinese
    )
    english = run(runner, CHINESE, *args, "--lang", "en").stdout.splitlines()
    assert (
        "Overall level 0, held down by unmet level-1 practices in: DYN Dynamic "
        "(DYN-02 L1 scores 33.3)." in english
    )
    assert "  Q1 evidence-missing: none" in english
    assert (
        "Verdicts: 10 verified, 3 adjusted, 1 disputed, 2 not sampled, 57 unreviewed; "
        "1 N/A rejected; 11 audited findings." in english
    )
    as_json = run(runner, CHINESE, *args, "--format", "json", "--lang", "en").stdout
    assert as_json == run(runner, ENGLISH, *args, "--format", "json").stdout


def test_a_quality_finding_is_said_in_chinese_on_score_and_validate_strict(
    runner: CliRunner,
) -> None:
    table = run(runner, CHINESE, "score", BANK).stdout.splitlines()
    assert "  Q2 不适用理由不足：2" in table
    assert "    CII-04：“不适用”理由与 CII-05 逐字相同" in table
    # JSON keeps the checks' names and findings in English whatever the terminal's language.
    as_json = run(runner, CHINESE, "score", BANK, "--format", "json").stdout
    assert '"name":"thin-na"' in as_json
    assert '"message":"N/A justification repeated verbatim in CII-05"' in as_json
    strict = run(runner, CHINESE, "validate", "--strict", BANK).stdout.splitlines()
    assert strict[1:] == [
        f"{BANK}：质量问题 Q2 不适用理由不足：CII-04：“不适用”理由与 CII-05 逐字相同",
        f"{BANK}：质量问题 Q2 不适用理由不足：CII-05：“不适用”理由与 CII-04 逐字相同",
        f"{BANK}：质量：检查 Q1, Q2, Q4, Q5 发现 2 个问题；Q3 未配置、Q6 未配置",
    ]
    english = run(runner, ENGLISH, "validate", "--strict", BANK).stdout.splitlines()
    assert english[-1] == (
        f"{BANK}: quality: 2 issues from checks Q1, Q2, Q4, Q5; "
        "Q3 not-configured, Q6 not-configured"
    )


def test_compare_says_its_compatibility_and_changes_in_chinese_aligned_by_width(
    runner: CliRunner,
) -> None:
    files = [EXAMPLES / f"northwind-{year}.yaml" for year in (2024, 2025, 2026)]
    # 1.1 has no Chinese translation: from the locale, its text stays English; assess's is Chinese.
    lines = run(runner, CHINESE, "compare", *files).stdout.splitlines()
    assert "可比性（两期均可比的计分题目 / 任一期中的计分题目）：" in lines
    assert "  2024（1.0）-> 2025（1.0）：73 道计分题目中 73 道可比（100%）" in lines
    assert (
        "  2025（1.0）-> 2026（1.1）：138 道计分题目中 70 道可比（51%）；"
        "改号 30 道、新增 65 道、定义变更 3 道" in lines
    )
    assert any(line.startswith("    改号：HOL-02 -> HOL-11, ") for line in lines)
    assert "  退步：" in lines
    assert "  新增问题（1 项）：DYN-02" in lines
    assert "  定义变更（不计为变化）：" in lines
    assert "    HOL-10（原 CII-01）, OPN-10（原 OPN-02）, DEF-19（原 DEF-04）" in lines
    assert any(line.startswith("2024 -> 2025 的变化：进步 31 道，退步 1 道，") for line in lines)
    assert all(width(line) <= 96 for line in lines if "的变化" in line)
    # The like-for-like table lines up by display columns, Chinese labels and all.
    at = lines.index("              2024  2025  2026")
    assert [width(line) for line in lines[at : at + 3]] == [30, 30, 30]
    assert lines[at + 1].startswith("  同口径得分  ")
    english = run(runner, ENGLISH, "compare", *files).stdout.splitlines()
    assert "Compatibility (scored questions comparable in both / in either):" in english
    assert "  Findings opened (1): DYN-02" in english
    assert "    HOL-10 (was CII-01), OPN-10 (was OPN-02), DEF-19 (was DEF-04)" in english
    as_json = run(runner, CHINESE, "compare", *files, "--format", "json", "--lang", "en").stdout
    assert as_json == run(runner, ENGLISH, "compare", *files, "--format", "json").stdout


def test_the_review_commands_speak_chinese(tmp_path: Path, runner: CliRunner) -> None:
    answers = tmp_path / "nw.yaml"
    shutil.copy(NORTHWIND, answers)
    review = tmp_path / "nw.review.yaml"
    start: list[str | Path] = [
        "review",
        "start",
        answers,
        "-o",
        review,
        "--auditor",
        "J",
        "--date",
        "2026-01-12",
    ]
    result = run(runner, CHINESE, *start)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"{review}：已开始审核 {answers}（SHA-256 ")
    assert result.stdout.splitlines()[1] == f"下一步：assess review take {review}"
    verdict: list[str | Path] = [
        "review",
        "set",
        review,
        "HOL-02",
        "--status",
        "verified",
        "--method",
        "inspection",
    ]
    assert run(runner, CHINESE, *verdict).stdout == f"{review}：HOL-02 已核实\n"
    assert run(runner, ENGLISH, *verdict).stdout == f"{review}: HOL-02 verified\n"
    opinion: list[str | Path] = [
        "review",
        "opinion",
        review,
        "--opinion",
        "qualified",
        "--basis",
        "See HOL-02.",
    ]
    result = run(runner, CHINESE, *opinion, "--date", "2026-02-03")
    assert result.stdout == f"{review}：2026-02-03 出具保留意见\n"
    wrong: list[str | Path] = [
        "review",
        "set",
        review,
        "HOL-03",
        "--status",
        "disputed",
        "--method",
        "inspection",
    ]
    result = run(runner, CHINESE, *wrong)
    assert result.exit_code == 2
    assert result.stderr == "错误：--status disputed 需要 --comment（发现了什么，为什么）\n"
    result = run(runner, ENGLISH, *wrong)
    assert result.stderr == "error: --status disputed needs --comment (what you found, and why)\n"
