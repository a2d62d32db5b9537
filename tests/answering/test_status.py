"""`assess status`: per dimension, what is answered, N/A, open, carried and without evidence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from tests.builders import ROOT, run_cli, small_questionnaire

ANSWERS = """\
questionnaire: {id: mini, version: "1.0"}
organization: {name: Acme, profile: baseline}
assessment: {period: "2025", date: 2025-11-20}
answers:
  A-01: {value: 2, evidence: [Policy v3]}
  A-02: {value: 1}
  A-03: {value: 3, carried_from: "2024"}
  B-01: {value: "no"}
"""


def test_status_counts_each_dimension_and_lists_what_is_left(
    runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    qpath = write_yaml(small_questionnaire(), "q.yaml")
    path = write_yaml(ANSWERS, "a.yaml")
    result = run_cli(runner, "status", path, "-q", qpath)
    assert result.exit_code == 0, result.stderr
    # B-02 is hidden by its condition (B-01 is no) and B-03 by the profile: not asked.
    assert result.stdout == (
        "dimension  answered  N/A  open  carried  no evidence  not asked  drafts\n"
        "A                 2    0     0        1            2          0       0\n"
        "B                 1    0     0        0            1          2       0\n"
        "total             3    0     0        1            3          2       0\n"
        "carried, to confirm: A-03\n"
        "no evidence: A-02, A-03, B-01\n"
    )


def test_status_lists_open_questions_and_na(
    runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    qpath = write_yaml(small_questionnaire(), "q.yaml")
    text = ANSWERS.replace(
        'B-01: {value: "no"}', 'B-01: {value: "yes"}\n  B-02: {na: true, justification: None here}'
    )
    path = write_yaml(text.replace("  A-02: {value: 1}\n", ""), "a.yaml")
    result = run_cli(runner, "status", path, "-q", qpath)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[2] == "B                 1    1     0        0            1          1       0"
    assert "open: A-02" in lines


def test_the_status_shown_in_the_answering_doc_is_the_real_output(runner: CliRunner) -> None:
    doc = (ROOT / "docs" / "answering.md").read_text(encoding="utf-8")
    shown = doc.split("$ assess status examples/harbourline-2025.yaml\n", 1)[1].split("```")[0]
    result = run_cli(runner, "status", ROOT / "examples" / "harbourline-2025.yaml")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == shown
