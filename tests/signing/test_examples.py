"""The example reports `make demo` writes pass `assess verify`, rendered exactly as the demo does."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.builders import ROOT, run_cli
from tests.signing.helpers import line

EXAMPLES = ROOT / "examples"


@pytest.mark.parametrize(
    "args",
    [
        [
            EXAMPLES / "northwind-2025.yaml",
            "--previous",
            EXAMPLES / "northwind-2023.yaml",
            "--previous",
            EXAMPLES / "northwind-2024.yaml",
        ],
        [EXAMPLES / "harbourline-2025.yaml"],
    ],
    ids=["northwind", "harbourline"],
)
def test_demo_report_verifies(tmp_path: Path, args: list[str | Path]) -> None:
    pdf = tmp_path / "report.pdf"
    assert run_cli(CliRunner(), "report", *args, "-o", pdf).exit_code == 0
    result = run_cli(CliRunner(), "verify", pdf)
    lines = result.stdout.splitlines()
    assert result.exit_code == 0, lines
    line(lines, "PASS", "pages")
    line(lines, "NOTE", "signature")
    assert lines[-1].startswith("verdict: unsigned")
