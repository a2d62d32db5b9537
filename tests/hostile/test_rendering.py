"""Hostile templates and text in reports: what `--template-dir` or the answers put in a PDF.

Each case: what it attacks -> what must happen. The whole catalogue is tests/hostile/README.md.
- a template with a syntax error -> one line naming the template file and line, nothing written
- a template using a field that does not exist -> one line naming the file and line
- a template that includes itself -> one line naming the file and line (before: RecursionError)
- a template including one that does not exist -> one line naming the file and line
- bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F,
  U+061C) in names, notes and evidence -> shown as `<U+202E>` in the PDF and on the terminal,
  so "evil" cannot display as "live"; the attached answers keep the exact text
- one unbroken 100,000-character note -> the PDF opens and wraps it within the page (break
  opportunities every 40 characters of a run over 80); the attachment keeps the full note.
  Time is measured by bench/long_text.py, never asserted here (before: over 580 s, 35 times
  the same length of prose; now about 1.4 times)
- HTML, CSS and URLs in every free-text field -> shown as text, nothing fetched:
  tests/report/test_report_hostile.py
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader
from typer.testing import CliRunner

from tests.builders import answers, run_cli
from tests.hostile.crafted import workspace

pytestmark = pytest.mark.pdf  # Each case goes through the real renderer.

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"

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


def _report_with(tmp_path: Path, change: dict[str, object]) -> tuple[Path, Path, PdfReader]:
    """Render the report of the workspace's answers with A-01's entry and org name changed."""
    ws = workspace(tmp_path)
    data = answers("2025", "2025-11-20")
    data["organization"]["name"] = change.pop("org", data["organization"]["name"])
    data["answers"]["A-01"].update(change)
    ws.current.write_text(
        yaml.safe_dump(data, sort_keys=False, width=10**7, allow_unicode=True), encoding="utf-8"
    )
    out = tmp_path / "out.pdf"
    result = run_cli(CliRunner(), "report", ws.current, "-q", ws.q, "-o", out)
    assert result.exit_code == 0, result.stderr
    return ws.current, ws.q, PdfReader(out)


def test_text_cannot_reverse_its_direction(tmp_path: Path) -> None:
    org = "Acme \u202eevil\u202c Corp"
    note = "Approved \u2067by the board\u2069 \u200fin March"
    evidence = ["Policy \u202dv3\u202c", "Log \u061c\u200e2025"]
    source, q, reader = _report_with(tmp_path, {"org": org, "note": note, "evidence": evidence})
    text = "".join(page.extract_text() for page in reader.pages)
    assert not set(BIDI) & set(text)
    squashed = "".join(text.split())
    for shown in ("Acme<U+202E>evil<U+202C>Corp", "<U+2067>bytheboard<U+2069><U+200F>inMarch"):
        assert shown in squashed
    assert "Policy<U+202D>v3<U+202C>" in squashed and "Log<U+061C><U+200E>2025" in squashed
    attached = reader.attachments["answers.yaml"][0].decode("utf-8")
    assert org in attached and note in attached and evidence[0] in attached

    result = run_cli(CliRunner(), "score", source, "-q", q)
    assert result.exit_code == 0
    assert not set(BIDI) & set(result.stdout)
    assert "Acme <U+202E>evil<U+202C> Corp" in result.stdout


def test_one_unbroken_100_000_character_note_is_wrapped(tmp_path: Path) -> None:
    note = "".join(chr(ord("a") + i % 26) for i in range(100_000))
    _, _, reader = _report_with(tmp_path, {"note": note})
    assert note in reader.attachments["answers.yaml"][0].decode("utf-8")
    lines = [line for page in reader.pages for line in page.extract_text().splitlines()]
    pieces = [line.strip() for line in lines if "abcdefghij" in line or "klmnopqrst" in line]
    # Shown whole, in pieces that fit the page: no line runs off its edge.
    assert (
        "".join("".join(pieces).split()).replace("\u200b", "").count("abcdefghijklmnopqrstuvwxyz")
        >= 3800
    )
    assert max(len(p) for p in pieces) <= 90
