"""Fixtures for signing: a throwaway PKI per session, and one small report rendered per module."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from tests.builders import answers, questionnaire, run_cli
from tests.signing.pki import Pki, make_pki


@dataclass(frozen=True)
class Made:
    """A small report (with an earlier year, so it embeds more than its answers) and its inputs."""

    folder: Path
    q: Path
    answers: Path
    other_answers: Path
    pdf: Path


def _write(path: Path, data: Any) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    folder = tmp_path_factory.mktemp("signing")
    q = _write(folder / "mini.yaml", questionnaire())
    current = _write(folder / "acme-2025.yaml", answers("2025", "2025-11-20"))
    previous = _write(folder / "acme-2024.yaml", answers("2024", "2024-11-18", A_01=1))
    other = _write(folder / "other-2025.yaml", answers("2025", "2025-11-20", A_03=3, A_02=3))
    pdf = folder / "report.pdf"
    args: list[str | Path] = [
        "report",
        current,
        "-q",
        q,
        "--previous",
        previous,
        "--auditor",
        "Jane Auditor",
    ]
    result = run_cli(CliRunner(), *args, "-o", pdf)
    assert result.exit_code == 0, result.output
    return Made(folder, q, current, other, pdf)
