"""The comparison core: ordering, refusals, --allow-mixed and recomputing every assessment."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from assess.compare import engine as compare_module
from assess.compare.engine import compare, period_key
from assess.files.loading import load_answers
from assess.output.formats import FORMATTERS, OutputFormat, render
from assess.scoring.engine import Result
from assess.scoring.engine import score as real_score
from tests.builders import run_cli, small_questionnaire

ORG = "Northwind Grid Co."


def answers(period: str, org: str = ORG, qid: str = "mini", **values: Any) -> dict[str, Any]:
    entries = {"A-01": 3, "A-02": 2, "A-03": 1, "B-01": "yes", "B-02": 2, "B-03": 0}
    entries |= {k.replace("_", "-"): v for k, v in values.items()}
    return {
        "questionnaire": {"id": qid, "version": "1.0"},
        "organization": {"name": org, "profile": "critical"},
        "assessment": {"period": period, "date": "2025-01-31"},
        "answers": {k: {"value": v} for k, v in entries.items()},
    }


@pytest.fixture
def mini(write_yaml: Callable[..., Path]) -> Path:
    return write_yaml(small_questionnaire(), "mini.yaml")


def run(runner: CliRunner, mini: Path, *files: Path, extra: tuple[str, ...] = ()) -> Any:
    return run_cli(runner, "compare", *files, "-q", mini, *extra)


def test_periods_are_ordered_naturally_whatever_the_argument_order(
    runner: CliRunner, mini: Path, write_yaml: Callable[..., Path]
) -> None:
    files = [
        write_yaml(answers(p), f"{i}.yaml")
        for i, p in enumerate(["2025-Q10", "2024-Q4", "2025-Q2"])
    ]
    result = run(runner, mini, *files, extra=("--json",))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["periods"] == ["2024-Q4", "2025-Q2", "2025-Q10"]
    assert [a["source"] for a in data["assessments"]] == [str(files[i]) for i in (1, 2, 0)]
    assert period_key("2023") < period_key("2024") < period_key("2024-H2")


def test_a_period_given_twice_is_refused_at_its_line(
    runner: CliRunner, mini: Path, write_yaml: Callable[..., Path]
) -> None:
    first = write_yaml(answers("2024"), "a.yaml")
    second = write_yaml(answers("2024", A_01=0), "b.yaml")
    result = run(runner, mini, first, second)
    assert result.exit_code == 2
    # yaml.safe_dump puts assessment.period on line 8 of the file.
    assert result.stderr.startswith(f"error: {second}:8:")
    assert "period '2024' appears twice" in result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""


def test_different_organizations_are_refused_unless_allowed(
    runner: CliRunner, mini: Path, write_yaml: Callable[..., Path]
) -> None:
    ours = write_yaml(answers("2024"), "ours.yaml")
    theirs = write_yaml(answers("2025", org="Harbourline Logistics Ltd"), "theirs.yaml")
    refused = run(runner, mini, ours, theirs)
    assert refused.exit_code == 2
    assert refused.stderr.startswith(f"error: {theirs}:5:")  # organization.name is on line 5
    assert "--allow-mixed" in refused.stderr and refused.stderr.count("\n") == 1

    allowed = run(runner, mini, ours, theirs, extra=("--allow-mixed",))
    assert allowed.exit_code == 0, allowed.stderr
    assert "MIXED ORGANIZATIONS (--allow-mixed): Northwind Grid Co., Harbourline" in allowed.stdout


def test_organization_names_match_regardless_of_case_and_spacing(
    runner: CliRunner, mini: Path, write_yaml: Callable[..., Path]
) -> None:
    ours = write_yaml(answers("2024"), "ours.yaml")
    same = write_yaml(answers("2025", org="  northwind   GRID co. "), "same.yaml")
    result = run(runner, mini, ours, same, extra=("--json",))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["mixed_organizations"] is False


def test_different_questionnaires_and_single_files_are_refused(
    runner: CliRunner, mini: Path, write_yaml: Callable[..., Path]
) -> None:
    other = small_questionnaire(id="other")
    other_q = write_yaml(other, "other.yaml")
    ours = write_yaml(answers("2024"), "ours.yaml")
    foreign = write_yaml(answers("2025", qid="other"), "foreign.yaml")
    result = run(runner, mini, ours, foreign, extra=("-q", str(other_q)))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {foreign}:2:")
    assert "only versions of one questionnaire can be compared" in result.stderr

    # One file is not a problem at some line of it: a plain message, no location.
    alone = run(runner, mini, ours)
    assert alone.exit_code == 2
    assert alone.stderr == (
        "error: compare needs two or more assessments (give two answers files or more)\n"
    )


def test_every_assessment_is_scored_again_by_the_engine_in_use(
    mini: Path, write_yaml: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = [load_answers(write_yaml(answers(p), f"{p}.yaml"), [mini]) for p in ("2024", "2025")]
    before = compare(loaded)

    def changed_formula(q: Any, a: Any) -> Result:
        result = real_score(q, a)
        overall = result.overall.model_copy(update={"score": 42.0})
        return result.model_copy(update={"overall": overall})

    # A new engine changes every period alike: no change of posture appears.
    monkeypatch.setattr(compare_module, "score", changed_formula)
    after = compare(loaded)
    assert [a.overall_score for a in after.assessments] == [42.0, 42.0]
    assert after.overall.change_previous == [None, 0.0]
    assert before.assessments[0].overall_score != 42.0


def test_identical_answers_show_no_change(mini: Path, write_yaml: Callable[..., Path]) -> None:
    loaded = [load_answers(write_yaml(answers(p), f"{p}.yaml"), [mini]) for p in ("2025", "2024")]
    c = compare(loaded)
    assert c.periods == ["2024", "2025"]
    step = c.changes
    assert step.improved == step.regressed == step.added == step.removed == []
    assert step.findings_closed == step.findings_opened == []
    assert all(t.change_previous == [None, 0.0] for t in c.dimensions)
    # Nothing differs, so like-for-like equals the full score.
    assert [lf.overall_score for lf in c.like_for_like] == [a.overall_score for a in c.assessments]


def test_every_format_has_a_formatter_that_writes_text(
    mini: Path, write_yaml: Callable[..., Path]
) -> None:
    loaded = [
        load_answers(write_yaml(answers(p, A_01=v), f"{p}.yaml"), [mini])
        for p, v in (("2024", 1), ("2025", 3))
    ]
    c = compare(loaded)
    assert set(FORMATTERS) == set(OutputFormat)
    for fmt in OutputFormat:
        text = render(c, fmt)
        assert text.endswith("\n") and "2025" in text


def test_terminal_output_neutralizes_control_characters(
    runner: CliRunner, mini: Path, write_yaml: Callable[..., Path]
) -> None:
    evil = "Evil\x1b[2J Corp"
    files = [write_yaml(answers(p, org=evil), f"{p}.yaml") for p in ("2024", "2025")]
    result = run(runner, mini, *files)
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert result.stdout.startswith("Evil?[2J Corp: 2 assessments")


def test_the_hash_reported_is_of_the_bytes_compared(
    runner: CliRunner, mini: Path, write_yaml: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that changes right after it is parsed is reported with the bytes that were scored."""
    from assess.files import loading

    files = [write_yaml(answers(p), f"{p}.yaml") for p in ("2024", "2025")]
    scored = [f.read_bytes() for f in files]
    real = loading.load_answers

    def load_then_change(path: Path, *args: Any, **kwargs: Any) -> Any:
        loaded = real(path, *args, **kwargs)
        path.write_text("changed: after it was read\n", encoding="utf-8")
        return loaded

    monkeypatch.setattr(loading, "load_answers", load_then_change)
    result = run(runner, mini, *files, extra=("--json",))
    assert result.exit_code == 0, result.stderr
    reported = [a["answers_sha256"] for a in json.loads(result.stdout)["assessments"]]
    assert reported == [hashlib.sha256(data).hexdigest() for data in scored]


def test_a_trend_report_into_a_folder_is_one_error(
    runner: CliRunner, mini: Path, write_yaml: Callable[..., Path], tmp_path: Path
) -> None:
    files = [write_yaml(answers(p), f"{p}.yaml") for p in ("2024", "2025")]
    folder = tmp_path / "trend"
    folder.mkdir()
    result = run(runner, mini, *files, extra=("-o", str(folder)))
    assert result.exit_code == 2
    assert result.stderr == f"error: {folder}: is a folder, not a file (name a file to write)\n"
    assert list(folder.iterdir()) == []
