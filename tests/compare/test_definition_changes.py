"""A question redefined between versions is never compared, or carried forward, silently."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.builders import PRACTICE, run_cli, small_questionnaire


def test_a_changed_scale_is_a_definition_change_not_a_change_of_posture(
    runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    old = write_yaml(small_questionnaire(), "mini-1.0.yaml")
    newer = small_questionnaire(version="1.1")
    # In 1.1, A-01 is answered on a stricter scale: "largely" (2) is worth half, not two thirds.
    strict = copy.deepcopy(PRACTICE)
    strict[2]["score"] = 0.5
    newer["scales"]["strict"] = strict
    newer["dimensions"][0]["questions"][0]["scale"] = "strict"
    new = write_yaml(newer, "mini-1.1.yaml")
    answers = {
        "questionnaire": {"id": "mini", "version": "1.0"},
        "organization": {"name": "Acme", "profile": "baseline"},
        "assessment": {"period": "2024", "date": "2024-06-01"},
        "answers": {"A-01": {"value": 2}, "A-02": {"value": 1}},
    }
    earlier = write_yaml(answers, "acme-2024.yaml")
    later = earlier.with_name("acme-2025.yaml")
    files = ("-q", old, "-q", new)
    init = run_cli(
        runner, "init", "-o", later, "--period", "2025", "--from", earlier,
        "--use", "mini@1.1", *files,
    )  # fmt: skip
    assert init.exit_code == 0, init.stderr
    assert "not carried: A-01: its definition changed in mini@1.1; answer it again" in init.stdout
    # The hint works as printed: the questionnaire came from a file, so it names the file.
    assert f"next: assess take {later} -q {new}" in init.stdout
    carried = later.read_text(encoding="utf-8")
    assert "A-02" in carried and "A-01" not in carried

    assert run_cli(runner, "answer", later, "A-01", "2", *files).exit_code == 0
    assert run_cli(runner, "answer", later, "A-02", "3", *files).exit_code == 0
    result = run_cli(runner, "compare", earlier, later, "--json", *files)
    assert result.exit_code == 0, result.stderr
    comparison = json.loads(result.stdout)
    changes = comparison["changes"]
    assert [q["id"] for q in changes["definition_changed"]] == ["A-01"]
    assert [q["id"] for q in changes["improved"]] == ["A-02"]
    assert changes["regressed"] == []  # 66.7 -> 50 on another scale is not a regression
    overall = comparison["compatibility"]["overall"]
    assert overall["definition_changed"] == ["A-01"]
    assert overall["comparable"] == overall["either"] - 1
    like = comparison["like_for_like"]
    assert all(period["dimensions"][0]["score"] is not None for period in like)
    # A's like-for-like score rests on A-02 alone (A-03 is unanswered in both: 0).
    assert like[0]["dimensions"][0]["score"] == pytest.approx(33.33 / 2)
    table = run_cli(runner, "compare", earlier, later, *files)
    assert "Definition changed (not counted as a change):" in table.stdout
