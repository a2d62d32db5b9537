"""The layout check: every report `make demo` writes, one of maximal values, and the trend report
lay out without text out of its box, headers run together, or needlessly empty pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from assess.report.options import ReportOptions
from assess.report.render import lay_out_report
from tests.builders import choice, multi, number, small_questionnaire
from tests.report.conftest import REPORTS, Examples
from tests.report.pagecheck import layout_defects

pytestmark = [pytest.mark.xdist_group("examples"), pytest.mark.pdf]

LONG = "Supercalifragilisticexpialidocious" * 4
"""One word of 136 letters: nothing may break it but the box it is in."""

LEVEL_NAMES = ["Initial and entirely informal practice", "Managed across every site", "Optimized"]


def _maximal_questionnaire() -> dict[str, Any]:
    """Long names and texts everywhere, a 50-option checklist, unbroken strings."""
    data = small_questionnaire(title=f"The questionnaire with the longest title {LONG}")
    for lv, name in zip(data["levels"], LEVEL_NAMES, strict=True):
        lv["name"] = name
    data["profiles"][1]["targets"] = {}
    data["profiles"][1]["name"] = f"Critical infrastructure profile {LONG}"
    data["scales"]["practice"][3]["label"] = f"Fully implemented everywhere {LONG}"
    text = "A practice whose text runs on for a while, as real ones do. " * 6
    options = [
        {"value": f"o{i:02d}", "label": f"Option {i} of fifty, {LONG[:30]}"} for i in range(50)
    ]
    data["dimensions"] = [
        {
            "id": "LONGEST-DIMENSION-ID-OF-THEM-ALL",
            "name": f"A dimension with a very long name {LONG}",
            "quote": f"A quote with an unbroken word {LONG} " * 3,
            "questions": [
                choice(f"Q-{LONG[:40]}", 1, text=text + LONG, critical=True),
                multi("CHECK-50", options, 2, text=text),
                number("DAYS", level=1, text=text),
                choice("NEVER-ANSWERED", 1, text=text),
                choice("UPPER-1", 3, text=text),
            ],
        },
        *[
            {
                "id": f"D{i}",
                "name": f"Dimension number {i} with a name of some length",
                "quote": "Short.",
                "questions": [choice(f"D{i}-01", 1), choice(f"D{i}-02", 2)],
            }
            for i in range(2, 4)
        ],
    ]
    return data


def _maximal_answers() -> dict[str, Any]:
    note = f"A note that goes on and on {LONG} " * 4
    answers: dict[str, Any] = {
        f"Q-{LONG[:40]}": {"value": 3, "note": note, "evidence": [LONG, f"Evidence {LONG}"]},
        "CHECK-50": {"value": [f"o{i:02d}" for i in range(0, 50, 3)], "note": note},
        "DAYS": {"value": 300},
        "UPPER-1": {"value": 0},
        "D2-01": {"value": 1},
        "D2-02": {"value": 3},
        "D3-01": {"value": 2},
    }
    return {
        "questionnaire": {"id": "mini", "version": "1.0"},
        "organization": {
            "name": f"The Organization With The Longest Name {LONG} Ltd.",
            "sector": LONG,
            "profile": "critical",
        },
        "assessment": {
            "period": "2025",
            "date": "2025-11-20",
            "assessor": f"Someone {LONG}",
            "scope": f"Everything {LONG} " * 5,
        },
        "answers": answers,
    }


def _maximal(folder: Path) -> Any:
    q = folder / "maximal-q.yaml"
    q.write_text(yaml.safe_dump(_maximal_questionnaire()), encoding="utf-8")
    source = folder / "maximal.yaml"
    source.write_text(yaml.safe_dump(_maximal_answers()), encoding="utf-8")
    options = ReportOptions(questionnaires=[q], auditor=f"Auditor {LONG}", auditor_org=LONG)
    return lay_out_report(source, options)


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_example_reports_lay_out_cleanly(examples: Examples, name: str) -> None:
    defects = layout_defects(examples[name].document)
    assert defects == [], "\n".join(str(d) for d in defects)


def test_a_report_of_maximal_values_lays_out_cleanly(examples: Examples) -> None:
    report = examples.add("maximal", lambda: _maximal(examples.folder))
    defects = layout_defects(report.document)
    assert defects == [], "\n".join(str(d) for d in defects)
    text = " ".join(p.extract_text() for p in PdfReader(report.pdf).pages)
    # The checklist shows every option, ticked or not: 17 of the 50 were claimed.
    assert text.count("\u2611") == 17 and text.count("\u2610") == 33
    assert "17 of 50 items" in text


def test_the_check_finds_what_a_reader_trips_over(tmp_path: Path) -> None:
    """Old defects, rebuilt in a template override: the check names each of them."""
    from tests.builders import answers, questionnaire

    q = tmp_path / "mini.yaml"
    q.write_text(yaml.safe_dump(questionnaire()), encoding="utf-8")
    source = tmp_path / "a.yaml"
    source.write_text(yaml.safe_dump(answers("2025", "2025-11-20")), encoding="utf-8")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "base.html").write_text(
        '{% extends "default:base.html" %}{% block styles %}{{ super() }}'
        " th { text-transform: uppercase; letter-spacing: 0.03em; white-space: nowrap; }"
        " section.dimension.runs-on { break-before: page; }"
        " .mono { overflow-wrap: normal; }{% endblock %}",
        encoding="utf-8",
    )
    (mine / "integrity.html").write_text(
        '<section class="chapter"><h1>Integrity</h1><table class="data"><colgroup>'
        '<col style="width: 16mm"><col style="width: 22mm"><col style="width: 36mm"><col>'
        "</colgroup><thead><tr><th>Period</th><th>Questionnaire</th><th>Attachment</th>"
        "<th>Answers SHA-256</th></tr></thead><tbody><tr><td>2025</td><td>mini</td><td>a</td>"
        '<td class="mono">{{ r.answers_sha256 }}{{ r.answers_sha256[:9] }}</td></tr></tbody>'
        "</table></section>",
        encoding="utf-8",
    )
    options = ReportOptions(questionnaires=[q], template_dir=mine)
    kinds = {(d.kind, d.text) for d in layout_defects(lay_out_report(source, options).document)}
    assert ("header cells run together", "QUESTIONNAIRE|ATTACHMENT") in kinds
    assert any(k == "text past the margin" and len(t) == 73 for k, t in kinds)  # the hash
    assert ("nearly empty page", "") in kinds  # each dimension opened a page
