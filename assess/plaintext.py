"""Plain-text cells for terminal tables: escaping, clipping, numbers and aligned columns.

Text from answers files is untrusted: on a terminal, control characters could move the cursor
or rewrite what was printed, so every such value passes through `safe` before it is shown.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Collection, Sequence
from decimal import ROUND_HALF_UP, Decimal

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


# Bidirectional embeddings, overrides and isolates, and the invisible direction marks: in a
# name or a note they can make "evil" display as "live". Shown as their code point instead.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """Text from files shown on a terminal, made inert.

    Control characters (escape sequences) become '?'; bidirectional controls are shown by their
    code point (`<U+202E>`).
    """
    return show_bidi(_CONTROL.sub("?", text))


def show_bidi(text: str, marker: str = "<U+{:04X}>") -> str:
    """`text` with every bidirectional control written out as `marker`, so none takes effect.

    The report applies it to every value it prints (with an HTML-escaped marker for markup),
    as the terminal does through `safe`.
    """
    return _BIDI.sub(lambda m: marker.format(ord(m.group())), text)


def one_line(text: object) -> str:
    """Text from files as one terminal line: whitespace squashed, control characters made '?'."""
    return safe(" ".join(str(text).split()))


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 finding', '3 findings': a count with its noun; `many` for irregular plurals."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def clip(text: str, width: int = 70) -> str:
    """One line of at most `width` characters, whitespace squashed, cut with an ellipsis."""
    text = " ".join(text.split())
    if _width(text) != len(text):  # wide characters: cut by the columns they take
        return text if _width(text) <= width else text[: _fitting(text, width - 1)] + "…"
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def rounded(value: float, digits: int = 1) -> Decimal:
    """The one rounding rule for every number shown, on a terminal or in a report.

    Half away from zero, applied to the shortest decimal that names the float, so 66.65 shows
    as 66.7 wherever it is shown (binary rounding would give 66.6 for some such values).
    """
    step = Decimal(1).scaleb(-digits)
    return Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP)


def num(value: float | None, digits: int = 1, none: str = "-") -> str:
    """A score (or any shown number) by the rounding rule; `none` when there is none."""
    if value is None:
        return none
    text = str(rounded(value, digits))
    return text[1:] if text.startswith("-") and not rounded(value, digits) else text


def signed(value: float | None, digits: int = 1, none: str = "-", zero: str = "0.0") -> str:
    """A change with its sign, by the rounding rule; `zero` when it rounds to nothing."""
    if value is None:
        return none
    shown = rounded(value, digits)
    return zero if not shown else f"{shown:+}"


def percent(share: float) -> str:
    """A share (0..1) as whole percent: never "100" before it is whole, nor "0" once begun."""
    value = int(rounded(share * 100, 0))
    if share < 1:
        value = min(value, 99)
    if share > 0:
        value = max(value, 1)
    return str(value)


def whole(value: int | None) -> str:
    """A level or count for a table; '-' when there is none."""
    return "-" if value is None else str(value)


# Punctuation the tables print: ellipsis, dashes, curly quotes, bullets, times, degree.
_PUNCTUATION = "\u2026\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u00b7\u00d7\u00b0"
_ONE_COLUMN = frozenset(map(chr, range(1, 128))) | frozenset(_PUNCTUATION)
"""Characters one column wide on a terminal (or, the controls, counted as one by `width`)."""


def width(text: str) -> int:
    """The columns `text` takes on a terminal: a Chinese character takes two."""
    if _ONE_COLUMN.issuperset(text):
        # One column a character (wcswidth gives -1 for control characters, so len again),
        # without importing wcwidth's tables, a tenth of `assess score`'s start.
        return len(text)
    from wcwidth import wcswidth

    found: int = wcswidth(text)
    return found if found >= 0 else len(text)  # control characters: `safe` replaced them


_width = width  # for `clip`, whose parameter is called width


def columns(rows: Sequence[Sequence[str]], right: Collection[int] = ()) -> list[str]:
    """Rows as aligned lines; the columns numbered in `right` are right-aligned.

    Alignment counts terminal columns, not characters, so Chinese text lines up too.
    """
    widths = [max(width(r[i]) for r in rows) for i in range(len(rows[0]))]

    def pad(cell: str, w: int, at_right: bool) -> str:
        fill = " " * (w - width(cell))
        return fill + cell if at_right else cell + fill

    return [
        "  ".join(
            pad(cell, w, i in right) for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]


# Chinese breaks between any two characters, except before closing punctuation and after
# opening punctuation; Latin words and numbers stay whole.
_CJK = "\u2e80-\u2fff\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_OPENING = "（《「『“‘〔【〈"  # noqa: RUF001 (the punctuation itself)
_CLOSING = "，。、；：？！）》」』”’〕】〉…%％,.;:!?)"  # noqa: RUF001 (the punctuation itself)
_PIECE = re.compile(rf" |[{_OPENING}]*(?:[^\s{_CJK}]+|[{_CJK}])[{_CLOSING}]*")


def cell_wrap(
    text: str, limit: int, first: str = "", indent: str = "", *, hyphens: bool = False
) -> list[str]:
    """`text` wrapped to `limit` terminal columns: a Chinese character takes two.

    Text without wide characters is wrapped exactly as `textwrap` does (`hyphens`: also after
    a hyphen); text with them breaks between Chinese characters and between words.
    """
    text = " ".join(text.split())
    if width(text) == len(text):
        return textwrap.wrap(
            text, limit, initial_indent=first, subsequent_indent=indent, break_on_hyphens=hyphens
        )
    lines: list[str] = []
    line, empty, space = first, True, False
    for piece in _PIECE.findall(text):
        if piece == " ":
            space = True
            continue
        gap = " " if space and not empty else ""
        space = False
        if not empty and width(line + gap + piece) > limit:
            lines.append(line)
            line, empty, gap = indent, True, ""
        while empty and width(line + piece) > limit and len(piece) > 1:
            cut = _fitting(piece, limit - width(line))
            lines.append(line + piece[:cut])
            line, piece = indent, piece[cut:]
        line, empty = line + gap + piece, False
    if not empty:
        lines.append(line)
    return lines


def _fitting(piece: str, room: int) -> int:
    """How many characters of `piece` fit in `room` columns (at least one)."""
    used = 0
    for count, char in enumerate(piece):
        used += max(width(char), 0)
        if used > room:
            return max(count, 1)
    return len(piece)


def wrap(text: str, indent: str, more: str | None = None) -> list[str]:
    """`text` wrapped to 96 columns, the first line indented by `indent`, the rest by `more`.

    Columns are terminal columns: a Chinese character takes two.
    """
    if width(text) != len(text):
        return cell_wrap(text, 96, indent, more or indent)
    return textwrap.wrap(
        text, 96, initial_indent=indent, subsequent_indent=more or indent, break_on_hyphens=False
    )
