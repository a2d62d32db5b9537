"""The project's one error type: what went wrong, where, and what to do about it."""

from __future__ import annotations

from pathlib import Path

from assess.plaintext import safe


class AssessError(Exception):
    """A problem the user can fix; the CLI prints it as one line and exits with status 2."""

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
        return safe(" ".join(text.split()))
