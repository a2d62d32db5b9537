"""The JSON Schemas shipped in assess/schemas/ are what `assess schema` prints today."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from assess.files.answersfile import schema_header
from tests.builders import ROOT, run_cli

SCHEMAS = ROOT / "assess" / "schemas"


@pytest.mark.parametrize("kind", ["questionnaire", "answers", "review"])
def test_shipped_schema_is_current(runner: CliRunner, kind: str) -> None:
    shipped = SCHEMAS / f"{kind}.schema.json"
    result = run_cli(runner, "schema", kind)
    assert result.exit_code == 0
    assert shipped.read_text(encoding="utf-8") == result.stdout, (
        f"{shipped} is stale: run `assess schema {kind} > {shipped}`"
    )


def test_the_header_of_a_new_answers_file_names_no_path_of_this_installation() -> None:
    # The file travels inside every report; a path of the machine that made it must not.
    header = schema_header()
    assert header.startswith("# ") and "\n" not in header
    assert "/" not in header and "\\" not in header and "file:" not in header
    assert str(ROOT) not in header
