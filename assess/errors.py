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


class Message(str):
    """English text that keeps its catalog template and values, to be translated where shown.

    It is a `str` (the English text), so it passes through problem lists and error builders as
    any message does; `AssessError` and `shown` translate its template, then fill in its values,
    which are never translated themselves unless they are `Message`s too. `english` is the
    English text when it is worded elsewhere (a library's message that the template translates).
    """

    template: str
    values: dict[str, object]

    def __new__(
        cls, template: str, values: Mapping[str, object] | None = None, english: str | None = None
    ) -> Message:
        """`template` (marked with `N_`) filled with `values`, as English text."""
        filled = dict(values or {})
        text = super().__new__(cls, _filled(template, filled) if english is None else english)
        text.template = template
        text.values = filled
        return text


def shown(text: str) -> str:
    """`text` in the terminal's language: a `Message` translated, any other text as it is."""
    from assess.i18n import _, shown_language

    if not isinstance(text, Message) or shown_language() == "en":
        return str.__str__(text)
    values = {k: shown(v) if isinstance(v, str) else v for k, v in text.values.items()}
    return _filled(_(text.template), values)


class AssessError(Exception):
    """A problem the user can fix; the CLI prints it as one line and exits with `exit_code`.

    A message the catalog translates is marked with `N_` and keeps its values apart, as
    `AssessError(N_("unknown question %(qid)s"), values={"qid": typed})`, or is a `Message`
    built earlier: it is translated first and filled in after, in the language of the terminal
    (`str(error)`). `message` and `hint` are always the English text.
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
        self.said = message if isinstance(message, Message) else Message(message, values)
        self.hinted = hint if isinstance(hint, Message) or hint is None else Message(hint, values)
        self.message: str = self.said  # English text that keeps its template for translation
        self.file = str(file) if file is not None else None
        self.line = line
        self.column = column
        self.hint: str | None = self.hinted

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
        text = f"{where}{shown(self.said)}"
        if self.hinted:
            text += _(" (%(hint)s)") % {"hint": shown(self.hinted)}
        # One line, whatever the message held: the CLI promises a single line per error. Messages
        # quote keys, values and paths from files, so escape sequences are made harmless too.
        return one_line(text)


def _filled(template: str, values: Mapping[str, object]) -> str:
    """`template` with its `%(name)s` values; a message given without values is left as it is."""
    return template % values if values else template
