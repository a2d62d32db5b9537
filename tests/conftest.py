"""Shared fixtures: small questionnaires and answers built inline, written as real YAML files."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from assess.cli import app

PRACTICE = [
    {"value": 0, "label": "Not implemented", "score": 0, "description": "Not done."},
    {"value": 1, "label": "Partially", "score": 0.3333, "description": "Some of it."},
    {"value": 2, "label": "Largely", "score": 0.6667, "description": "Most of it."},
    {"value": 3, "label": "Fully implemented", "score": 1, "description": "All of it."},
]
YESNO = [
    {"value": "yes", "label": "Yes", "score": 1, "description": "It does."},
    {"value": "no", "label": "No", "score": 0, "description": "It does not."},
]


def choice(qid: str, level: int = 1, **extra: Any) -> dict[str, Any]:
    """A practice-scale question with the fields every scored question needs."""
    return {
        "id": qid,
        "type": "choice",
        "scale": "practice",
        "text": f"Practice {qid} is in place.",
        "guidance": "Fully implemented means documented and reviewed.",
        "level": level,
        "recommendation": f"Put {qid} in place.",
        **extra,
    }


def small_questionnaire(**overrides: Any) -> dict[str, Any]:
    """A valid two-dimension questionnaire that tests adjust to the case at hand."""
    data: dict[str, Any] = {
        "id": "mini",
        "version": "1.0",
        "title": "Mini questionnaire",
        "levels": [
            {"level": 1, "name": "Performed", "description": "Basic."},
            {"level": 2, "name": "Managed", "description": "Managed."},
            {"level": 3, "name": "Proactive", "description": "Proactive."},
        ],
        "scales": {"practice": copy.deepcopy(PRACTICE), "yesno": copy.deepcopy(YESNO)},
        "profiles": [
            {"id": "baseline", "name": "Baseline", "description": "Small.", "target_level": 1},
            {
                "id": "critical",
                "name": "Critical",
                "description": "Large.",
                "target_level": 3,
                "targets": {"B": 2},
            },
        ],
        "dimensions": [
            {
                "id": "A",
                "name": "Alpha",
                "quote": "There is no absolute security",
                "questions": [
                    choice("A-01", 1, references={"nist-csf-2.0": ["GV.RR-01"]}),
                    choice("A-02", 2),
                    choice("A-03", 3),
                ],
            },
            {
                "id": "B",
                "name": "Beta",
                "weight": 2,
                "quote": "Cybersecurity is shared",
                "questions": [
                    {**choice("B-01", 1), "scale": "yesno"},
                    choice("B-02", 2, when={"question": "B-01", "in": ["yes"]}, allow_na=True),
                    choice("B-03", 3, profiles=["critical"], critical=True),
                ],
            },
        ],
    }
    data.update(overrides)
    return data


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[..., Path]:
    """Write data (or raw text) as a YAML file under tmp_path and return its path."""

    def write(data: Any, name: str = "file.yaml") -> Path:
        path = tmp_path / name
        text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def runner() -> CliRunner:
    """A CLI runner; stderr is kept apart so tests can check that errors go there."""
    return CliRunner()


def run_cli(runner: CliRunner, *args: str | Path) -> Any:
    """Invoke the real CLI app with string arguments."""
    return runner.invoke(app, [str(a) for a in args])
