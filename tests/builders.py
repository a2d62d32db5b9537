"""Builders that tests share: small questionnaires and answers built inline, the CLI runner
helper, the located-error assertion, the recording HTTP server, and doc-table readers."""

from __future__ import annotations

import copy
import http.server
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from typer.testing import CliRunner

from assess.cli import app

ROOT = Path(__file__).resolve().parent.parent
"""The repository's top folder: examples/, docs/, questionnaires/ are under it."""

ORG = "Northwind Grid Co."
"""The organization of `answers()`."""

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


class RecordingServer(http.server.ThreadingHTTPServer):
    """A local HTTP server that records every request, to prove that nothing fetches."""

    requests: list[str]


class RecordingHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        assert isinstance(self.server, RecordingServer)
        self.server.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


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


def run_cli(runner: CliRunner, *args: str | Path) -> Any:
    """Invoke the real CLI app with string arguments."""
    return runner.invoke(app, [str(a) for a in args])


CHINESE = {"LANG": "zh_CN.UTF-8", "LC_ALL": None, "LC_MESSAGES": None}
"""A Chinese locale for a run of the CLI, whatever the machine's own is."""
ENGLISH = {"LANG": "C.UTF-8", "LC_ALL": None, "LC_MESSAGES": None}
"""An English (C) locale for a run of the CLI."""


def run_in(runner: CliRunner, env: dict[str, Any], *args: str | Path) -> Any:
    """Invoke the real CLI app with string arguments under the locale `env`."""
    return runner.invoke(app, [str(a) for a in args], env=env)


def questionnaire() -> dict[str, Any]:
    """The small questionnaire with a third dimension, so the radar chart has enough axes."""
    data = small_questionnaire()
    data["dimensions"].append(
        {
            "id": "C",
            "name": "Gamma",
            "quote": "Security is dynamic rather than static",
            "questions": [choice("C-01", 1), choice("C-02", 2)],
        }
    )
    return data


def answers(period: str, date: str, **values: Any) -> dict[str, Any]:
    """An answers file for the questionnaire above."""
    entries: dict[str, Any] = {
        "A-01": {"value": 3, "note": "Approved by the board in March.", "evidence": ["Policy v3"]},
        "A-02": {"value": 1, "note": "Only the head office so far."},
        "A-03": {"value": 0},
        "B-01": {"value": "yes"},
        "B-02": {"na": True, "justification": "No external suppliers are used at all."},
        "B-03": {"value": 2},
        "C-01": {"value": 2, "evidence": ["SIEM dashboard export 2025-10"]},
    }
    for qid, value in values.items():
        entries[qid.replace("_", "-")] = {"value": value}
    return {
        "questionnaire": {"id": "mini", "version": "1.0"},
        "organization": {"name": ORG, "sector": "electricity", "profile": "critical"},
        "assessment": {"period": period, "date": date, "assessor": "Dana Whitfield"},
        "answers": entries,
    }


def doc_section(path: Path, heading: str) -> str:
    """The text under the heading whose title is `heading`, up to the next heading."""
    text = path.read_text(encoding="utf-8")
    found = re.search(rf"^#+ {re.escape(heading)}\n(.*?)(?=^#|\Z)", text, re.M | re.S)
    assert found is not None, f"{path.name} has no section {heading!r}"
    return found.group(1)


def table_fields(section: str) -> list[str]:
    """The field names in the first column of the tables of a section."""
    return re.findall(r"^\| `([^`]+)` \|", section, re.M)


def assert_documented(path: Path, models: list[type[BaseModel]]) -> None:
    """Each model's section of `path` has a table of exactly its fields, each once."""
    for model in models:
        listed = table_fields(doc_section(path, f"`{model.__name__}`"))
        assert sorted(listed) == sorted(set(listed)), f"{model.__name__}: a field twice"
        # Fields excluded from the JSON (a message's catalog form) are not part of the format.
        fields = {name for name, field in model.model_fields.items() if not field.exclude}
        assert set(listed) - fields == set(), f"{model.__name__}: fields it does not have"
        assert fields - set(listed) == set(), f"{model.__name__}: undocumented fields"


def unstamped(entries: Any) -> dict[str, Any]:
    """Entries without who answered and when, for tests about the answers themselves."""
    return {
        qid: entry.model_copy(update={"answered_by": None, "answered_at": None})
        for qid, entry in dict(entries).items()
    }
