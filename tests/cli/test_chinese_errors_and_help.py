"""Errors and `--help` in Chinese with --lang zh-CN or LANG=zh_CN.UTF-8, English otherwise.

Bad files, bad options and missing arguments give one Chinese error line (the file, line and
column as in English), exit status 2 and no traceback; the help of the root and of each command
is Chinese, its examples are the English ones character for character, and English is unchanged.
`assess --lang zh-CN CMD ...` sets the language for any command; a command's own --lang works
before or after --help.
"""

# ruff: noqa: RUF001 (Chinese text has its own punctuation)
from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from assess.cli import app
from assess.cli.helptext import message_of, paragraphs
from assess.errors import ExitCode
from assess.i18n import translations
from tests.builders import CHINESE, ENGLISH, ROOT
from tests.builders import run_in as run

EXAMPLE = ROOT / "examples" / "northwind-2025.yaml"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def bad_files(tmp_path: Path) -> dict[str, Path]:
    """Real answers files, each with one mistake a person makes by hand."""
    good = EXAMPLE.read_text(encoding="utf-8")
    files = {
        "syntax": "questionnaire:\n  id: cyberposture\n  version: '1.0'\norganization: [x\n",
        "type": good.replace("  period: ", "  period: [2025]  # ", 1),
        "unknown_id": good.replace("\n  HOL-01:", "\n  HOL-99:", 1),
        "unknown_key": good.replace("\n  HOL-01:", "\n  HOL-01:\n    bogus: 1", 1),
    }
    paths = {}
    for name, text in files.items():
        paths[name] = tmp_path / f"{name}.yaml"
        paths[name].write_text(text, encoding="utf-8")
    paths["missing"] = tmp_path / "missing.yaml"
    return paths


@pytest.mark.parametrize(
    ("name", "chinese", "english"),
    [
        (
            "syntax",
            "syntax.yaml:5:1: YAML 格式错误：未找到应有的 ',' 或 ']'",
            "syntax.yaml:5:1: invalid YAML: did not find expected ',' or ']'",
        ),
        (
            "type",
            "type.yaml:8:3: assessment.period：应为文本"
            "（请写成文本；1.0 或 2025 之类的值请加引号）",
            "type.yaml:8:3: assessment.period: Input should be a valid string (write it as text; "
            "quote values such as 1.0 or 2025)",
        ),
        (
            "unknown_id",
            "unknown_id.yaml:18:3: cyberposture@1.0 中没有题目 'HOL-99'"
            "（请用 `assess show` 核对编号）",
            "unknown_id.yaml:18:3: unknown question 'HOL-99' in cyberposture@1.0 "
            "(check the id with `assess show`)",
        ),
        (
            "unknown_key",
            "unknown_key.yaml:19:5: answers.HOL-01.bogus：未知的键"
            "（未知的键：请对照 `assess schema` 检查拼写）",
            "unknown_key.yaml:19:5: answers.HOL-01.bogus: unknown key "
            "(unknown key: check its spelling against `assess schema`)",
        ),
        (
            "missing",
            "missing.yaml: 文件不存在（请检查路径）",
            "missing.yaml: file not found (check the path)",
        ),
    ],
)
def test_a_bad_file_is_one_chinese_line_with_its_place_and_english_is_unchanged(
    runner: CliRunner, bad_files: dict[str, Path], name: str, chinese: str, english: str
) -> None:
    path = bad_files[name]
    folder = f"{path.parent}{os.sep}"
    for env, args, expected in (
        (ENGLISH, ["--lang", "zh-CN"], f"错误：{folder}{chinese}"),
        (CHINESE, [], f"错误：{folder}{chinese}"),
        (ENGLISH, [], f"error: {folder}{english}"),
    ):
        result = run(runner, env, "score", *args, path)
        assert result.exit_code == ExitCode.bad_input
        assert result.stderr.splitlines() == [expected]
        assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "chinese", "english"),
    [
        (
            ["score", "--bogus", EXAMPLE],
            "错误：没有选项：--bogus（可能是：--jobs）（参见 `assess score --help`）",
            "error: no such option: --bogus (Possible options: --jobs) (see `assess score --help`)",
        ),
        (
            ["score"],
            "错误：缺少参数 'FILE'（参见 `assess score --help`）",
            "error: missing argument 'FILE' (see `assess score --help`)",
        ),
        (
            ["score", "--format", "xml", EXAMPLE],
            "错误：'--format' 的值无效：'xml' 不是 'table', 'json', 'csv' 之一"
            "（参见 `assess score --help`）",
            "error: invalid value for '--format': 'xml' is not one of 'table', 'json', 'csv' "
            "(see `assess score --help`)",
        ),
        (
            ["score", "--jobs", "many", EXAMPLE],
            "错误：'--jobs' / '-j' 的值无效：应为整数（参见 `assess score --help`）",
            "error: invalid value for '--jobs' / '-j': Input should be a valid integer, unable to "
            "parse string as an integer (see `assess score --help`)",
        ),
        (
            ["scor", EXAMPLE],
            "错误：没有命令 'scor'；是否指 'score'？（参见 `assess --help`）",
            "error: no such command 'scor'. Did you mean 'score'? (see `assess --help`)",
        ),
        (
            ["init", "--period", "2025"],
            "错误：缺少选项 '--output' / '-o'（参见 `assess init --help`）",
            "error: missing option '--output' / '-o' (see `assess init --help`)",
        ),
    ],
)
def test_a_usage_error_is_one_chinese_line_whatever_the_order_of_lang(
    runner: CliRunner, args: list[str | Path], chinese: str, english: str
) -> None:
    ways = [(CHINESE, args), (ENGLISH, ["--lang", "zh-CN", *args])]
    if args[0] == "score":  # a command's own --lang, anywhere among its options
        ways += [
            (ENGLISH, [*args, "--lang=zh-CN"]),
            (ENGLISH, ["score", "--lang", "zh-CN", *args[1:]]),
        ]
    for env, said in ways:
        result = run(runner, env, *said)
        assert result.exit_code == ExitCode.bad_input
        assert result.stderr.splitlines() == [chinese]
    english_result = run(runner, ENGLISH, *args)
    assert english_result.stderr.splitlines() == [english]


def test_a_bad_file_in_chinese_from_a_real_process_has_no_traceback(
    bad_files: dict[str, Path],
) -> None:
    env = {**os.environ, "LANG": "zh_CN.UTF-8", "PYTHONIOENCODING": "utf-8"}
    env.pop("LC_ALL", None)
    done = subprocess.run(
        [sys.executable, "-m", "assess", "validate", bad_files["type"]],
        capture_output=True, text=True, env=env, cwd=ROOT, encoding="utf-8",
    )  # fmt: skip
    assert done.returncode == ExitCode.bad_input
    assert done.stderr.splitlines() == [
        f"错误：{bad_files['type']}:8:3: assessment.period：应为文本"
        "（请写成文本；1.0 或 2025 之类的值请加引号）"
    ]
    assert "Traceback" not in done.stdout + done.stderr


def _help(runner: CliRunner, env: dict[str, Any], *args: str) -> str:
    result = run(runner, env, *args)
    assert result.exit_code == 0, result.stderr
    return str(result.stdout)


def _examples(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("assess ")]


@pytest.mark.parametrize("command", [[], ["score"], ["init"], ["review", "set"]])
def test_help_is_chinese_and_its_examples_run_as_printed(
    runner: CliRunner, command: list[str]
) -> None:
    english = _help(runner, ENGLISH, *command, "--help")
    chinese = _help(runner, CHINESE, *command, "--help")
    assert chinese == _help(runner, ENGLISH, "--lang", "zh-CN", *command, "--help")
    if command == ["score"]:  # its own --lang, before or after --help
        assert chinese == _help(runner, ENGLISH, *command, "--help", "--lang", "zh-CN")
        assert chinese == _help(runner, ENGLISH, *command, "--lang", "zh-CN", "--help")
    assert english.startswith("Usage: assess")
    assert "Show this message and exit." in english
    assert chinese.startswith("用法：assess")
    assert "选项：" in chinese
    assert "显示本帮助并退出。" in chinese
    assert "Usage" not in chinese and "Options" not in chinese
    assert "Show this message" not in chinese
    # Commands are never translated: every example is the English one, character for character.
    assert _examples(chinese) == _examples(english)
    # Nothing runs past the terminal: a Chinese character takes two of its 80 columns.
    from assess.plaintext import width

    assert max(width(line) for line in chinese.splitlines() if "assess " not in line) <= 80


def test_the_root_help_lists_every_command_in_chinese(runner: CliRunner) -> None:
    chinese = _help(runner, CHINESE, "--help")
    rows = chinese.split("命令：\n")[1].splitlines()
    names = [row.split()[0] for row in rows]
    assert names == list(get_command(app).commands)  # type: ignore[attr-defined]
    assert all(CJK.search(row) for row in rows)
    assert "  score     为答卷文件评分：得分、等级、与目标的差距、首要问题、评估质量。" in rows


def _commands() -> Iterator[tuple[str, Any]]:
    """Every command and group of the app, with its path."""
    pending = [("assess", get_command(app))]
    while pending:
        path, command = pending.pop()
        yield path, command
        for name, sub in getattr(command, "commands", {}).items():
            pending.append((f"{path} {name}", sub))


@pytest.mark.parametrize(("path", "command"), list(_commands()), ids=lambda x: str(x))
def test_every_help_text_of_every_command_has_its_chinese(path: str, command: Any) -> None:
    catalog = translations("zh-CN")
    wanted = [message_of(p) for p in paragraphs(command.help or "")]
    wanted += [p.help for p in command.params if getattr(p, "help", None)]
    missing = [m for m in wanted if m and catalog.gettext(m) == m]
    assert missing == [], f"{path}: not in the catalog (mark it with N_, then make catalog)"


def test_a_group_without_its_command_prints_its_help_with_status_2(runner: CliRunner) -> None:
    for env, first in ((ENGLISH, "Usage: assess review"), (CHINESE, "用法：assess review")):
        result = run(runner, env, "review")
        assert result.exit_code == ExitCode.bad_input
        assert result.stdout.startswith(first)
        assert "start" in result.stdout and result.stderr == ""
