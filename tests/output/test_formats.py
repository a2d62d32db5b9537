"""Every output format of `assess score` has a working formatter."""

from __future__ import annotations

import json

import pytest

from assess.files.loading import load_answers
from assess.output.formats import FORMATTERS, OutputFormat, render
from assess.scoring.engine import Result, score
from tests.builders import ROOT


@pytest.fixture(scope="module")
def result() -> Result:
    examples = ROOT / "docs" / "examples"
    answers, q = load_answers(
        examples / "scoring-answers.yaml", [examples / "scoring-questionnaire.yaml"]
    )
    return score(q, answers)


def test_every_format_has_a_formatter() -> None:
    assert set(FORMATTERS) == set(OutputFormat)


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_every_formatter_renders_the_result(result: Result, fmt: OutputFormat) -> None:
    text = render(result, fmt)
    assert text.endswith("\n")
    assert "SNS" in text and "DEF" in text
    assert "SNS-02" in text  # the top finding


def test_json_round_trips_to_the_same_result(result: Result) -> None:
    assert Result.model_validate(json.loads(render(result, OutputFormat.json))) == result


def test_table_rounds_and_json_does_not(result: Result) -> None:
    assert " 70.8 " in render(result, OutputFormat.table)
    assert json.loads(render(result, OutputFormat.json))["dimensions"][0]["score"] == (
        pytest.approx(70.8333333)
    )
