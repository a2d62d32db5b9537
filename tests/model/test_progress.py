"""One file, one set of totals: validate, take and score count progress with the same words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from assess.files.loading import load_one
from assess.model.progress import Progress, progress
from tests.builders import ROOT, run_cli, small_questionnaire

HARBOURLINE = ROOT / "examples" / "harbourline-2025.yaml"
# examples/README.md: Harbourline marks four CII questions N/A and answers every other one.
WORDS = "65 answered, 4 N/A, 0 unanswered of 69 applicable scored questions"


def test_validate_and_score_give_the_same_totals(runner: CliRunner) -> None:
    validated = run_cli(runner, "validate", HARBOURLINE)
    scored = run_cli(runner, "score", HARBOURLINE)
    assert validated.exit_code == scored.exit_code == 0
    assert validated.stdout.rstrip().endswith(f"on cyberposture@1.0, {WORDS}")
    assert f"Completeness: 100% ({WORDS})" in scored.stdout


def test_take_counts_what_score_counts() -> None:
    loaded = load_one(HARBOURLINE)
    assert progress(loaded.questionnaire, loaded.answers) == Progress(65, 4, 0)
    assert progress(loaded.questionnaire, loaded.answers).text() == WORDS


def test_carried_answers_are_counted_apart_and_one_is_singular(
    runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    qpath = write_yaml(small_questionnaire(), "mini.yaml")
    answers = {
        "questionnaire": {"id": "mini", "version": "1.0"},
        "organization": {"name": "Acme", "profile": "baseline"},
        "assessment": {"period": "2025", "date": "2025-11-20"},
        "answers": {"A-01": {"value": 2, "carried_from": "2024"}},
    }
    path = write_yaml(answers, "acme.yaml")
    # Baseline: A-01..A-03 and B-01 apply; B-02 waits for B-01 = yes, B-03 is for critical only.
    expected = (
        "1 answered, 0 N/A, 3 unanswered of 4 applicable scored questions; "
        "1 answer carried forward, not yet confirmed"
    )
    validated = run_cli(runner, "validate", path, "-q", qpath)
    assert validated.stdout.rstrip().endswith(expected)
    scored = run_cli(runner, "score", path, "-q", qpath)
    assert f"({expected})" in scored.stdout
