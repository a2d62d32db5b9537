"""`assess init`: a new answers file, and next year's file carried forward from last year's."""

# ruff: noqa: RUF001 (Chinese text has its own punctuation)
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from assess.files.loading import load_answers
from assess.files.lock import locked
from assess.model.answers import Answer, NotApplicable
from tests.builders import choice, run_cli, small_questionnaire, unstamped


def test_init_writes_a_file_that_validates(
    runner: CliRunner, write_yaml: Callable[..., Path], tmp_path: Path
) -> None:
    qpath = write_yaml(small_questionnaire(), "q.yaml")
    out = tmp_path / "acme-2025.yaml"
    result = run_cli(
        runner, "init", "-o", out, "--org", "Acme Grid", "--profile", "critical",
        "--period", "2025", "--sector", "electricity", "--assessor", "R. Lee", "-q", qpath,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert f"{out}: created for mini@1.0" in result.stdout
    assert f"next: assess take {out}" in result.stdout
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# An assess answers file.")
    assert str(tmp_path) not in text and "file://" not in text
    data = yaml.safe_load(text)
    assert data == {
        "questionnaire": {"id": "mini", "version": "1.0"},
        "organization": {"name": "Acme Grid", "sector": "electricity", "profile": "critical"},
        "assessment": {"period": "2025", "date": dt.date.today(), "assessor": "R. Lee"},
        "answers": {},
    }
    assert run_cli(runner, "validate", out, "-q", qpath).exit_code == 0


def test_init_refuses_to_overwrite_without_force(
    runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    qpath = write_yaml(small_questionnaire(), "q.yaml")
    out = write_yaml("precious: answers\n", "old.yaml")
    args: list[str | Path] = ["init", "-o", out, "--org", "A", "--profile", "baseline"]
    args += ["--period", "2025"]
    result = run_cli(runner, *args, "-q", qpath)
    assert result.exit_code == 2
    hint = "(choose another name, or pass --force)"
    assert result.stderr == f"error: {out}: file already exists {hint}\n"
    assert out.read_text(encoding="utf-8") == "precious: answers\n"
    assert run_cli(runner, *args, "-q", qpath, "--force", "--date", "2025-01-31").exit_code == 0
    assert load_answers(out, [qpath])[0].assessment.date == dt.date(2025, 1, 31)


def test_init_force_never_replaces_a_file_being_saved(
    runner: CliRunner, write_yaml: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("assess.files.lock.WAIT_SECONDS", 0.3)
    qpath = write_yaml(small_questionnaire(), "q.yaml")
    out = write_yaml("precious: answers\n", "busy.yaml")
    args: list[str | Path] = ["init", "-o", out, "--org", "A", "--profile", "baseline"]
    with locked(out):  # as a save by `take` or `answer` holds it
        result = run_cli(runner, *args, "--period", "2025", "--force", "-q", qpath)
    assert result.exit_code == 2
    assert f"error: {out}: is locked by process" in result.stderr
    assert out.read_text(encoding="utf-8") == "precious: answers\n"


def test_init_errors_are_one_line(
    runner: CliRunner, write_yaml: Callable[..., Path], tmp_path: Path
) -> None:
    qpath = write_yaml(small_questionnaire(), "q.yaml")
    out = tmp_path / "new.yaml"
    base: list[str | Path] = ["init", "-o", out, "--org", "A", "--period", "2025", "-q", qpath]
    cases: dict[str, list[str | Path]] = {
        "unknown profile 'huge' in mini@1.0 (profiles of mini@1.0 are baseline, critical)": [
            "--profile",
            "huge",
        ],
        "--date '31/01/2025' is not a date": ["--profile", "baseline", "--date", "31/01/2025"],
        "questionnaire mini@9.9 not found": ["--profile", "baseline", "--use", "mini@9.9"],
        "mini@9.9: file not found": ["--profile", "baseline", "-q", "mini@9.9"],
        "missing --profile ID": [],
    }
    for message, extra in cases.items():
        result = run_cli(runner, *base, *extra)
        assert result.exit_code == 2, message
        assert len(result.stderr.splitlines()) == 1
        assert message in result.stderr
        assert "Traceback" not in result.stderr
        assert not out.exists()


def _versions(write_yaml: Callable[..., Path]) -> tuple[Path, Path]:
    """Version 1.0, and a 2.0 that renames A-01, drops A-03, adds A-04 and changes B-01's scale."""
    old = write_yaml(small_questionnaire(), "mini-1.0.yaml")
    new = small_questionnaire(version="2.0")
    questions = new["dimensions"][0]["questions"]
    questions[0] = choice("A-10", 1, previous_ids=["A-01"])
    questions[2] = choice("A-04", 3)
    new["dimensions"][1]["questions"][0]["scale"] = "practice"
    new["dimensions"][1]["questions"][1]["when"] = {"question": "B-01", "in": [2, 3]}
    return old, write_yaml(new, "mini-2.0.yaml")


def test_from_carries_answers_across_a_questionnaire_change(
    runner: CliRunner, write_yaml: Callable[..., Path], tmp_path: Path
) -> None:
    old_q, new_q = _versions(write_yaml)
    last = tmp_path / "acme-2024.yaml"
    args = ["--org", "Acme", "--profile", "critical", "--period", "2024", "--sector", "energy"]
    assert run_cli(runner, "init", "-o", last, *args, "-q", old_q).exit_code == 0
    for qid, value in [("A-01", "2"), ("A-02", "3"), ("A-03", "1"), ("B-01", "yes")]:
        assert run_cli(runner, "answer", last, qid, value, "-q", old_q).exit_code == 0
    na: list[str | Path] = [
        "answer",
        last,
        "B-02",
        "--na",
        "No remote sites",
        "--note",
        "n",
        "-q",
        old_q,
    ]
    assert run_cli(runner, *na).exit_code == 0

    this = tmp_path / "acme-2025.yaml"
    result = run_cli(
        runner, "init", "-o", this, "--period", "2025", "--from", last, "-q", old_q, "-q", new_q
    )
    assert result.exit_code == 0, result.stderr
    assert f"{this}: created for mini@2.0" in result.stdout
    assert "carried 3 answers from" in result.stdout
    assert "renamed: A-01 -> A-10" in result.stdout
    assert "not carried: A-03: no such question in mini@2.0" in result.stdout
    assert "not carried: B-01: 'yes' is not an option of scale 'practice'" in result.stdout

    answers, q = load_answers(this, [new_q])
    assert q.ref == "mini@2.0"
    assert answers.organization.model_dump() == {
        "name": "Acme",
        "sector": "energy",
        "profile": "critical",
    }
    assert answers.assessment.period == "2025"
    assert unstamped(answers.answers) == {
        "A-10": Answer(value=2, carried_from="2024"),
        "A-02": Answer(value=3, carried_from="2024"),
        "B-02": NotApplicable(na=True, justification="No remote sites", note="n",
                              carried_from="2024"),
    }  # fmt: skip


def test_from_needs_the_old_questionnaire_to_read_last_year(
    runner: CliRunner, write_yaml: Callable[..., Path], tmp_path: Path
) -> None:
    old_q, new_q = _versions(write_yaml)
    last = tmp_path / "acme-2024.yaml"
    base = ["--org", "Acme", "--profile", "baseline", "--period", "2024"]
    assert run_cli(runner, "init", "-o", last, *base, "-q", old_q).exit_code == 0
    result = run_cli(
        runner,
        "init",
        "-o",
        tmp_path / "n.yaml",
        "--period",
        "2025",
        "--previous",
        last,
        "-q",
        new_q,
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {last}:2:")
    assert "questionnaire mini@1.0 not found" in result.stderr


def test_init_says_what_it_did_not_carry_and_why_in_chinese(
    runner: CliRunner,
    write_yaml: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old_q, new_q = _versions(write_yaml)
    last = tmp_path / "acme-2024.yaml"
    args = ["--org", "Acme", "--profile", "critical", "--period", "2024"]
    assert run_cli(runner, "init", "-o", last, *args, "-q", old_q).exit_code == 0
    for qid, value in [("A-01", "2"), ("A-03", "1")]:
        assert run_cli(runner, "answer", last, qid, value, "-q", old_q).exit_code == 0
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    this = tmp_path / "acme-2025.yaml"
    init: list[str | Path] = [
        "init",
        "-o",
        this,
        "--period",
        "2025",
        "--from",
        last,
        "-q",
        old_q,
        "-q",
        new_q,
    ]
    result = run_cli(runner, *init)
    assert result.exit_code == 0, result.stderr
    assert "  已改名：A-01 -> A-10" in result.stdout.splitlines()
    assert "  未沿用：A-03：mini@2.0 中没有该题目" in result.stdout.splitlines()
    # Without a profile or a previous file, init says what is missing in Chinese too.
    result = run_cli(runner, "init", "-o", tmp_path / "x.yaml", "--org", "A", "--period", "1")
    assert result.stderr.startswith(
        "错误：缺少 --profile ID（cyberposture@1.1 的防护档位有 baseline"
    )
