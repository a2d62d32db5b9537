"""The JSON Schemas shipped in assess/schemas/ are what `assess schema` prints today."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from assess.files.answersfile import SCHEMA_FILE, schema_header
from tests.builders import ROOT, run_cli

SCHEMAS = ROOT / "assess" / "schemas"


@pytest.mark.parametrize("kind", ["questionnaire", "answers"])
def test_shipped_schema_is_current(runner: CliRunner, kind: str) -> None:
    shipped = SCHEMAS / f"{kind}.schema.json"
    result = run_cli(runner, "schema", kind)
    assert result.exit_code == 0
    assert shipped.read_text(encoding="utf-8") == result.stdout, (
        f"{shipped} is stale: run `assess schema {kind} > {shipped}`"
    )


def test_new_answers_files_point_at_the_shipped_answers_schema() -> None:
    assert SCHEMA_FILE.is_file()
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))["title"] == "AnswersFile"
    assert schema_header() == f"# yaml-language-server: $schema={SCHEMA_FILE.as_uri()}"
