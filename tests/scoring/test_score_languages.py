"""score and compare in Chinese: the questionnaire's words change, the numbers do not."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from assess.plaintext import columns, width
from tests.builders import ROOT, run_cli

BANK = ROOT / "examples" / "haichuan-bank-2025.yaml"
BANK_2024 = ROOT / "examples" / "haichuan-bank-2024.yaml"


def test_score_in_chinese_gives_the_same_numbers_with_chinese_words(runner: CliRunner) -> None:
    english = json.loads(run_cli(runner, "score", BANK, "--json", "--lang", "en").stdout)
    chinese = json.loads(run_cli(runner, "score", BANK, "--json", "--lang", "zh-CN").stdout)
    assert chinese["overall"] == english["overall"]
    for zh, en in zip(chinese["dimensions"], english["dimensions"], strict=True):
        assert (zh["id"], zh["score"], zh["level"]) == (en["id"], en["score"], en["level"])
    assert [f["question"] for f in chinese["findings"]] == [
        f["question"] for f in english["findings"]
    ]
    assert chinese["findings"][0]["recommendation"].startswith("列出所有供应商账号")


def test_the_chinese_table_lines_up_on_a_terminal(runner: CliRunner) -> None:
    table = run_cli(runner, "score", BANK, "--lang", "zh-CN").stdout.splitlines()
    rows = [line for line in table if line[:4] in ("HOL ", "CII ", "DEF ")]
    assert [r.split()[1] for r in rows] == ["整体性", "关键信息基础设施", "防御能力"]
    # the score column ends in the same terminal column on every row, wide characters or not
    ends = {width(r[: r.index(r.split()[2]) + len(r.split()[2])]) for r in rows}
    assert len(ends) == 1, rows


def test_columns_count_a_chinese_character_as_two() -> None:
    lines = columns([["整体性", "1"], ["abc", "22"]], right={1})
    assert lines == ["整体性   1", "abc     22"]
    assert width("关键信息") == 8


def test_compare_in_chinese_names_the_dimensions_in_chinese(runner: CliRunner) -> None:
    result = run_cli(runner, "compare", BANK_2024, BANK, "--json", "--lang", "zh-CN")
    assert result.exit_code == 0, result.stderr
    names = [d["name"] for d in json.loads(result.stdout)["dimensions"]]
    assert names[:2] == ["整体性", "动态性"]
