"""`assess score` as a user runs it: the table, the documented JSON, errors, and startup cost."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from tests.builders import ROOT, run_cli, small_questionnaire

EXAMPLE_Q = ROOT / "docs" / "examples" / "scoring-questionnaire.yaml"
EXAMPLE_A = ROOT / "docs" / "examples" / "scoring-answers.yaml"
SHIPPED = ROOT / "examples" / "northwind-2025.yaml"


def score_json(runner: CliRunner, *args: str | Path) -> Any:
    result = run_cli(runner, "score", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_table_shows_dimensions_overall_completeness_and_findings(runner: CliRunner) -> None:
    result = run_cli(runner, "score", EXAMPLE_A, "-q", EXAMPLE_Q)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Example Co., 2025: example@1.0, profile enhanced (target level 2)"
    rows = {line.split()[0]: line.split() for line in lines if line[:3] in ("SNS", "DEF", "OVE")}
    assert rows["SNS"][-6:] == ["70.8", "0", "2", "2", "71.7", "6/6"]
    assert rows["DEF"][-6:] == ["22.2", "1", "1", "0", "66.7", "1/2"]
    assert rows["OVERALL"][1:] == ["54.6", "0", "2", "70.0", "7/8"]
    assert "Completeness: 88% (6 answered, 1 N/A, 1 unanswered" in result.stdout
    assert "INCOMPLETE" in result.stdout
    findings = [line.split() for line in lines if line.startswith("  now") or "  next" in line]
    assert [f[:2] for f in findings] == [["now", "SNS-02"], ["next", "SNS-04"]]
    assert "Set a patch deadline for critical vulnerabilities." in result.stdout


def test_the_table_shown_in_the_scoring_doc_is_the_real_output(runner: CliRunner) -> None:
    doc = (ROOT / "docs" / "scoring.md").read_text(encoding="utf-8")
    shown = doc.split("The terminal table for this example:\n\n```\n", 1)[1].split("```", 1)[0]
    assert run_cli(runner, "score", EXAMPLE_A, "-q", EXAMPLE_Q).stdout == shown


def test_table_of_the_shipped_example_answers(runner: CliRunner) -> None:
    result = run_cli(runner, "score", SHIPPED)
    assert result.exit_code == 0, result.stderr
    for dimension in ("HOL", "DYN", "OPN", "REL", "SHR", "CII", "SNS", "DEF", "OVERALL"):
        assert re.search(rf"^{dimension} .*\d+/\d+$", result.stdout, re.MULTILINE), dimension
    assert "Completeness: " in result.stdout
    assert "Top findings" in result.stdout


def _documented_fields() -> list[str]:
    text = (ROOT / "docs" / "score-json.md").read_text(encoding="utf-8")
    return re.findall(r"^\| `([^`]+)` \|", text, re.MULTILINE)


def _fields(value: Any, prefix: str = "") -> list[str]:
    """Dotted paths of every key, depth first, with `[]` for list items."""
    found: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else key
            found += [path, *_fields(item, path)]
    elif isinstance(value, list):
        for item in value:
            found += [f for f in _fields(item, f"{prefix}[]") if f not in found]
    return found


def test_json_has_exactly_the_documented_fields_in_order(runner: CliRunner) -> None:
    data = score_json(runner, EXAMPLE_A, "-q", EXAMPLE_Q)
    # every list has an item to inspect
    assert data["findings"] and data["opportunities"] and data["quality"]["issues"]
    assert data["audited"] is None and data["review"] is None
    documented = _documented_fields()
    assert _fields(data) == [f for f in documented if not f.startswith("review.")]


def test_json_with_a_review_has_the_documented_fields_and_a_whole_audited_result(
    runner: CliRunner, tmp_path: Path
) -> None:
    review = tmp_path / "review.yaml"
    start: list[str | Path] = ["review", "start", EXAMPLE_A, "-o", review, "--auditor", "J"]
    start += ["-q", EXAMPLE_Q]
    assert run_cli(runner, *start).exit_code == 0
    done = run_cli(runner, "review", "set", review, "SNS-01", "--status", "verified",
                   "--method", "sampling", "--sample-size", "5", "-q", EXAMPLE_Q)  # fmt: skip
    assert done.exit_code == 0, done.stderr
    data = score_json(runner, EXAMPLE_A, "-q", EXAMPLE_Q, "--review", review)
    documented = _documented_fields()
    result_part = documented[: documented.index("quality")]
    expected = []
    for field in documented:
        expected.append(field)
        if field == "audited":
            expected += [f"audited.{f}" for f in result_part]
    assert _fields(data) == expected


def test_json_carries_the_required_numbers(runner: CliRunner) -> None:
    data = score_json(runner, SHIPPED)
    assert data["scoring_method"] == "1.0"
    assert data["profile"]["id"] == "critical"
    assert 0 <= data["overall"]["score"] <= 100
    assert isinstance(data["overall"]["level"], int)
    assert 0 <= data["completeness"] <= 1
    assert len(data["dimensions"]) == 8
    assert {f["phase"] for f in data["findings"]} <= {"now", "next", "later"}


def test_json_is_stable_from_run_to_run(runner: CliRunner) -> None:
    first = run_cli(runner, "score", SHIPPED, "--json").stdout
    assert first == run_cli(runner, "score", SHIPPED, "--json").stdout
    top_level = [f for f in _documented_fields() if "." not in f and "[" not in f]
    assert list(json.loads(first)) == top_level


def test_a_broken_answers_file_is_one_line_and_exit_2(
    runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    q = write_yaml(small_questionnaire(), "mini.yaml")
    bad = write_yaml(
        "questionnaire: {id: mini, version: '1.0'}\n"
        "organization: {name: Org, profile: baseline}\n"
        "assessment: {period: '2025', date: 2025-11-20}\n"
        "answers:\n  A-01: {value: 7}\n",
        "answers.yaml",
    )
    result = run_cli(runner, "score", bad, "-q", q)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert re.match(r"error: .*answers\.yaml:5:\d+: A-01: 7 is not an option", result.stderr)


def test_text_from_the_answers_cannot_drive_the_terminal(
    runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    q = write_yaml(small_questionnaire(), "mini.yaml")
    answers = write_yaml(
        {
            "questionnaire": {"id": "mini", "version": "1.0"},
            "organization": {"name": "Evil\x1b[2J Co.", "profile": "baseline"},
            "assessment": {"period": "2025", "date": "2025-11-20"},
            "answers": {},
        },
        "answers.yaml",
    )
    result = run_cli(runner, "score", answers, "-q", q)
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert "Evil?[2J Co." in result.stdout


def test_json_says_who_answered_and_when(runner: CliRunner, tmp_path: Path) -> None:
    text = EXAMPLE_A.read_text(encoding="utf-8")
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    done = run_cli(
        runner, "answer", "--by", "Priya Raman", "-q", EXAMPLE_Q, "--", path, "SNS-04", "2"
    )
    assert done.exit_code == 0, done.stderr
    questions = [
        q for d in score_json(runner, path, "-q", EXAMPLE_Q)["dimensions"] for q in d["questions"]
    ]
    first = next(q for q in questions if q["question"] == "SNS-04")
    assert first["answered_by"] == "Priya Raman"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:Z|[+-]\d\d:\d\d)", first["answered_at"])
    others = [q for q in questions if q["question"] != "SNS-04"]
    assert {q["answered_by"] for q in others} == {None}
