"""Hostile cases for the lock of an answers file (issue 17, item 1): each says what it attacks.

The lock file sits beside the answers file, often on a shared drive where others can plant
things. Whatever is planted there, assess never writes into a file it did not create, refuses
in one line, and leaves no lock of its own behind.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assess.files.lock import lock_path
from tests.builders import run_cli, small_questionnaire

ANSWERS = """\
questionnaire: {id: mini, version: "1.0"}
organization: {name: Acme, profile: baseline}
assessment: {period: "2025", date: 2025-11-20}
answers: {}
"""


@pytest.fixture
def files(write_yaml: Callable[..., Path]) -> tuple[Path, Path]:
    return write_yaml(ANSWERS, "answers.yaml"), write_yaml(small_questionnaire(), "q.yaml")


def answer(runner: CliRunner, files: tuple[Path, Path]) -> object:
    path, qpath = files
    return run_cli(runner, "answer", path, "A-01", "2", "-q", qpath)


def assert_refused(result: object, message: str, files: tuple[Path, Path]) -> None:
    """One `error:` line, exit 2, and the answers file untouched."""
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    lines = result.stderr.splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    assert message in lines[0]
    assert files[0].read_text(encoding="utf-8") == ANSWERS


def test_a_planted_symlink_lock_is_not_followed(
    runner: CliRunner, files: tuple[Path, Path], tmp_path: Path
) -> None:
    """Attack: FILE.lock -> a file of the victim's; assess used to overwrite it with a pid."""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    lock_path(files[0]).symlink_to(victim)
    assert_refused(answer(runner, files), "answers.yaml.lock is a symbolic link", files)
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert lock_path(files[0]).is_symlink()


def test_a_dangling_symlink_lock_creates_nothing_at_its_target(
    runner: CliRunner, files: tuple[Path, Path], tmp_path: Path
) -> None:
    """Attack: FILE.lock -> a path that does not exist yet; following it would create the file."""
    target = tmp_path / "created-by-assess"
    lock_path(files[0]).symlink_to(target)
    assert_refused(answer(runner, files), "is a symbolic link", files)
    assert not target.exists()


def test_a_planted_hard_link_lock_never_truncates_its_target(
    runner: CliRunner, files: tuple[Path, Path], tmp_path: Path
) -> None:
    """Attack: FILE.lock is a hard link to another file; the lock is never opened for writing."""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    os.link(victim, lock_path(files[0]))
    result = answer(runner, files)
    # Nobody holds it, so it is a stale lock: the link is removed, the answer saved.
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert "A-01: {value: 2" in files[0].read_text(encoding="utf-8")
    assert not lock_path(files[0]).exists()


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_folder_or_fifo_where_the_lock_goes_is_one_line(
    runner: CliRunner, files: tuple[Path, Path], kind: str
) -> None:
    """Attack: a folder or a named pipe as FILE.lock; opening a FIFO must not hang."""
    target = lock_path(files[0])
    if kind == "folder":
        target.mkdir()
    else:
        os.mkfifo(target)
    assert_refused(answer(runner, files), "answers.yaml.lock is not a regular file", files)
    assert target.is_dir() if kind == "folder" else target.is_fifo()


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.EROFS, "Read-only file system"),
        (errno.EACCES, "Permission denied"),
        (errno.ENOSPC, "No space left on device"),
    ],
)
def test_a_lock_that_cannot_be_created_is_one_line(
    runner: CliRunner,
    files: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    reason: str,
) -> None:
    """The folder refuses new files (read-only, no permission, full): the OS error is injected,
    since these tests may run as root, which no permission stops."""
    real_open = os.open

    def refusing(path: object, flags: int, *args: object) -> int:
        if str(path).endswith(".lock") and flags & os.O_CREAT:
            raise OSError(code, os.strerror(code))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refusing)
    result = answer(runner, files)
    assert_refused(result, f"answers.yaml.lock cannot be created: {reason}", files)
    assert not lock_path(files[0]).exists()


def test_a_full_disk_while_writing_the_lock_leaves_no_empty_lock(
    runner: CliRunner, files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lock file is created but the disk fills before the owner's pid is written."""
    real_write = os.write

    def full(fd: int, data: bytes) -> int:
        if data.split(b" ")[0] == str(os.getpid()).encode():
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full)
    result = answer(runner, files)
    assert_refused(result, "answers.yaml.lock cannot be created: No space left on device", files)
    assert not lock_path(files[0]).exists()


def test_a_stale_lock_of_someone_else_is_removed_not_rewritten(
    runner: CliRunner, files: tuple[Path, Path]
) -> None:
    """A lock file left by a colleague's killed process is replaced by a new file of ours,
    so its inode (perhaps shared with other names) is never written."""
    stale = lock_path(files[0])
    stale.write_text("4242 colleagues-laptop\n", encoding="utf-8")
    inode = stale.stat().st_ino
    keep = files[0].with_name("keep")
    os.link(stale, keep)
    assert answer(runner, files).exit_code == 0  # type: ignore[attr-defined]
    assert keep.stat().st_ino == inode
    assert keep.read_text(encoding="utf-8") == "4242 colleagues-laptop\n"
    assert not stale.exists()
