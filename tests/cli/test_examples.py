"""Every example in every command's --help runs as printed, against the bundled questionnaire.

Each runs in a fresh folder holding copies of examples/*.yaml (and, for the examples that read
one, the report of northwind-2025.yaml), as a user who copied the examples would have.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import sys
from pathlib import Path

import pexpect
import pytest
from typer.main import get_command
from typer.testing import CliRunner

from assess.cli import app
from tests.builders import ROOT, run_cli
from tests.signing.pki import make_pki

EXAMPLES = ROOT / "examples"


def help_examples() -> list[str]:
    """The lines under `Examples:` in the help of every command, as printed."""
    found: list[str] = []
    for name in sorted(get_command(app).commands):  # type: ignore[attr-defined]
        text = CliRunner().invoke(app, [name, "--help"], terminal_width=200).stdout
        block = text.partition("Examples:\n")[2].partition("\n\n")[0]
        lines = [line.strip() for line in block.splitlines()]
        assert lines and all(
            line.startswith(f"assess {name} ") or line == f"assess {name}" for line in lines
        ), f"{name}: no examples, or one of another command"
        found += lines
    return found


def _marks(example: str) -> list[pytest.MarkDecorator]:
    """The slow kinds of an example: a terminal, a PDF, or worker processes."""
    words = shlex.split(example)
    if words[1] == "take":
        return [pytest.mark.pty]
    if any(w.endswith(".pdf") for w in words):
        return [pytest.mark.pdf]
    return [pytest.mark.subprocess] if {"--jobs", "-j"} & set(words) else []


def _params() -> list[object]:
    return [pytest.param(e, marks=_marks(e), id=e) for e in help_examples()]


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pdf = tmp_path_factory.mktemp("report") / "northwind-2025.pdf"
    result = run_cli(CliRunner(), "report", EXAMPLES / "northwind-2025.yaml", "-o", pdf)
    assert result.exit_code == 0, result.stderr
    return pdf


@pytest.fixture
def folder(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    for source in EXAMPLES.glob("*.yaml"):
        shutil.copy(source, tmp_path / source.name)
    example: str = request.node.callspec.params["example"]
    if "northwind-2025.pdf" in shlex.split(example):
        shutil.copy(request.getfixturevalue("report_pdf"), tmp_path / "northwind-2025.pdf")
    if {"auditor.key", "root.pem"} & set(shlex.split(example)):
        make_pki(tmp_path)  # an auditor's key and certificate, as `assess sign` examples name them
    return tmp_path


@pytest.mark.parametrize("example", _params())
def test_the_example_runs_as_printed(
    example: str, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    words = shlex.split(example)
    assert words[0] == "assess"
    if words[1] == "take":
        _take(words, folder)
        return
    into = None
    if ">" in words:  # the one shell feature the examples use: saving what is printed
        at = words.index(">")
        words, into = words[:at], folder / words[at + 1]
    monkeypatch.chdir(folder)
    result = run_cli(CliRunner(), *words[1:])
    assert result.exit_code == 0, result.stderr
    if into is not None:
        into.write_text(result.stdout, encoding="utf-8")
        assert into.stat().st_size > 0


def _take(words: list[str], folder: Path) -> None:
    """Run `assess take` in a pseudo-terminal; save and quit at the first question it asks."""
    env = {**os.environ, "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1", "NO_COLOR": "1"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "assess", *words[1:]],
        cwd=str(folder),
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(24, 80),
    )
    try:
        # Every question's prompt ends "or a letter:" or "then Enter:"; q saves and quits.
        if child.expect([r"(a letter|then Enter):", pexpect.EOF]) == 0:
            child.send("q")
            child.send("\r")
            child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0, child.before
    finally:
        if child.isalive():
            child.kill(signal.SIGKILL)
