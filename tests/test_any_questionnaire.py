"""A questionnaire of one's own is first-class: no quotes, its own scale, levels and threshold.

It goes through validate, init, answer, score, report, extract, compare and score-from-PDF with
no --questionnaire after init (the search path finds it), and the report speaks its language.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader
from typer.testing import CliRunner

from tests.builders import run_cli

MATURITY = [
    {"value": v, "label": label, "score": v / 4, "description": f"{label} in place."}
    for v, label in enumerate(["Absent", "Ad hoc", "Emerging", "Established", "Optimised"])
]
LEVELS = ["Seedling", "Sapling", "Oak"]


def sector_questionnaire(version: str = "2.0") -> dict[str, Any]:
    """Six dimensions, a 0-4 scale, level names and a met threshold of its own, no quotes."""
    dimensions = []
    for d in "ABCDEF":
        questions = [
            {
                "id": f"D{d}{n}",
                "type": "choice",
                "scale": "maturity",
                "text": f"Control D{d}{n} operates.",
                "guidance": "Established means operating and evidenced.",
                "level": n,
                "recommendation": f"Operate control D{d}{n}.",
            }
            for n in (1, 2)
        ]
        dimensions.append({"id": f"D{d}", "name": f"Domain {d}", "questions": questions})
    return {
        "id": "gridsector",
        "version": version,
        "title": "Grid Sector Baseline",
        "met_threshold": 0.75,
        "level_zero": {"name": "Bare ground", "description": "Nothing has taken root."},
        "levels": [
            {"level": i + 1, "name": name, "description": f"{name} stage."}
            for i, name in enumerate(LEVELS)
        ],
        "scales": {"maturity": MATURITY},
        "profiles": [
            {"id": "operator", "name": "Operator", "description": "Runs a grid.", "target_level": 2}
        ],
        "dimensions": dimensions,
    }


def ok(result: Any) -> str:
    assert result.exit_code == 0, result.stderr
    return str(result.stdout)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    library = tmp_path / "library"
    library.mkdir()
    text = yaml.safe_dump(sector_questionnaire(), sort_keys=False)
    (library / "gridsector-2.0.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("ASSESS_QUESTIONNAIRES", str(library))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.pdf  # renders a report and reads it back
def test_a_custom_questionnaire_goes_the_whole_way(
    folder: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = folder / "library" / "gridsector-2.0.yaml"
    assert "ok, questionnaire gridsector@2.0" in ok(run_cli(runner, "validate", shipped))
    assert "gridsector@2.0" in ok(run_cli(runner, "list"))
    init = ok(
        run_cli(
            runner, "init", "-o", "grid-2025.yaml", "--org", "Ridge Power", "--profile",
            "operator", "--period", "2025", "--date", "2025-06-30", "--use", "gridsector@2.0",
        )
    )  # fmt: skip
    assert "next: assess take grid-2025.yaml" in init
    for qid in ("DA1", "DB1", "DC1", "DD1", "DE1", "DF1"):
        ok(run_cli(runner, "answer", "grid-2025.yaml", qid, "Established"))
    for qid in ("DA2", "DB2", "DC2", "DD2", "DE2"):
        ok(run_cli(runner, "answer", "grid-2025.yaml", qid, "4"))
    ok(run_cli(runner, "answer", "grid-2025.yaml", "DF2", "Emerging"))

    result = json.loads(ok(run_cli(runner, "score", "grid-2025.yaml", "--json")))
    # Five dimensions: (0.75 + 1) / 2; DF: (0.75 + 0.5) / 2. Equal weights.
    assert result["overall"]["score"] == pytest.approx((5 * 87.5 + 62.5) / 6)
    # DF2 scores 0.5, below the 0.75 threshold: DF stays at level 1, and so does the whole.
    assert result["overall"]["level"] == 1
    assert [f["question"] for f in result["findings"]] == ["DF2"]

    ok(run_cli(runner, "report", "grid-2025.yaml", "-o", "grid-2025.pdf"))
    text = " ".join(p.extract_text() for p in PdfReader("grid-2025.pdf").pages)
    for own in ("Seedling", "Sapling", "Oak", "Bare ground", "Established 0.75", "75.0"):
        assert own in text, own
    for bundled in ("Performed", "Proactive", "largely", "practice scale", "speech"):
        assert bundled not in text, bundled

    # The report alone is enough, even where the questionnaire is nowhere else to be found.
    monkeypatch.delenv("ASSESS_QUESTIONNAIRES")
    again = json.loads(ok(run_cli(runner, "score", "grid-2025.pdf", "--json")))
    assert again == result
    Path("extracted").mkdir()
    ok(run_cli(runner, "extract", "grid-2025.pdf", "--all", "-o", "extracted"))
    assert Path("extracted/questionnaire.yaml").read_bytes() == shipped.read_bytes()
    assert Path("extracted/answers.yaml").read_bytes() == Path("grid-2025.yaml").read_bytes()

    monkeypatch.setenv("ASSESS_QUESTIONNAIRES", str(folder / "library"))
    ok(
        run_cli(
            runner, "init", "-o", "grid-2026.yaml", "--period", "2026", "--date", "2026-06-30",
            "--from", "grid-2025.yaml",
        )
    )  # fmt: skip
    ok(run_cli(runner, "answer", "grid-2026.yaml", "DF2", "Optimised"))
    table = ok(run_cli(runner, "compare", "grid-2025.yaml", "grid-2026.yaml", "-o", "trend.pdf"))
    assert "DF2" in table
    monkeypatch.delenv("ASSESS_QUESTIONNAIRES")
    from_pdf = json.loads(ok(run_cli(runner, "compare", "trend.pdf", "--json")))
    assert from_pdf["periods"] == ["2025", "2026"]
    assert [q["id"] for q in from_pdf["changes"]["improved"]] == ["DF2"]


def test_a_file_claiming_a_bundled_version_with_other_bytes_is_refused(
    folder: Path, runner: CliRunner
) -> None:
    bundled = Path(__file__).resolve().parent.parent / "questionnaires" / "cyberposture-1.0.yaml"
    impostor = folder / "cyberposture-1.0.yaml"
    impostor.write_bytes(bundled.read_bytes().replace(b"weight: 2", b"weight: 9", 1))
    result = run_cli(runner, "show", "cyberposture@1.0", "-q", impostor)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: {impostor}: cyberposture@1.0 is a bundled questionnaire")
    assert "SHA-256" in lines[0] and "bundled" in lines[0]
    # The bundled copy itself, named explicitly, is fine.
    ok(run_cli(runner, "show", "cyberposture@1.0", "-q", bundled))


def test_a_search_path_file_must_be_named_for_what_it_holds(
    folder: Path, runner: CliRunner
) -> None:
    library = folder / "library"
    (library / "gridsector-2.0.yaml").rename(library / "gridsector-2.1.yaml")
    result = run_cli(runner, "show", "gridsector@2.1")
    assert result.exit_code == 2
    assert "the file name says another questionnaire than its content" in result.stderr
    assert "rename it gridsector-2.0.yaml" in result.stderr


def test_the_worked_example_of_the_authoring_guide_is_valid(
    tmp_path: Path, runner: CliRunner
) -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "authoring.md").read_text("utf-8")
    example = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "gridsector-1.0.yaml"
    path.write_text(example, encoding="utf-8")
    out = ok(run_cli(runner, "validate", path))
    assert "ok, questionnaire gridsector@1.0, 2 dimensions, 3 questions" in out
