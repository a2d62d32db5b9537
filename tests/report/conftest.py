"""The example reports, laid out once per test session and shared by the tests that read them.

Laying out a report takes seconds, so each is rendered at most once per worker; the tests that
use them share the xdist group "examples" (`make test` runs `--dist loadgroup`), so one worker
renders them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from assess.compare.engine import compare_inputs, read_inputs
from assess.report.options import ReportOptions
from assess.report.render import lay_out_report
from assess.report.trend import lay_out_trend
from tests.builders import ROOT

EXAMPLES = ROOT / "examples"


@dataclass(frozen=True)
class Example:
    """A laid-out report and its PDF, as `assess report` (or `compare -o`) writes it."""

    name: str
    document: Any
    pdf: Path


def _northwind() -> Any:
    previous = [EXAMPLES / "northwind-2023.yaml", EXAMPLES / "northwind-2024.yaml"]
    return lay_out_report(EXAMPLES / "northwind-2025.yaml", ReportOptions(previous=previous))


def _harbourline() -> Any:
    return lay_out_report(EXAMPLES / "harbourline-2025.yaml", ReportOptions())


def _trend() -> Any:
    inputs = read_inputs([EXAMPLES / f"northwind-{y}.yaml" for y in (2023, 2024, 2025)])
    return lay_out_trend(compare_inputs(inputs), inputs)  # already oldest first


REPORTS: dict[str, Callable[[], Any]] = {
    "northwind-2025": _northwind,
    "harbourline-2025": _harbourline,
    "northwind-trend": _trend,
}
"""The reports `make demo` writes, by the name of their PDF."""


class Examples:
    """Lays out each report on first use and keeps it for the session."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.done: dict[str, Example] = {}

    def add(self, name: str, lay_out: Callable[[], Any]) -> Example:
        """Lay out a report once under `name` (later calls return the first)."""
        if name not in self.done:
            laid = lay_out()
            pdf = self.folder / f"{name}.pdf"
            pdf.write_bytes(laid.pdf())
            self.done[name] = Example(name, laid.document, pdf)
        return self.done[name]

    def __getitem__(self, name: str) -> Example:
        return self.add(name, REPORTS[name])


@pytest.fixture(scope="session")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Examples:
    """The example reports, each laid out once per session."""
    return Examples(tmp_path_factory.mktemp("examples"))
