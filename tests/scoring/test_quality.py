"""Assessment-quality checks: the four ways of inflating a score each raise their check."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from tests.builders import ROOT, run_cli, small_questionnaire

EXAMPLE = ROOT / "examples" / "northwind-2025.yaml"
# cyberposture 1.0 was released before the quality rules existed and is never edited, so the
# profile floor (Q3) is a rule of 1.1, which Northwind answered in 2026.
EXAMPLE_1_1 = ROOT / "examples" / "northwind-2026.yaml"
OT = ["CII-02", "CII-04", "CII-05", "CII-09"]


def northwind() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    return data


def largely_without_evidence() -> dict[str, Any]:
    """Every practice 'Largely implemented', with no note and no evidence."""
    data = northwind()
    for qid, entry in data["answers"].items():
        entry.pop("evidence", None)
        entry.pop("note", None)
        if entry.get("value") in (0, 1, 3):
            data["answers"][qid] = {"value": 2}
    return data


def ot_na_with_one_character() -> dict[str, Any]:
    data = northwind()
    for qid in OT:
        data["answers"][qid] = {"na": True, "justification": "x"}
    return data


def profile_below_designation() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(EXAMPLE_1_1.read_text(encoding="utf-8"))
    data["organization"]["profile"] = "enhanced"
    return data


GAMING = {
    "Q1 evidence-missing": largely_without_evidence,
    "Q2 thin-na": ot_na_with_one_character,
    "Q3 profile-below-designation": profile_below_designation,
}


def vacuous(write_yaml: Callable[..., Path]) -> tuple[Path, Path]:
    """Dimension B of a baseline organization with B-02 N/A: only a level-1 question is scored."""
    q = write_yaml(small_questionnaire(), "mini.yaml")
    answers = write_yaml(
        {
            "questionnaire": {"id": "mini", "version": "1.0"},
            "organization": {"name": "Acme", "profile": "baseline"},
            "assessment": {"period": "2025", "date": "2025-11-20"},
            "answers": {
                "A-01": {"value": 3, "evidence": ["Policy"]},
                "A-02": {"value": 3, "evidence": ["Minutes"]},
                "A-03": {"value": 3, "evidence": ["Report"]},
                "B-01": {"value": "yes", "evidence": ["Register"]},
                "B-02": {"na": True, "justification": "No supplier has any access to our systems."},
            },
        },
        "acme.yaml",
    )
    return q, answers


@pytest.mark.parametrize("check", list(GAMING))
def test_each_gaming_case_raises_its_check_in_validate_strict_and_score(
    check: str, runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    path = write_yaml(GAMING[check](), "gamed.yaml")
    strict = run_cli(runner, "validate", "--strict", path)
    assert strict.exit_code == 1, strict.stderr
    assert f"{path}: quality issue {check}:" in strict.stdout
    assert run_cli(runner, "validate", path).exit_code == 0  # without --strict: unchanged
    table = run_cli(runner, "score", path)
    assert table.exit_code == 0
    count = sum(f"quality issue {check}" in line for line in strict.stdout.splitlines())
    assert f"  {check}: {count}" in table.stdout
    data = json.loads(run_cli(runner, "score", path, "--json").stdout)
    ident = check.split()[0]
    assert [c["issues"] for c in data["quality"]["checks"] if c["id"] == ident] == [count]


def test_the_gaming_cases_name_what_they_found(
    runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    def issues(data: dict[str, Any]) -> list[dict[str, Any]]:
        path = write_yaml(data, "case.yaml")
        out: list[dict[str, Any]] = json.loads(run_cli(runner, "score", path, "--json").stdout)[
            "quality"
        ]["issues"]
        return out

    thin = [i["question"] for i in issues(ot_na_with_one_character()) if i["check"] == "Q2"]
    assert thin == OT
    floor = [i for i in issues(profile_below_designation()) if i["check"] == "Q3"]
    assert [(i["question"], i["dimension"]) for i in floor] == [("HOL-10", "HOL")]
    assert issues(northwind()) == []  # the honest example raises nothing


def test_a_level_reached_without_questions_is_disclosed(
    runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    q, answers = vacuous(write_yaml)
    strict = run_cli(runner, "validate", "--strict", answers, "-q", q)
    assert strict.exit_code == 1
    assert (
        "quality issue Q4 vacuous-level: B: level 3 reached, but no applicable question of L2, L3"
        in strict.stdout
    )
    data = json.loads(run_cli(runner, "score", answers, "-q", q, "--json").stdout)
    assert [d["level"] for d in data["dimensions"]] == [3, 3]  # the score itself is unchanged
    assert "  Q4 vacuous-level: 1" in run_cli(runner, "score", answers, "-q", q).stdout


def test_repeated_justifications_carried_answers_and_out_of_scope_dimensions(
    runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    data = small_questionnaire()
    data["quality"] = {
        "out_of_scope": [{"question": "B-01", "in": ["yes"], "dimension": "B"}],
        "checks": {"Q1": {"enabled": False}, "Q2": {"min_length": 5}},
    }
    q = write_yaml(data, "mini.yaml")
    same = "We have no external suppliers at all."
    answers = write_yaml(
        {
            "questionnaire": {"id": "mini", "version": "1.0"},
            "organization": {"name": "Acme", "profile": "critical"},
            "assessment": {"period": "2025", "date": "2025-11-20"},
            "answers": {
                "A-01": {"value": 3, "carried_from": "2024"},
                "B-01": {"value": "yes"},
                "B-02": {"na": True, "justification": same},
                "B-03": {"value": 2},
            },
        },
        "acme.yaml",
    )
    report = json.loads(run_cli(runner, "score", answers, "-q", q, "--json").stdout)["quality"]
    status = {c["id"]: c["status"] for c in report["checks"]}
    assert status == {"Q1": "off", "Q2": "ran", "Q3": "not-configured", "Q4": "ran",
                      "Q5": "ran", "Q6": "ran"}  # fmt: skip
    found = {(i["check"], i["question"], i["dimension"]) for i in report["issues"]}
    assert ("Q5", "A-01", "A") in found
    assert ("Q6", "B-01", "B") in found
    assert not any(i["check"] == "Q2" for i in report["issues"])  # long enough, used once


def test_a_quality_rule_naming_an_unknown_profile_is_a_located_error(
    runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    data = small_questionnaire()
    data["quality"] = {"profile_floors": [{"question": "B-01", "in": ["yes"], "profile": "gold"}]}
    q = write_yaml(data, "mini.yaml")
    result = run_cli(runner, "validate", q)
    assert result.exit_code == 2
    assert "unknown profile 'gold' (choose one of baseline, critical)" in result.stderr
