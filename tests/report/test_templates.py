"""Templates: a --template-dir overrides one template or extends the bundled one."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from assess.report import render, trend, views
from tests.builders import ROOT, answers, assert_documented, questionnaire, run_cli

DOCS = ROOT / "docs" / "report.md"
COMPARE_DOCS = DOCS.with_name("compare.md")


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[Path, Path]:
    q = tmp_path / "mini.yaml"
    q.write_text(yaml.safe_dump(questionnaire()), encoding="utf-8")
    source = tmp_path / "answers.yaml"
    source.write_text(yaml.safe_dump(answers("2025", "2025-11-20")), encoding="utf-8")
    return q, source


def _html(inputs: tuple[Path, Path], templates: Path) -> str:
    q, source = inputs
    out = source.with_suffix(".html")
    args = ("report", source, "-q", q, "--format", "html", "--template-dir", templates, "-o", out)
    result = run_cli(CliRunner(), *args)
    assert result.exit_code == 0, result.stderr
    return out.read_text(encoding="utf-8")


def test_a_template_dir_overrides_one_template(inputs: tuple[Path, Path], tmp_path: Path) -> None:
    templates = tmp_path / "mine"
    templates.mkdir()
    (templates / "cover.html").write_text(
        '<div class="cover"><h1>Audit file of {{ r.organization }}</h1></div>', encoding="utf-8"
    )
    html = _html(inputs, templates)
    assert "Audit file of Northwind Grid Co." in html
    assert "Assessment report" not in html  # the bundled cover is replaced
    assert "Executive summary" in html  # the other parts are still the bundled ones


def test_a_template_can_extend_the_default(inputs: tuple[Path, Path], tmp_path: Path) -> None:
    templates = tmp_path / "mine"
    templates.mkdir()
    (templates / "cover.html").write_text(
        '{% extends "default:cover.html" %}{% block cover_title %}Annual review{% endblock %}',
        encoding="utf-8",
    )
    (templates / "base.html").write_text(
        '{% extends "default:base.html" %}{% block styles %}{{ super() }} h1 { color: #123456; }'
        "{% endblock %}",
        encoding="utf-8",
    )
    html = _html(inputs, templates)
    assert "<h1>Annual review</h1>" in html
    assert "Assessment report" not in html
    assert "Northwind Grid Co." in html  # the rest of the default cover
    assert "h1 { color: #123456; }" in html and "@page" in html


def test_a_missing_template_dir_is_one_clear_error(inputs: tuple[Path, Path]) -> None:
    q, source = inputs
    result = run_cli(CliRunner(), "report", source, "-q", q, "--template-dir", "/nonexistent")
    assert result.exit_code == 2
    assert result.stderr == ("error: /nonexistent: template folder not found (check the path)\n")


def test_every_report_context_field_is_documented_in_its_models_table() -> None:
    """Template authors rely on docs/report.md: each model's table lists exactly its fields."""
    names = "ReportContext LevelInfo DimensionView QuestionRow FindingView PhaseView"
    names += " NotApplicableView ChangeView ChangeRow ScaleView OptionScore"
    names += " ReferenceGroup ReferenceRow ReferenceItem"
    names += " ChecklistItem OpportunityGroup Limit Blocker"
    assert_documented(DOCS, [getattr(views, name) for name in names.split()])


def test_every_trend_context_field_is_documented_in_its_models_table() -> None:
    assert_documented(
        COMPARE_DOCS, [trend.TrendContext, trend.PeriodView, trend.TrendRow, trend.Cell]
    )


def test_a_generic_name_elsewhere_does_not_document_a_field(tmp_path: Path) -> None:
    # `title` appears in many tables; only the model's own table counts for it.
    doc = tmp_path / "doc.md"
    doc.write_text(
        "### `PhaseView`\n\n| `id` | |\n| `description` | |\n| `findings` | |\n\n"
        "### `Other`\n\n| `title` | |\n",
        encoding="utf-8",
    )
    with pytest.raises(AssertionError, match="undocumented fields"):
        assert_documented(doc, [views.PhaseView])


def test_percentages_never_round_to_whole_or_to_nothing() -> None:
    env = render.template_environment(None)
    shown = [env.from_string("{{ x | percent }}").render(x=x) for x in (0, 0.004, 0.29, 0.996, 1)]
    assert shown == ["0", "1", "29", "99", "100"]


def test_numbers_are_written_by_babel_for_the_report_language() -> None:
    values = {"x": 1234.5, "d": -3.75, "z": 0.04, "s": 0.296}
    page = "{{ x | num }} {{ d | num }} {{ d | signed }} {{ z | signed }} {{ s | percentage }}"
    # English and Chinese write the same digits, so reports keep their figures.
    for language in ("en", "zh-CN"):
        env = render.template_environment(None, language)
        assert env.from_string(page).render(**values) == "1,234.5 \u22123.8 \u22123.8 \u00b10.0 30%"
    # Babel decides: a locale with a decimal comma gets one.
    german = render.Numbers("de_DE")
    assert (german.num(1234.5), german.percentage(0.296)) == ("1.234,5", "30\u00a0%")


def test_counts_of_one_read_in_the_singular(inputs: tuple[Path, Path], tmp_path: Path) -> None:
    q, source = inputs
    # fully implemented leave one finding: C-02, unanswered.
    source.write_text(yaml.safe_dump(answers("2025", "2025-11-20", A_02=3, A_03=3)), "utf-8")
    out = tmp_path / "one.html"
    result = run_cli(CliRunner(), "report", source, "-q", q, "--format", "html", "-o", out)
    assert result.exit_code == 0, result.stderr
    text = " ".join(out.read_text(encoding="utf-8").split())
    assert "1 finding needs action to reach the target" in text
    assert "1 finding in all." in text
    assert "lists 1 finding by phase" in text
    assert "1 findings" not in text and "(s)" not in text


def test_a_name_in_a_translated_sentence_is_shown_as_everywhere_else() -> None:
    page = "{% trans org=o | spaced %}{{ org }} declared{% endtrans %}"
    long_name = "Acme \u202eevil\u202c " + "x" * 100
    for language in ("en", "zh-CN"):
        shown = render.template_environment(None, language).from_string(page).render(o=long_name)
        # no direction control survives, and the long run gets break opportunities
        assert "\u202e" not in shown and "&lt;U+202E&gt;evil" in shown
        assert "\u200b" in shown
    zh = render.template_environment(None, "zh-CN")
    # In Chinese prose a Latin name is set off by spaces; a Chinese name is not.
    assert zh.from_string(page).render(o="Northwind Grid Co.") == " Northwind Grid Co.  declared"
    assert zh.from_string(page).render(o="海川市商业银行") == "海川市商业银行 declared"
