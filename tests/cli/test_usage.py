"""The command line is one consistent thing: errors, exit statuses, help and ids."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from typer.main import get_command
from typer.testing import CliRunner

from assess.cli import app
from assess.errors import ExitCode
from assess.files.questionnaires import bundled
from tests.builders import ROOT, doc_section, run_cli, small_questionnaire, table_fields

EXAMPLES = ROOT / "examples"
NORTHWIND = EXAMPLES / "northwind-2025.yaml"
COMMANDS = sorted(get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["score", "--format", "xml", NORTHWIND], "invalid value for '--format': 'xml' is not"),
        (["score"], "missing argument 'FILE'"),
        (["score", "--bogus", NORTHWIND], "no such option: --bogus"),
        (["report", NORTHWIND, "--format", "docx"], "'docx' is not one of 'pdf', 'html'"),
        (["report", NORTHWIND, "--jobs", "-1"], "invalid value for '--jobs'"),
        (["scor", NORTHWIND], "no such command 'scor'. Did you mean 'score'?"),
        (["schema", "report"], "'report' is not one of 'questionnaire', 'answers'"),
    ],
)
def test_a_usage_error_is_one_error_line_with_status_2(
    runner: CliRunner, args: list[str | Path], message: str
) -> None:
    result = run_cli(runner, *args)
    assert result.exit_code == ExitCode.bad_input
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: ") and message in line
    assert line.endswith("--help`)")
    assert result.stdout == ""


def test_exit_statuses_are_documented_as_the_enum_says() -> None:
    documented = table_fields(doc_section(ROOT / "docs" / "cli.md", "Exit status"))
    assert documented == [str(code.value) for code in ExitCode]


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_names_values_never_python_types(runner: CliRunner, command: str) -> None:
    result = run_cli(runner, *command.split(), "--help")
    assert result.exit_code == 0
    assert not re.search(r"<\w|\b(bool|str|int|float|Path)\b|list\[|╭", result.stdout), (
        result.stdout
    )
    assert "Usage: assess" in result.stdout


def test_help_lists_the_bundled_profiles_and_dimensions(runner: CliRunner) -> None:
    q = [f.questionnaire for f in bundled() if f.questionnaire.id == "cyberposture"][-1]
    init = " ".join(run_cli(runner, "init", "--help").stdout.split())
    take = " ".join(run_cli(runner, "take", "--help").stdout.split())
    assert f"cyberposture: {', '.join(p.id for p in q.profiles)};" in init
    assert f"cyberposture: {', '.join(d.id for d in q.dimensions)})" in take


def test_the_old_option_names_still_work(runner: CliRunner, tmp_path: Path) -> None:
    as_json = run_cli(runner, "score", NORTHWIND, "--json")
    assert as_json.stdout == run_cli(runner, "score", NORTHWIND, "--format", "json").stdout
    assert as_json.stdout.startswith("{")
    carried = run_cli(
        runner, "init", "-o", tmp_path / "n.yaml", "--period", "2026", "--from", NORTHWIND
    )
    assert carried.exit_code == 0, carried.stderr
    assert re.search(r"carried \d+ answers from", carried.stdout)


def test_questionnaire_means_a_file_and_use_names_a_bundled_one(
    runner: CliRunner, tmp_path: Path
) -> None:
    base = ["init", "--org", "Acme", "--profile", "baseline", "--period", "2025"]
    named = run_cli(runner, *base, "-o", tmp_path / "a.yaml", "--use", "cyberposture@1.0")
    assert named.exit_code == 0, named.stderr
    assert "created for cyberposture@1.0" in named.stdout
    as_file = run_cli(runner, *base, "-o", tmp_path / "b.yaml", "-q", "cyberposture@1.0")
    assert as_file.exit_code == 2
    assert as_file.stderr == "error: cyberposture@1.0: file not found (check the path)\n"


# --- ids in any case, and suggestions ---


@pytest.fixture
def mini(write_yaml: Callable[..., Path], runner: CliRunner, tmp_path: Path) -> tuple[Path, Path]:
    qpath = write_yaml(small_questionnaire(), "mini.yaml")
    path = tmp_path / "acme.yaml"
    args: list[str | Path] = ["--org", "Acme", "--profile", "BASELINE", "--period", "2025"]
    created = run_cli(runner, "init", "-o", path, *args, "-q", qpath)
    assert created.exit_code == 0, created.stderr
    return path, qpath


def test_ids_are_matched_in_any_case_and_kept_as_the_questionnaire_spells_them(
    runner: CliRunner, mini: tuple[Path, Path]
) -> None:
    path, qpath = mini
    result = run_cli(runner, "answer", path, "a-01", "2", "-q", qpath)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{path}: A-01 saved\n"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["organization"]["profile"] == "baseline"
    assert data["answers"]["A-01"]["value"] == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["answer", "{path}", "A-1", "2"], "unknown question 'A-1' in mini@1.0 (did you mean A-01"),
        (["show", "mini", "b-2"], "unknown question 'b-2' in mini@1.0 (did you mean B-02"),
        (
            ["init", "-o", "{new}", "--org", "A", "--period", "1", "--profile", "critcal"],
            "unknown profile 'critcal' in mini@1.0 (did you mean critical?)",
        ),
        (
            ["answer", "{path}", "ZZZ-99", "2"],
            "unknown question 'ZZZ-99' in mini@1.0 (questions of mini@1.0 are A-01, A-02,",
        ),
    ],
)
def test_an_unknown_id_gets_the_closest_ones_or_the_list(
    runner: CliRunner, mini: tuple[Path, Path], args: list[str], message: str
) -> None:
    path, qpath = mini
    new = path.with_name("new.yaml")
    filled = [a.format(path=path, new=new) for a in args]
    result = run_cli(runner, *filled, "-q", qpath)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert message in result.stderr
    assert not new.exists()


def test_show_prints_one_question_in_full(runner: CliRunner) -> None:
    result = run_cli(runner, "show", "cyberposture@1.0", "opn-05")
    assert result.exit_code == 0, result.stderr
    (q,) = [f.questionnaire for f in bundled() if f.questionnaire.ref == "cyberposture@1.0"]
    question = q.question("OPN-05")
    assert question is not None and question.type == "multi"
    text = result.stdout
    assert text.startswith("OPN-05  OPN Open  (cyberposture@1.0)\n")
    flat = " ".join(text.split())
    lines = [line.strip() for line in text.splitlines()]
    assert " ".join(question.text.split()) in flat
    assert " ".join(question.guidance.split()) in flat
    assert " ".join(question.recommendation.split()) in flat
    assert "Answers (multi):" in text
    for option in question.options:
        described = f"{option.value} {option.label} (weight {option.weight:g})"
        assert any(line.startswith(option.value + "  ") for line in lines)
        assert " ".join(described.split()) in flat
    assert f"Level {question.level}, weight {question.weight:g}" in text
    assert "Applies to: every profile" in text
    for source, ids in question.references.items():
        assert f"  {source}: {', '.join(ids)}" in text


def test_show_prints_a_choice_question_with_its_scale(runner: CliRunner) -> None:
    result = run_cli(runner, "show", "cyberposture@1.0", "CII-02")
    assert result.exit_code == 0, result.stderr
    assert "  0  Not implemented (score 0.00): " in result.stdout
    assert "  3  Fully implemented (score 1.00): " in result.stdout
    assert "  N/A, with a justification" in result.stdout
    assert "Applies to: " in result.stdout
