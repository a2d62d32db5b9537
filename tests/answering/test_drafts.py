"""Drafts: a note and evidence typed before the answer are on disk at once, are taken over by
the answer, and count nowhere else (scores, reports, comparisons, carry-forward)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader
from typer.testing import CliRunner

from assess.answering.session import Command, Give, Session, Step
from assess.files.answersfile import update_draft
from assess.files.loading import load_answers
from assess.model.answers import Answer, AnswersFile, Draft
from tests.answering.test_answering import FakePrompter
from tests.builders import ROOT, run_cli, small_questionnaire, unstamped

ANSWERS = """\
questionnaire: {id: mini, version: "1.0"}
organization: {name: Acme, profile: baseline}
assessment: {period: "2025", date: 2025-11-20}
answers:
  A-02: {value: 1}  # review in spring
"""


@pytest.fixture
def made(tmp_path: Path) -> tuple[Path, Path]:
    qpath = tmp_path / "q.yaml"
    qpath.write_text(yaml.safe_dump(small_questionnaire(), sort_keys=False), encoding="utf-8")
    path = tmp_path / "answers.yaml"
    path.write_text(ANSWERS, encoding="utf-8")
    return path, qpath


def loaded(path: Path, qpath: Path) -> AnswersFile:
    return load_answers(path, [qpath])[0]


def run_session(path: Path, qpath: Path, prompter: FakePrompter) -> None:
    answers, q = load_answers(path, [qpath])
    Session(path, answers, q, prompter, by="Tester", questionnaires=[qpath]).run()


def test_a_note_before_the_answer_is_a_draft_on_disk_until_the_answer_takes_it(
    made: tuple[Path, Path],
) -> None:
    path, qpath = made
    on_disk: list[AnswersFile] = []

    class Watching(FakePrompter):
        def ask(self, step: Step, q: Any) -> Give | Command:
            on_disk.append(loaded(path, qpath))
            return super().ask(step, q)

    prompter = Watching([Command.extras, Give(2)])
    run_session(path, qpath, prompter)
    # After the note and evidence, before the answer: a draft, and still no answer for A-01.
    between = on_disk[1]
    assert "A-01" not in between.answers
    draft = between.drafts["A-01"]
    assert (draft.note, draft.evidence, draft.noted_by) == (
        "checked by audit",
        ["Audit p. 4"],
        "Tester",
    )
    assert prompter.shown[1].note == "checked by audit"
    assert prompter.shown[1].notices == (
        "Saved as a draft, not an answer: it goes with the one you choose.",
    )
    after = loaded(path, qpath)
    assert unstamped(after.answers)["A-01"] == Answer(
        value=2, note="checked by audit", evidence=["Audit p. 4"]
    )
    assert after.drafts == {}
    assert "drafts" not in path.read_text(encoding="utf-8")


def test_the_note_is_on_disk_before_the_evidence_is_asked(made: tuple[Path, Path]) -> None:
    path, qpath = made

    class Interrupted(FakePrompter):
        def evidence(self, step: Step) -> list[str]:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_session(path, qpath, Interrupted([Command.extras]))
    after = loaded(path, qpath)
    assert after.drafts["A-01"].note == "checked by audit"
    assert "A-01" not in after.answers


def test_a_skipped_question_keeps_its_draft_and_an_emptied_one_is_removed(
    made: tuple[Path, Path],
) -> None:
    path, qpath = made
    run_session(path, qpath, FakePrompter([Command.extras, Command.skip, Command.quit]))
    assert loaded(path, qpath).drafts["A-01"].note == "checked by audit"
    emptied = FakePrompter([Command.extras, Command.quit])
    emptied.extras_reply = (None, [])
    run_session(path, qpath, emptied)
    assert loaded(path, qpath).drafts == {}
    assert path.read_text(encoding="utf-8") == ANSWERS


def test_an_answer_never_drops_a_note_a_colleague_saved_while_the_screen_was_shown(
    made: tuple[Path, Path],
) -> None:
    path, qpath = made

    class Colleague(FakePrompter):
        def ask(self, step: Step, q: Any) -> Give | Command:
            if len(self.shown) == 0:  # while A-01 is on the screen, with no note
                update_draft(path, "A-01", Draft(note="Policy v3 is not approved yet"))
            return super().ask(step, q)

    prompter = Colleague([Give(3), Give(1)])
    run_session(path, qpath, prompter)
    # The first choice was made without seeing the note: it is not saved, the note is shown.
    assert prompter.ids[:2] == ["A-01", "A-01"]
    again = prompter.shown[1]
    assert again.note == "Policy v3 is not approved yet"
    assert again.notices == ("Someone changed the note of this question meanwhile. Choose again.",)
    after = loaded(path, qpath)
    assert unstamped(after.answers)["A-01"] == Answer(value=1, note="Policy v3 is not approved yet")
    assert after.drafts == {}


def test_answer_with_only_a_note_saves_a_draft_that_the_answer_takes_over(
    made: tuple[Path, Path], runner: CliRunner
) -> None:
    path, qpath = made

    def answer(*args: str) -> Any:
        result = run_cli(runner, "answer", path, *args, "--by", "Li Wei", "-q", qpath)
        assert result.exit_code == 0, result.stderr
        return result

    result = answer("a-01", "--note", "Ask the CISO")
    assert result.stdout == (
        f"{path}: A-01 has no answer yet; note and evidence saved as a draft, "
        "for its answer to take over\n"
    )
    answer("A-01", "--evidence", "Board minutes")
    drafted = loaded(path, qpath)
    assert drafted.answers.keys() == {"A-02"}
    draft = drafted.drafts["A-01"]
    assert (draft.note, draft.evidence, draft.noted_by) == (
        "Ask the CISO",
        ["Board minutes"],
        "Li Wei",
    )
    assert path.read_text(encoding="utf-8").startswith(ANSWERS + "drafts:\n  A-01:\n")
    status = run_cli(runner, "status", path, "-q", qpath).stdout.splitlines()
    assert status[0].endswith("not asked  drafts")
    assert status[1].split() == ["A", "1", "0", "2", "0", "1", "0", "1"]
    assert "drafts, no answer yet: A-01" in status

    answer("A-01", "3")
    after = loaded(path, qpath)
    assert unstamped(after.answers)["A-01"] == Answer(
        value=3, note="Ask the CISO", evidence=["Board minutes"]
    )
    assert after.drafts == {}
    assert answer("A-03", "--note", "").stdout.endswith("no draft is kept\n")
    assert "drafts" not in path.read_text(encoding="utf-8")


def test_validate_warns_of_a_draft_beside_an_answer_and_keeps_the_file_valid(
    made: tuple[Path, Path], runner: CliRunner
) -> None:
    path, qpath = made
    path.write_text(ANSWERS + "drafts:\n  A-01: {note: open}\n  A-02: {note: stale}\n")
    result = run_cli(runner, "validate", path, "-q", qpath)
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{path}: ok, answers of Acme")
    assert result.stderr == (
        f"warning: {path}:8:3: A-02 is answered, so its draft note is ignored "
        "(copy what is still true into the answer's note, then delete the draft)\n"
    )


OPEN = ["HOL-09", "OPN-09", "SHR-09"]
"""The questions haichuan-bank-2024.yaml leaves open."""
MARK = "Draft-note-of-the-test"


def with_drafts(tmp_path: Path, runner: CliRunner) -> tuple[Path, Path]:
    """A copy of an example with open questions, and the same with a draft on each of them."""
    plain = tmp_path / "plain" / "haichuan-bank-2024.yaml"
    drafted = tmp_path / "drafted" / "haichuan-bank-2024.yaml"
    for copy in (plain, drafted):
        copy.parent.mkdir()
        shutil.copy(ROOT / "examples" / "haichuan-bank-2024.yaml", copy)
    for qid in OPEN:
        note = ["--note", f"<b>{MARK}</b>", "--evidence", MARK]
        result = run_cli(runner, "answer", drafted, qid, *note)
        assert result.exit_code == 0, result.stderr
    assert set(load_answers(drafted)[0].drafts) == set(OPEN)
    return plain, drafted


def test_drafts_change_no_score_comparison_or_carried_answer(
    tmp_path: Path, runner: CliRunner
) -> None:
    plain, drafted = with_drafts(tmp_path, runner)

    def output(*args: str | Path) -> Any:
        result = run_cli(runner, *args)
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout) if "--json" in args else result.stdout

    assert output("score", drafted, "--json") == output("score", plain, "--json")
    assert output("score", drafted) == output("score", plain)
    later = ROOT / "examples" / "haichuan-bank-2025.yaml"
    compared = [output("compare", path, later, "--json") for path in (plain, drafted)]
    for result in compared:
        # Which file was read, and its fingerprint: the drafts are in its bytes, nowhere else.
        assert {result["assessments"][0].pop(key) for key in ("source", "answers_sha256")}
    assert compared[0] == compared[1]
    status = output("status", drafted).splitlines()
    assert status[-1] == f"drafts, no answer yet: {', '.join(OPEN)}"
    nxt = tmp_path / "next.yaml"
    made = run_cli(runner, "init", "-o", nxt, "--period", "2025", "--previous", drafted)
    assert made.exit_code == 0, made.stderr
    carried = load_answers(nxt)[0]
    assert carried.drafts == {} and not set(OPEN) & set(carried.answers)
    assert "drafts" not in nxt.read_text(encoding="utf-8")


@pytest.mark.pdf
def test_a_report_of_a_file_with_drafts_shows_the_same_text(
    tmp_path: Path, runner: CliRunner
) -> None:
    plain, drafted = with_drafts(tmp_path, runner)
    pages = []
    for path in (plain, drafted):
        pdf = path.with_suffix(".pdf")
        result = run_cli(runner, "report", path, "-o", pdf)
        assert result.exit_code == 0, result.stderr
        pages.append([page.extract_text() for page in PdfReader(pdf).pages])
    # Only the fingerprint of the answers file itself differs: the drafts are in its bytes.
    differ = [
        (a, b)
        for x, y in zip(*pages, strict=True)
        for a, b in zip(x.splitlines(), y.splitlines(), strict=True)
        if a != b
    ]
    assert [(a.split()[:3], b.split()[:3]) for a, b in differ] == [
        (["Answers", "file", "SHA-256"], ["Answers", "file", "SHA-256"])
    ]
    assert MARK not in " ".join(pages[1])
