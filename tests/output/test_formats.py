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
    if fmt is not OutputFormat.csv:  # a CSV row counts findings, it does not list them
        assert "SNS-02" in text  # the top finding


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_every_formatter_renders_a_comparison(fmt: OutputFormat) -> None:
    from assess.compare.engine import compare_inputs, read_inputs

    years = [ROOT / "examples" / f"northwind-{y}.yaml" for y in (2024, 2025)]
    text = render(compare_inputs(read_inputs(years)), fmt)
    assert text.endswith("\n")
    assert "2024" in text and "2025" in text and "Northwind Grid Co." in text


def test_json_round_trips_to_the_same_result(result: Result) -> None:
    assert Result.model_validate(json.loads(render(result, OutputFormat.json))) == result


def test_table_rounds_and_json_does_not(result: Result) -> None:
    assert " 70.8 " in render(result, OutputFormat.table)
    assert json.loads(render(result, OutputFormat.json))["dimensions"][0]["score"] == (
        pytest.approx(70.8333333)
    )


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_many_results_come_piece_by_piece_as_one_output_would(
    result: Result, fmt: OutputFormat
) -> None:
    """Tables a blank line apart and one JSON line each, as they come; CSV whole at the end."""
    from assess.output.formats import output_pieces, shape

    pieces = list(output_pieces((shape(result, fmt) for _ in range(3)), fmt))
    if fmt is OutputFormat.csv:
        assert len(pieces) == 1
        header, row = render(result, fmt).splitlines()
        assert pieces[0].splitlines() == [header, row, row, row]
    elif fmt is OutputFormat.json:
        line = pieces[0]
        assert line.endswith("\n") and line.count("\n") == 1
        assert json.loads(line)["organization"] == result.organization
        assert pieces == [line, line, line]
    else:
        table = render(result, fmt)
        assert pieces == [table, "\n" + table, "\n" + table]
