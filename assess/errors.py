"""The project's one error type (what went wrong, where, what to do) and its exit statuses."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path

from assess.plaintext import one_line


class ExitCode(IntEnum):
    """The exit statuses of every `assess` command (docs/cli.md has the same table)."""

    ok = 0
    """The command did what it was asked."""
    failed = 1
    """Some files of a batch failed while the rest were done, or a verification failed."""
    bad_input = 2
    """Bad input or usage: a file, an option or an argument is wrong; nothing was written."""
    interrupted = 130
    """Interrupted (Ctrl-C); whatever was saved before stays saved."""


class AssessError(Exception):
    """A problem the user can fix; the CLI prints it as one line and exits with `exit_code`."""

    exit_code = ExitCode.bad_input

    def __init__(
        self,
        message: str,
        *,
        file: Path | str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.column = column
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        text = f"{where}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        # One line, whatever the message held: the CLI promises a single line per error. Messages
        # quote keys, values and paths from files, so escape sequences are made harmless too.
        return one_line(text)
