"""Plain-text cells for terminal tables: escaping, clipping, numbers and aligned columns.

Text from answers files is untrusted: on a terminal, control characters could move the cursor
or rewrite what was printed, so every such value passes through `safe` before it is shown.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Collection, Sequence

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def safe(text: str) -> str:
    """Text from files shown on a terminal: control characters (escape sequences) become '?'."""
    return _CONTROL.sub("?", text)


def clip(text: str, width: int = 70) -> str:
    """One line of at most `width` characters, whitespace squashed, cut with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def num(value: float | None, digits: int = 1) -> str:
    """A score for a table; '-' when there is none."""
    return "-" if value is None else f"{value:.{digits}f}"


def whole(value: int | None) -> str:
    """A level or count for a table; '-' when there is none."""
    return "-" if value is None else str(value)


def signed(value: float | None) -> str:
    """A change with its sign; '0.0' rather than a signed zero."""
    if value is None:
        return "-"
    text = f"{value:+.1f}"
    return "0.0" if text in ("+0.0", "-0.0") else text


def columns(rows: Sequence[Sequence[str]], right: Collection[int] = ()) -> list[str]:
    """Rows as aligned lines; the columns numbered in `right` are right-aligned."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.rjust(w) if i in right else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]


def wrap(text: str, indent: str, more: str | None = None) -> list[str]:
    """`text` wrapped to 96 columns, the first line indented by `indent`, the rest by `more`."""
    return textwrap.wrap(
        text, 96, initial_indent=indent, subsequent_indent=more or indent, break_on_hyphens=False
    )
