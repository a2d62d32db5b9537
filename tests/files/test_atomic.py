"""Atomic writes: the old file or the new, never half; a failure is one error naming the file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assess.errors import AssessError
from assess.files.atomic import write_atomic


def test_text_and_bytes_are_written_exactly(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    write_atomic(path, "caf\u00e9\r\nline\n")
    assert path.read_bytes() == "caf\u00e9\r\nline\n".encode()
    write_atomic(path, b"\x00\xff")
    assert path.read_bytes() == b"\x00\xff"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.pdf", b"%PDF-")
    finally:
        os.umask(umask)
    # Not mkstemp's private 0600: what any new file gets under this umask.
    assert (tmp_path / "new.pdf").stat().st_mode & 0o777 == 0o640


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o604)

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(AssessError) as caught:
        write_atomic(path, "new\n")
    assert (
        str(caught.value) == f"{path}: cannot write file: No space left on device (check the path)"
    )
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]
    write_atomic(path, "new\n")
    assert path.read_text(encoding="utf-8") == "new\n"
    assert path.stat().st_mode & 0o777 == 0o604  # an existing file keeps its permissions


def test_a_missing_folder_is_refused_not_created(tmp_path: Path) -> None:
    folder = tmp_path / "missing"
    with pytest.raises(AssessError) as caught:
        write_atomic(folder / "a.yaml", "x")
    assert str(caught.value) == f"{folder}: folder does not exist (create it first)"
    assert not folder.exists()


def test_a_folder_is_not_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    with pytest.raises(AssessError) as caught:
        write_atomic(folder, b"%PDF-")
    assert str(caught.value) == f"{folder}: is a folder, not a file (name a file to write)"
    assert folder.is_dir() and list(folder.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir()] == ["reports"]


def test_a_folder_that_takes_no_files_is_one_error_naming_the_file() -> None:
    # /proc refuses new files even to root, unlike a folder without write permission.
    target = Path("/proc/assess-report.html")
    with pytest.raises(AssessError, match="cannot write file") as caught:
        write_atomic(target, b"<html>")
    assert caught.value.file == str(target)
    assert not target.exists()
