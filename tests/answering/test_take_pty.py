"""`assess take` in a real pseudo-terminal: nothing saved without a deliberate key, a screen that
fits 80x24, conditions followed, answers that survive a kill and Ctrl-C, two people at once."""

from __future__ import annotations

import os
import re
import signal
import sys
from pathlib import Path
from typing import Any

import pexpect
import pytest
import yaml
from typer.testing import CliRunner

from assess.files.loading import load_answers
from assess.model.answers import Answer
from tests.builders import choice, multi, run_cli, small_questionnaire, unstamped

pytestmark = pytest.mark.pty  # Each test drives `assess take` in a pseudo-terminal.

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


def spawn(
    path: Path, qpath: Path | None, *extra: str, size: tuple[int, int] = (40, 120)
) -> pexpect.spawn:
    # No cursor-position requests: a pseudo-terminal in a test has nobody to answer them.
    env = {**os.environ, "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1", "NO_COLOR": "1"}
    env["ASSESS_USER"] = "Tester"
    args = ["-m", "assess", "take", str(path), *extra]
    if qpath is not None:
        args += ["-q", str(qpath)]
    return pexpect.spawn(
        sys.executable,
        args,
        cwd=str(path.parent),
        env=env,
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=size,
    )


def wait_for(child: pexpect.spawn, qid: str) -> None:
    child.expect(f"· {qid}\r\n")
    child.expect("or a letter")


def answer(child: pexpect.spawn, key: str) -> None:
    child.send(key)
    child.send("\r")


def saved(path: Path, qpath: Path | None) -> dict[str, Any]:
    return dict(load_answers(path, [qpath] if qpath else [])[0].answers)


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

    assert unstamped(saved(path, qpath)) == {
        qid: Answer(value=n % 4) for n, qid in enumerate(IDS[:5])
    }
    second = spawn(path, qpath)
    sessions.append(second)
    second.expect(
        "B Beta · B-02\r\nquestion 6 of 8 in this session · 5 answered, 0 N/A, 3 unanswered"
    )
    second.expect("or a letter")
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
    child.expect("Interrupted. Every answer and note given so far is saved in")
    child.expect(f"Resume with: assess take {path} -q {qpath}")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert unstamped(saved(path, qpath)) == {"A-01": Answer(value=3), "A-02": Answer(value=1)}
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
    assert "  A-02: {value: 1, answered_by: Tester, answered_at: " in after


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


@pytest.fixture
def kinds(tmp_path: Path, runner: CliRunner) -> tuple[Path, Path]:
    """A scale question, a yes/no question and a checklist."""
    data = small_questionnaire()
    items = [{"value": v, "label": f"Item {v}"} for v in "abc"]
    data["dimensions"][0]["questions"] = [
        choice("A-01"),
        choice("A-02", scale="yesno"),
        multi("A-03", items),
    ]
    data["dimensions"][1]["questions"] = [choice("B-01")]
    qpath = tmp_path / "q.yaml"
    qpath.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    path = tmp_path / "acme.yaml"
    args: list[str | Path] = ["--org", "Acme", "--profile", "baseline", "--period", "2025"]
    assert run_cli(runner, "init", "-o", path, *args, "-q", qpath).exit_code == 0
    return path, qpath


def test_enter_on_an_untouched_question_saves_nothing(
    kinds: tuple[Path, Path], sessions: list[pexpect.spawn]
) -> None:
    path, qpath = kinds
    child = spawn(path, qpath, size=(24, 80))
    sessions.append(child)
    for qid, key in [("A-01", "2"), ("A-02", "1"), ("A-03", "0")]:
        wait_for(child, qid)  # the previous answer is saved before the next question shows
        before = path.read_text(encoding="utf-8")
        child.send("\r")
        child.expect("Nothing chosen yet: type one of the keys shown, then Enter.")
        assert path.read_text(encoding="utf-8") == before
        answer(child, key)
    wait_for(child, "B-01")
    answer(child, "q")
    child.expect(pexpect.EOF)
    # The checklist is empty because "0" (none of these) was typed, not because of Enter.
    assert unstamped(saved(path, qpath)) == {
        "A-01": Answer(value=2),
        "A-02": Answer(value="yes"),
        "A-03": Answer(value=[]),
    }


def test_a_key_that_is_not_shown_is_refused_beside_the_prompt(
    kinds: tuple[Path, Path], sessions: list[pexpect.spawn]
) -> None:
    path, qpath = kinds
    child = spawn(path, qpath, size=(24, 80))
    sessions.append(child)
    wait_for(child, "A-01")
    answer(child, "7")
    child.expect("7 is not one of the keys shown.")
    child.send("\x15")
    answer(child, "q")
    child.expect(pexpect.EOF)
    assert saved(path, qpath) == {}


ANSI = re.compile(r"\x1b(?:\[[0-9;?]*[A-Za-z]|\][^\x07]*\x07|[()][A-Z0-9]|[=>])")


CLEAR = "\x1b[H\x1b[2J"


def screen_of(child: pexpect.spawn) -> list[str]:
    """The lines of the screen drawn since the clear: up to the prompt, escapes removed."""
    drawn = child.before.rsplit(CLEAR, 1)[-1] + child.after
    return ANSI.sub("", drawn.replace("\r", "")).split("\n")


@pytest.fixture
def grid(tmp_path: Path, runner: CliRunner) -> Path:
    """A new answers file on the shipped questionnaire, for a critical-infrastructure operator."""
    path = tmp_path / "grid.yaml"
    args: list[str | Path] = ["--org", "Grid", "--profile", "critical", "--period", "2025"]
    assert run_cli(runner, "init", "-o", path, *args).exit_code == 0
    return path


def test_every_screen_of_the_shipped_questionnaire_fits_80_by_24(
    grid: Path, sessions: list[pexpect.spawn]
) -> None:
    path = grid
    child = spawn(path, None, size=(24, 80))
    sessions.append(child)
    shown = 0
    while True:
        if child.expect_exact([CLEAR, "still open"]) == 1:
            break
        child.expect(r"or a letter[^\r\n]*:")
        lines = screen_of(child)
        header, progress = lines[0], lines[1]
        assert re.fullmatch(r"[A-Z]{3} .+ · [A-Z]{3}-\d\d", header), header
        assert re.fullmatch(
            r"question \d+ of \d+ in this session · \d+ answered, \d+ N/A, \d+ unanswered", progress
        )
        assert len(lines) <= 24, "\n".join(lines)
        assert max(len(line) for line in lines) <= 80
        shown += 1
        answer(child, "s")  # skip: every question of the file is drawn once
    assert shown >= 60
    assert saved(path, None) == {}


def test_not_designated_skips_the_dependent_cii_questions_and_says_why(
    tmp_path: Path, runner: CliRunner, sessions: list[pexpect.spawn]
) -> None:
    path = tmp_path / "grid.yaml"
    args: list[str | Path] = ["--org", "Grid", "--profile", "critical", "--period", "2025"]
    # Version 1.0 keeps the gate (CII-01) inside the CII dimension.
    version = ["--use", "cyberposture@1.0"]
    assert run_cli(runner, "init", "-o", path, *args, *version).exit_code == 0
    child = spawn(path, None, "--dimension", "CII", size=(24, 80))
    sessions.append(child)
    wait_for(child, "CII-01")
    assert 'Not asked: CII-03, CII-07, CII-08 apply only when CII-01 is "Designated' in " ".join(
        screen_of(child)
    )
    answer(child, "2")  # Not CII
    asked = []
    while child.expect([r"· (CII-\d\d)\r\n", "still open"]) == 0:
        asked.append(child.match.group(1))
        child.expect("or a letter")
        answer(child, "s")
    assert asked == ["CII-02", "CII-04", "CII-05", "CII-06", "CII-09", "CII-10"]
    child.expect("of the whole file still open")
    entries = saved(path, None)
    assert list(entries) == ["CII-01"]


def test_two_people_answer_different_dimensions_of_one_file_at_once(
    files: tuple[Path, Path], sessions: list[pexpect.spawn]
) -> None:
    path, qpath = files
    alice = spawn(path, qpath, "--dimension", "A", "--by", "Alice")
    bob = spawn(path, qpath, "--dimension", "B", "--by", "Bob")
    sessions += [alice, bob]
    for n in range(4):
        wait_for(alice, IDS[n])
        wait_for(bob, IDS[4 + n])
        answer(alice, str(n))
        answer(bob, str(3 - n))
    for child in (alice, bob):
        child.expect("Done: every question of this session is answered.")
        child.expect(pexpect.EOF)
    entries = saved(path, qpath)
    assert {qid: e.answered_by for qid, e in entries.items()} == {
        **dict.fromkeys(IDS[:4], "Alice"),
        **dict.fromkeys(IDS[4:], "Bob"),
    }
    assert unstamped(entries) == {
        **{IDS[n]: Answer(value=n) for n in range(4)},
        **{IDS[4 + n]: Answer(value=3 - n) for n in range(4)},
    }


def test_review_shows_who_answered_keeps_with_k_and_ends_with_the_status(
    files: tuple[Path, Path], sessions: list[pexpect.spawn], runner: CliRunner
) -> None:
    path, qpath = files
    for qid in ("A-01", "B-01"):
        done = run_cli(runner, "answer", "--by", "Priya", "-q", qpath, "--", path, qid, "2")
        assert done.exit_code == 0, done.stderr
    before = path.read_text(encoding="utf-8")
    child = spawn(path, qpath, "--review", size=(24, 80))
    sessions.append(child)
    child.expect("· A-01\r\n")
    child.expect(r"Current answer: Largely \(by Priya, \d{4}-\d\d-\d\d \d\d:\d\d\)")
    child.expect("or a letter")
    answer(child, "k")
    wait_for(child, "B-01")
    answer(child, "k")
    child.expect("dimension  answered  N/A  open  carried  no evidence  not asked")
    child.expect(r"total\s+2\s+0\s+6\s+0\s+2\s+0")
    child.expect(pexpect.EOF)
    assert path.read_text(encoding="utf-8") == before


def test_the_ids_still_open_are_never_cut_across_lines_at_80_columns(
    grid: Path, sessions: list[pexpect.spawn]
) -> None:
    path = grid
    child = spawn(path, None, size=(24, 80))
    sessions.append(child)
    wait_for(child, "HOL-01")
    answer(child, "q")
    child.expect(pexpect.EOF)
    said = ANSI.sub("", child.before.replace("\r", "")).rsplit(CLEAR, 1)[-1]
    summary = said[said.index("still open") : said.index("of the whole file")]
    lines = summary.splitlines()[:-1]  # the last is the whole file's count
    assert len(lines) > 1 and all(len(line) < 80 for line in lines), lines
    # Ten ids then "...": each whole on its line, none split as "HOL-0" / "4".
    words = [word.strip(",") for line in lines for word in line.split()]
    ids = [w for w in words if re.fullmatch(r"[A-Z]{3}-\d{2}", w)]
    assert len(ids) == 10 and len(set(ids)) == 10, lines
    assert all(w in ids or "-" not in w for w in words), lines
