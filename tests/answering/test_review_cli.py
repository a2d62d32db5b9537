"""`assess review start`, `set` and `opinion` as an auditor runs them from a script."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assess.files.reviewfile import parse_review
from assess.model.review import Adjusted, Verified
from assess.model.review_terms import Method
from tests.builders import ROOT, run_cli

EXAMPLE = ROOT / "examples" / "northwind-2025.yaml"


@pytest.fixture
def started(tmp_path: Path, runner: CliRunner) -> Path:
    answers = tmp_path / "nw.yaml"
    shutil.copy(EXAMPLE, answers)
    review = tmp_path / "nw.review.yaml"
    result = run_cli(runner, "review", "start", answers, "-o", review, "--auditor", "Jane Smith",
                     "--auditor-org", "Audit LLP", "--date", "2026-01-12")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return review


def test_start_pins_the_answers_and_set_records_verdicts(started: Path, runner: CliRunner) -> None:
    import hashlib

    review, _ = parse_review(started)
    answers = started.parent / "nw.yaml"
    assert review.answers.file == "nw.yaml"
    assert review.answers.sha256 == hashlib.sha256(answers.read_bytes()).hexdigest()
    assert review.auditor.name == "Jane Smith" and str(review.started) == "2026-01-12"
    ok = run_cli(runner, "review", "set", started, "DYN-04", "--status", "adjusted", "--value",
                 "Partially implemented", "--method", "sampling", "--sample-size", "20",
                 "--comment", "6 of 20 servers deviate.")  # fmt: skip
    assert ok.exit_code == 0, ok.stderr
    assert ok.stdout == f"{started}: DYN-04 adjusted\n"
    run_cli(runner, "review", "set", started, "OPN-06", "--status", "verified", "--method",
            "inspection", "--na-accepted", "no", "--comment", "Custom scripts exist.")  # fmt: skip
    review, _ = parse_review(started)
    assert review.entries["DYN-04"] == Adjusted(
        status="adjusted", value=1, method=Method.sampling, sample_size=20,
        comment="6 of 20 servers deviate.", answer_hash=review.entries["DYN-04"].answer_hash,
    )  # fmt: skip
    opn = review.entries["OPN-06"]
    assert isinstance(opn, Verified) and opn.na_accepted is False


def test_comments_in_the_review_survive_every_save(started: Path, runner: CliRunner) -> None:
    text = started.read_text(encoding="utf-8")
    started.write_text(text.replace("entries:", "# sample plan: 20% of weight\nentries:"), "utf-8")
    for qid in ("HOL-02", "HOL-03"):
        ok = run_cli(runner, "review", "set", started, qid, "--status", "verified",
                     "--method", "inspection")  # fmt: skip
        assert ok.exit_code == 0
    basis = "All tested answers are supported."
    ok = run_cli(runner, "review", "opinion", started, "--opinion", "unqualified",
                 "--basis", basis, "--date", "2026-02-01")  # fmt: skip
    assert ok.stdout == f"{started}: opinion unqualified on 2026-02-01\n"
    after = started.read_text(encoding="utf-8")
    assert "# sample plan: 20% of weight" in after
    review, _ = parse_review(started)
    assert list(review.entries) == ["HOL-02", "HOL-03"]
    assert review.opinion is not None and review.opinion.basis.startswith("All tested")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["XX-01", "--status", "verified", "--method", "inspection"], "unknown question 'XX-01'"),
        (["HOL-01", "--status", "verified", "--method", "inspection"], "HOL-01 is a text question"),
        (["HOL-03", "--status", "verified"], "--status verified needs --method"),
        (["HOL-03", "--status", "verified", "--method", "sampling"], "needs sample_size"),
        (["HOL-03", "--status", "disputed", "--method", "interview"], "needs --comment"),
        (
            [
                "HOL-03",
                "--status",
                "adjusted",
                "--method",
                "interview",
                "--value",
                "7",
                "--comment",
                "x",
            ],
            "7 is not an option of scale 'practice'",
        ),
        (
            ["HOL-03", "--status", "verified", "--method", "interview", "--na-accepted", "no"],
            "HOL-03 is not marked N/A",
        ),
        (["HOL-03", "--status", "not-sampled", "--method", "interview"], "has no --method"),
        (
            ["HOL-03", "--status", "verified", "--method", "inspection", "--value", "1"],
            "--value goes with --status adjusted",
        ),
    ],
)
def test_a_wrong_verdict_is_one_line_exit_2_and_changes_nothing(
    started: Path, runner: CliRunner, args: list[str], message: str
) -> None:
    before = started.read_bytes()
    result = run_cli(runner, "review", "set", started, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr, result.stderr
    assert result.stderr.startswith("error: ")
    assert started.read_bytes() == before


def test_a_hand_written_verdict_with_a_bad_shape_is_a_located_error(
    started: Path, runner: CliRunner
) -> None:
    text = started.read_text(encoding="utf-8").replace(
        "entries: {}", "entries:\n  HOL-03: {status: verified, method: sampling}"
    )
    started.write_text(text, encoding="utf-8")
    result = run_cli(runner, "score", started.parent / "nw.yaml", "--review", started)
    assert result.exit_code == 2
    line = text.splitlines().index("  HOL-03: {status: verified, method: sampling}") + 1
    assert result.stderr.startswith(f"error: {started}:{line}:")
    assert "needs sample_size" in result.stderr


def test_start_refuses_a_report_and_an_existing_review(
    started: Path, runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    again = run_cli(runner, "review", "start", started.parent / "nw.yaml", "-o", started,
                    "--auditor", "X")  # fmt: skip
    assert again.exit_code == 2 and "file already exists" in again.stderr
    fake = started.parent / "report.pdf"
    fake.write_bytes(b"%PDF-1.7\n")
    pdf = run_cli(
        runner, "review", "start", fake, "-o", started.parent / "r2.yaml", "--auditor", "X"
    )
    assert pdf.exit_code == 2 and "is a report PDF" in pdf.stderr


def test_validate_checks_a_review_against_its_answers(started: Path, runner: CliRunner) -> None:
    ok = run_cli(runner, "validate", started)
    assert ok.exit_code == 0
    assert (
        ok.stdout
        == f"{started}: ok, review of Northwind Grid Co., 2025 by Jane Smith, 0 verdicts\n"
    )
    answers = started.parent / "nw.yaml"
    assert run_cli(runner, "answer", answers, "HOL-03", "1").exit_code == 0
    changed = run_cli(runner, "validate", started)
    assert "the answers changed since the review started" in changed.stdout
    text = started.read_text(encoding="utf-8").replace(
        "entries: {}", "entries: {XX-09: {status: not-sampled}}"
    )
    started.write_text(text, encoding="utf-8")
    bad = run_cli(runner, "validate", started)
    assert bad.exit_code == 2 and "unknown question 'XX-09'" in bad.stderr
