"""Shared fixtures: small questionnaires and answers built inline, written as real YAML files."""

from __future__ import annotations

import copy
import http.server
import threading
from collections.abc import Callable, Iterator
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


WEEK_BANDS = [{"max": 7, "score": 1, "label": "week"}, {"score": 0, "label": "longer"}]


def _scored(qid: str, level: int, extra: dict[str, Any]) -> dict[str, Any]:
    base = choice(qid, level, **extra)
    del base["scale"]
    return base


def multi(qid: str, options: list[dict[str, Any]], level: int = 1, **extra: Any) -> dict[str, Any]:
    """A checklist question with the given options."""
    return {**_scored(qid, level, extra), "type": "multi", "options": options}


def number(
    qid: str,
    bands: list[dict[str, Any]] | None = None,
    level: int = 1,
    *,
    maximum: float = 365,
    **extra: Any,
) -> dict[str, Any]:
    """A number question in days, scored by `bands` (by default: within a week or not)."""
    return {
        **_scored(qid, level, extra),
        "type": "number",
        "unit": "days",
        "minimum": 0,
        "maximum": maximum,
        "bands": bands if bands is not None else WEEK_BANDS,
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


class RecordingServer(http.server.ThreadingHTTPServer):
    """A local HTTP server that records every request, to prove that nothing fetches."""

    requests: list[str]


class _RecordingHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        assert isinstance(self.server, RecordingServer)
        self.server.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[RecordingServer]:
    """A recording HTTP server listening on 127.0.0.1 for the length of one test."""
    httpd = RecordingServer(("127.0.0.1", 0), _RecordingHandler)
    httpd.requests = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def assert_one_located_error(result: Any, path: Path, message: str, line_text: str) -> None:
    """Exit 2, nothing on stdout, one line on stderr naming `path` and the line of `line_text`."""
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]
    assert "Traceback" not in result.stderr
    prefix = f"error: {path}:"
    assert lines[0].startswith(prefix)
    line_no = int(lines[0][len(prefix) :].split(":")[0])
    assert line_text in path.read_text(encoding="utf-8").splitlines()[line_no - 1]


@pytest.fixture
def runner() -> CliRunner:
    """A CLI runner; stderr is kept apart so tests can check that errors go there."""
    return CliRunner()


def run_cli(runner: CliRunner, *args: str | Path) -> Any:
    """Invoke the real CLI app with string arguments."""
    return runner.invoke(app, [str(a) for a in args])
