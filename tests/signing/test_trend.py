"""A trend report (`assess compare -o`) verifies like a report: rendered again from what it
embeds and compared byte for byte, signed or not, and each tamper is named."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from tests.builders import ROOT, run_cli
from tests.signing.conftest import Made
from tests.signing.helpers import line, replace_answers, set_info, sign, swap_letters, verify
from tests.signing.pki import Pki

pytestmark = pytest.mark.pdf  # Every test renders a trend report, and verify renders it again.

EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def trend(made: Made) -> Path:
    """Acme's 2024 and 2025 compared, with a classification of the user's."""
    pdf = made.folder / "trend.pdf"
    earlier = made.folder / "acme-2024.yaml"
    args: list[str | Path] = ["compare", earlier, made.answers, "-q", made.q]
    result = run_cli(CliRunner(), *args, "--classification", "Board only", "-o", pdf)
    assert result.exit_code == 0, result.output
    return pdf


def test_a_trend_report_verifies(trend: Path) -> None:
    code, lines = verify(trend)
    assert code == 0, lines
    for name in ("answers-2024.yaml", "answers-2025.yaml", "questionnaire-mini-1.0.yaml"):
        line(lines, "PASS", f"attachment {name}")
    assert "byte for byte" in line(lines, "PASS", "pages")
    assert lines[-1].startswith("verdict: unsigned")


def test_a_trend_report_records_its_options(trend: Path) -> None:
    info = PdfReader(trend).metadata
    assert info is not None
    options = json.loads(str(info["/assessreportoptions"]))
    assert options["kind"] == "trend"
    assert options["classification"] == "Board only"
    assert options["languages"] == ["en"]


def test_a_signed_trend_report_verifies(made: Made, pki: Pki, trend: Path) -> None:
    signed = sign(trend, made.folder / "trend-signed.pdf", pki.auditor)
    code, lines = verify(signed, "--trust", pki.root.cert)
    assert code == 0, lines
    line(lines, "PASS", "signature 1 (Jane Auditor) integrity")
    assert "byte for byte" in line(lines, "PASS", "pages")
    assert lines[-1].startswith("verdict: verified")


def test_page_text_edited_in_a_trend_report_is_caught(made: Made, trend: Path) -> None:
    code, lines = verify(swap_letters(trend, made.folder / "trend-edited.pdf"))
    assert code == 1
    assert "the text of page 1 differs" in line(lines, "FAIL", "pages")
    assert lines[-1].startswith("verdict: failed")


def test_one_years_answers_swapped_with_recomputed_hashes_are_caught(
    made: Made, trend: Path
) -> None:
    other = made.other_answers.read_bytes()  # another 2025, same organization
    swapped = made.folder / "trend-swapped.pdf"
    replace_answers(trend, swapped, other, name="answers-2025.yaml")
    code, lines = verify(swapped)
    assert code == 1
    line(lines, "PASS", "attachment answers-2025.yaml")  # the attacker fixed up the hash...
    assert "differ from what assess computes" in line(lines, "FAIL", "pages")  # ...not the pages


def test_an_edited_option_is_caught(made: Made, trend: Path) -> None:
    """The recorded classification is what the pages print: changing either alone is caught."""
    info = PdfReader(trend).metadata
    assert info is not None
    record = str(info["/assessreportoptions"]).replace("Board only", "Public")
    code, lines = verify(
        set_info(trend, made.folder / "trend-public.pdf", "/assessreportoptions", record)
    )
    assert code == 1
    assert "differ from what assess computes" in line(lines, "FAIL", "pages")


def test_a_trend_in_chinese_with_a_review_verifies(tmp_path: Path) -> None:
    """Translations and the auditor's review are embedded, and the options recorded."""
    pdf = tmp_path / "trend.pdf"
    result = run_cli(
        CliRunner(),
        "compare",
        EXAMPLES / "northwind-2024.yaml",
        EXAMPLES / "northwind-2025.yaml",
        "--review",
        EXAMPLES / "northwind-2025.review.yaml",
        "--lang",
        "zh-CN",
        "-o",
        pdf,
    )
    assert result.exit_code == 0, result.output + result.stderr
    code, lines = verify(pdf)
    assert code == 0, lines
    line(lines, "PASS", "attachment review-2025.yaml")
    line(lines, "PASS", "attachment translation-cyberposture-1.0.zh-CN.yaml")
    assert "byte for byte" in line(lines, "PASS", "pages")
    # Compared again from the trend report alone, 2025 is still on its audited figures.
    again = run_cli(CliRunner(), "compare", pdf, "--format", "json")
    assert again.exit_code == 0, again.stderr
    reviewed = {a["period"]: a["reviewed"] for a in json.loads(again.stdout)["assessments"]}
    assert reviewed == {"2024": False, "2025": True}


def test_the_appendix_commands_work_as_printed(trend: Path, pki: Pki, made: Made) -> None:
    template = (ROOT / "templates" / "trend.html").read_text(encoding="utf-8")
    commands = re.findall(r'<td class="mono">(assess [^<]+)</td>', template)
    assert [c.split()[1] for c in commands] == ["verify", "verify", "compare", "extract"]
    appendix = " ".join(PdfReader(trend).pages[-1].extract_text().split())
    assert all(command in appendix for command in commands)  # printed as written
    for command in commands:
        args = command.replace("REPORT.pdf", str(trend)).replace("ROOTS.pem", str(pki.root.cert))
        result = run_cli(CliRunner(), *args.replace("PERIOD", "2025").split()[1:])
        assert result.exit_code == 0, (command, result.output, result.stderr)
        if command.startswith("assess compare"):
            assert "2024" in result.stdout and "2025" in result.stdout
        if command.startswith("assess extract"):
            assert result.stdout.encode() == made.answers.read_bytes()
