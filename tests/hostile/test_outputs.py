"""Hostile outputs: where `-o` (or an answers file being edited) points somewhere it should not.

Each case: what it attacks -> what must happen. The whole catalogue is tests/hostile/README.md.
- symlinked answers file (`answer LINK`) -> the target is replaced atomically, LINK stays a link
- a FIFO (or a link to one) as `-o` -> refused in one line, the FIFO stays a FIFO, no hang
- a folder as `-o` -> refused in one line, the folder untouched
- a symlink loop as `-o` -> refused in one line, no traceback
- an output that is an input (`extract R.pdf -o R.pdf`, `report X --previous P -o P`,
  `report -q Q -o Q`, `init --from A -o A --force`, `compare A B -o B`, a hard link) ->
  refused in one line before any work; the input keeps its bytes, nothing is written
- a batch whose output links to another input -> refused before any report; nothing written
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.builders import run_cli
from tests.hostile.crafted import Workspace, report_like_pdf, workspace


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return workspace(tmp_path)


def _refused(result: object, message: str) -> None:
    """Exit 2, one `error:` line on stderr holding `message`, no traceback."""
    assert result.exit_code == 2, result.stdout  # type: ignore[attr-defined]
    lines = result.stderr.splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ") and message in lines[0], lines[0]


def test_a_symlinked_answers_file_stays_a_symlink(ws: Workspace) -> None:
    real = ws.current
    link = ws.folder / "link.yaml"
    link.symlink_to(real.name)
    result = run_cli(CliRunner(), "answer", link, "A-02", "3", "-q", ws.q)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and link.readlink() == Path(real.name)
    assert "A-02:\n    value: 3" in real.read_text(encoding="utf-8")
    assert sorted(p.name for p in ws.folder.iterdir()) == sorted(
        ["mini.yaml", "answers-2025.yaml", "answers-2024.yaml", "link.yaml"]
    )


def _init(ws: Workspace, output: Path, *extra: str | Path) -> object:
    return run_cli(
        CliRunner(),
        "init",
        "-o",
        output,
        "--period",
        "2026",
        "--org",
        "Acme",
        "--profile",
        "baseline",
        "-q",
        ws.q,
        "--force",
        *extra,
    )


def test_a_fifo_as_output_is_refused_and_kept(ws: Workspace) -> None:
    fifo = ws.folder / "pipe"
    os.mkfifo(fifo)
    _refused(_init(ws, fifo), "is not a regular file")
    assert fifo.is_fifo()


def test_a_symlink_to_a_fifo_is_refused_too(ws: Workspace) -> None:
    fifo = ws.folder / "pipe"
    os.mkfifo(fifo)
    link = ws.folder / "out.yaml"
    link.symlink_to(fifo)
    _refused(_init(ws, link), "is not a regular file")
    assert fifo.is_fifo() and link.is_symlink()


def test_a_folder_as_output_is_refused(ws: Workspace) -> None:
    folder = ws.folder / "reports"
    folder.mkdir()
    _refused(_init(ws, folder), "is a folder, not a file")
    assert list(folder.iterdir()) == []


def test_a_symlink_loop_as_output_is_refused(ws: Workspace) -> None:
    loop = ws.folder / "loop.yaml"
    loop.symlink_to(loop.name)
    _refused(_init(ws, loop), "symlink loop")
    assert loop.is_symlink()


def _report_args(ws: Workspace, out: Path) -> list[str | Path]:
    return ["report", ws.current, "-q", ws.q, "-o", out]


def _init_args(out: Path, *extra: str | Path) -> list[str | Path]:
    return ["init", "-o", out, "--period", "2026", "--force", *extra]


CASES: dict[str, Callable[[Workspace], tuple[list[str | Path], Path]]] = {
    "report --previous P -o P": lambda ws: (
        [*_report_args(ws, ws.previous), "--previous", ws.previous],
        ws.previous,
    ),
    "report -q Q -o Q": lambda ws: (_report_args(ws, ws.q), ws.q),
    "init --from A -o A --force": lambda ws: (
        [*_init_args(ws.previous, "--from", ws.previous), "-q", ws.q],
        ws.previous,
    ),
    "init -q Q -o Q --force": lambda ws: (
        [
            "init",
            "-o",
            ws.q,
            "--period",
            "2026",
            "--org",
            "A",
            "--profile",
            "baseline",
            "-q",
            ws.q,
            "--force",
        ],
        ws.q,
    ),
    "compare A B -o B": lambda ws: (
        ["compare", ws.previous, ws.current, "-q", ws.q, "-o", ws.current],
        ws.current,
    ),
    "compare -q Q -o Q": lambda ws: (
        ["compare", ws.previous, ws.current, "-q", ws.q, "-o", ws.q],
        ws.q,
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_no_command_overwrites_its_own_input(ws: Workspace, case: str) -> None:
    args, victim = CASES[case](ws)
    before = victim.read_bytes()
    files = sorted(p.name for p in ws.folder.iterdir())
    _refused(run_cli(CliRunner(), *args), "would overwrite its own input")
    assert victim.read_bytes() == before
    assert sorted(p.name for p in ws.folder.iterdir()) == files


@pytest.mark.pdf
def test_extract_does_not_overwrite_the_report_it_reads(ws: Workspace) -> None:
    pdf = report_like_pdf(ws.folder / "r.pdf", ws.current.read_bytes())
    before = pdf.read_bytes()
    _refused(run_cli(CliRunner(), "extract", pdf, "-o", pdf), "would overwrite its own input")
    assert pdf.read_bytes() == before


def test_a_hard_link_to_the_input_is_the_input(ws: Workspace) -> None:
    twin = ws.folder / "twin.pdf"
    os.link(ws.current, twin)
    before = ws.current.read_bytes()
    _refused(run_cli(CliRunner(), *_report_args(ws, twin)), "would overwrite its own input")
    assert ws.current.read_bytes() == before


@pytest.mark.pdf
def test_a_batch_report_does_not_write_through_a_link_into_another_input(ws: Workspace) -> None:
    # answers-2024.yaml's report goes next to it as answers-2024.pdf, a link to the other input.
    link = ws.folder / "answers-2024.pdf"
    link.symlink_to(ws.current.name)
    before = ws.current.read_bytes()
    result = run_cli(CliRunner(), "report", ws.current, ws.previous, "-q", ws.q, "-j", "1")
    _refused(result, "would overwrite its own input")
    assert ws.current.read_bytes() == before
    assert not (ws.folder / "answers-2025.pdf").exists()
