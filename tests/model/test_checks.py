"""Every questionnaire rule, seen the way a user sees it: through `assess validate`."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from tests.builders import assert_one_located_error, number, run_cli, small_questionnaire


def _q(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = small_questionnaire()
    change(data)
    return data


def _question(data: dict[str, Any], dim: int, index: int) -> dict[str, Any]:
    question: dict[str, Any] = data["dimensions"][dim]["questions"][index]
    return question


def _set(dim: int, index: int, **fields: Any) -> Callable[[dict[str, Any]], None]:
    return lambda data: _question(data, dim, index).update(fields)


def _both(
    first: Callable[[dict[str, Any]], None], second: Callable[[dict[str, Any]], None]
) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        first(data)
        second(data)

    return change


CASES: list[tuple[str, Callable[[dict[str, Any]], None], str, str]] = [
    ("duplicate question id", _set(0, 1, id="A-01"), "duplicate id 'A-01'", "id: A-01"),
    (
        "dangling when",
        _set(1, 1, when={"question": "Z-99", "in": ["yes"]}),
        "`when` looks at 'Z-99', which is not an earlier question",
        "question: Z-99",
    ),
    (
        "when on a later question",
        _set(0, 0, when={"question": "A-03", "in": [3]}),
        "`when` looks at 'A-03', which is not an earlier question",
        "question: A-03",
    ),
    (
        "when on a value the question cannot take",
        _set(1, 1, when={"question": "B-01", "in": ["maybe"]}),
        "expects 'maybe' from B-01",
        "- maybe",
    ),
    (
        "withdrawn CSF id",
        _set(0, 0, references={"nist-csf-2.0": ["ID.BE-01"]}),
        "subcategory ID.BE-01 is withdrawn (cite GV.OC-05 instead)",
        "- ID.BE-01",
    ),
    (
        "withdrawn CSF id split in two",
        _set(0, 0, references={"nist-csf-2.0": ["ID.AM-06"]}),
        "subcategory ID.AM-06 is withdrawn (cite GV.RR-02 or GV.SC-02 instead)",
        "- ID.AM-06",
    ),
    (
        "unknown CSF id",
        _set(0, 0, references={"nist-csf-2.0": ["GV.XX-99"]}),
        "'GV.XX-99' is not a NIST CSF 2.0 subcategory",
        "- GV.XX-99",
    ),
    ("unknown scale", _set(0, 1, scale="practise"), "unknown scale 'practise'", "scale: practise"),
    (
        "unknown profile on a question",
        _set(0, 2, profiles=["huge"]),
        "unknown profile 'huge'",
        "- huge",
    ),
    ("unknown level", _set(0, 2, level=4), "no level 4", "level: 4"),
    ("weight not positive", _set(0, 0, weight=0), "greater than 0", "weight: 0"),
    (
        "profile targets an unknown dimension",
        lambda d: d["profiles"][1]["targets"].update({"ZZZ": 2}),
        "targets an unknown dimension 'ZZZ'",
        "ZZZ: 2",
    ),
    (
        "score out of range",
        lambda d: d["scales"]["practice"][3].update(score=1.5),
        "less than or equal to 1",
        "score: 1.5",
    ),
    (
        "duplicate option value",
        lambda d: d["scales"]["practice"][1].update(value=0),
        "duplicate option value 0",
        "value: 0",
    ),
    (
        "levels out of order",
        lambda d: d["levels"][1].update(level=5),
        "levels must be numbered 1, 2, 3",
        "levels:",
    ),
    (
        "unknown key",
        _set(0, 0, colour="blue"),
        "A-01.colour: unknown key",
        "colour: blue",
    ),
    (
        "previous id claimed twice",
        _both(_set(0, 1, previous_ids=["OLD-1"]), _set(0, 2, previous_ids=["OLD-1"])),
        "previous id 'OLD-1' is already claimed by A-02",
        "- OLD-1",
    ),
    (
        "previous id reused",
        _set(0, 2, previous_ids=["A-01"]),
        "previous id 'A-01' is a current id",
        "- A-01",
    ),
    (
        "basis not in the source",
        _both(
            lambda d: d.update(source="speech-2016"),
            _set(0, 0, basis="There is no absolute security, we must pursue it at any cost"),
        ),
        "question A-01: basis is not in the source text speech-2016",
        "basis: There is no absolute security, we must pursue it at any cost",
    ),
    (
        "unknown source",
        lambda d: d.update(source="speech-1999"),
        "unknown source 'speech-1999'",
        "source: speech-1999",
    ),
    (
        "anchor for a value the scale lacks",
        _set(0, 0, anchors={0: "None.", 1: "Some.", 2: "Most.", 3: "All.", 4: "More."}),
        "anchor 4 is not a value of scale 'practice'",
        "4: More.",
    ),
    (
        "anchor missing for a value",
        _set(0, 0, anchors={0: "None.", 1: "Some.", 3: "All."}),
        "no anchor for value 2 of scale 'practice'",
        "anchors:",
    ),
    (
        "law article that does not exist",
        _set(0, 0, references={"pipl-2021": ["Art. 75"]}),
        "'Art. 75' is not a known pipl-2021 id",
        "- Art. 75",
    ),
    (
        "GB/T 22239 family that does not exist",
        _set(0, 0, references={"gb-t-22239-2019": ["8.1.4"]}),
        "'8.1.4' is not a known gb-t-22239-2019 id",
        "- 8.1.4",
    ),
]


def test_basis_anchors_and_law_references_that_are_right_pass(
    runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    data = small_questionnaire(source="speech-2016")
    _question(data, 0, 0).update(
        basis="There is no absolute security,\n  we must protect security based on national",
        anchors={0: "None.", 1: "Some.", 2: "Most.", 3: "All."},
        references={"cybersecurity-law-2016": ["Art. 21"], "gb-t-22239-2019": ["area-boundary"]},
    )
    _question(data, 1, 0)["anchors"] = {"yes": "It does.", "no": "It does not."}
    result = run_cli(runner, "validate", write_yaml(data))
    assert result.exit_code == 0, result.stderr


def test_a_basis_is_not_checked_when_the_questionnaire_names_no_source(
    runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    # Custom questionnaires are first-class: they may cite their own texts without shipping them.
    data = small_questionnaire()
    _question(data, 0, 0)["basis"] = "Section 4.2 of the sector regulator's guideline"
    result = run_cli(runner, "validate", write_yaml(data))
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize(
    ("change", "message", "line_text"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_each_rule_gives_one_located_line_and_exit_2(
    runner: CliRunner,
    write_yaml: Callable[..., Path],
    change: Callable[[dict[str, Any]], None],
    message: str,
    line_text: str,
) -> None:
    path = write_yaml(_q(change), "bad.yaml")
    result = run_cli(runner, "validate", path)
    assert_one_located_error(result, path, message, line_text)


def test_duplicate_yaml_key_in_a_questionnaire(
    runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    text = yaml.safe_dump(small_questionnaire(), sort_keys=False)
    text = text.replace("title: Mini questionnaire\n", "title: Mini\ntitle: Mini again\n")
    path = write_yaml(text, "dup.yaml")
    result = run_cli(runner, "validate", path)
    assert result.exit_code == 2
    assert result.stderr.strip().startswith(f"error: {path}:4:1: duplicate key 'title'")


def test_unquoted_version_gets_a_hint(runner: CliRunner, write_yaml: Callable[..., Path]) -> None:
    text = yaml.safe_dump(small_questionnaire(), sort_keys=False).replace("'1.0'", "1.0")
    result = run_cli(runner, "validate", write_yaml(text))
    assert result.exit_code == 2
    assert "version" in result.stderr and "quote" in result.stderr


def test_bands_must_rise_and_end_open(runner: CliRunner, write_yaml: Callable[..., Path]) -> None:
    bands = [
        {"max": 30, "score": 0.5, "label": "month"},
        {"max": 7, "score": 1, "label": "week"},
        {"score": 0, "label": "longer"},
    ]
    data = small_questionnaire()
    data["dimensions"][0]["questions"].append(number("A-04", bands, 2))
    result = run_cli(runner, "validate", write_yaml(data))
    assert result.exit_code == 2
    assert "band maxima must increase" in result.stderr

    closed = copy.deepcopy(data)
    closed["dimensions"][0]["questions"][-1]["bands"] = [{"max": 7, "score": 1, "label": "w"}]
    result = run_cli(runner, "validate", write_yaml(closed))
    assert "the last band must leave out `max`" in result.stderr


def test_validate_goes_on_after_a_bad_file(
    runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    good = write_yaml(small_questionnaire(), "good.yaml")
    bad = write_yaml(_q(_set(0, 1, id="A-01")), "bad.yaml")
    result = run_cli(runner, "validate", bad, good)
    assert result.exit_code == 2
    assert f"{good}: ok, questionnaire mini@1.0, 2 dimensions, 6 questions" in result.stdout
    assert str(bad) in result.stderr


def test_an_escape_sequence_in_a_key_does_not_reach_the_terminal(
    runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    # The error quotes the unknown key; printed raw, it would retitle the user's terminal.
    path = write_yaml(small_questionnaire(**{"\x1b]0;pwned\x07": "x"}), "bad.yaml")
    result = run_cli(runner, "validate", path)
    assert_one_located_error(result, path, "?]0;pwned?: unknown key", "pwned")
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
