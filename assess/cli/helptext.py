"""`--help` in the terminal's language: the commands' help, their options' and click's frame words.

Help is English in the code: option and argument help marked with `N_`, command help in the
docstrings, which `extract` (the Babel extractor babel.cfg names for assess/cli) cuts into the
same paragraphs that are looked up here. In English the help is printed exactly as click formats
it. In another language each paragraph is translated and wrapped by display width (a Chinese
character takes two columns); the lines of an `Examples:` block are commands and are printed as
written, so they run as printed.
"""

from __future__ import annotations

import ast
import inspect
import io
from collections.abc import Collection, Iterator, Sequence
from typing import IO, Any

from typer._click.core import Context
from typer._click.formatting import HelpFormatter

from assess.i18n import N_, _, shown_language
from assess.plaintext import cell_wrap, width

FRAME = (
    N_("Usage: "),
    N_("%(heading)s:"),
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("Examples:"),
    N_("Show this message and exit."),
)
"""The words click and typer frame every help page with, for the catalog."""

_NO_REWRAP = "\b"
"""Click's mark, alone on the first line of a paragraph, for lines printed as they are."""


def paragraphs(help_text: str) -> list[str]:
    """The paragraphs of a command's help as click prints them (up to a form feed)."""
    return inspect.cleandoc(help_text).partition("\f")[0].split("\n\n")


def message_of(paragraph: str) -> str | None:
    """What the catalog holds for a paragraph: its words on one line; None for a kept block."""
    return None if paragraph.startswith(_NO_REWRAP) else " ".join(paragraph.split())


def translated(text: str) -> str:
    """`text` (a help string or one paragraph) in the terminal's language; English as it is."""
    if shown_language() == "en" or not text:
        return text
    return "\n\n".join(_paragraph(p) for p in paragraphs(text))


def _paragraph(paragraph: str) -> str:
    message = message_of(paragraph)
    if message is not None:
        return _(message)
    # A kept block: its heading (`Examples:`) is translated, its lines (commands) are not.
    mark, heading, *lines = paragraph.split("\n")
    return "\n".join([mark, _(heading), *lines])


def short_help(help_text: str, limit: int) -> str:
    """The first sentence of a translated help, within `limit` columns, for the command list."""
    first = translated(paragraphs(help_text)[0])
    for end in ("。", ". "):
        if end in first:
            first = first[: first.index(end) + 1].strip()
            break
    if width(first) <= limit:
        return first
    while first and width(first + "…") > limit:
        first = first[:-1]
    return first + "…"


class Formatter(HelpFormatter):
    """Click's help formatter, in the terminal's language; in English, click's own."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """`Usage: PROG ARGS`, the word translated and the line wrapped by display width."""
        if shown_language() == "en":
            return super().write_usage(prog, args, prefix)
        first = f"{' ' * self.current_indent}{_('Usage: ')}{prog} "
        room = self.width - self.current_indent
        lines = cell_wrap(args, room, first, " " * width(first)) if args else [first]
        self.write("\n".join(lines) + "\n")
        return None

    def write_heading(self, heading: str) -> None:
        """A section heading (`Options:`), translated."""
        if shown_language() == "en":
            return super().write_heading(heading)
        said = _("%(heading)s:") % {"heading": _(heading)}
        self.write(f"{' ' * self.current_indent}{said}\n")
        return None

    def write_text(self, text: str) -> None:
        """Help paragraphs, translated and wrapped; kept blocks (examples) as they are."""
        if shown_language() == "en":
            return super().write_text(text)
        indent = " " * self.current_indent
        out = []
        for paragraph in paragraphs(translated(text)):
            if paragraph.startswith(_NO_REWRAP):
                out.append("\n".join(indent + line for line in paragraph.split("\n")[1:]))
            else:
                out.append("\n".join(cell_wrap(paragraph, self.width, indent, indent)))
        self.write("\n\n".join(out) + "\n")
        return None

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        """Rows of names and help (options, commands), aligned and wrapped by display width."""
        if shown_language() == "en":
            return super().write_dl(rows, col_max, col_spacing)
        first_col = min(max(width(row[0]) for row in rows), col_max) + col_spacing
        room = max(self.width - first_col - 2, 10)
        pad = " " * (first_col + self.current_indent)
        for first, second in rows:
            self.write(f"{' ' * self.current_indent}{first}")
            if not second:
                self.write("\n")
                continue
            if width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - width(first)))
            else:
                self.write("\n" + pad)
            lines = cell_wrap(second, room) or [""]
            self.write("\n".join([lines[0], *(pad + line for line in lines[1:])]) + "\n")
        return None


class HelpContext(Context):
    """A click context whose help is written by `Formatter`."""

    formatter_class = Formatter


def extract(
    fileobj: IO[bytes], keywords: Any, comment_tags: Collection[str], options: Any
) -> Iterator[tuple[Any, ...]]:
    """Babel extractor for assess/cli: the marked messages, and the commands' help paragraphs.

    A command's help is its docstring (a function under `@….command()` or `@….callback()`) or
    the `help=` of a `Typer(...)`; `make catalog` and the catalog test both extract through it.
    """
    from babel.messages.extract import extract_python

    source = fileobj.read()
    yield from extract_python(io.BytesIO(source), keywords, comment_tags, options)
    for node in ast.walk(ast.parse(source)):
        help_text, line = None, getattr(node, "lineno", 0)
        if isinstance(node, ast.FunctionDef) and any(
            isinstance(d, ast.Call)
            and isinstance(d.func, ast.Attribute)
            and d.func.attr in ("command", "callback")
            for d in node.decorator_list
        ):
            help_text = ast.get_docstring(node, clean=False)
        elif isinstance(node, ast.Call) and _called(node) in ("Typer", "sub_app"):
            found = [k.value for k in node.keywords if k.arg == "help"]
            if found and isinstance(found[0], ast.Constant) and isinstance(found[0].value, str):
                help_text = found[0].value
        for paragraph in paragraphs(help_text or ""):
            message = message_of(paragraph)
            if message:
                yield line, None, message, []


def _called(call: ast.Call) -> str | None:
    """The name of the function or class a call calls (`typer.Typer(...)` calls `Typer`)."""
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
