"""Comparing across questionnaire versions: renamed, added and removed questions, by hand.

Two versions of the small questionnaire of conftest:

  1.0: A (weight 1): A-01 L1, A-02 L2, A-03 L3     B (weight 2): B-01 L1 yes/no, B-02 L2, B-03 L3
  2.0: A (weight 1): A-10 L1 (was A-01), A-02 L2, A-04 L2 (new)      B: unchanged
       A-03 is gone.

Every figure below is worked out by hand in the comments, not taken from the code.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.builders import choice, run_cli, small_questionnaire

ORG = "Lakeside Water Board"


def version_1() -> dict[str, Any]:
    return small_questionnaire()


def version_2() -> dict[str, Any]:
    data = small_questionnaire(version="2.0")
    dim_a = data["dimensions"][0]
    dim_a["questions"] = [
        choice("A-10", 1, previous_ids=["A-01"]),
        choice("A-02", 2),
        choice("A-04", 2),
    ]
    return data


def version_3() -> dict[str, Any]:
    """3.0 renames A-10 again and names only its immediate predecessor."""
    data = copy.deepcopy(version_2())
    data["version"] = "3.0"
    data["dimensions"][0]["questions"][0] = choice("A-20", 1, previous_ids=["A-10"])
    return data


def answers(version: str, period: str, entries: dict[str, Any]) -> dict[str, Any]:
    return {
        "questionnaire": {"id": "mini", "version": version},
        "organization": {"name": ORG, "profile": "critical"},
        "assessment": {"period": period, "date": f"{period}-06-30"},
        "answers": {k: v if isinstance(v, dict) else {"value": v} for k, v in entries.items()},
    }


# Practice scale: 1 -> 0.3333, 2 -> 0.6667, 3 -> 1; yes -> 1. Weights are all 1.
OLD = {
    "A-01": 1,  # 33.33
    "A-02": 2,  # 66.67
    "A-03": 3,  # 100, removed in 2.0
    "B-01": "yes",  # 100
    "B-02": {"na": True, "justification": "No external suppliers in 2024."},
    "B-03": 1,  # 33.33
}
NEW = {
    "A-10": 3,  # 100 (A-01 renamed)
    "A-02": 1,  # 33.33: regressed
    "A-04": 3,  # 100, added in 2.0
    "B-01": "yes",  # 100
    "B-02": 2,  # 66.67: applicable again
    "B-03": 2,  # 66.67
}


@pytest.fixture
def files(write_yaml: Callable[..., Path]) -> list[Path]:
    return [
        write_yaml(version_1(), "mini-1.0.yaml"),
        write_yaml(version_2(), "mini-2.0.yaml"),
        write_yaml(answers("1.0", "2024", OLD), "lakeside-2024.yaml"),
        write_yaml(answers("2.0", "2025", NEW), "lakeside-2025.yaml"),
    ]


def compare_json(runner: CliRunner, *args: str | Path) -> dict[str, Any]:
    result = run_cli(runner, "compare", *args, "--json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_compatibility_counts_renamed_questions_as_comparable(
    runner: CliRunner, files: list[Path]
) -> None:
    q1, q2, old, new = files
    data = compare_json(runner, new, old, "-q", q1, "-q", q2)
    x = data["compatibility"]["overall"]
    # Scored questions in 1.0: A-01 A-02 A-03 B-01 B-02 B-03 (6); in 2.0: A-10 A-02 A-04 B-01
    # B-02 B-03 (6). Comparable in both: A-01=A-10, A-02, B-01, B-02, B-03 = 5.
    # In either: 6 + 6 - 5 = 7. Compatibility 5/7 = 0.714.
    assert (x["comparable"], x["either"]) == (5, 7)
    assert x["ratio"] == pytest.approx(5 / 7)
    assert x["renamed"] == [{"from_id": "A-01", "to_id": "A-10"}]
    assert (x["added"], x["removed"]) == (["A-04"], ["A-03"])
    assert data["compatibility"]["same_version"] is False
    assert data["compatibility"]["steps"] == [x]  # two periods: one step, the same pair


def test_like_for_like_scores_only_the_common_questions(
    runner: CliRunner, files: list[Path]
) -> None:
    q1, q2, old, new = files
    data = compare_json(runner, old, new, "-q", q1, "-q", q2)
    # Common and scored in both periods, B-01, B-03. B-02 is common but N/A
    # in 2024, so it leaves both sides; A-03 (removed) and A-04 (added) are not common.
    assert data["compatibility"]["like_for_like_questions"] == 4
    assert data["compatibility"]["excluded"] == ["B-02"]
    lf24, lf25 = data["like_for_like"]
    # 2024: A = (33.33 + 66.67) / 2 = 50.00; B = (100 + 33.33) / 2 = 66.665
    #       overall = (1 x 50.00 + 2 x 66.665) / 3 = 61.11
    # 2025: A = (100 + 33.33) / 2 = 66.665; B = (100 + 66.67) / 2 = 83.335
    #       overall = (1 x 66.665 + 2 x 83.335) / 3 = 77.78
    assert lf24["overall_score"] == pytest.approx(61.11, abs=0.01)
    assert lf25["overall_score"] == pytest.approx(77.78, abs=0.01)
    assert [d["score"] for d in lf24["dimensions"]] == pytest.approx([50.0, 66.665], abs=0.01)
    assert [d["score"] for d in lf25["dimensions"]] == pytest.approx([66.665, 83.335], abs=0.01)
    # The full scores include every scored question of each version:
    # 2024: A = (33.33 + 66.67 + 100) / 3 = 66.67; B = (100 + 33.33) / 2 = 66.665 (B-02 N/A)
    #       overall = (66.67 + 2 x 66.665) / 3 = 66.67
    # 2025: A = (100 + 33.33 + 100) / 3 = 77.78; B = (100 + 66.67 + 66.67) / 3 = 77.78
    #       overall = 77.78
    full = [a["overall_score"] for a in data["assessments"]]
    assert full == pytest.approx([66.67, 77.78], abs=0.01)
    # So the full score rose by 11.1 but like for like the posture rose by 16.7.


def test_added_and_removed_questions_are_listed_never_counted(
    runner: CliRunner, files: list[Path]
) -> None:
    q1, q2, old, new = files
    changes = compare_json(runner, old, new, "-q", q1, "-q", q2)["changes"]
    ids = {k: [c["id"] for c in changes[k]] for k in ("improved", "regressed", "added")}
    ids |= {k: [c["id"] for c in changes[k]] for k in ("removed", "became_applicable")}
    # A-10 33.33 -> 100 (matched to A-01); B-03 33.33 -> 66.67; A-02 66.67 -> 33.33.
    assert ids["improved"] == ["A-10", "B-03"]
    assert changes["improved"][0]["previous_id"] == "A-01"
    assert ids["regressed"] == ["A-02"]
    # A-04 scores 100 and A-03 scored 100: neither is an improvement or a decline.
    assert ids["added"] == ["A-04"] and ids["removed"] == ["A-03"]
    assert changes["added"][0]["from_score"] is None
    assert ids["became_applicable"] == ["B-02"]
    assert changes["unchanged"] == 1  # B-01


def test_findings_are_matched_through_renames(runner: CliRunner, files: list[Path]) -> None:
    q1, q2, old, new = files
    changes = compare_json(runner, old, new, "-q", q1, "-q", q2)["changes"]
    # Profile critical: target 3, B target 2. 2024 findings: A-01 only (level 1, 33.33 is not
    # met; B-03 is level 3, above B's target: an opportunity). 2025 findings: A-02 only.
    closed = [(f["id"], f["previous_id"], f["reason"]) for f in changes["findings_closed"]]
    opened = [(f["id"], f["reason"]) for f in changes["findings_opened"]]
    assert closed == [("A-10", "A-01", "met")]
    assert opened == [("A-02", "no_longer_met")]


def test_a_chain_of_renames_is_followed_through_the_middle_version(
    runner: CliRunner, files: list[Path], write_yaml: Callable[..., Path]
) -> None:
    q1, q2, old, new = files
    q3 = write_yaml(version_3(), "mini-3.0.yaml")
    latest = {k.replace("A-10", "A-20"): v for k, v in NEW.items()}
    newest = write_yaml(answers("3.0", "2026", latest), "lakeside-2026.yaml")
    data = compare_json(runner, old, new, newest, "-q", q1, "-q", q2, "-q", q3)
    # A-01 (1.0) -> A-10 (2.0) -> A-20 (3.0): one question, reported under its newest id.
    first = data["compatibility"]["overall"]
    assert first["renamed"] == [{"from_id": "A-01", "to_id": "A-20"}]
    assert (first["comparable"], first["either"]) == (5, 7)
    assert data["compatibility"]["steps"][1]["renamed"] == [{"from_id": "A-10", "to_id": "A-20"}]
    assert data["questionnaire"]["version"] == "3.0"


def test_the_table_states_compatibility_and_like_for_like(
    runner: CliRunner, files: list[Path]
) -> None:
    q1, q2, old, new = files
    result = run_cli(runner, "compare", old, new, "-q", q1, "-q", q2)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "2024 (1.0) -> 2025 (2.0): 5 of 7 scored questions comparable (71%)" in out
    assert "    renamed: A-01 -> A-10" in out
    assert "Like-for-like over 4 questions (B-02 left out" in out
    assert "  like-for-like  61.1  77.8" in out
    assert "Added (not counted as a change):\n    A-04" in out
    assert "Removed (not counted as a change):\n    A-03" in out
