"""Writing answers files: hand edits survive, writes are atomic, and one session holds the lock."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assess.errors import AssessError
from assess.files.answersfile import new_answers_text, save_entry, write_new
from assess.files.loading import load_answers
from assess.files.lock import lock_path, locked
from assess.files.roundtrip import guess_indent
from assess.model.answers import Answer, AnswersFile, NotApplicable
from tests.builders import ROOT, run_cli, small_questionnaire

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
    assert text.splitlines()[0] == "# An assess answers file. Check it with: assess validate FILE"
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


def _entry_lines(lines: list[str], qid: str) -> range:
    """The lines of one entry: its key line and everything indented deeper below it."""
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith(f"{qid}:"))
    column = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (
        not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > column
    ):
        end += 1
    while not lines[end - 1].strip():
        end -= 1
    return range(start, end)


# Answers files only: the auditor's review beside them is a file of another kind.
EXAMPLES = sorted(p for p in (ROOT / "examples").glob("*.yaml") if ".review" not in p.suffixes)


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_one_answer_changes_only_its_entry_in_every_example(
    example: Path, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 10, item 4: no other note rewrapped, no trailing space, comments and order kept."""
    monkeypatch.setenv("ASSESS_USER", "Priya Raman")
    path = tmp_path / example.name
    shutil.copy(example, path)
    answers, _ = load_answers(path)
    # A choice answer with a note somewhere in the middle of the file, changed to another value.
    qid, entry = next(
        (qid, e)
        for qid, e in list(answers.answers.items())[len(answers.answers) // 2 :]
        if isinstance(e, Answer) and isinstance(e.value, int) and e.note
    )
    before = path.read_text(encoding="utf-8").splitlines()
    assert isinstance(entry.value, int)
    value = (entry.value + 1) % 4
    result = run_cli(runner, "answer", path, qid, str(value))
    assert result.exit_code == 0, result.stderr
    after = path.read_text(encoding="utf-8").splitlines()
    span = _entry_lines(before, qid)
    new_span = _entry_lines(after, qid)
    assert before[: span.start] == after[: new_span.start]
    assert before[span.stop :] == after[new_span.stop :]
    changed = after[new_span.start : new_span.stop]
    assert [line for line in changed if line.rstrip() != line] == []
    # Inside the entry, only the value line changed and the two stamps were added.
    assert sorted(set(changed) - set(before[span.start : span.stop])) == sorted(
        [
            next(line for line in changed if line.strip().startswith("value:")),
            next(line for line in changed if "answered_by: Priya Raman" in line),
            next(line for line in changed if "answered_at: " in line),
        ]
    )
    assert load_answers(path)[0].answers[qid].model_dump(
        exclude={"value", "answered_by", "answered_at"}
    ) == entry.model_dump(exclude={"value", "answered_by", "answered_at"})


def _without(lines: list[str], span: range) -> list[str]:
    return lines[: span.start] + lines[span.stop :]


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_a_draft_changes_only_its_own_lines_in_every_example(
    example: Path, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A note saved before the answer adds only its draft's lines; the answer that takes it over
    adds its entry and removes exactly those lines."""
    monkeypatch.setenv("ASSESS_USER", "Priya Raman")
    path = tmp_path / example.name
    shutil.copy(example, path)
    answers, _ = load_answers(path)
    first, second = [
        (qid, e.value)
        for qid, e in list(answers.answers.items())[len(answers.answers) // 2 :]
        if isinstance(e, Answer) and isinstance(e.value, int)
    ][:2]
    # Two questions of the file made open again, as if nobody had answered them yet.
    lines = path.read_text(encoding="utf-8").splitlines()
    for qid, _ in (first, second):
        lines = _without(lines, _entry_lines(lines, qid))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def saved(*args: str) -> list[str]:
        result = run_cli(runner, "answer", path, *args)
        assert result.exit_code == 0, result.stderr
        text = path.read_text(encoding="utf-8")
        assert [line for line in text.splitlines() if line.rstrip() != line] == []
        return text.splitlines()

    one = saved(first[0], "--note", "Ask the CISO: the policy is with the board")
    assert one[: len(lines)] == lines
    assert one[len(lines)] == "drafts:"
    assert _entry_lines(one, first[0]) == range(len(lines) + 1, len(one))
    two = saved(second[0], "--evidence", "Minutes 2025-03", "--evidence", "Policy v3")
    assert two[: len(one)] == one
    assert _entry_lines(two, second[0]) == range(len(one), len(two))

    three = saved(first[0], str(first[1]))
    entry = _entry_lines(three, first[0])  # now in `answers`, before the drafts
    assert three.index("drafts:") >= entry.stop
    assert _without(three, entry) == _without(two, _entry_lines(two, first[0]))
    taken = load_answers(path)[0].answers[first[0]]
    assert isinstance(taken, Answer)
    assert (taken.value, taken.note) == (first[1], "Ask the CISO: the policy is with the board")
    four = saved(second[0], str(second[1]))
    entry = _entry_lines(four, second[0])
    # The last draft goes with the section's own line: no empty `drafts:` is left behind.
    drafts = range(three.index("drafts:"), _entry_lines(three, second[0]).stop)
    assert _without(four, entry) == _without(three, drafts)
    assert "drafts:" not in four
    assert load_answers(path)[0].drafts == {}


def test_a_draft_written_by_hand_in_any_style_is_taken_over_by_its_answer(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        HAND_WRITTEN + "drafts: {B-02: {note: ask Bob}, B-01: {evidence: [x]}}  # by hand\n",
        encoding="utf-8",
    )
    save_entry(path, "B-02", Answer(value=1, note="ask Bob"))
    text = path.read_text(encoding="utf-8")
    assert text.startswith(HAND_WRITTEN.split("answers:")[0])
    assert "# Alpha first" in text and "# to improve next year" in text
    data = _safe_load(path)
    assert isinstance(data, dict)
    assert data["drafts"] == {"B-01": {"evidence": ["x"]}}
    assert data["answers"]["B-02"] == {"value": 1, "note": "ask Bob"}
    save_entry(path, "B-01", Answer(value="yes", evidence=["x"]))
    data = _safe_load(path)
    assert isinstance(data, dict) and "drafts" not in data
