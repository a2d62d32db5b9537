"""Hostile input files: paths that name something other than a small regular file, and crashes.

Each case: what it attacks -> what must happen. The whole catalogue is tests/hostile/README.md.
- a FIFO as an input (`validate`, `score`, `extract`) -> refused in one line at once (before:
  the command waited forever for a writer)
- `--logo /dev/zero` -> refused in one line at once, memory bounded (before: read until memory
  ran out)
- a symlink loop as an input (`report`, `validate`, `score`, `compare`, `extract`, `answer`) ->
  one line, no traceback
- a 100 MB sparse answers file -> refused from its size, nothing more read
- a byte-order mark -> loads (Windows editors write one); a NUL byte, bad UTF-8, or an id with
  a Cyrillic letter that looks Latin -> one line each
- an unexpected exception anywhere -> one line saying it is a bug and where to report it,
  exit 2; the traceback only with `--debug`
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from assess.files.yamlfile import MAX_BYTES
from tests.builders import run_cli
from tests.hostile.crafted import Workspace, workspace

BOUND = 60  # seconds; the hangs this guards against never end


def _assess(*args: str | Path, memory: int | None = None) -> subprocess.CompletedProcess[str]:
    """The real CLI in its own process, bounded in time (and in memory when asked)."""

    def cap() -> None:
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run(
        [sys.executable, "-m", "assess", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=BOUND,
        preexec_fn=cap,
        check=False,
    )


def _one_error(result: Any, message: str) -> None:
    """Exit 2 and one `error:` line with `message`, from a subprocess or a CliRunner result."""
    code = result.returncode if hasattr(result, "returncode") else result.exit_code
    stderr: str = result.stderr
    assert code == 2, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error: ") and message in lines[0], lines[0]


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return workspace(tmp_path)


@pytest.mark.subprocess
@pytest.mark.parametrize("command", ["validate", "score", "extract"])
def test_a_fifo_as_input_is_refused_at_once(ws: Workspace, command: str) -> None:
    fifo = ws.folder / "answers.yaml"
    os.mkfifo(fifo)
    _one_error(_assess(command, fifo), "not a regular file")


@pytest.mark.subprocess
def test_dev_zero_as_logo_is_refused_at_once(ws: Workspace) -> None:
    out = ws.folder / "out.pdf"
    result = _assess(
        "report", ws.current, "-q", ws.q, "--logo", "/dev/zero", "-o", out, memory=1 << 30
    )
    _one_error(result, "logo is not a regular file")
    assert not out.exists()


@pytest.mark.parametrize(
    "command",
    [
        ["report", "LOOP"],
        ["report", "LOOP", "-o", "out.pdf"],
        ["validate", "LOOP"],
        ["score", "LOOP"],
        ["compare", "LOOP", "LOOP"],
        ["extract", "LOOP"],
        ["answer", "LOOP", "A-01", "1"],
    ],
    ids=" ".join,
)
def test_a_symlink_loop_as_input_is_one_line(ws: Workspace, command: list[str]) -> None:
    loop = ws.folder / "loop.yaml"
    loop.symlink_to(loop.name)
    args = [
        str(loop) if a == "LOOP" else str(ws.folder / a) if a == "out.pdf" else a for a in command
    ]
    _one_error(run_cli(CliRunner(), *args), "loop.yaml")
    assert sorted(p.name for p in ws.folder.iterdir()) == sorted(
        ["mini.yaml", "answers-2025.yaml", "answers-2024.yaml", "loop.yaml"]
    )


@pytest.mark.subprocess
def test_a_100_mb_answers_file_is_refused_from_its_size(ws: Workspace) -> None:
    big = ws.folder / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    result = _assess("validate", big, memory=1 << 30)
    _one_error(result, f"over the limit of {MAX_BYTES:,}")


def test_an_unexpected_exception_is_one_line_saying_it_is_a_bug(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assess.cli.app import BUG_REPORT

    def broken(*_: object, **__: object) -> str:
        raise KeyError("something we did not foresee")

    monkeypatch.setattr("assess.output.formats.output_pieces", broken)
    result = run_cli(CliRunner(), "score", ws.current, "-q", ws.q)
    _one_error(result, "internal error (KeyError: 'something we did not foresee')")
    assert BUG_REPORT in result.stderr and "Traceback" not in result.stderr

    result = run_cli(CliRunner(), "--debug", "score", ws.current, "-q", ws.q)
    assert result.exit_code == 2
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert result.stderr.splitlines()[-1].startswith("error: internal error (KeyError")


BYTES: dict[str, tuple[Callable[[bytes], bytes], str | None]] = {
    # name: (change to the file's bytes, None when it must load, else what the one line says)
    "BOM": (lambda d: b"\xef\xbb\xbf" + d, None),
    "NUL byte": (lambda d: d.replace(b"answers:", b"answers:\x00", 1), "control characters"),
    "bad UTF-8": (lambda d: d.replace(b"answers:", b"answers: \xc3\x28", 1), "not UTF-8 text"),
    "confusable id": (
        lambda d: d.replace(b"A-01:", "\u0410-01:".encode(), 1),  # Cyrillic capital A
        "should match pattern",
    ),
}


@pytest.mark.parametrize("case", BYTES)
def test_odd_bytes_load_or_are_one_line(ws: Workspace, case: str) -> None:
    change, message = BYTES[case]
    ws.current.write_bytes(change(ws.current.read_bytes()))
    result = run_cli(CliRunner(), "validate", ws.current, "-q", ws.q)
    if message is None:
        assert result.exit_code == 0, result.stderr
    else:
        _one_error(result, message)
