"""Every figure the example reports print agrees with `assess score --json` and `assess compare
--json` under the one rounding rule, and the terminal table rounds them the same way."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from assess.files.loading import load_one
from assess.plaintext import num, percent, signed
from assess.report.context import level_names
from tests.builders import run_cli
from tests.report.conftest import EXAMPLES, Examples

pytestmark = [pytest.mark.xdist_group("examples"), pytest.mark.pdf]

MINUS = "\u2212"


def shown(value: float | None) -> str:
    """A score as the report prints it: the rule of assess.plaintext, a true minus, en dash."""
    return num(value, none="\u2013").replace("-", MINUS)


def change(value: float | None) -> str:
    return signed(value, none="\u2013", zero="\u00b10.0").replace("-", MINUS)


def _json(*args: str) -> Any:
    result = run_cli(CliRunner(), *args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _pages(examples: Examples, name: str) -> list[str]:
    reader = PdfReader(examples[name].pdf)
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def _page(pages: list[str], title: str) -> str:
    return next(p for p in pages if p.startswith(title) or f" {title} " in p[:200])


def _level(d: dict[str, Any], levels: dict[int, str]) -> str:
    return f"L{d['level']} {levels[d['level']]}"


@pytest.mark.parametrize(
    ("name", "previous"), [("northwind-2025", ["2023", "2024"]), ("harbourline-2025", [])]
)
def test_every_figure_in_the_report_is_the_score_json_rounded_once(
    examples: Examples, name: str, previous: list[str]
) -> None:
    result = _json("score", str(EXAMPLES / f"{name}.yaml"))
    pages = _pages(examples, name)
    o, dims = result["overall"], result["dimensions"]
    c = result["counts"]
    levels = level_names(load_one(EXAMPLES / f"{name}.yaml").questionnaire)

    summary = _page(pages, "Executive summary")
    assert f"{shown(o['score'])} / 100" in summary
    assert f"{o['level']} of target {o['target_level']}" in summary
    assert f"{shown(o['target_attainment'])} %" in summary
    assert f"{percent(result['completeness'])} % {c['answered'] + c['na']} of" in summary
    deltas: dict[str, str] = {}
    if previous:
        args = [str(EXAMPLES / f"northwind-{p}.yaml") for p in [*previous, "2025"]]
        compared = _json("compare", *args)
        deltas = {t["id"]: change(t["change_previous"][-1]) for t in compared["dimensions"]}
        assert f"{change(compared['overall']['change_previous'][-1])} since" in summary
        table = _page(pages, "Change since")
        for t in [*compared["dimensions"], compared["overall"]]:
            cells = " ".join(shown(s) for s in t["scores"])
            label = f"{t['id']} {t['name']}" if t["id"] != "overall" else "Overall"
            lv = f"{t['levels'][-2]} → {t['levels'][-1]}"
            assert f"{label} {cells} {change(t['change_previous'][-1])} {lv}" in table
    results = _page(pages, "Results by dimension")
    for d in dims:
        delta = f" {deltas[d['id']]}" if previous else ""
        row = f"{d['id']} {d['name']} {shown(d['score'])} L{d['level']} {d['target_level']}{delta}"
        assert row in summary
        gap = d["gap"]
        answered = f"{d['answered'] + d['na']}/{d['applicable']}"
        assert (
            f"{d['id']} {d['name']} {d['weight']:.1f} {shown(d['score'])} {_level(d, levels)} "
            f"{d['target_level']} {gap} {shown(d['target_attainment'])} {answered}"
        ) in results
        whole = " ".join(pages)
        start = whole.index(f"{d['id']} · {d['name']} ", whole.index("Results by dimension") + 50)
        section = whole[start : start + 2000]
        target = {"level": d["target_level"]}
        assert (
            f"SCORE {shown(d['score'])} LEVEL {_level(d, levels)} TARGET {_level(target, levels)} "
            f"ATTAINMENT {shown(d['target_attainment'])} ANSWERED {answered}"
        ) in section
    total = f"{c['answered'] + c['na']}/{c['applicable']} {len(result['findings'])}"
    assert f"Overall {shown(o['score'])} {_level(o, levels)} {o['target_level']} " in results
    assert f"{shown(o['target_attainment'])} {total}" in results


def test_the_summary_and_the_terminal_name_what_holds_the_level_down(examples: Examples) -> None:
    summary = _page(_pages(examples, "harbourline-2025"), "Executive summary")
    held = re.search(r"It is held there by (.*?): a practice counts as met", summary)
    assert held is not None
    # Harbourline's level 0 comes from DYN, OPN and DEF, each with an unmet level-1 practice.
    assert re.findall(r"\b(DYN|OPN|DEF) ", held.group(1)) == ["DYN", "OPN", "DEF"]
    assert "DYN-02 (score 33.3)" in held.group(1) and "DEF-05 (score 33.3)" in held.group(1)
    table = run_cli(CliRunner(), "score", str(EXAMPLES / "harbourline-2025.yaml")).stdout
    terminal = " ".join(table.split())
    assert "Overall level 0, held down by unmet level-1 practices in: DYN Dynamic" in terminal
    assert "DYN-02 L1 scores 33.3" in terminal and "DEF-05 L1 scores 33.3" in terminal


def test_the_terminal_table_rounds_as_the_report_does(examples: Examples) -> None:
    result = _json("score", str(EXAMPLES / "northwind-2025.yaml"))
    table = run_cli(CliRunner(), "score", str(EXAMPLES / "northwind-2025.yaml")).stdout
    results = _page(_pages(examples, "northwind-2025"), "Results by dimension")
    for d in result["dimensions"]:
        line = next(x for x in table.splitlines() if x.startswith(f"{d['id']} "))
        assert line.split()[-6] == num(d["score"])
        assert f" {num(d['score'])} " in results


def test_the_trend_report_prints_the_comparison_rounded_once(examples: Examples) -> None:
    args = [str(EXAMPLES / f"northwind-{y}.yaml") for y in (2023, 2024, 2025)]
    compared = _json("compare", *args)
    page = _page(_pages(examples, "northwind-trend"), "Scores across periods")
    for t in [*compared["dimensions"], compared["overall"]]:
        cells = " ".join(
            f"{shown(s)} L{lv}" for s, lv in zip(t["scores"], t["levels"], strict=True)
        )
        label = f"{t['id']} {t['name']}" if t["id"] != "overall" else "Overall"
        deltas = f"{change(t['change_previous'][-1])} {change(t['change_first'][-1])}"
        assert f"{label} {cells} {deltas}" in page
