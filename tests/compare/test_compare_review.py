"""`assess compare` with reviews: reviewed periods are compared on their audited figures."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.builders import ROOT, run_cli

Y2024 = ROOT / "examples" / "northwind-2024.yaml"
Y2025 = ROOT / "examples" / "northwind-2025.yaml"
REVIEW = ROOT / "examples" / "northwind-2025.review.yaml"


def test_a_reviewed_period_is_compared_on_its_audited_figures(runner: CliRunner) -> None:
    plain = json.loads(run_cli(runner, "compare", Y2024, Y2025, "--json").stdout)
    result = run_cli(runner, "compare", Y2024, Y2025, "--review", REVIEW, "--json")
    assert result.exit_code == 0, result.stderr
    reviewed = json.loads(result.stdout)
    audited = json.loads(run_cli(runner, "score", Y2025, "--review", REVIEW, "--json").stdout)
    assert [a["reviewed"] for a in reviewed["assessments"]] == [False, True]
    assert reviewed["assessments"][1]["auditor"] == "Helen Achterberg"
    assert reviewed["overall"]["scores"][1] == audited["audited"]["overall"]["score"]
    assert reviewed["overall"]["scores"][0] == plain["overall"]["scores"][0]
    assert plain["overall"]["scores"][1] == audited["overall"]["score"]
    table = run_cli(runner, "compare", Y2024, Y2025, "--review", REVIEW).stdout
    assert "Audited figures for the reviewed periods: 2025 (by Helen Achterberg)." in table
    assert "Self-assessed figures, not reviewed: 2024." in table
    unreviewed = run_cli(runner, "compare", Y2024, Y2025).stdout
    assert "Self-assessed figures: no period was independently reviewed." in unreviewed


def test_a_review_of_no_compared_period_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    result = run_cli(runner, "compare", Y2024, ROOT / "examples" / "northwind-2023.yaml",
                     "--review", REVIEW)  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {REVIEW}: reviews Northwind Grid Co., 2025, which is not among the assessments "
        "compared (give the answers file this review belongs to)\n"
    )
