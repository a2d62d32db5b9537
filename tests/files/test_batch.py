"""Working through many files: order kept, a dead worker reported, folders expanded."""

from __future__ import annotations

import os
from pathlib import Path

from assess.files.batch import CHUNK, in_order, input_files


def _name(path: Path) -> str:
    return path.name


def _dies_on_seven(path: Path) -> str:
    if path.name == "7" and os.getpid() != int(path.parent.name):
        os._exit(3)  # a worker crashing in a C library looks like this to the pool
    return path.name


def _failed(path: Path, reason: str) -> str:
    return f"failed {path.name}: {reason}"


def test_results_come_in_the_order_given_with_workers_or_without() -> None:
    paths = [Path(str(n)) for n in range(3 * CHUNK + 4)]
    expected = [p.name for p in paths]
    assert list(in_order(paths, _name, _failed, jobs=1)) == expected
    assert list(in_order(paths, _name, _failed, jobs=2)) == expected


def test_a_worker_that_dies_fails_the_files_left_and_the_batch_goes_on() -> None:
    """A crash in a worker breaks the pool: what was done stays done, the rest are reported."""
    # The parent's pid in the folder name: only a worker dies, never the parent.
    paths = [Path(str(os.getpid())) / str(n) for n in range(4 * CHUNK)]
    done = list(in_order(paths, _dies_on_seven, _failed, jobs=2))
    assert done[0] == "0"  # done by the parent before the workers started
    for path, result in zip(paths, done, strict=True):
        assert result == path.name or (
            result.startswith(f"failed {path.name}: ") and "worker failed" in result
        ), result
    assert done[7].startswith("failed 7: ")


def test_a_folder_stands_for_its_yaml_files_and_reports_sorted(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yml", "c.pdf", "notes.txt", "d.YAML.bak"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub.yaml").mkdir()
    single = tmp_path / "notes.txt"
    assert input_files([tmp_path, single]) == [
        tmp_path / "a.yml",
        tmp_path / "b.yaml",
        tmp_path / "c.pdf",
        single,
    ]
