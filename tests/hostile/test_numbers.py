"""Hostile numbers: YAML's `.nan` and `.inf`, and weights so large that sums overflow.

Each case: what it attacks -> what must happen. The whole catalogue is tests/hostile/README.md.
- `.nan` or `.inf` in any weight, score, band, bound or threshold of a questionnaire ->
  `validate` refuses it in one line at that value's line
- `.nan` or `.inf` as a number answer -> refused in one line at its line
- weights of 1e308 (each finite, their sum is not) -> refused in one line
- `score --json` and `compare --json` -> always strict JSON, never `NaN` or `Infinity`, even
  with the largest weights allowed
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from tests.builders import multi, number, run_cli, small_questionnaire

INF = math.inf
NAN = math.nan


def _questionnaire(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = small_questionnaire()
    data["dimensions"][0]["questions"].append(number("A-04"))
    data["dimensions"][0]["questions"].append(
        multi("A-05", [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}])
    )
    data = copy.deepcopy(data)  # the builders share their default bands between questions
    change(data)
    return data


def _set(path: tuple[Any, ...], value: float) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


QUESTION = ("dimensions", 0, "questions")
PLACES = {
    "dimension weight": ("dimensions", 1, "weight"),
    "question weight": (*QUESTION, 0, "weight"),
    "scale score": ("scales", "practice", 1, "score"),
    "band max": (*QUESTION, 3, "bands", 0, "max"),
    "band score": (*QUESTION, 3, "bands", 1, "score"),
    "minimum": (*QUESTION, 3, "minimum"),
    "maximum": (*QUESTION, 3, "maximum"),
    "checklist weight": (*QUESTION, 4, "options", 1, "weight"),
    "met threshold": ("met_threshold",),
}


@pytest.mark.parametrize("value", [NAN, INF, -INF], ids=["nan", "inf", "-inf"])
@pytest.mark.parametrize("place", PLACES)
def test_non_finite_numbers_are_refused(tmp_path: Path, place: str, value: float) -> None:
    path = tmp_path / "q.yaml"
    text = yaml.safe_dump(_questionnaire(_set(PLACES[place], value)), sort_keys=False)
    path.write_text(text, encoding="utf-8")
    result = run_cli(CliRunner(), "validate", path)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}:"), result.stderr
    line = int(lines[0].split(":")[2])
    assert any(m in text.splitlines()[line - 1] for m in (".nan", ".inf", "-.inf")), lines[0]


def test_weights_whose_sum_overflows_are_refused(tmp_path: Path) -> None:
    def huge(data: dict[str, Any]) -> None:
        for dimension in data["dimensions"]:
            dimension["weight"] = 1e308

    path = tmp_path / "q.yaml"
    path.write_text(yaml.safe_dump(_questionnaire(huge), sort_keys=False), encoding="utf-8")
    result = run_cli(CliRunner(), "validate", path)
    assert result.exit_code == 2 and "less than or equal to 1000000" in result.stderr


def _answers(tmp_path: Path, q: dict[str, Any], a04: object) -> tuple[Path, Path]:
    qpath = tmp_path / "q.yaml"
    qpath.write_text(yaml.safe_dump(q, sort_keys=False), encoding="utf-8")
    apath = tmp_path / "a.yaml"
    data = {
        "questionnaire": {"id": "mini", "version": "1.0"},
        "organization": {"name": "Acme", "profile": "critical"},
        "assessment": {"period": "2025", "date": "2025-11-20"},
        "answers": {"A-01": {"value": 3}, "A-04": {"value": a04}, "B-01": {"value": "yes"}},
    }
    apath.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return qpath, apath


@pytest.mark.parametrize("value", [NAN, INF], ids=["nan", "inf"])
def test_a_non_finite_answer_is_refused(tmp_path: Path, value: float) -> None:
    qpath, apath = _answers(tmp_path, _questionnaire(lambda _: None), value)
    result = run_cli(CliRunner(), "score", apath, "-q", qpath)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"error: {apath}:")


def _strict(text: str) -> Any:
    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


def test_json_stays_json_with_the_largest_weights(tmp_path: Path) -> None:
    def heaviest(data: dict[str, Any]) -> None:
        for dimension in data["dimensions"]:
            dimension["weight"] = 1e6
            for question in dimension["questions"]:
                question["weight"] = 1e6

    qpath, apath = _answers(tmp_path, _questionnaire(heaviest), 3)
    result = run_cli(CliRunner(), "score", apath, "-q", qpath, "--json")
    assert result.exit_code == 0, result.stderr
    assert 0 <= _strict(result.stdout)["overall"]["score"] <= 100
    earlier = tmp_path / "earlier.yaml"
    earlier.write_text(apath.read_text(encoding="utf-8").replace("'2025'", "'2024'"), "utf-8")
    result = run_cli(CliRunner(), "compare", earlier, apath, "-q", qpath, "--json")
    assert result.exit_code == 0, result.stderr
    _strict(result.stdout)
