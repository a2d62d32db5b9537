"""The PDF report as a reader and an auditor see it: real PDFs, opened with pypdf.

Rendering takes a second or two, so the module renders a few reports once and shares them.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader
from typer.testing import CliRunner

from assess.report.logo import image_size, logo_data_uri
from tests.builders import ORG, ROOT, answers, questionnaire, run_cli

pytestmark = pytest.mark.pdf  # Every test here reads reports rendered by WeasyPrint.


@dataclass
class Rendered:
    folder: Path
    q: Path
    answers: Path
    previous: Path
    pdf: Path
    again: Path
    reader: Any
    text: str


def _write(path: Path, data: Any) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rendered]:
    folder = tmp_path_factory.mktemp("report")
    q = _write(folder / "mini.yaml", questionnaire())
    data = answers("2025", "2025-11-20")
    data["answers"]["A-02"].update(
        answered_by="Priya Raman", answered_at="2025-11-19T16:45:00+08:00"
    )
    current = _write(folder / "northwind-2025.yaml", data)
    previous = _write(folder / "northwind-2024.yaml", answers("2024", "2024-11-18", A_01=1))
    runner = CliRunner()
    common: list[str | Path] = [
        "-q",
        q,
        "--previous",
        previous,
        "--auditor",
        "Mei Chen",
        "--auditor-org",
        "BA",
    ]
    result = run_cli(runner, "report", current, *common)
    assert result.exit_code == 0, result.stderr
    # The second rendering runs in a fresh process, in another time zone and locale, and with
    # an empty cache of compiled templates: only the inputs may decide the bytes.
    again = folder / "again.pdf"
    (folder / "tmp").mkdir()
    env = {**os.environ, "TZ": "Asia/Tokyo", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "12345"}
    env["TMPDIR"] = str(folder / "tmp")
    args = [sys.executable, "-m", "assess", "report", current, *common, "-o", again]
    subprocess.run([str(a) for a in args], check=True, env=env, capture_output=True)
    pdf = folder / "northwind-2025.pdf"
    reader = PdfReader(pdf)
    text = "\n".join(page.extract_text() for page in reader.pages)
    yield Rendered(folder, q, current, previous, pdf, again, reader, text)


def test_the_dimension_table_says_who_answered_and_when(rendered: Rendered) -> None:
    # The answer column is narrow: the name and the day may sit on two lines.
    assert "Priya Raman, 2025-11-19" in " ".join(rendered.text.split())


def test_default_output_is_next_to_the_input(rendered: Rendered) -> None:
    assert rendered.pdf.read_bytes().startswith(b"%PDF-1.7")


def test_text_names_the_organization_every_dimension_and_every_finding(
    rendered: Rendered,
) -> None:
    assert ORG in rendered.text
    for name in ("Alpha", "Beta", "Gamma"):
        assert name in rendered.text
    # Findings at or below the critical profile's targets (3; B: 2) that are not met.
    for finding in ("A-02", "A-03", "C-02"):
        assert finding in rendered.text
    roadmap = rendered.text[rendered.text.index("Findings and roadmap\n") :]
    assert "A-03" in roadmap and "C-02" in roadmap


def test_incomplete_assessment_says_so_on_the_first_page(rendered: Rendered) -> None:
    cover = " ".join(rendered.reader.pages[0].extract_text().split())
    assert "Assessment report" in cover
    # C-02 is unanswered: 1 of the 8 questions that apply to the critical profile.
    assert "Incomplete assessment. 1 of 8 applicable questions was not answered" in cover
    summary = rendered.reader.pages[1].extract_text()
    assert "Executive summary" in summary
    assert "Incomplete assessment" in summary


def test_a_complete_assessment_has_no_incomplete_notice(rendered: Rendered) -> None:
    complete = _write(rendered.folder / "complete.yaml", answers("2025", "2025-11-20", C_02=3))
    out = rendered.folder / "complete.html"
    args = ("report", complete, "-q", rendered.q, "--format", "html", "-o", out)
    result = run_cli(CliRunner(), *args)
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert "Executive summary" in html and "Incomplete assessment" not in html


def test_outline_has_the_sections(rendered: Rendered) -> None:
    def titles(items: list[Any]) -> list[str]:
        found: list[str] = []
        for item in items:
            found += titles(item) if isinstance(item, list) else [item.title]
        return found

    outline = titles(rendered.reader.outline)
    for section in (
        "Executive summary",
        "Change since 2024",
        "Results by dimension",
        "A · Alpha",
        "C · Gamma",
        "Findings and roadmap",
        "Beyond the target: 0 opportunities",
        "Not-applicable justifications",
        "Method",
        "Statement and sign-off",
        "Integrity appendix",
    ):
        assert section in outline


def test_every_page_has_the_running_header_and_page_n_of_n(rendered: Rendered) -> None:
    pages = rendered.reader.pages
    for number, page in enumerate(pages[1:], start=2):
        text = page.extract_text()
        assert f"Page {number} of {len(pages)}" in text
        assert f"{ORG} · 2025" in text and "CONFIDENTIAL" in text


def test_answers_are_attached_and_round_trip_through_extract(rendered: Rendered) -> None:
    attachments = rendered.reader.attachments
    # The earlier year given with --previous travels too, so the report can be rendered again.
    assert list(attachments) == ["answers.yaml", "questionnaire.yaml", "previous-1.yaml"]
    original = rendered.answers.read_bytes()
    assert attachments["answers.yaml"] == [original]
    # The questionnaire travels too, so the report alone can be scored again.
    assert attachments["questionnaire.yaml"] == [rendered.q.read_bytes()]
    out = rendered.folder / "extracted.yaml"
    result = run_cli(CliRunner(), "extract", rendered.pdf, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes() == original


def test_the_printed_hash_is_the_answers_hash(rendered: Rendered) -> None:
    digest = hashlib.sha256(rendered.answers.read_bytes()).hexdigest()
    assert digest in re.sub(r"\s", "", rendered.reader.pages[-1].extract_text())
    q_digest = hashlib.sha256(rendered.q.read_bytes()).hexdigest()
    assert q_digest in re.sub(r"\s", "", rendered.reader.pages[-1].extract_text())


def test_rendering_twice_gives_identical_bytes(rendered: Rendered) -> None:
    assert rendered.again.read_bytes() == rendered.pdf.read_bytes()


def test_metadata_comes_from_the_assessment_not_the_clock(rendered: Rendered) -> None:
    meta = rendered.reader.metadata
    assert meta.title == f"Cybersecurity posture assessment: {ORG}, 2025"
    assert meta.author == "Mei Chen"
    assert meta.subject == "Mini questionnaire (mini@1.0), profile Critical"
    assert meta["/CreationDate"] == meta["/ModDate"] == "D:20251120"


def test_pdf_declares_pdf_a_3u_in_xmp(rendered: Rendered) -> None:
    xmp = rendered.reader.xmp_metadata.stream.get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="A"' in xmp


def test_a_report_stands_in_for_its_answers_file(rendered: Rendered) -> None:
    from_pdf = run_cli(CliRunner(), "score", rendered.pdf, "-q", rendered.q, "--json")
    from_yaml = run_cli(CliRunner(), "score", rendered.answers, "-q", rendered.q, "--json")
    assert from_pdf.exit_code == 0, from_pdf.stderr
    assert from_pdf.stdout == from_yaml.stdout


def test_a_report_will_not_overwrite_its_own_input(rendered: Rendered) -> None:
    result = run_cli(CliRunner(), "report", rendered.pdf, "-q", rendered.q)
    assert result.exit_code == 2
    assert "would overwrite its own input" in result.stderr


def test_html_format_is_one_self_contained_file(rendered: Rendered) -> None:
    out = rendered.folder / "report.html"
    result = run_cli(
        CliRunner(), "report", rendered.answers, "-q", rendered.q, "--format", "html", "-o", out
    )
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert "<svg" in html and "@page" in html and ORG in html
    assert "<link" not in html and "http" not in html.replace("http://www.w3.org", "")


def test_change_section_comes_from_the_comparison(rendered: Rendered) -> None:
    change = rendered.text[rendered.text.index("Change since 2024") :]
    change = change[: change.index("Results by dimension")]
    # A-01 went from 1 (partially) to 3 (fully): improved, and its finding closed.
    assert "Improved: 1 practice; regressed: 0;" in " ".join(change.split())
    assert "Findings closed: A-01." in change


def test_previous_must_be_earlier(rendered: Rendered) -> None:
    out = rendered.folder / "backwards.html"
    result = run_cli(
        CliRunner(),
        "report",
        rendered.previous,
        "--previous",
        rendered.answers,
        "-q",
        rendered.q,
        "--format",
        "html",
        "-o",
        out,
    )
    assert result.exit_code == 2
    assert "--previous must be earlier than 2024, but 2025 is later" in result.stderr
    assert not out.exists()


def test_previous_of_another_organization_is_refused(rendered: Rendered) -> None:
    other = answers("2023", "2023-11-20")
    other["organization"]["name"] = "Southwind Water"
    path = _write(rendered.folder / "southwind-2023.yaml", other)
    out = rendered.folder / "mixed.html"
    result = run_cli(
        CliRunner(),
        "report",
        rendered.answers,
        "--previous",
        path,
        "-q",
        rendered.q,
        "--format",
        "html",
        "-o",
        out,
    )
    assert result.exit_code == 2
    assert str(path) in result.stderr and "Southwind Water" in result.stderr
    assert not out.exists()


def test_a_bad_logo_is_refused_and_nothing_is_written(rendered: Rendered) -> None:
    logo = rendered.folder / "logo.png"
    logo.write_bytes(b"GIF89a" + bytes(100))
    out = rendered.folder / "with-logo.pdf"
    result = run_cli(
        CliRunner(), "report", rendered.answers, "-q", rendered.q, "--logo", logo, "-o", out
    )
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        == f"error: {logo}: logo is not a PNG or JPEG image (convert it to PNG)"
    )
    assert not out.exists()
    assert [p.name for p in rendered.folder.iterdir() if p.name.startswith(".")] == []


def _png(width: int, height: int) -> bytes:
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big")
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + header + b"\x08\x02\x00\x00\x00"


def test_logo_is_checked_by_its_bytes(tmp_path: Path) -> None:
    assert image_size(_png(120, 40)) == ("png", (120, 40))
    jpeg = b"\xff\xd8\xff\xe0\x00\x04ab\xff\xc0\x00\x0b\x08\x00\x20\x00\x40\x01\x01\x11\x00"
    assert image_size(jpeg) == ("jpeg", (64, 32))
    good = tmp_path / "logo.png"
    good.write_bytes(_png(120, 40))
    assert logo_data_uri(good).startswith("data:image/png;base64,")
    huge = tmp_path / "huge.png"
    huge.write_bytes(_png(100_000, 40))
    with pytest.raises(Exception, match="each side must be 1 to 8000"):
        logo_data_uri(huge)


# --- writing the output, and reading the input once ---


def _one_error(result: Any) -> str:
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    lines: list[str] = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_output_naming_a_folder_is_one_error_and_nothing_is_written(rendered: Rendered) -> None:
    folder = rendered.folder / "reports"
    folder.mkdir()
    result = run_cli(CliRunner(), "report", rendered.answers, "-q", rendered.q, "-o", folder)
    assert _one_error(result) == f"error: {folder}: is a folder, not a file (name a file to write)"
    assert list(folder.iterdir()) == []


def test_output_in_a_missing_folder_is_refused_not_created(rendered: Rendered) -> None:
    out = rendered.folder / "missing" / "report.pdf"
    result = run_cli(CliRunner(), "report", rendered.answers, "-q", rendered.q, "-o", out)
    line = _one_error(result)
    assert line == f"error: {out.parent}: folder does not exist (create it first)"
    assert not out.parent.exists()


def test_an_unwritable_output_is_one_error_naming_it(rendered: Rendered) -> None:
    out = Path("/proc/assess-report.html")
    args = ("report", rendered.answers, "-q", rendered.q, "--format", "html", "-o", out)
    line = _one_error(run_cli(CliRunner(), *args))
    assert line.startswith(f"error: {out}: cannot write file:")


def test_extract_into_a_folder_is_one_error(rendered: Rendered) -> None:
    folder = rendered.folder / "extracted"
    folder.mkdir()
    line = _one_error(run_cli(CliRunner(), "extract", rendered.pdf, "-o", folder))
    assert line == f"error: {folder}: is a folder, not a file (name a file to write)"
    assert list(folder.iterdir()) == []


def test_the_report_certifies_the_bytes_it_scored(
    rendered: Rendered, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answers file changes right after it is parsed: the report keeps what it scored."""
    from assess.files import loading

    source = _write(rendered.folder / "changing.yaml", answers("2025", "2025-11-20"))
    scored = source.read_bytes()
    real = loading.load_answers

    def load_then_change(*args: Any, **kwargs: Any) -> Any:
        loaded = real(*args, **kwargs)
        source.write_text(scored.decode().replace(ORG, "Someone Else Ltd"), encoding="utf-8")
        return loaded

    monkeypatch.setattr(loading, "load_answers", load_then_change)
    out = rendered.folder / "changing.html"
    args = ("report", source, "-q", rendered.q, "--format", "html", "-o", out)
    result = run_cli(CliRunner(), *args)
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert hashlib.sha256(scored).hexdigest() in html
    assert ORG in html and "Someone Else" not in html


def test_a_report_pdf_as_input_is_extracted_once(
    rendered: Rendered, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assess.files import attachments
    from assess.files.attachments import Embedded

    calls: list[Path] = []
    real = attachments.embedded

    def counted(path: Path) -> Embedded:
        calls.append(path)
        return real(path)

    monkeypatch.setattr(attachments, "embedded", counted)
    out = rendered.folder / "from-pdf.html"
    args = ("report", rendered.pdf, "-q", rendered.q, "--format", "html", "-o", out)
    result = run_cli(CliRunner(), *args)
    assert result.exit_code == 0, result.stderr
    assert calls == [rendered.pdf]
    digest = hashlib.sha256(rendered.answers.read_bytes()).hexdigest()
    assert digest in out.read_text(encoding="utf-8")


def test_unreadable_inputs_are_one_error_naming_the_file(rendered: Rendered) -> None:
    binary = rendered.folder / "binary.yaml"
    binary.write_bytes(b"organization: \xff\xfe\n")
    missing = rendered.folder / "missing.yaml"
    for path, message in (
        (binary, "not UTF-8 text (byte 14) (save the file as UTF-8)"),
        (missing, "file not found (check the path)"),
        (rendered.folder, "is a directory, not a file"),
    ):
        result = run_cli(
            CliRunner(), "report", path, "-q", rendered.q, "-o", binary.with_suffix(".x")
        )
        assert _one_error(result) == f"error: {path}: {message}"
    assert not binary.with_suffix(".x").exists()


def test_the_report_records_what_made_it_so_verify_can_make_it_again(rendered: Rendered) -> None:
    import json

    import weasyprint

    info = rendered.reader.metadata or {}
    record = json.loads(str(info["/assessrendering"]))
    assert record["components"]["WeasyPrint"] == weasyprint.__version__
    assert {"assess", "pydyf", "Pango", "HarfBuzz", "templates"} <= set(record["components"])
    fonts = {f["name"]: f["version"] for f in record["fonts"]}
    assert fonts["DejaVu Sans"][0].isdigit()
    options = json.loads(str(info["/assessreportoptions"]))
    assert options["auditor"] == "Mei Chen" and options["previous"] == ["previous-1.yaml"]
    pairs = str(info["/assessattachments"]).split()
    manifest = dict(zip(pairs[::2], pairs[1::2], strict=True))
    files = rendered.reader.attachments
    assert set(manifest) == set(files) == {"answers.yaml", "questionnaire.yaml", "previous-1.yaml"}
    assert files["previous-1.yaml"][0] == rendered.previous.read_bytes()
    assert all(hashlib.sha256(files[n][0]).hexdigest() == h for n, h in manifest.items())


@pytest.mark.subprocess
def test_a_template_cache_folder_it_cannot_trust_is_left_alone(tmp_path: Path) -> None:
    """Compiled templates are cached in a private temporary folder; a stranger's is not used."""
    (tmp_path / f"_jinja2-cache-{os.getuid()}").write_text("not a folder")
    out = tmp_path / "r.html"
    example = ROOT / "examples" / "harbourline-2025.yaml"
    command = [sys.executable, "-m", "assess", "report", str(example), "--format", "html"]
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    done = subprocess.run([*command, "-o", str(out)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Harbourline" in out.read_text(encoding="utf-8")
    assert (tmp_path / f"_jinja2-cache-{os.getuid()}").read_text() == "not a folder"
