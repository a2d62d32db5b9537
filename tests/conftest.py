"""Shared fixtures; the builders they use live in tests/builders.py."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from tests.builders import RecordingHandler, RecordingServer

SLOW_KINDS = ("pdf", "subprocess", "pty")
"""Markers of tests that take seconds each; every such test is also marked `slow`."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark slow every test marked with one of `SLOW_KINDS`, so `-m "not slow"` is the fast tier."""
    for item in items:
        if any(item.get_closest_marker(kind) for kind in SLOW_KINDS):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run in English whatever the developer's locale; a test that wants one sets it."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)


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
def server() -> Iterator[RecordingServer]:
    """A recording HTTP server listening on 127.0.0.1 for the length of one test."""
    httpd = RecordingServer(("127.0.0.1", 0), RecordingHandler)
    httpd.requests = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def runner() -> CliRunner:
    """A CLI runner; stderr is kept apart so tests can check that errors go there."""
    return CliRunner()
