"""Templates: a --template-dir overrides one template or extends the bundled one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import run_cli
from test_report import answers, questionnaire
from typer.testing import CliRunner

from assess.report import ReportContext

DOCS = Path(__file__).parent.parent / "docs" / "report.md"


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


def test_every_context_field_is_documented() -> None:
    """Template authors rely on docs/report.md: every field a template can use is listed."""
    from assess import report

    documented = set(re.findall(r"`([a-z_0-9]+)`", DOCS.read_text(encoding="utf-8")))
    names = "LevelInfo QuestionRow DimensionView FindingView PhaseView NotApplicableView"
    names += " ChangeRow ChangeView"
    models = [ReportContext, *(getattr(report, name) for name in names.split())]
    missing = {f"{m.__name__}.{f}" for m in models for f in m.model_fields if f not in documented}
    assert missing == set()
