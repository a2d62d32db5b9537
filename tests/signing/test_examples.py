"""The example reports `make demo` writes pass `assess verify`, rendered as the demo does, and the
commands their integrity appendix prints work as printed."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from tests.builders import ROOT, run_cli
from tests.signing.helpers import line
from tests.signing.pki import Pki

EXAMPLES = ROOT / "examples"


def _report(folder: Path, *args: str | Path) -> Path:
    pdf = folder / "report.pdf"
    assert run_cli(CliRunner(), "report", *args, "-o", pdf).exit_code == 0
    return pdf


def demo_commands() -> list[list[str]]:
    """The commands of the Makefile's `demo` target that write a report, as argument lists."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = text.split("\ndemo:", 1)[1].split("\n\n", 1)[0].replace("\\\n", " ")
    commands = [
        shlex.split(step.strip().removeprefix("$(BIN)/assess"))
        for step in recipe.splitlines()
        if step.strip().startswith("$(BIN)/assess ")
    ]
    return [c for c in commands if "-o" in c]


def _demo_params() -> list[object]:
    found = demo_commands()
    assert {c[0] for c in found} == {"report", "compare"}, found  # the trend report is one
    return [pytest.param(c, id=" ".join(c[c.index("-o") + 1 :])) for c in found]


@pytest.mark.pdf
@pytest.mark.parametrize("command", _demo_params())
def test_every_report_of_make_demo_verifies(tmp_path: Path, command: list[str]) -> None:
    """Each report `make demo` writes, written as it does, passes `assess verify` (exit 0)."""
    args = [
        str(tmp_path / a.removeprefix("out/"))
        if a.startswith("out/")
        else str(ROOT / a)
        if a.startswith("examples/")
        else a
        for a in command
    ]
    made = run_cli(CliRunner(), *args)
    assert made.exit_code == 0, made.output + made.stderr
    pdf = Path(args[args.index("-o") + 1])
    result = run_cli(CliRunner(), "verify", pdf)
    lines = result.stdout.splitlines()
    assert result.exit_code == 0, lines
    assert "byte for byte" in line(lines, "PASS", "pages")
    assert lines[-1].startswith("verdict: unsigned")


def test_the_appendix_commands_work_as_printed_on_harbourline(
    tmp_path: Path, pki: Pki, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = _report(tmp_path, EXAMPLES / "harbourline-2025.yaml")
    template = (ROOT / "templates" / "integrity.html").read_text(encoding="utf-8")
    # The review's commands are printed only in a reviewed report; Harbourline has no review.
    unreviewed = re.sub(r"{% if r\.audit %}.*?{% endif %}", "", template, flags=re.S)
    commands = re.findall(r'<td class="mono">(assess [^<]+)</td>', unreviewed)
    assert [c.split()[1] for c in commands] == ["verify", "verify", "extract", "score"]
    appendix = " ".join(PdfReader(pdf).pages[-1].extract_text().split())
    assert all(command in appendix for command in commands)  # printed as written
    monkeypatch.chdir(tmp_path)
    for command in commands:
        args = command.replace("REPORT.pdf", str(pdf)).replace("ROOTS.pem", str(pki.root.cert))
        result = run_cli(CliRunner(), *args.split()[1:])
        assert result.exit_code == 0, (command, result.output, result.stderr)
        if args.split()[1] == "verify":
            lines = result.stdout.splitlines()
            line(lines, "NOTE", "signature")
            line(lines, "PASS", "pages")
            assert lines[-1].startswith("verdict: unsigned")
