"""Reports with and without the auditor's review: what they say, embed and give back."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader
from typer.testing import CliRunner

from tests.builders import ROOT, run_cli

EXAMPLE = ROOT / "examples" / "northwind-2025.yaml"
REVIEW = ROOT / "examples" / "northwind-2025.review.yaml"


def text_of(pdf: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())


@pytest.fixture(scope="module")
def reviewed_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reviewed") / "nw.pdf"
    result = run_cli(CliRunner(), "report", EXAMPLE, "--review", REVIEW, "-o", out)
    assert result.exit_code == 0, result.stderr
    return out


def test_a_reviewed_report_embeds_both_files_and_extract_gives_both_back(
    reviewed_pdf: Path, tmp_path: Path, runner: CliRunner
) -> None:
    attached = PdfReader(reviewed_pdf).attachments
    assert attached["answers.yaml"] == [EXAMPLE.read_bytes()]
    assert attached["review.yaml"] == [REVIEW.read_bytes()]
    one = run_cli(runner, "extract", reviewed_pdf, "--review", "-o", tmp_path / "r.yaml")
    assert one.exit_code == 0
    assert (tmp_path / "r.yaml").read_bytes() == REVIEW.read_bytes()
    folder = tmp_path / "all"
    folder.mkdir()
    assert run_cli(runner, "extract", reviewed_pdf, "--all", "-o", folder).exit_code == 0
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["answers.yaml", "questionnaire.yaml", "review.yaml"]
    assert (folder / "answers.yaml").read_bytes() == EXAMPLE.read_bytes()


def test_score_on_the_reviewed_pdf_gives_the_audited_figures_of_the_files(
    reviewed_pdf: Path, runner: CliRunner
) -> None:
    on_pdf = json.loads(run_cli(runner, "score", reviewed_pdf, "--json").stdout)
    on_files = json.loads(run_cli(runner, "score", EXAMPLE, "--review", REVIEW, "--json").stdout)
    assert on_pdf == on_files
    assert on_pdf["audited"]["overall"]["score"] < on_pdf["overall"]["score"]


def test_the_reviewed_report_shows_both_scores_verdicts_and_the_signed_off_opinion(
    reviewed_pdf: Path, runner: CliRunner
) -> None:
    data = json.loads(run_cli(runner, "score", EXAMPLE, "--review", REVIEW, "--json").stdout)
    mine, theirs = data["overall"]["score"], data["audited"]["overall"]["score"]
    text = text_of(reviewed_pdf)
    first = " ".join(PdfReader(reviewed_pdf).pages[0].extract_text().split())
    assert f"Self-assessed score {mine:.1f}, audited score {theirs:.1f}" in first
    assert "Self-assessed and audited" in text
    assert "Adjusted by sampling (20 items)" in text  # DYN-04's row
    assert "Disputed by inspection" in text  # REL-05's row
    assert "I, Helen Achterberg of Kestrel Assurance LLP, have reviewed" in text
    assert "Qualified. Except for the matters in DYN-04" in text
    assert "Date of review: 3 February 2026" in text
    coverage = round(data["review"]["coverage"] * 100)
    assert f"answers carrying {coverage}% of the scored weight" in text
    assert "Review file SHA-256" in text
    assert "No independent review took place" not in text


def test_without_a_review_the_report_says_plainly_it_is_a_self_assessment(
    tmp_path: Path, runner: CliRunner
) -> None:
    out = tmp_path / "r.html"
    args: list[str | Path] = ["--auditor", "Jane Smith", "--format", "html", "-o", out]
    assert run_cli(runner, "report", EXAMPLE, *args).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "No independent review took place" in html
    assert "have reviewed" not in html  # --auditor alone is no review
    assert "prepared for review by <b>Jane Smith</b>" in html and "carries no auditor" in html


@pytest.mark.parametrize(
    ("case", "check"),
    [("profile", "Q3"), ("na", "Q2"), ("evidence", "Q1")],
)
def test_the_gaming_cases_appear_in_the_report_quality_section(
    case: str, check: str, tmp_path: Path, runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    # The profile floor (Q3) is a rule of cyberposture 1.1: 1.0 is never edited after release.
    source = EXAMPLE.with_name("northwind-2026.yaml") if case == "profile" else EXAMPLE
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    if case == "profile":
        data["organization"]["profile"] = "enhanced"
    elif case == "na":
        data["answers"]["CII-02"] = {"na": True, "justification": "x"}
    else:
        data["answers"]["HOL-03"] = {"value": 2}
    path = write_yaml(data, "gamed.yaml")
    out = tmp_path / "gamed.html"
    assert run_cli(runner, "report", path, "--format", "html", "-o", out).exit_code == 0
    html = out.read_text(encoding="utf-8")
    section = html.split("<h1>Assessment quality</h1>", 1)[1].split("</section>", 1)[0]
    row = section.split(f'<td class="id">{check}</td>', 1)[1].split("</tr>", 1)[0]
    assert "1 issue<" in row
    clean = run_cli(runner, "report", EXAMPLE, "--format", "html", "-o", tmp_path / "c.html")
    assert clean.exit_code == 0
    assert "1 issue<" not in (tmp_path / "c.html").read_text(encoding="utf-8")


def test_verify_renders_a_reviewed_report_again_with_its_embedded_review(
    reviewed_pdf: Path, runner: CliRunner
) -> None:
    result = run_cli(runner, "verify", reviewed_pdf)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "PASS      attachment review.yaml" in result.stdout
    assert "PASS      pages: identical, byte for byte" in result.stdout
