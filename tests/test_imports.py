"""Commands that render nothing never import the PDF stack (speed is a feature).

Each command runs in a fresh interpreter, and afterwards the test lists which heavy packages
ended up in sys.modules.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.builders import ROOT

pytestmark = pytest.mark.subprocess  # Each probe starts a fresh interpreter.

EXAMPLES = ROOT / "examples"
SHIPPED = ROOT / "questionnaires" / "cyberposture-1.0.yaml"
PDF_STACK = {"weasyprint", "jinja2", "pydyf", "tinycss2", "pypdf", "pyhanko", "cryptography"}
PROMPTS_AND_ROUND_TRIP = {"questionary", "prompt_toolkit", "ruamel"}

PROBE = """\
import sys
from tests.builders import ROOT
from assess.cli import main
sys.argv = ['assess', *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    assert not exc.code, exc.code
print('LOADED', ' '.join(sorted(sys.modules)))
"""


def modules_loaded_by(*args: str | Path) -> set[str]:
    """Every module a command imported, by its full name."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *map(str, args)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    return set(done.stdout.splitlines()[-1].split()[1:])


def loaded_by(*args: str | Path) -> set[str]:
    """The top-level packages a command imported."""
    return {m.split(".")[0] for m in modules_loaded_by(*args)}


@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("show", "cyberposture@1.0"),
        ("validate", SHIPPED, EXAMPLES / "northwind-2025.yaml"),
        ("score", EXAMPLES / "northwind-2025.yaml"),
        ("score", EXAMPLES / "northwind-2025.yaml", "--json"),
        ("compare", EXAMPLES / "northwind-2024.yaml", EXAMPLES / "northwind-2025.yaml"),
    ],
    ids=lambda args: " ".join(str(a).rsplit("/", 1)[-1] for a in args),
)
def test_reading_commands_load_neither_pdf_stack_nor_prompts(args: tuple[str | Path]) -> None:
    loaded = loaded_by(*args)
    assert loaded & PDF_STACK == set()
    assert loaded & PROMPTS_AND_ROUND_TRIP == set()


def test_the_probe_sees_what_a_report_loads(tmp_path: Path) -> None:
    # Without this, an empty module list would pass the test above for the wrong reason.
    html = tmp_path / "r.html"
    loaded = loaded_by("report", EXAMPLES / "harbourline-2025.yaml", "--format", "html", "-o", html)
    assert "jinja2" in loaded


def test_a_pdf_report_is_laid_out_by_a_process_that_never_prepared_it(tmp_path: Path) -> None:
    # Loading, scoring and the templates run in a child that takes them away when it ends, so
    # the process that lays out the pages (most of a report's memory) holds only the renderer.
    loaded = modules_loaded_by(
        "report", EXAMPLES / "harbourline-2025.yaml", "-o", tmp_path / "r.pdf"
    )
    assert "weasyprint" in loaded
    preparation = {"assess.report.render", "assess.report.context", "assess.scoring.engine"}
    assert loaded & preparation == set()
    assert {m.split(".")[0] for m in loaded} & {"jinja2", "babel"} == set()
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF-")


def test_scoring_does_not_load_the_comparison_engine() -> None:
    loaded = modules_loaded_by("score", EXAMPLES / "northwind-2025.yaml", "--json")
    assert "assess.scoring.engine" in loaded
    assert {m for m in loaded if m.startswith("assess.compare")} == set()


def test_scoring_without_a_review_loads_neither_the_review_models_nor_the_audit() -> None:
    review_code = {"assess.model.review", "assess.scoring.audited"}
    plain = modules_loaded_by("score", EXAMPLES / "northwind-2025.yaml", "--json")
    assert "assess.scoring.review_summary" in plain
    assert plain & review_code == set()
    review = EXAMPLES / "northwind-2025.review.yaml"
    reviewed = modules_loaded_by("score", EXAMPLES / "northwind-2025.yaml", "--review", review)
    assert reviewed >= review_code
