"""`assess review take` in a real 80x24 pseudo-terminal: the auditor's happy path."""

# ruff: noqa: RUF001 (Chinese text has its own punctuation)
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pexpect
import pytest
import yaml
from typer.testing import CliRunner

from assess.files.reviewfile import parse_review
from assess.model.review import Adjusted, NotSampled, Verified
from tests.builders import ROOT, run_cli, small_questionnaire

TIMEOUT = 15


def test_the_auditor_walks_the_answers_and_every_verdict_is_saved(
    tmp_path: Path, runner: CliRunner
) -> None:
    q = tmp_path / "q.yaml"
    q.write_text(yaml.safe_dump(small_questionnaire(), sort_keys=False), encoding="utf-8")
    answers = tmp_path / "acme.yaml"
    answers.write_text(
        yaml.safe_dump(
            {
                "questionnaire": {"id": "mini", "version": "1.0"},
                "organization": {"name": "Acme", "profile": "baseline"},
                "assessment": {"period": "2025", "date": "2025-11-20"},
                "answers": {
                    "A-01": {"value": 3, "note": "Board approved.", "evidence": ["Policy v3"]},
                    "A-02": {"value": 2},
                    "A-03": {"value": 1},
                },
            },
            sort_keys=False,
        ),
        encoding="utf-8",
    )
    review = tmp_path / "acme.review.yaml"
    start = run_cli(runner, "review", "start", answers, "-o", review, "--auditor", "J", "-q", q)
    assert start.exit_code == 0
    env = {**os.environ, "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1", "NO_COLOR": "1"}
    child = pexpect.spawn(
        sys.executable, ["-m", "assess", "review", "take", str(review), "-q", str(q)],
        cwd=str(tmp_path), env=env, encoding="utf-8", timeout=TIMEOUT, dimensions=(24, 80),
    )  # fmt: skip
    try:
        child.expect("Answer 1 of 3")
        child.expect("Evidence: Policy v3")
        child.expect("Your verdict:")
        child.send("1\r")  # verified
        child.expect("How did you test it")
        child.send("1\r")  # inspection
        child.expect("Comment")
        child.sendline("Policy seen, signed.")
        child.expect("Answer 2 of 3")
        child.expect("Evidence: none cited")
        child.expect("Your verdict:")
        child.send("2\r")  # adjusted
        child.expect("How did you test it")
        child.send("5\r")  # sampling
        child.expect("Sample size")
        child.sendline("12")
        child.expect("The value you found")
        child.send("1\r")  # the scale's own value 1: Partially
        child.expect("Comment")
        child.sendline("4 of 12 sites lack it.")
        child.expect("Answer 3 of 3")
        child.expect("Your verdict:")
        child.send("4\r")  # not sampled
        child.expect("Comment")
        child.sendline("")
        child.expect("Done: 3 verdict")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    entries = parse_review(review)[0].entries
    assert (
        isinstance(entries["A-01"], Verified) and entries["A-01"].comment == "Policy seen, signed."
    )
    a02 = entries["A-02"]
    assert isinstance(a02, Adjusted) and (a02.value, a02.sample_size) == (1, 12)
    assert isinstance(entries["A-03"], NotSampled)


@pytest.mark.pty
def test_the_walk_speaks_chinese_and_saves_the_same_values(
    tmp_path: Path, runner: CliRunner
) -> None:
    answers = tmp_path / "nw.yaml"
    shutil.copy(ROOT / "examples" / "northwind-2025.yaml", answers)
    review = tmp_path / "nw.review.yaml"
    start = run_cli(runner, "review", "start", answers, "-o", review, "--auditor", "张敏")
    assert start.exit_code == 0
    env = {**os.environ, "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1", "NO_COLOR": "1"}
    env |= {"LANG": "zh_CN.UTF-8"}
    child = pexpect.spawn(
        sys.executable, ["-m", "assess", "review", "take", str(review)],
        cwd=str(tmp_path), env=env, encoding="utf-8", timeout=TIMEOUT, dimensions=(24, 80),
    )  # fmt: skip
    try:
        child.expect("第 1 个答案，共 73 个  \\|  文件中已有 0 条审核结论")
        child.expect("HOL-02 维护评估范围内")  # the question from the bundled translation
        child.expect("答案：3（全面实施）")
        child.expect("您的审核结论：")
        child.expect("1\\) 已核实：证据支持该答案")
        child.send("1\r")
        child.expect("如何测试的？")
        child.send("1\r")  # inspection
        child.expect("说明（留空：无）：")
        child.sendline("")
        child.expect("已保存：HOL-02 已核实")
        child.expect("第 2 个答案，共 73 个  \\|  文件中已有 1 条审核结论")
        child.expect("您的审核结论：")
        child.send("6\r")  # save and quit
        child.expect("已保存。继续审核：assess review take ")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    verdict = parse_review(review)[0].entries["HOL-02"]
    assert isinstance(verdict, Verified) and verdict.method == "inspection"
