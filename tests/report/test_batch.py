"""The auditors' batch: many reports in worker processes, one bad file fails alone."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader
from typer.testing import CliRunner

from tests.builders import answers, questionnaire, run_cli

pytestmark = pytest.mark.pdf  # Batches render reports, in worker processes too.


def _inputs(tmp_path: Path) -> tuple[Path, list[Path]]:
    q = tmp_path / "mini.yaml"
    q.write_text(yaml.safe_dump(questionnaire()), encoding="utf-8")
    files = []
    for name in ("alpha", "beta"):
        data = answers("2025", "2025-11-20")
        data["organization"]["name"] = f"{name.title()} Ltd"
        path = tmp_path / f"{name}.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        files.append(path)
    bad = tmp_path / "broken.yaml"
    bad.write_text("organization: {name: Broken\n", encoding="utf-8")
    files.insert(1, bad)
    return q, files


def test_one_bad_file_fails_alone_and_the_rest_render(tmp_path: Path) -> None:
    q, files = _inputs(tmp_path)
    out = tmp_path / "out"
    result = run_cli(CliRunner(), "report", *files, "--out-dir", out, "--jobs", "2", "-q", q)
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["alpha.pdf", "beta.pdf"]
    assert "Beta Ltd" in PdfReader(out / "beta.pdf").pages[0].extract_text()
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "broken.yaml:2:1: invalid YAML" in errors[0]
    assert result.stderr.rstrip().endswith("2 of 3 reports written")
    assert result.stdout.splitlines() == [f"wrote {out / 'alpha.pdf'}", f"wrote {out / 'beta.pdf'}"]


def test_two_inputs_that_would_share_an_output_are_refused(tmp_path: Path) -> None:
    q, files = _inputs(tmp_path)
    other = tmp_path / "again"
    other.mkdir()
    twin = other / "alpha.yaml"
    twin.write_bytes(files[0].read_bytes())
    result = run_cli(CliRunner(), "report", files[0], twin, "--out-dir", tmp_path / "o", "-q", q)
    assert result.exit_code == 2
    # Refused while planning: no progress label first, and the folder is not created.
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: ") and "would both be written to" in line
    assert not (tmp_path / "o").exists()


def test_out_dir_is_created_but_must_be_a_folder(tmp_path: Path) -> None:
    q, files = _inputs(tmp_path)
    good = [files[0], files[2]]
    nested = tmp_path / "reports" / "2025"
    args = ("--format", "html", "-q", q)
    made = run_cli(CliRunner(), "report", *good, "--out-dir", nested, "--jobs", "1", *args)
    assert made.exit_code == 0, made.stderr
    assert sorted(p.name for p in nested.iterdir()) == ["alpha.html", "beta.html"]

    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("keep me\n", encoding="utf-8")
    refused = run_cli(CliRunner(), "report", *good, "--out-dir", not_a_folder, *args)
    assert refused.exit_code == 2
    expected = f"error: {not_a_folder}: is a file, not a folder (--out-dir names a folder)\n"
    assert refused.stderr == expected
    assert not_a_folder.read_text(encoding="utf-8") == "keep me\n"


def test_output_and_previous_take_one_input(tmp_path: Path) -> None:
    _, files = _inputs(tmp_path)
    result = run_cli(CliRunner(), "report", files[0], files[2], "-o", tmp_path / "x.pdf")
    assert result.exit_code == 2
    assert "take a single input file" in result.stderr
