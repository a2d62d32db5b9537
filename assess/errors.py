"""The project's one error type (what went wrong, where, what to do) and its exit statuses."""

from __future__ import annotations

from collections.abc import Mapping
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
    """A problem the user can fix; the CLI prints it as one line and exits with `exit_code`.

    A message the catalog translates is marked with `N_` and keeps its values apart, as
    `AssessError(N_("unknown question %(qid)s"), values={"qid": typed})`: it is translated
    first and filled in after, in the language of the terminal (`str(error)`). `message` and
    `hint` are always the English text.
    """

    exit_code = ExitCode.bad_input

    def __init__(
        self,
        message: str,
        *,
        file: Path | str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
        values: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(message)
        self.values = dict(values or {})
        self.template = message
        self.hint_template = hint
        self.message = _filled(message, self.values)
        self.file = str(file) if file is not None else None
        self.line = line
        self.column = column
        self.hint = _filled(hint, self.values) if hint is not None else None

    def __str__(self) -> str:
        from assess.i18n import _

        where = ""
        if self.file is not None:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        text = f"{where}{_filled(_(self.template), self.values)}"
        if self.hint_template:
            hint = _filled(_(self.hint_template), self.values)
            text += _(" (%(hint)s)") % {"hint": hint}
        # One line, whatever the message held: the CLI promises a single line per error. Messages
        # quote keys, values and paths from files, so escape sequences are made harmless too.
        return one_line(text)


def _filled(template: str, values: Mapping[str, object]) -> str:
    """`template` with its `%(name)s` values; a message given without values is left as it is."""
    return template % values if values else template
