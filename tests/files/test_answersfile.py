"""Writing answers files: hand edits survive, writes are atomic, and one session holds the lock."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from assess.errors import AssessError
from assess.files.answersfile import guess_indent, new_answers_text, save_entry, write_new
from assess.files.loading import load_answers
from assess.files.lock import lock_path, locked
from assess.model.answers import Answer, AnswersFile, NotApplicable
from tests.builders import small_questionnaire

HAND_WRITTEN = """\
# Northwind, 2025 -- answered by the security team
questionnaire: {id: mini, version: "1.0"}
organization: {name: Northwind, profile: baseline}   # profile agreed with the board
assessment:
  period: "2025"
  date: 2025-11-20
answers:
  # Alpha first
  A-02: {value: 1}   # to improve next year
  A-01:
    value: 2
    note: policy v3
"""


def _fresh() -> AnswersFile:
    return AnswersFile.model_validate(
        {
            "questionnaire": {"id": "mini", "version": "1.0"},
            "organization": {"name": 'Acme: "Grid" #1', "profile": "baseline"},
            "assessment": {"period": "2025", "date": dt.date(2025, 11, 20)},
        }
    )


def test_new_file_has_the_schema_header_and_loads_back(
    tmp_path: Path, write_yaml: Callable[..., Path]
) -> None:
    qpath = write_yaml(small_questionnaire(), "q.yaml")
    path = tmp_path / "new.yaml"
    write_new(path, _fresh())
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=file://")
    assert text.splitlines()[0].endswith("/assess/schemas/answers.schema.json")
    assert [line.split(":")[0] for line in text.splitlines() if line[:1].isalpha()] == [
        "questionnaire",
        "organization",
        "assessment",
        "answers",
    ]
    loaded, _ = load_answers(path, [qpath])
    assert loaded == _fresh()


def test_new_file_is_not_written_over_an_existing_one(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("keep me\n", encoding="utf-8")
    with pytest.raises(AssessError, match="already exists"):
        write_new(path, _fresh())
    assert path.read_text(encoding="utf-8") == "keep me\n"
    write_new(path, _fresh(), force=True)
    assert "organization:" in path.read_text(encoding="utf-8")


def test_saving_keeps_comments_key_order_and_quotes(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    save_entry(path, "A-02", Answer(value=3))
    save_entry(path, "B-01", Answer(value="yes"))
    text = path.read_text(encoding="utf-8")
    for kept in [
        "# Northwind, 2025 -- answered by the security team",
        "# profile agreed with the board",
        "# Alpha first",
        "# to improve next year",
        'version: "1.0"',
        'period: "2025"',
        "    note: policy v3",
    ]:
        assert kept in text
    assert "A-02: {value: 3}   # to improve next year" in text
    assert text.index("A-02") < text.index("A-01") < text.index("B-01")
    assert text.endswith("  B-01: {value: yes}\n")


def test_an_entry_changes_shape_in_place(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    save_entry(path, "A-01", NotApplicable(na=True, justification="No such systems", note="n"))
    save_entry(path, "A-02", Answer(value=1, note="see audit", evidence=["Audit 2025 p. 4"]))
    text = path.read_text(encoding="utf-8")
    assert "  A-01:\n    na: true\n    justification: No such systems\n    note: n\n" in text
    # A one-line entry that gains a note and evidence is opened up into lines.
    assert (
        "  A-02:              # to improve next year\n    value: 1\n    note: see audit\n" in text
    )
    assert "    evidence:\n      - Audit 2025 p. 4\n" in text
    assert "value: 2" not in text


def test_indentation_of_the_file_is_followed(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(HAND_WRITTEN.replace("\n  ", "\n    "), encoding="utf-8")
    assert guess_indent(path.read_text(encoding="utf-8")) == (4, 2)
    save_entry(path, "A-03", Answer(value=1, evidence=["x"]))
    assert "    A-03:\n        value: 1\n        evidence:\n          - x\n" in path.read_text()


def test_text_typed_by_a_person_is_written_as_data(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(new_answers_text(_fresh()), encoding="utf-8")
    tricky = "yes: no\n- [x] #1 \x1b[31m {a: b} *alias &anchor !!python/object"
    save_entry(path, "A-01", Answer(value=2, note=tricky))
    save_entry(path, "A-02", Answer(value="2025"))
    loaded = AnswersFile.model_validate(_safe_load(path))
    assert loaded.answers["A-01"] == Answer(value=2, note=tricky)
    assert loaded.answers["A-02"] == Answer(value="2025")
    assert loaded.organization.name == 'Acme: "Grid" #1'


def _safe_load(path: Path) -> object:
    from assess.files.yamlfile import load_yaml

    return load_yaml(path).data


def test_a_second_holder_waits_then_gives_up_naming_the_pid(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    busy = f"is locked by process {os.getpid()}"
    with locked(path), pytest.raises(AssessError, match=busy), locked(path, wait=0.2):
        pass
    assert not lock_path(path).exists()
    with locked(path):
        assert lock_path(path).exists()


def test_a_lock_left_by_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    lock_path(path).write_text(f"{dead.stdout.strip()} somehost\n", encoding="utf-8")
    with locked(path):
        assert lock_path(path).read_text(encoding="utf-8").split()[0] == str(os.getpid())
    assert not lock_path(path).exists()
