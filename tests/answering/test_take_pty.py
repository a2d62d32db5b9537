"""`assess take` in a real pseudo-terminal: answers survive a kill, Ctrl-C, and a second session."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest
import yaml
from typer.testing import CliRunner

from assess.files.loading import load_answers
from assess.model.answers import Answer
from tests.builders import choice, run_cli, small_questionnaire

TIMEOUT = 15
IDS = [f"A-0{i}" for i in range(1, 5)] + [f"B-0{i}" for i in range(1, 5)]


@pytest.fixture
def files(tmp_path: Path, runner: CliRunner) -> tuple[Path, Path]:
    data = small_questionnaire()
    data["dimensions"][0]["questions"] = [choice(qid) for qid in IDS[:4]]
    data["dimensions"][1]["questions"] = [choice(qid) for qid in IDS[4:]]
    qpath = tmp_path / "q.yaml"
    qpath.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    path = tmp_path / "acme.yaml"
    args: list[str | Path] = ["--org", "Acme", "--profile", "baseline", "--period", "2025"]
    assert run_cli(runner, "init", "-o", path, *args, "-q", qpath).exit_code == 0
    return path, qpath


def spawn(path: Path, qpath: Path) -> pexpect.spawn:
    # No cursor-position requests: a pseudo-terminal in a test has nobody to answer them.
    env = {**os.environ, "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1", "NO_COLOR": "1"}
    return pexpect.spawn(
        sys.executable,
        ["-m", "assess", "take", str(path), "-q", str(qpath)],
        cwd=str(path.parent),
        env=env,
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 120),
    )


@pytest.fixture
def sessions() -> Iterator[list[pexpect.spawn]]:
    started: list[pexpect.spawn] = []
    yield started
    for child in started:
        if child.isalive():
            child.kill(signal.SIGKILL)
        child.close(force=True)


def wait_for(child: pexpect.spawn, qid: str) -> None:
    child.expect(f"{qid}  Practice {qid} is in place.")
    child.expect("Your answer:")


def answer(child: pexpect.spawn, key: str) -> None:
    child.send(key)
    child.send("\r")


def saved(path: Path, qpath: Path) -> dict[str, object]:
    return dict(load_answers(path, [qpath])[0].answers)


def test_answers_survive_sigkill_and_the_session_resumes_at_the_sixth(
    files: tuple[Path, Path], sessions: list[pexpect.spawn]
) -> None:
    path, qpath = files
    first = spawn(path, qpath)
    sessions.append(first)
    for n, qid in enumerate(IDS[:5]):
        wait_for(first, qid)
        answer(first, str(n % 4))
    wait_for(first, IDS[5])
    first.kill(signal.SIGKILL)
    first.expect(pexpect.EOF)

    assert saved(path, qpath) == {qid: Answer(value=n % 4) for n, qid in enumerate(IDS[:5])}
    second = spawn(path, qpath)
    sessions.append(second)
    second.expect(r"B Beta: question 2 of 4  \|  5 of 8 answered overall")
    wait_for(second, IDS[5])
    answer(second, "q")
    second.expect("Saved. Continue with: assess take")
    second.expect(pexpect.EOF)
    second.close()
    assert second.exitstatus == 0


def test_ctrl_c_keeps_the_answers_prints_how_to_resume_and_exits_130(
    files: tuple[Path, Path], sessions: list[pexpect.spawn]
) -> None:
    path, qpath = files
    child = spawn(path, qpath)
    sessions.append(child)
    wait_for(child, "A-01")
    answer(child, "3")
    wait_for(child, "A-02")
    answer(child, "1")
    wait_for(child, "A-03")
    child.sendintr()
    child.expect("Interrupted. Every answer given so far is saved in")
    child.expect(f"Resume with: assess take {path} -q {qpath}")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert saved(path, qpath) == {"A-01": Answer(value=3), "A-02": Answer(value=1)}
    assert not (path.parent / "acme.yaml.lock").exists()


def test_a_comment_written_by_hand_survives_take(
    files: tuple[Path, Path], sessions: list[pexpect.spawn]
) -> None:
    path, qpath = files
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "answers: {}",
        "# Reviewed with the CISO on 12 Nov\nanswers:\n  A-01: {value: 2}  # from the audit",
    )
    path.write_text(text, encoding="utf-8")
    child = spawn(path, qpath)
    sessions.append(child)
    wait_for(child, "A-02")
    answer(child, "1")
    wait_for(child, "A-03")
    answer(child, "q")
    child.expect(pexpect.EOF)
    after = path.read_text(encoding="utf-8")
    assert "# Reviewed with the CISO on 12 Nov\nanswers:\n" in after
    assert "  A-01: {value: 2}  # from the audit\n" in after
    assert "  A-02: {value: 1}\n" in after


def test_take_without_a_terminal_points_to_answer(
    files: tuple[Path, Path], runner: CliRunner
) -> None:
    path, qpath = files
    result = run_cli(runner, "take", path, "-q", qpath)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {path}: `assess take` needs a terminal, and standard input is not one "
        "(from a script use `assess answer FILE QID VALUE`, or edit the file by hand)\n"
    )
