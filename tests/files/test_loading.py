"""Loading answers files with their questionnaire: errors name the file that is wrong."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.builders import assert_one_located_error, run_cli, small_questionnaire

ANSWERS = """\
questionnaire: {id: mini, version: "1.0"}
organization: {name: Acme, profile: baseline}
assessment: {period: "2025", date: 2025-11-20}
answers:
  A-01: {value: 1}
"""


def _missing(tmp_path: Path, write_yaml: Callable[..., Path]) -> Path:
    return tmp_path / "nosuch.yaml"


def _folder(tmp_path: Path, write_yaml: Callable[..., Path]) -> Path:
    (tmp_path / "folder").mkdir()
    return tmp_path / "folder"


def _not_a_questionnaire(tmp_path: Path, write_yaml: Callable[..., Path]) -> Path:
    return write_yaml("- just\n- a list\n", "list.yaml")


def _broken(tmp_path: Path, write_yaml: Callable[..., Path]) -> Path:
    data = small_questionnaire()
    data["dimensions"][0]["questions"][1]["id"] = "A-01"
    return write_yaml(data, "broken.yaml")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_missing, ": file not found"),
        (_folder, ": is a directory"),
        (_not_a_questionnaire, ":1:1: expected a questionnaire"),
        (_broken, "duplicate id 'A-01'"),
    ],
    ids=["missing", "directory", "not a questionnaire", "broken"],
)
def test_a_bad_questionnaire_option_is_blamed_on_its_own_file(
    runner: CliRunner,
    tmp_path: Path,
    write_yaml: Callable[..., Path],
    make: Callable[[Path, Callable[..., Path]], Path],
    message: str,
) -> None:
    answers = write_yaml(ANSWERS, "answers.yaml")
    qpath = make(tmp_path, write_yaml)
    result = run_cli(runner, "validate", answers, "-q", qpath)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith(f"error: {qpath}:")
    assert message in result.stderr
    assert str(answers) not in result.stderr


def test_a_questionnaire_found_nowhere_is_blamed_on_the_answers_file(
    runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    answers = write_yaml(ANSWERS.replace('"1.0"', '"9.9"'), "answers.yaml")
    qpath = write_yaml(small_questionnaire(), "mini.yaml")
    result = run_cli(runner, "validate", answers, "-q", qpath)
    assert_one_located_error(result, answers, "questionnaire mini@9.9 not found", "questionnaire:")


def test_an_answers_file_that_is_not_a_mapping_says_what_was_expected(
    runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    path = write_yaml("- A-01\n", "answers.yaml")
    result = run_cli(runner, "score", path)
    assert_one_located_error(result, path, "expected an answers file", "- A-01")
