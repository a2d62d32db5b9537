"""`assess score` over many files: every file scored in one call, one bad file reported alone."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from assess.output.formats import OutputFormat, shape
from assess.scoring.assessed import Assessed
from assess.scoring.batch import score_files
from tests.builders import ROOT, run_cli, small_questionnaire


def answers(n: int, name: str | None = None) -> dict[str, Any]:
    return {
        "questionnaire": {"id": "mini", "version": "1.0"},
        "organization": {"name": name or f"Org {n}", "profile": "baseline"},
        "assessment": {"period": "2025", "date": "2025-06-01"},
        "answers": {"A-01": {"value": n % 4}, "B-01": {"value": "yes"}},
    }


def many(write_yaml: Callable[..., Path], count: int) -> tuple[Path, list[Path]]:
    q = write_yaml(small_questionnaire(), "mini.yaml")
    return q, [write_yaml(answers(n), f"org-{n:03}.yaml") for n in range(count)]


def test_json_lines_one_document_per_assessment(
    runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    q, files = many(write_yaml, 4)
    result = run_cli(runner, "score", *files, "-q", q, "--format", "json")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [json.loads(line)["organization"] for line in lines] == [f"Org {n}" for n in range(4)]
    # A-01 at 0, 1, 2, 3 of 3: dimension A scores 0, 1/9, 2/9 and 3/9 of 100 (3 questions).
    scores = [json.loads(line)["dimensions"][0]["score"] for line in lines]
    assert scores == sorted(scores) and scores[0] == 0


def test_each_json_line_is_what_validating_it_gives_back(runner: CliRunner) -> None:
    """The engine builds results unchecked for speed; what it prints must still be valid."""
    files = [ROOT / "examples" / f"northwind-{year}.yaml" for year in (2023, 2024, 2025)]
    result = run_cli(runner, "score", *files, "--format", "json")
    assert result.exit_code == 0, result.stderr
    for line in result.stdout.splitlines():
        # Same values, same key order: a diff of two runs' output shows only real changes.
        assert Assessed.model_validate_json(line).model_dump_json() == line


def test_csv_is_one_row_per_assessment_with_every_dimension(
    runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    q, files = many(write_yaml, 3)
    result = run_cli(runner, "score", *files, "-q", q, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 3
    assert {"A_score", "A_level", "B_score", "B_level", "overall_score"} <= set(rows[0])
    assert rows[1]["organization"] == "Org 1" and rows[1]["questionnaire"] == "mini@1.0"
    assert (
        float(rows[1]["A_score"])
        == json.loads(run_cli(runner, "score", files[1], "-q", q, "--json").stdout)["dimensions"][
            0
        ]["score"]
    )


def test_text_that_looks_like_a_formula_stays_text_in_csv(
    runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    q = write_yaml(small_questionnaire(), "mini.yaml")
    hostile = write_yaml(answers(1, '=HYPERLINK("http://x","y")'), "hostile.yaml")
    rows = list(
        csv.reader(
            io.StringIO(run_cli(runner, "score", hostile, "-q", q, "--format", "csv").stdout)
        )
    )
    assert rows[1][0] == '\'=HYPERLINK("http://x","y")'


def test_a_bad_file_is_reported_and_the_rest_still_score(
    runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    q, files = many(write_yaml, 3)
    broken = write_yaml("answers: [\n", "broken.yaml")
    result = run_cli(runner, "score", files[0], broken, files[2], "-q", q, "--format", "json")
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 2
    assert result.stderr.startswith(f"error: {broken}:")
    assert len(result.stderr.splitlines()) == 1
    alone = run_cli(runner, "score", broken, "-q", q)
    assert alone.exit_code == 2 and alone.stdout == ""


def test_a_folder_stands_for_its_files_and_jobs_change_nothing(
    runner: CliRunner, write_yaml: Callable[..., Path], tmp_path: Path
) -> None:
    q, files = many(write_yaml, 30)  # more than one chunk, so --jobs 2 shares them out
    folder = tmp_path / "batch"
    folder.mkdir()
    for path in files:
        path.rename(folder / path.name)
    one = run_cli(runner, "score", folder, "-q", q, "--format", "csv", "--jobs", "1")
    two = run_cli(runner, "score", folder, "-q", q, "--format", "csv", "--jobs", "2")
    assert one.exit_code == 0 and two.exit_code == 0, one.stderr + two.stderr
    assert len(one.stdout.splitlines()) == 31
    assert one.stdout == two.stdout


def test_outcomes_come_in_order_while_the_rest_are_still_being_scored(
    write_yaml: Callable[..., Path],
) -> None:
    """A long batch's first results can be written before its last file is scored."""
    q, files = many(write_yaml, 60)
    finished: list[int] = []
    outcomes = score_files(
        files, partial(shape, fmt=OutputFormat.json), [q], jobs=2, on_done=finished.append
    )
    first = next(outcomes)
    assert first.path == files[0] and first.error is None
    assert sum(finished) < len(files)
    rest = list(outcomes)
    assert [o.path for o in (first, *rest)] == files
    assert sum(finished) == len(files)


@pytest.mark.subprocess
def test_a_reader_that_stops_early_ends_the_batch_quietly(
    write_yaml: Callable[..., Path],
) -> None:
    """`assess score FOLDER --format json | head -1`: no traceback, no worker left running."""
    q, files = many(write_yaml, 80)
    command = [sys.executable, "-m", "assess", "score", *map(str, files), "-q", str(q)]
    with subprocess.Popen(
        [*command, "--format", "json", "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        line = process.stdout.readline()
        process.stdout.close()
        assert process.wait(timeout=120) == 1
        stderr = process.stderr.read().decode()
    assert json.loads(line)["organization"] == "Org 0"
    assert "Traceback" not in stderr and "Exception" not in stderr, stderr
    # Workers are forks of the command, with its arguments: none outlives it.
    assert not [p for p in Path("/proc").glob("[0-9]*/cmdline") if str(q) in _read(p)]


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode(errors="replace")
    except OSError:  # the process ended meanwhile
        return ""
