"""`assess compare` on the Northwind example years tells the story of examples/README.md.

The expected figures come from the story (examples/README.md), not from the comparison code.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

from assess.compare.result import Comparison
from tests.builders import ROOT, doc_section, run_cli, table_fields

EXAMPLES = ROOT / "examples"
DOCS = ROOT / "docs" / "compare.md"
YEARS = ("2023", "2024", "2025")
FILES = [EXAMPLES / f"northwind-{y}.yaml" for y in YEARS]


def _words(text: str) -> list[str]:
    return text.split()


# From the story: questions whose score rose 2024 -> 2025 (31) and 2023 -> 2024 (44).
UP_2025 = _words("""
HOL-02 HOL-05 HOL-07 HOL-09 OPN-02 OPN-03 OPN-05 OPN-07 OPN-08 REL-02 REL-05 REL-06
REL-07 SHR-03 SHR-04 SHR-06 SHR-07 CII-03 CII-05 CII-10 SNS-04 SNS-05 SNS-06 SNS-08 SNS-09 DEF-03
DEF-06 DEF-07 DEF-08 DEF-09 DEF-10""")
UP_2024 = _words("""
HOL-04 HOL-06 HOL-08 HOL-09 DYN-01 DYN-04 DYN-05 DYN-06 DYN-08 OPN-01 OPN-02 OPN-04
OPN-05 OPN-07 OPN-08 OPN-09 REL-01 REL-04 REL-07 REL-08 SHR-05 SHR-06 SHR-07 SHR-08 SHR-09 SHR-10
CII-02 CII-04 CII-05 CII-07 CII-08 CII-09 SNS-01 SNS-02 SNS-04 SNS-05 SNS-06 SNS-07 SNS-08 DEF-02
DEF-04 DEF-05 DEF-06 DEF-10""")
LATER_2025 = _words("DYN-08 DYN-09 OPN-09 REL-08 SHR-09 CII-09 DEF-09")


def compare_json(*files: Path) -> dict[str, Any]:
    result = run_cli(CliRunner(), "compare", *files, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture(scope="module")
def story() -> dict[str, Any]:
    return compare_json(FILES[2], FILES[0], FILES[1])  # any order: compare sorts by period


def ids(items: list[dict[str, Any]]) -> list[str]:
    return [item["id"] for item in items]


def test_the_overall_score_rises_every_year_while_the_level_drops_in_2025(
    story: dict[str, Any],
) -> None:
    assert story["periods"] == list(YEARS)
    overall = [a["overall_score"] for a in story["assessments"]]
    assert overall == pytest.approx([45.25, 67.68, 81.59], abs=0.05)
    assert [a["overall_level"] for a in story["assessments"]] == [0, 1, 0]
    assert story["overall"]["change_previous"][2] == pytest.approx(81.59 - 67.68, abs=0.05)
    assert story["overall"]["change_first"][2] == pytest.approx(81.59 - 45.25, abs=0.05)


def test_dyn_02_is_the_one_regression_of_2025(story: dict[str, Any]) -> None:
    latest = story["changes"]
    assert (latest["from_period"], latest["to_period"]) == ("2024", "2025")
    assert ids(latest["regressed"]) == ["DYN-02"]
    dyn02 = latest["regressed"][0]
    assert (dyn02["from_score"], dyn02["to_score"]) == pytest.approx((66.67, 33.33), abs=0.01)
    dyn = next(d for d in story["dimensions"] if d["id"] == "DYN")
    assert dyn["scores"][1:] == pytest.approx([66.67, 62.96], abs=0.01)
    assert dyn["levels"][1:] == [2, 0]
    assert sorted(ids(latest["improved"])) == sorted(UP_2025)


def test_2024_improved_everywhere_and_regressed_nowhere(story: dict[str, Any]) -> None:
    first = story["steps"][0]
    assert (first["from_period"], first["to_period"]) == ("2023", "2024")
    assert sorted(ids(first["improved"])) == sorted(UP_2024)
    assert first["regressed"] == []
    # DYN-02 (24 -> 10 days) and SHR-04 (88 -> 93 %) changed value but stayed in the same band.
    assert not {"DYN-02", "SHR-04"} & set(ids(first["improved"]))


def test_findings_closed_and_opened_follow_the_story(story: dict[str, Any]) -> None:
    first, latest = story["steps"]
    # 2023: 37 findings, 2024: 16, and no score fell, so no finding opened: 37 - 16 closed.
    assert first["findings_opened"] == []
    assert len(first["findings_closed"]) == 37 - 16
    assert "OPN-02" in ids(first["findings_closed"])  # the one "now" finding of 2023
    # 2025: DYN-02 is the only new finding; the seven "later" findings were findings in 2024,
    # so 16 - 7 = 9 of 2024's findings closed, each on a question that improved.
    assert ids(latest["findings_opened"]) == ["DYN-02"]
    assert latest["findings_opened"][0]["phase"] == "now"
    closed = ids(latest["findings_closed"])
    assert len(closed) == 9
    assert set(closed) <= set(UP_2025)
    assert not set(closed) & set(LATER_2025)


def test_one_version_is_fully_compatible_and_like_for_like_equals_the_score(
    story: dict[str, Any],
) -> None:
    x = story["compatibility"]
    assert x["same_version"] is True
    assert (x["overall"]["comparable"], x["overall"]["either"]) == (73, 73)
    assert x["excluded"] == ["OPN-06"]  # N/A every year: out of like-for-like, as of the score
    lfl = [lf["overall_score"] for lf in story["like_for_like"]]
    assert lfl == pytest.approx([45.25, 67.68, 81.59], abs=0.05)


def test_the_table_tells_the_story() -> None:
    result = run_cli(CliRunner(), "compare", *FILES)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    overall = next(line for line in out.splitlines() if line.startswith("OVERALL"))
    assert overall.split() == [
        "OVERALL",
        "45.3",
        "L0",
        "67.7",
        "L1",
        "81.6",
        "L0",
        "+13.9",
        "+36.3",
    ]
    dyn = next(line for line in out.splitlines() if line.startswith("DYN "))
    assert dyn.split()[-4:] == ["63.0", "L0", "-3.7", "+14.8"]
    assert re.search(r"Regressed:\n    DYN-02  66.7 -> 33.3  Median number of days", out)
    assert "Findings opened (1): DYN-02" in out


# --- the JSON contract ---


def _paths(value: Any, prefix: str = "") -> set[str]:
    """Every field path of a JSON value: `a`, `a.b`, `a[].b`."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else key
            found |= {path} | _paths(item, path)
    elif isinstance(value, list):
        for item in value:
            found |= _paths(item, f"{prefix}[]")
    return found


def _model_paths(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every field path the model can produce, including inside lists that happen to be empty."""
    found: set[str] = set()
    for name, field in model.model_fields.items():
        path = f"{prefix}.{name}" if prefix else name
        found.add(path)
        inner, suffix = field.annotation, ""
        if get_origin(inner) is list:
            inner, suffix = get_args(inner)[0], "[]"
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            found |= _model_paths(inner, path + suffix)
    return found


# Lists of one shape are documented once: their items read "as in `improved`" and so on.
SAME_SHAPE = {
    r"^steps\[\]\.": "changes.",
    r"^changes\.(regressed|became_na|became_applicable|definition_changed|added|removed)\[\]": (
        "changes.improved[]"
    ),
    r"^changes\.findings_opened\[\]": "changes.findings_closed[]",
    r"^compatibility\.overall\.": "compatibility.steps[].",
}


def _documented_shape(paths: set[str]) -> set[str]:
    out = set()
    for path in paths:
        for pattern, repl in SAME_SHAPE.items():
            path = re.sub(pattern, repl, path)
        out.add(path)
    return out


def test_every_json_field_is_documented_and_every_documented_field_exists(
    story: dict[str, Any],
) -> None:
    # Only the table of the `--json` section: other tables (options, the trend context) list
    # other things.
    documented = set(table_fields(doc_section(DOCS, "`--json`")))
    possible = _documented_shape(_model_paths(Comparison))
    assert possible - documented == set(), "undocumented fields"
    assert documented - possible == set(), "documented fields the output cannot have"
    assert _documented_shape(_paths(story)) <= documented
    required = {"assessments[].period", "assessments[].overall_score"}
    required |= {"assessments[].overall_level", "assessments[].questionnaire_version"}
    required |= {"dimensions[].id", "dimensions[].scores", "dimensions[].levels"}
    required |= {"compatibility", "like_for_like"}
    required |= {f"changes.{k}" for k in ("improved", "regressed", "added", "removed")}
    assert required <= _paths(story)


def test_json_is_stable_from_run_to_run(story: dict[str, Any]) -> None:
    assert compare_json(*FILES) == story


# --- report PDFs stand in for their answers files ---


@pytest.mark.pdf
def test_a_report_pdf_stands_in_for_its_answers_file(story: dict[str, Any], tmp_path: Path) -> None:
    # One real report, rendered in this process: rendering all three (once in a spawn pool
    # inside a test worker) took most of the suite's time and proved nothing more, since each
    # year's PDF is read by the same code. tests/report/test_batch.py covers the pool.
    report = tmp_path / "northwind-2024.pdf"
    result = run_cli(CliRunner(), "report", FILES[1], "-o", report)
    assert result.exit_code == 0, result.stderr
    mixed = compare_json(FILES[2], report, FILES[0])
    assert [a["source"] for a in mixed["assessments"]] == [
        str(FILES[0]),
        str(report),
        str(FILES[2]),
    ]
    # Only the file names differ; the embedded answers are byte for byte the answers file.
    for a in [*mixed["assessments"], *story["assessments"]]:
        a.pop("source")
    assert mixed == story
