"""The example reports `make demo` writes pass `assess verify`, rendered as the demo does, and the
commands their integrity appendix prints work as printed."""

from __future__ import annotations

import re
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


@pytest.mark.parametrize(
    ("year", "earlier"),
    [("2025", ["2023", "2024"]), ("2026", ["2025"])],
    ids=["2025 with two earlier years", "2026 with a year on the older questionnaire"],
)
def test_northwind_with_its_earlier_years_verifies(
    tmp_path: Path, year: str, earlier: list[str]
) -> None:
    previous: list[str | Path] = []
    for period in earlier:
        previous += ["--previous", EXAMPLES / f"northwind-{period}.yaml"]
    pdf = _report(tmp_path, EXAMPLES / f"northwind-{year}.yaml", *previous)
    result = run_cli(CliRunner(), "verify", pdf)
    lines = result.stdout.splitlines()
    assert result.exit_code == 0, lines
    line(lines, "PASS", f"attachment previous-{len(earlier)}.yaml")
    line(lines, "PASS", "pages")
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
