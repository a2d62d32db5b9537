"""Answers files checked against their questionnaire, and `assess answer` for scripts."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from assess.files.loading import load_answers
from assess.files.lock import locked
from assess.model.answers import Answer, NotApplicable
from tests.builders import (
    assert_one_located_error,
    multi,
    number,
    run_cli,
    small_questionnaire,
    unstamped,
)

ANSWERS = """\
# Acme's answers -- keep this comment
questionnaire: {id: mini, version: "1.0"}
organization: {name: Acme, profile: baseline}
assessment: {period: "2025", date: 2025-11-20}
answers:
  A-02: {value: 1}  # review in spring
"""


def questionnaire() -> dict[str, Any]:
    data = small_questionnaire()
    data["dimensions"][0]["questions"][0]["previous_ids"] = ["OLD-01"]
    checklist = multi(
        "A-04", [{"value": "a", "label": "Logs"}, {"value": "b", "label": "Alerts"}], 2
    )
    data["dimensions"][0]["questions"] += [checklist, number("A-05", level=2, maximum=90)]
    return data


@pytest.fixture
def qpath(write_yaml: Callable[..., Path]) -> Path:
    return write_yaml(questionnaire(), "q.yaml")


ERRORS = [
    (
        "unknown id, renamed",
        "  OLD-01: {value: 2}\n",
        "unknown question 'OLD-01' in mini@1.0 (it is called A-01 in mini@1.0)",
        "OLD-01:",
    ),
    (
        "unknown id",
        "  Z-99: {value: 2}\n",
        "unknown question 'Z-99' in mini@1.0",
        "Z-99:",
    ),
    (
        "value not in the scale",
        "  A-01: {value: 4}\n",
        "A-01: 4 is not an option of scale 'practice' (choose one of 0 (Not implemented)",
        "A-01: {value: 4}",
    ),
    (
        "option not in the checklist",
        "  A-04: {value: [a, c]}\n",
        "A-04: unknown option 'c' (options are a, b)",
        "A-04:",
    ),
    (
        "number out of range",
        "  A-05: {value: 120}\n",
        "A-05: 120 is outside 0..90",
        "A-05:",
    ),
    (
        "N/A without a justification",
        "  B-02:\n    na: true\n",
        "answers.B-02: missing required key 'justification' (N/A needs a justification",
        "B-02:",
    ),
    (
        "N/A with a blank justification",
        "  B-02: {na: true, justification: '  '}\n",
        "answers.B-02.justification: must not be blank",
        "B-02:",
    ),
    (
        "N/A where it is not allowed",
        "  A-03: {na: true, justification: We have none}\n",
        "A-03: N/A is not allowed for this question (answer it instead)",
        "A-03:",
    ),
    (
        "draft for an unknown question",
        "drafts:\n  Z-99: {note: ask the CISO}\n",
        "draft for an unknown question 'Z-99' in mini@1.0 (check the id with `assess show`)",
        "Z-99:",
    ),
    (
        "unknown profile",
        "",
        "unknown profile 'huge' (profiles of mini@1.0 are baseline, critical)",
        "profile: huge",
    ),
]


@pytest.mark.parametrize(
    ("entry", "message", "line_text"), [c[1:] for c in ERRORS], ids=[c[0] for c in ERRORS]
)
def test_each_answers_error_is_one_located_line(
    runner: CliRunner,
    write_yaml: Callable[..., Path],
    qpath: Path,
    entry: str,
    message: str,
    line_text: str,
) -> None:
    text = ANSWERS + entry
    if not entry:
        text = text.replace("organization: {name: Acme, profile: baseline}",
                            "organization:\n  name: Acme\n  profile: huge")  # fmt: skip
    path = write_yaml(text, "answers.yaml")
    result = run_cli(runner, "validate", path, "-q", qpath)
    assert_one_located_error(result, path, message, line_text)


def test_validate_reports_an_answers_file(
    runner: CliRunner, write_yaml: Callable[..., Path], qpath: Path
) -> None:
    path = write_yaml(ANSWERS, "answers.yaml")
    result = run_cli(runner, "validate", path, "-q", qpath)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"{path}: ok, answers of Acme for 2025 on mini@1.0")


@pytest.fixture
def answers_file(write_yaml: Callable[..., Path]) -> Path:
    return write_yaml(ANSWERS, "answers.yaml")


def _entries(path: Path, qpath: Path) -> dict[str, Any]:
    return unstamped(load_answers(path, [qpath])[0].answers)


def test_answer_sets_values_of_every_type_and_keeps_the_comments(
    runner: CliRunner, answers_file: Path, qpath: Path
) -> None:
    calls = [
        ["A-01", "Largely", "--note", "Policy v3", "--evidence", "IT policy", "--evidence", "Min"],
        ["A-02", "3"],
        ["A-04", "a,b"],
        ["A-05", "14"],
        ["B-01", "yes"],
        ["B-02", "--na", "No remote sites"],
    ]  # fmt: skip
    for call in calls:
        result = run_cli(runner, "answer", answers_file, *call, "-q", qpath)
        assert result.exit_code == 0, result.stderr
        assert result.stdout == f"{answers_file}: {call[0]} saved\n"
    assert _entries(answers_file, qpath) == {
        "A-01": Answer(value=2, note="Policy v3", evidence=["IT policy", "Min"]),
        "A-02": Answer(value=3),
        "A-04": Answer(value=["a", "b"]),
        "A-05": Answer(value=14),
        "B-01": Answer(value="yes"),
        "B-02": NotApplicable(na=True, justification="No remote sites"),
    }
    text = answers_file.read_text(encoding="utf-8")
    assert text.startswith("# Acme's answers -- keep this comment\n")
    assert re.search(
        r"\n  A-02: \{value: 3, answered_by: [^,]+, answered_at: [^}]+\} +# review", text
    )


def test_what_is_typed_now_beats_the_file(
    runner: CliRunner, answers_file: Path, qpath: Path
) -> None:
    def answer(*args: str) -> None:
        result = run_cli(runner, "answer", answers_file, "A-01", *args, "-q", qpath)
        assert result.exit_code == 0, result.stderr

    answer("1", "--note", "first", "--evidence", "doc")
    answer("2")
    assert _entries(answers_file, qpath)["A-01"] == Answer(value=2, note="first", evidence=["doc"])
    answer("--note", "second")
    assert _entries(answers_file, qpath)["A-01"] == Answer(value=2, note="second", evidence=["doc"])
    answer("--note", "", "--evidence", "new doc")
    assert _entries(answers_file, qpath)["A-01"] == Answer(value=2, evidence=["new doc"])


def test_answering_a_question_that_does_not_apply_says_so(
    runner: CliRunner, answers_file: Path, qpath: Path
) -> None:
    result = run_cli(runner, "answer", answers_file, "B-03", "2", "-q", qpath)
    assert result.exit_code == 0
    assert "note: B-03 does not apply (not for this profile); it is kept but not scored" in (
        result.stdout
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["OLD-01", "2"], "unknown question 'OLD-01' in mini@1.0 (it is called A-01 in mini@1.0)"),
        (["A-01", "4"], "A-01: 4 is not an option of scale 'practice'"),
        (["A-01", "Mostly"], "A-01: 'Mostly' is not an option of scale 'practice'"),
        (["A-04", "a,zz"], "A-04: unknown option 'zz' (options are a, b)"),
        (["A-05", "120"], "A-05: 120 is outside 0..90"),
        (["A-05", "soon"], "A-05: 'soon' is not a number"),
        (["B-02", "--na", " "], "justification: must not be blank"),
        (["A-03", "--na", "We have none"], "A-03: N/A is not allowed for this question"),
        (["A-01", "2", "--na", "x"], "give either a value or --na, not both"),
        (["A-03"], "nothing to save for A-03 (give a VALUE, --na JUSTIFICATION, --note or"),
        (["A-02"], "nothing to save for A-02"),
    ],
)
def test_answer_refuses_bad_input_and_changes_nothing(
    runner: CliRunner, answers_file: Path, qpath: Path, args: list[str], message: str
) -> None:
    before = answers_file.read_text(encoding="utf-8")
    result = run_cli(runner, "answer", answers_file, *args, "-q", qpath)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert answers_file.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in answers_file.parent.iterdir()) == ["answers.yaml", "q.yaml"]


def test_answer_gives_up_when_the_lock_stays_held(
    runner: CliRunner, answers_file: Path, qpath: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("assess.files.lock.WAIT_SECONDS", 0.3)
    with locked(answers_file):
        result = run_cli(runner, "answer", answers_file, "A-01", "2", "-q", qpath)
    assert result.exit_code == 2
    assert f"is locked by process {os.getpid()} (lock file answers.yaml.lock)" in result.stderr
    assert "A-01" not in answers_file.read_text(encoding="utf-8")


def test_answer_on_a_broken_file_points_at_its_line(
    runner: CliRunner, write_yaml: Callable[..., Path], qpath: Path
) -> None:
    path = write_yaml(ANSWERS + "  A-01: {value: 9}\n", "answers.yaml")
    result = run_cli(runner, "answer", path, "A-02", "2", "-q", qpath)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}:7:")


def test_a_report_pdf_is_never_edited_in_place(
    runner: CliRunner, qpath: Path, tmp_path: Path
) -> None:
    # A report stands in for its answers when reading, but writing YAML would destroy it.
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.7\n% a report\n")
    result = run_cli(runner, "answer", report, "A-01", "2", "-q", qpath)
    assert result.exit_code == 2
    assert "is a report PDF; answers are changed in an answers file" in result.stderr
    assert "assess extract" in result.stderr
    assert report.read_bytes() == b"%PDF-1.7\n% a report\n"
