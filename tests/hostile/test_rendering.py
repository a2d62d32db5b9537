"""Hostile templates and text in reports: what `--template-dir` or the answers put in a PDF.

Each case: what it attacks -> what must happen. The whole catalogue is tests/hostile/README.md.
- a template with a syntax error -> one line naming the template file and line, nothing written
- a template using a field that does not exist -> one line naming the file and line
- a template that includes itself -> one line naming the file and line (before: RecursionError)
- a template including one that does not exist -> one line naming the file and line
- HTML, CSS and URLs in every free-text field -> shown as text, nothing fetched:
  tests/report/test_report_hostile.py
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.builders import run_cli
from tests.hostile.crafted import workspace

TEMPLATES = {
    "syntax error": ('{% extends "default:report.html" %}\n{% block styles %}\n{{ r.x \n', 3),
    "undefined field": (
        '{% extends "default:report.html" %}\n{% block styles %}\n{{ r.no_such_field }}\n'
        "{% endblock %}\n",
        3,
    ),
    "recursive include": ("<p>x</p>\n{% include 'report.html' %}\n", 2),
    "missing include": ("<p>x</p>\n{% include 'nope.html' %}\n", 2),
}


@pytest.mark.parametrize("case", TEMPLATES)
def test_a_broken_template_is_one_line_naming_file_and_line(tmp_path: Path, case: str) -> None:
    ws = workspace(tmp_path)
    folder = tmp_path / "templates"
    folder.mkdir()
    text, line = TEMPLATES[case]
    (folder / "report.html").write_text(text, encoding="utf-8")
    out = tmp_path / "out.pdf"
    result = run_cli(
        CliRunner(), "report", ws.current, "-q", ws.q, "--template-dir", folder, "-o", out
    )
    assert result.exit_code == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {folder / 'report.html'}:{line}: template")
    assert not out.exists()
