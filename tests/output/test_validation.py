"""`assess validate` over many files: a folder stands for its files, workers change nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from tests.builders import run_cli, small_questionnaire


def answers(n: int, **extra: Any) -> dict[str, Any]:
    return {
        "questionnaire": {"id": "mini", "version": "1.0"},
        "organization": {"name": f"Org {n}", "profile": "baseline"},
        "assessment": {"period": "2025", "date": "2025-06-01"},
        "answers": {"A-01": {"value": n % 4, **extra}, "B-01": {"value": "yes"}},
    }


def folder_of(write_yaml: Callable[..., Path], count: int) -> tuple[Path, Path]:
    """A questionnaire and a folder of `count` answers files, more than a worker's share."""
    q = write_yaml(small_questionnaire(), "mini.yaml")
    folder = q.parent / "answers"
    folder.mkdir()
    for n in range(count):
        write_yaml(answers(n), f"org-{n:03}.yaml").rename(folder / f"org-{n:03}.yaml")
    return q, folder


def test_a_folder_is_checked_file_by_file_in_order_with_or_without_workers(
    runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    q, folder = folder_of(write_yaml, 40)
    (folder / "org-017.yaml").write_text("answers: [\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not a YAML file", encoding="utf-8")
    one = run_cli(runner, "validate", folder, "-q", q, "--jobs", "1")
    two = run_cli(runner, "validate", folder, "-q", q, "--jobs", "2")
    assert (one.exit_code, two.exit_code) == (2, 2)
    assert one.stdout == two.stdout and one.stderr == two.stderr
    ok = one.stdout.splitlines()
    assert len(ok) == 39 and all(": ok, " in line for line in ok)
    assert [line.split(":")[0] for line in ok] == [
        str(folder / f"org-{n:03}.yaml") for n in range(40) if n != 17
    ]
    assert one.stderr.splitlines() == [one.stderr.splitlines()[0]]
    assert one.stderr.startswith(f"error: {folder / 'org-017.yaml'}:2:")


def test_strict_quality_checks_run_in_workers_too(
    runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    q, folder = folder_of(write_yaml, 30)
    one = run_cli(runner, "validate", folder, "-q", q, "--strict", "--jobs", "1")
    two = run_cli(runner, "validate", folder, "-q", q, "--strict", "--jobs", "2")
    assert one.stdout == two.stdout
    assert (one.exit_code, two.exit_code) == (1, 1)  # a quality check fired
    assert one.stdout.count(": ok, ") == 30
    # Every file's quality lines follow its own ok line.
    claimed = f"{folder / 'org-029.yaml'}: quality issue Q1 evidence-missing: B-01"
    assert claimed in one.stdout.split(f"{folder / 'org-029.yaml'}: ok, ")[1]
