"""The trend report (`assess compare -o`), opened with pypdf as a reader would open it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from assess.report.trend import attachment_names
from tests.builders import ROOT, RecordingServer, run_cli, small_questionnaire

pytestmark = pytest.mark.pdf  # The trend report is rendered to PDF for every test here.

EXAMPLES = ROOT / "examples"
YEARS = ("2023", "2024", "2025")
FILES = [EXAMPLES / f"northwind-{y}.yaml" for y in YEARS]
DIMENSIONS = (
    "Holistic",
    "Dynamic",
    "Open",
    "Relative",
    "Shared",
    "Critical information infrastructure",
    "Risk sensing",
    "Defence capability",
)


@dataclass
class Trend:
    pdf: Path
    again: Path
    reader: Any
    text: str
    stdout: str


@pytest.fixture(scope="module")
def trend(tmp_path_factory: pytest.TempPathFactory) -> Trend:
    folder = tmp_path_factory.mktemp("trend")
    pdf, again = folder / "trend.pdf", folder / "again.pdf"
    runner = CliRunner()
    result = run_cli(runner, "compare", *FILES, "--json", "-o", pdf)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"wrote {pdf}\n"
    second = run_cli(runner, "compare", FILES[2], FILES[1], FILES[0], "-o", again)
    assert second.exit_code == 0, second.stderr
    reader = PdfReader(pdf)
    text = "\n".join(page.extract_text() for page in reader.pages)
    return Trend(pdf, again, reader, " ".join(text.split()), result.stdout)


def test_the_text_names_every_period_and_every_dimension(trend: Trend) -> None:
    for period in YEARS:
        assert period in trend.text
    for name in DIMENSIONS:
        assert name in trend.text
    assert "Trend report" in trend.text and "Northwind Grid Co." in trend.text
    assert "2024 to 2025" in trend.text  # the changes of the latest step
    assert "DYN-02" in trend.text and "Findings opened (1)" in trend.text


def test_every_answers_file_is_attached_byte_for_byte(trend: Trend) -> None:
    attached = trend.reader.attachments
    questionnaire = "questionnaire-cyberposture-1.0.yaml"
    assert sorted(attached) == [*(f"answers-{y}.yaml" for y in YEARS), questionnaire]
    for year, path in zip(YEARS, FILES, strict=True):
        assert attached[f"answers-{year}.yaml"] == [path.read_bytes()]
    bundled = ROOT / "questionnaires" / "cyberposture-1.0.yaml"
    assert attached[questionnaire] == [bundled.read_bytes()]


def test_same_inputs_give_the_same_bytes_whatever_the_argument_order(trend: Trend) -> None:
    assert trend.pdf.read_bytes() == trend.again.read_bytes()


def test_metadata_comes_from_the_latest_assessment(trend: Trend) -> None:
    meta = trend.reader.metadata
    assert meta.title == "Cybersecurity posture trend: Northwind Grid Co., 2023 to 2025"
    assert str(meta["/CreationDate"]).startswith("D:20251120")
    xmp = trend.reader.xmp_metadata.stream.get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="A"' in xmp


def test_json_on_stdout_stays_json_when_writing_the_pdf(trend: Trend) -> None:
    assert json.loads(trend.stdout)["periods"] == list(YEARS)


def test_the_trend_report_never_overwrites_an_input(tmp_path: Path) -> None:
    copies = []
    for path in FILES[:2]:
        copy = tmp_path / path.name
        copy.write_bytes(path.read_bytes())
        copies.append(copy)
    result = run_cli(CliRunner(), "compare", *copies, "-o", copies[1])
    assert result.exit_code == 2
    assert "would overwrite its own input" in result.stderr and result.stderr.count("\n") == 1
    assert copies[1].read_bytes() == FILES[1].read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in copies)


def test_attachment_names_are_safe_and_unique() -> None:
    names = attachment_names(["2024", "2025/../../etc", "2025 ../etc", "Q1 2025"])
    assert names == [
        "answers-2024.yaml",
        "answers-2025_.._.._etc.yaml",
        "answers-2025_.._etc.yaml",
        "answers-Q1_2025.yaml",
    ]
    assert attachment_names(["a/b", "a b"]) == ["answers-a_b.yaml", "answers-a_b-2.yaml"]


# --- untrusted text stays text ---


def test_hostile_text_is_shown_and_nothing_is_fetched(
    server: RecordingServer, write_yaml: Callable[..., Path], tmp_path: Path
) -> None:
    url = f"http://127.0.0.1:{server.server_address[1]}"
    org = f'<img src="{url}/org.png"> Evil & Co'
    q = small_questionnaire()
    q["dimensions"][0]["name"] = f"<style>body {{ background: url({url}/css.png) }}</style>"
    mini = write_yaml(q, "mini.yaml")
    files: list[Path] = []
    for period, value in (("2024", 1), (f'2025<link href="{url}/p">', 3)):
        data = {
            "questionnaire": {"id": "mini", "version": "1.0"},
            "organization": {"name": org, "profile": "baseline"},
            "assessment": {"period": period, "date": "2025-03-01"},
            "answers": {"A-01": {"value": value}, "B-01": {"value": "yes"}},
        }
        files.append(write_yaml(data, f"{len(files)}.yaml"))
    pdf = tmp_path / "trend.pdf"
    result = run_cli(CliRunner(), "compare", *files, "-q", mini, "-o", pdf)
    assert result.exit_code == 0, result.stderr
    assert server.requests == []
    reader = PdfReader(pdf)
    # Long text wraps anywhere, so compare without whitespace.
    text = "".join("".join(p.extract_text() for p in reader.pages).split())
    assert "".join(org.split()) in text
    assert f"background:url({url}/css.png)" in text
    port = server.server_address[1]
    # Every run of characters other than letters, digits, ".", "_" and "-" becomes one "_".
    unsafe = f"answers-2025_link_href_http_127.0.0.1_{port}_p.yaml"
    assert sorted(reader.attachments) == [
        "answers-2024.yaml",
        unsafe,
        "questionnaire-mini-1.0.yaml",
    ]


def test_compare_takes_the_template_dir_and_classification_of_report(tmp_path: Path) -> None:
    templates = tmp_path / "mine"
    templates.mkdir()
    (templates / "trend.html").write_text(
        '{% extends "default:trend.html" %}{% block content %}'
        "<h1>Board pack for {{ t.organization }}</h1>{{ super() }}{% endblock %}",
        encoding="utf-8",
    )
    pdf = tmp_path / "trend.pdf"
    args = ("--template-dir", templates, "--classification", "Internal use only", "-o", pdf)
    result = run_cli(CliRunner(), "compare", *FILES[1:], *args)
    assert result.exit_code == 0, result.stderr
    pages = [" ".join(page.extract_text().split()).lower() for page in PdfReader(pdf).pages]
    assert pages[0].startswith("board pack for northwind grid co.")
    # Every page but the cover carries the marking in its running header (in capitals).
    assert sum("internal use only" in page for page in pages) >= len(pages) - 1
    assert not any(re.search(r"\bconfidential\b", page) for page in pages)
