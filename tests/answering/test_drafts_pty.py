"""`assess take` at 80x24: a note typed before the answer survives Ctrl-C, a hang-up or a kill,
comes back when the session resumes, and goes into the answer chosen; no answer is made up."""

from __future__ import annotations

import signal
from pathlib import Path

import pexpect
import pytest
import yaml
from typer.testing import CliRunner

from assess.files.loading import load_answers
from assess.model.answers import Answer, AnswersFile
from tests.answering.test_take_pty import answer, screen_of, spawn, wait_for
from tests.builders import choice, run_cli, small_questionnaire, unstamped

pytestmark = pytest.mark.pty

NOTE = "Ask the CISO: policy v3 awaits the board"


@pytest.fixture
def made(tmp_path: Path, runner: CliRunner) -> tuple[Path, Path]:
    data = small_questionnaire()
    data["dimensions"][0]["questions"] = [choice(f"A-0{i}") for i in range(1, 4)]
    data["dimensions"][1]["questions"] = [choice("B-01")]
    qpath = tmp_path / "q.yaml"
    qpath.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    path = tmp_path / "acme.yaml"
    args: list[str | Path] = ["--org", "Acme", "--profile", "baseline", "--period", "2025"]
    assert run_cli(runner, "init", "-o", path, *args, "-q", qpath).exit_code == 0
    return path, qpath


def loaded(path: Path, qpath: Path) -> AnswersFile:
    return load_answers(path, [qpath])[0]


def type_note(child: pexpect.spawn) -> None:
    """At A-01, open the note and evidence prompts and type the note."""
    wait_for(child, "A-01")
    answer(child, "e")
    child.expect_exact("Note (empty: none):")
    child.send(NOTE + "\r")
    child.expect_exact("Evidence references, separated by ; (empty: none):")


def test_ctrl_c_keeps_the_note_and_evidence_as_a_draft_and_records_no_answer(
    made: tuple[Path, Path], sessions: list[pexpect.spawn]
) -> None:
    path, qpath = made
    child = spawn(path, qpath, size=(24, 80))
    sessions.append(child)
    type_note(child)
    child.send("Board minutes 2025-03; Policy v3\r")
    wait_for(child, "A-01")  # the same question, drawn again with its draft
    assert "! Saved as a draft, not an answer: it goes with the one you choose." in "\n".join(
        screen_of(child)
    )
    child.sendintr()
    child.expect("Interrupted. Every answer and note given so far is saved in")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130

    after = loaded(path, qpath)
    assert after.answers == {}
    draft = after.drafts["A-01"]
    assert (draft.note, draft.evidence) == (NOTE, ["Board minutes 2025-03", "Policy v3"])
    assert draft.noted_by == "Tester" and draft.noted_at is not None
    text = path.read_text(encoding="utf-8")
    assert "answers: {}\ndrafts:\n  A-01:\n" in text

    again = spawn(path, qpath, size=(24, 80))
    sessions.append(again)
    wait_for(again, "A-01")
    screen = "\n".join(screen_of(again))
    assert "Note (draft): Ask the CISO: policy v3 awaits the board" in screen
    assert "Evidence: Board minutes 2025-03; Policy v3" in screen
    answer(again, "2")
    wait_for(again, "A-02")
    answer(again, "q")
    again.expect(pexpect.EOF)
    again.close()
    assert again.exitstatus == 0
    final = loaded(path, qpath)
    assert unstamped(final.answers) == {
        "A-01": Answer(value=2, note=NOTE, evidence=["Board minutes 2025-03", "Policy v3"])
    }
    assert final.drafts == {}
    assert "drafts" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGKILL], ids=["SIGHUP", "SIGKILL"])
def test_a_note_survives_a_closed_terminal_or_a_kill_before_the_evidence(
    made: tuple[Path, Path], sessions: list[pexpect.spawn], sig: signal.Signals
) -> None:
    path, qpath = made
    child = spawn(path, qpath, size=(24, 80))
    sessions.append(child)
    type_note(child)  # the note is entered; the evidence prompt waits
    child.kill(sig)
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus == sig or child.exitstatus not in (None, 0)

    after = loaded(path, qpath)
    assert after.answers == {}
    assert after.drafts["A-01"].note == NOTE
    assert after.drafts["A-01"].evidence == []

    again = spawn(path, qpath, size=(24, 80))
    sessions.append(again)
    wait_for(again, "A-01")
    assert f"Note (draft): {NOTE}" in "\n".join(screen_of(again))
    again.send("\r")  # Enter on the untouched question still chooses nothing
    again.expect("Nothing chosen yet")
    answer(again, "3")
    wait_for(again, "A-02")
    answer(again, "q")
    again.expect(pexpect.EOF)
    final = loaded(path, qpath)
    assert unstamped(final.answers) == {"A-01": Answer(value=3, note=NOTE)}
    assert final.drafts == {}
