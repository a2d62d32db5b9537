"""What the commands print, in Chinese with --lang zh-CN or LANG=zh_CN.UTF-8, and in English
otherwise: status, confirmations, summary lines, table headings and the common errors. The
machine formats stay English."""

# ruff: noqa: RUF001 (Chinese text has its own punctuation)
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from assess.errors import AssessError
from assess.i18n import N_, show_in
from tests.builders import CHINESE, ENGLISH, ROOT
from tests.builders import run_in as run

EXAMPLE = ROOT / "examples" / "northwind-2025.yaml"


@pytest.fixture
def answers(tmp_path: Path, runner: CliRunner) -> Path:
    path = tmp_path / "grid.yaml"
    args: list[str | Path] = [
        "-o",
        path,
        "--org",
        "Grid",
        "--profile",
        "critical",
        "--period",
        "2025",
    ]
    result = run(runner, ENGLISH, "init", *args, "--use", "cyberposture@1.0")
    assert result.exit_code == 0, result.stderr
    return path


def test_init_answer_and_status_speak_chinese_under_a_chinese_locale(
    tmp_path: Path, runner: CliRunner, answers: Path
) -> None:
    made = tmp_path / "made.yaml"
    args: list[str | Path] = [
        "-o",
        made,
        "--org",
        "Grid",
        "--profile",
        "baseline",
        "--period",
        "2025",
    ]
    result = run(runner, CHINESE, "init", *args)
    assert result.stdout.splitlines()[0] == f"{made}：已创建，问卷为 cyberposture@1.1"
    assert result.stdout.splitlines()[1] == f"下一步：assess take {made}"

    result = run(runner, CHINESE, "answer", answers, "hol-02", "2")
    assert result.stdout == f"{answers}：HOL-02 已保存\n"

    result = run(runner, CHINESE, "status", answers)
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "维度",
        "已答",
        "不适用",
        "未答",
        "沿用",
        "无证据",
        "不予提问",
        "草稿",
    ]
    assert lines[2].split() == ["DYN", "0", "0", "9", "0", "0", "0", "0"]
    assert lines[9].split()[0] == "合计"
    assert lines[10].startswith("未答：HOL-01, HOL-03,")
    # --lang says the same without the locale, and English is English.
    assert run(runner, ENGLISH, "status", answers, "--lang", "zh-CN").stdout == result.stdout
    english = run(runner, ENGLISH, "status", answers).stdout.splitlines()
    assert english[0].split() == [
        "dimension",
        "answered",
        "N/A",
        "open",
        "carried",
        "no",
        "evidence",
        "not",
        "asked",
        "drafts",
    ]
    assert english[10].startswith("open: HOL-01, HOL-03,")


def test_score_tables_in_chinese_and_the_json_the_same_in_every_language(
    runner: CliRunner,
) -> None:
    table = run(runner, ENGLISH, "score", EXAMPLE, "--lang", "zh-CN").stdout.splitlines()
    assert table[0] == "Northwind Grid Co.，2025：cyberposture@1.0，防护档位 critical（目标等级 3）"
    assert table[2].split() == ["维度", "得分", "等级", "目标", "差距", "达成度", "已答"]
    assert table[3].startswith("HOL 整体性 ")
    assert table[11].split()[:2] == ["总体", "81.6"]
    assert "完成度：100%（已答 72，不适用 1，未答 0，共 73 道适用的计分题目）" in table
    assert "主要问题（共 8 项，列出 8 项）：" in table
    english = run(runner, CHINESE, "score", EXAMPLE, "--lang", "en").stdout.splitlines()
    assert english[2].split()[:3] == ["DIMENSION", "SCORE", "LEVEL"]
    for fmt in ("json", "csv"):
        chinese = run(runner, CHINESE, "score", EXAMPLE, "--format", fmt, "--lang", "en").stdout
        assert chinese == run(runner, ENGLISH, "score", EXAMPLE, "--format", fmt).stdout


def test_compare_headings_and_validate_lines_in_chinese(runner: CliRunner) -> None:
    earlier = ROOT / "examples" / "northwind-2024.yaml"
    table = run(runner, CHINESE, "compare", earlier, EXAMPLE).stdout.splitlines()
    assert table[3].split() == ["维度", "2024", "2025", "较", "2024", "变化"]
    assert table[12].split()[0] == "总体"
    result = run(runner, CHINESE, "validate", EXAMPLE)
    assert result.stdout == (
        f"{EXAMPLE}：通过，Northwind Grid Co. 2025 的答卷，问卷 cyberposture@1.0，"
        "已答 72，不适用 1，未答 0，共 73 道适用的计分题目\n"
    )


@pytest.mark.parametrize(
    ("args", "chinese", "english"),
    [
        (
            ["validate", "{tmp}/nope.yaml"],
            "错误：{tmp}/nope.yaml: 文件不存在（请检查路径）",
            "error: {tmp}/nope.yaml: file not found (check the path)",
        ),
        (
            ["validate", "{tmp}/bad.yaml"],
            "错误：{tmp}/bad.yaml:2:1: YAML 格式错误：",
            "error: {tmp}/bad.yaml:2:1: invalid YAML: ",
        ),
        (
            ["validate", "{tmp}/other.yaml"],
            "错误：{tmp}/other.yaml:1:1: 既不是问卷，也不是译本或答卷文件（问卷含 `dimensions`",
            "error: {tmp}/other.yaml:1:1: neither a questionnaire, a translation nor an answers "
            "file (a questionnaire has `dimensions`",
        ),
        (
            ["answer", "{tmp}/grid.yaml", "HOLX", "1"],
            "错误：cyberposture@1.0 中没有题目 'HOLX'（是否指 HOL-09, HOL-08 或 HOL-07？）",
            "error: unknown question 'HOLX' in cyberposture@1.0 (did you mean HOL-09, HOL-08 or "
            "HOL-07?)",
        ),
        (
            ["answer", "{tmp}/grid.yaml", "HOL-02", "7"],
            "错误：HOL-02：7 不是量表 'practice' 的选项（请从以下选项中选择：0 (Not implemented)",
            "error: HOL-02: 7 is not an option of scale 'practice' (choose one of 0 (Not "
            "implemented)",
        ),
        (
            [
                "init",
                "-o",
                "{tmp}/grid.yaml",
                "--org",
                "G",
                "--profile",
                "baseline",
                "--period",
                "1",
            ],
            "错误：{tmp}/grid.yaml: 文件已存在（请换一个文件名，或加 --force）",
            "error: {tmp}/grid.yaml: file already exists (choose another name, or pass --force)",
        ),
        (
            ["score"],
            "错误：缺少参数 'FILE'（参见 `assess score --help`）",
            "error: missing argument 'FILE' (see `assess score --help`)",
        ),
    ],
)
def test_common_errors_are_framed_and_said_in_chinese(
    tmp_path: Path,
    runner: CliRunner,
    answers: Path,
    args: list[str],
    chinese: str,
    english: str,
) -> None:
    (tmp_path / "bad.yaml").write_text("a: [1\n", encoding="utf-8")
    (tmp_path / "other.yaml").write_text("x: 1\n", encoding="utf-8")
    typed = [a.format(tmp=tmp_path) for a in args]
    said = run(runner, CHINESE, *typed)
    assert said.exit_code == 2
    assert said.stderr.startswith(chinese.format(tmp=tmp_path)), said.stderr
    assert said.stderr.count("\n") == 1
    said = run(runner, ENGLISH, *typed)
    assert said.stderr.startswith(english.format(tmp=tmp_path)), said.stderr


def test_an_error_is_translated_before_its_values_are_filled_in() -> None:
    error = AssessError(
        N_("unknown question %(typed)r in %(where)s"),
        file="grid.yaml",
        line=3,
        hint=N_("did you mean %(ids)s?"),
        values={"typed": "HOL-%(x)s", "where": "cyberposture@1.0", "ids": "HOL-02"},
    )
    # The English text is there for whoever reads the error's parts.
    assert error.message == "unknown question 'HOL-%(x)s' in cyberposture@1.0"
    assert str(error) == (
        "grid.yaml:3: unknown question 'HOL-%(x)s' in cyberposture@1.0 (did you mean HOL-02?)"
    )
    show_in("zh-CN")
    # A value that looks like a placeholder stays a value: it is filled in last.
    assert str(error) == "grid.yaml:3: cyberposture@1.0 中没有题目 'HOL-%(x)s'（是否指 HOL-02？）"
