"""`assess take` in Chinese in a real 80x24 pseudo-terminal: the screen in Chinese (the tool's
words from the catalog, the questionnaire's from its zh-CN translation), wrapped by display
width, the same keys, and the same answers saved as in English."""

# ruff: noqa: RUF001 (Chinese text has its own punctuation)
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pexpect
import pytest
from typer.testing import CliRunner
from wcwidth import wcswidth

from assess.files.loading import load_answers
from tests.builders import run_cli, unstamped

pytestmark = pytest.mark.pty  # Each test drives `assess take` in a pseudo-terminal.

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]")
CLEAR = "\x1b[H\x1b[2J"
PROMPT = r"字母(，然后按回车)?："  # the end of every Chinese prompt for an answer


def new_file(tmp_path: Path, runner: CliRunner, name: str, version: str = "1.0") -> Path:
    path = tmp_path / name
    args = ["--org", "Grid", "--profile", "critical", "--period", "2025"]
    use = f"cyberposture@{version}"
    assert run_cli(runner, "init", "-o", path, *args, "--use", use).exit_code == 0
    return path


def spawn(path: Path, *extra: str, lang: str = "C.UTF-8") -> pexpect.spawn:
    env = {**os.environ, "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1", "NO_COLOR": "1"}
    env.update({"ASSESS_USER": "Tester", "LANG": lang, "LC_ALL": "", "LC_MESSAGES": ""})
    return pexpect.spawn(
        sys.executable,
        ["-m", "assess", "take", str(path), *extra],
        cwd=str(path.parent),
        env=env,
        encoding="utf-8",
        timeout=15,
        dimensions=(24, 80),
    )


def screen_of(child: pexpect.spawn) -> list[str]:
    """The lines drawn since the last clear, up to the prompt, escapes removed."""
    drawn = child.before.rsplit(CLEAR, 1)[-1] + child.after
    return ANSI.sub("", drawn.replace("\r", "")).split("\n")


def wait_for(child: pexpect.spawn, qid: str, prompt: str = PROMPT) -> None:
    child.expect(f"· {qid}\r\n")
    child.expect(prompt)


def answer(child: pexpect.spawn, key: str) -> None:
    child.send(key)
    child.send("\r")


@pytest.mark.parametrize("version", ["1.0", "1.1"])
def test_every_chinese_screen_of_the_shipped_questionnaire_fits_80_by_24(
    tmp_path: Path, runner: CliRunner, sessions: list[pexpect.spawn], version: str
) -> None:
    path = new_file(tmp_path, runner, "grid.yaml", version)
    child = spawn(path, "--lang", "zh-CN")
    sessions.append(child)
    shown = 0
    while child.expect_exact([CLEAR, "道题目未完成"]) == 0:
        child.expect(PROMPT)
        lines = screen_of(child)
        header, progress = lines[0], lines[1]
        # The dimension's Chinese name, the question id, and where the session stands.
        assert re.fullmatch(r"[A-Z]{3} \w+ · [A-Z]{3}-\d\d", header), header
        assert re.fullmatch(
            r"本次作答第 \d+ 题，共 \d+ 题 · 已答 \d+，不适用 \d+，未答 \d+", progress
        )
        assert len(lines) <= 24, "\n".join(lines)
        # Chinese characters take two columns: nothing runs past the 80th.
        assert max(wcswidth(line) for line in lines) <= 80, "\n".join(lines)
        question = next(line for line in lines[3:] if line and not line.startswith(" "))
        assert re.search("[\u4e00-\u9fff]{6}", question), question
        shown += 1
        # 1.1 asks the CII questions only of a designated operator: say so, to see them all
        answer(child, "1" if header.endswith("· HOL-10") else "s")
    assert shown >= {"1.0": 60, "1.1": 139}[version]
    child.expect("已保存。继续作答：")


def test_answers_typed_on_a_chinese_screen_are_saved_as_in_english(
    tmp_path: Path, runner: CliRunner, sessions: list[pexpect.spawn]
) -> None:
    files = {}
    for lang, prompt in (("zh_CN.UTF-8", PROMPT), ("C.UTF-8", "or a letter")):
        path = files[lang] = new_file(tmp_path, runner, f"grid-{lang}.yaml")
        child = spawn(path, lang=lang)
        sessions.append(child)
        wait_for(child, "HOL-01", prompt)
        answer(child, "s")  # a text question
        if lang.startswith("zh"):
            child.expect_exact("HOL 整体性 · HOL-02\r\n")  # the dimension's Chinese name
            child.expect(prompt)
        else:
            wait_for(child, "HOL-02", prompt)
        if lang.startswith("zh"):
            screen = "\n".join(screen_of(child))
            assert "本次作答第 2 题，共 71 题" in screen
            assert "资产清单" in screen  # the question, from the zh-CN translation
            assert "[2] 大部分实施：" in screen  # the scale's labels, and the legend
            assert "g 指引 e 备注/证据 s 跳过 b 上一题 q 退出" in screen
        answer(child, "2")
        wait_for(child, "HOL-03", prompt)
        answer(child, "")  # Enter alone chooses nothing, and says so
        wait_for(child, "HOL-03", prompt)
        if lang.startswith("zh"):
            assert "  ! 尚未选择：请输入所列按键之一，然后按回车。" in screen_of(child)
        answer(child, "1")
        wait_for(child, "HOL-04", prompt)
        answer(child, "q")
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
        if lang.startswith("zh"):
            assert "已保存。继续作答：assess take" in child.before
    chinese = load_answers(files["zh_CN.UTF-8"])[0].answers
    english = load_answers(files["C.UTF-8"])[0].answers
    assert unstamped(chinese) == unstamped(english)
    values = {qid: getattr(entry, "value", None) for qid, entry in english.items()}
    assert values == {"HOL-02": 2, "HOL-03": 1}


def test_a_chinese_session_says_in_chinese_why_questions_are_not_asked(
    tmp_path: Path, runner: CliRunner, sessions: list[pexpect.spawn]
) -> None:
    path = new_file(tmp_path, runner, "grid.yaml")
    child = spawn(path, "--dimension", "CII", lang="zh_CN.UTF-8")
    sessions.append(child)
    wait_for(child, "CII-01")
    shown = "".join(screen_of(child)).replace("  ", "")
    assert (
        "! 不予提问：CII-03, CII-07, CII-08 仅在 CII-01 为“已认定为关键信息基础设施”时适用。"
        in (shown)
    )
    answer(child, "2")  # 非关键信息基础设施
    wait_for(child, "CII-02")
    child.sendintr()
    child.expect(f"已中断。此前的答案和备注均已保存在 {path} 中。")
    child.expect(f"继续作答：assess take {path} --dimension CII")
    child.expect(pexpect.EOF)
    saved = load_answers(path)[0].answers
    assert {qid: getattr(e, "value", None) for qid, e in saved.items()} == {
        "CII-01": "not-designated"
    }
