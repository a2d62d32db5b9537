"""The foundation commands as a user runs them: list, show, validate, schema, --version."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from assess import __version__
from tests.builders import ROOT, run_cli, small_questionnaire


def test_version(runner: CliRunner) -> None:
    result = run_cli(runner, "--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"assess {__version__}"


def test_list_shows_the_bundled_questionnaire(runner: CliRunner) -> None:
    result = run_cli(runner, "list")
    assert result.exit_code == 0
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["QUESTIONNAIRE", "TITLE", "DIMENSIONS", "QUESTIONS", "FROM"]
    row = next(r for r in rows if r.startswith("cyberposture@1.0 "))
    dimensions, questions, origin = row.split()[-3:]
    assert origin == "bundled"
    assert dimensions == "8"
    assert 60 <= int(questions) <= 80


def test_show_outlines_dimensions_and_questions(
    runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    path = write_yaml(small_questionnaire(), "mini.yaml")
    result = run_cli(runner, "show", "mini@1.0", "--questionnaire", path)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "mini@1.0  Mini questionnaire"
    assert "critical (level 3; B 2)" in result.stdout
    b02 = next(line for line in lines if line.strip().startswith("B-02"))
    assert "L2 choice" in b02 and "if B-01" in b02
    b03 = next(line for line in lines if line.strip().startswith("B-03"))
    assert "critical" in b03 and "only critical" in b03


def test_show_unknown_questionnaire_lists_what_exists(runner: CliRunner) -> None:
    result = run_cli(runner, "show", "nosuch@9")
    assert result.exit_code == 2
    assert "questionnaire nosuch@9 not found" in result.stderr
    assert "cyberposture@1.0" in result.stderr


def test_validate_the_shipped_questionnaire(runner: CliRunner) -> None:
    path = ROOT / "questionnaires" / "cyberposture-1.0.yaml"
    result = run_cli(runner, "validate", path)
    assert result.exit_code == 0, result.stderr
    assert "ok, questionnaire cyberposture@1.0, 8 dimensions" in result.stdout


def test_validate_refuses_a_file_that_is_neither(
    runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    result = run_cli(runner, "validate", write_yaml({"hello": "world"}))
    assert result.exit_code == 2
    assert "neither a questionnaire, a translation nor an answers file" in result.stderr


def test_schema_is_json_schema_of_the_questionnaire(runner: CliRunner) -> None:
    result = run_cli(runner, "schema", "questionnaire")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert {"id", "version", "dimensions", "profiles"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False


def test_schema_unknown_kind(runner: CliRunner) -> None:
    result = run_cli(runner, "schema", "report")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: invalid value for 'questionnaire|answers|review': 'report' is not one of "
        "'questionnaire', 'answers', 'review' (see `assess schema --help`)\n"
    )


def test_validate_shows_an_organization_name_without_its_escape_sequence(
    runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    qpath = write_yaml(small_questionnaire(), "mini.yaml")
    answers = {
        "questionnaire": {"id": "mini", "version": "1.0"},
        "organization": {"name": "Acme\x1b[2J", "profile": "baseline"},
        "assessment": {"period": "2025", "date": "2025-11-20"},
        "answers": {},
    }
    result = run_cli(runner, "validate", write_yaml(answers, "answers.yaml"), "-q", qpath)
    assert result.exit_code == 0, result.stderr
    assert "answers of Acme?[2J for 2025" in result.stdout
    assert "\x1b" not in result.stdout


def test_show_prints_question_text_without_its_escape_sequence(
    runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    data = small_questionnaire(title="Mini\x1b[31m")
    data["dimensions"][0]["questions"][0]["text"] = "Is \x1b[2J\nthis in place?"
    result = run_cli(runner, "show", "mini@1.0", "-q", write_yaml(data, "mini.yaml"))
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert result.stdout.startswith("mini@1.0  Mini?[31m\n")
    a01 = next(line for line in result.stdout.splitlines() if line.strip().startswith("A-01"))
    assert a01.endswith("Is ?[2J this in place?")
