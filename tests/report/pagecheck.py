"""A layout check for laid-out reports: what a reader would trip over, found in WeasyPrint's boxes.

`layout_defects(document)` walks the page boxes of a rendered `weasyprint.Document` and lists
text that runs out of its cell or off the page, table header cells whose words run together,
pages left mostly empty while the next page carries on the same chapter, and mostly empty
pages that hold a single table row (the tail of a table, cut off from it). Positions are CSS
pixels (1 px = 0.75 pt).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from weasyprint.formatting_structure import boxes

MM = 96 / 25.4
"""CSS pixels per millimetre."""

SLACK = 1.0
"""How far (px, about 0.75 pt) text may pass an edge: rounding and the last letter's spacing."""

HEADER_GAP = 1 * MM
"""The least blank space between the texts of two neighbouring header cells."""

SPACE = 0.32
"""The width of a space in DejaVu Sans, in em."""

NEARLY_EMPTY = 0.4
"""A page that uses less than this share of its height is nearly empty."""


@dataclass(frozen=True)
class Defect:
    """One layout defect: the page (from 1), what kind, and the text involved."""

    page: int
    kind: str
    text: str
    detail: str

    def __str__(self) -> str:
        return f"page {self.page}: {self.kind}: {self.text!r} ({self.detail})"


@dataclass(frozen=True)
class _Placed:
    """A box with its ancestors, outermost first."""

    box: Any
    ancestors: tuple[Any, ...]


def _walk(box: Any, ancestors: tuple[Any, ...] = ()) -> Iterator[_Placed]:
    yield _Placed(box, ancestors)
    if isinstance(box, boxes.ParentBox):
        for child in box.children:
            yield from _walk(child, (*ancestors, box))


def _text(box: Any) -> str:
    return " ".join(box.text.split()) if isinstance(box, boxes.TextBox) else ""


def _words(placed: list[_Placed]) -> list[_Placed]:
    """Text boxes that print something, and atomic inline boxes (badges, bars, images)."""
    return [
        p
        for p in placed
        if (isinstance(p.box, boxes.TextBox) and p.box.text.strip())
        or isinstance(p.box, boxes.AtomicInlineLevelBox)
    ]


def _container(p: _Placed) -> Any:
    """The block whose content box holds a piece of inline content."""
    for box in reversed(p.ancestors):
        if isinstance(box, boxes.BlockContainerBox) and not isinstance(box, boxes.LineBox):
            return box
    return None


def _label(p: _Placed) -> str:
    if isinstance(p.box, boxes.TextBox):
        return _text(p.box)
    inner = [_text(b) for b in p.box.descendants() if isinstance(b, boxes.TextBox)]
    return " ".join(t for t in inner if t) or f"<{p.box.element_tag}>"


def _overflow(p: _Placed, left: float, right: float) -> float:
    x0, x1 = p.box.position_x, p.box.position_x + p.box.margin_width()
    if isinstance(p.box, boxes.TextBox):
        # Spaces at the end of a line may hang past the edge (CSS Text 3): they print nothing.
        trailing = len(p.box.text) - len(p.box.text.rstrip())
        x1 -= trailing * SPACE * p.box.style["font_size"]
    return float(max(left - x0, x1 - right))


def _in_margin(p: _Placed) -> bool:
    return any(isinstance(b, boxes.MarginBox) for b in p.ancestors)


def _is_header(p: _Placed) -> bool:
    return any(isinstance(b, boxes.TableRowGroupBox) and b.is_header for b in p.ancestors)


def _text_overflows(number: int, page: Any, placed: list[_Placed]) -> list[Defect]:
    found = []
    area = (page.content_box_x(), page.content_box_x() + page.width)
    for p in _words(placed):
        block = _container(p)
        if block is not None:
            left = block.content_box_x()
            over = _overflow(p, left, left + block.width)
            if over > SLACK:
                where = f"{over / MM:.1f} mm out of its <{block.element_tag}>"
                found.append(Defect(number, "text overflows its box", _label(p), where))
        if not _in_margin(p) and _overflow(p, *area) > SLACK:
            where = f"{_overflow(p, *area) / MM:.1f} mm past the page margin"
            found.append(Defect(number, "text past the margin", _label(p), where))
    for p in placed:  # cells and tables too: a column can run off the page with its text
        if isinstance(p.box, boxes.TableCellBox) and not _in_margin(p):
            over = _overflow(p, *area)
            if over > SLACK:
                where = f"{over / MM:.1f} mm past the page margin"
                found.append(Defect(number, "cell past the margin", _label(p), where))
    return found


def _header_collisions(number: int, placed: list[_Placed]) -> list[Defect]:
    found = []
    rows = [p for p in placed if isinstance(p.box, boxes.TableRowBox) and _is_header(p)]
    for row in rows:
        extents = []
        for cell in row.box.children:
            inner = [p for p in _words(list(_walk(cell))) if isinstance(p.box, boxes.TextBox)]
            if inner:
                x0 = min(p.box.position_x for p in inner)
                x1 = max(p.box.position_x + p.box.width for p in inner)
                extents.append((x0, x1, " ".join(_text(p.box) for p in inner)))
        for (_, right, a), (left, _, b) in pairwise(extents):
            if left - right < HEADER_GAP:
                gap = f"{(left - right) / MM:.1f} mm apart"
                found.append(Defect(number, "header cells run together", f"{a}|{b}", gap))
    return found


@dataclass(frozen=True)
class _PageSummary:
    used: float
    """Share of the page area's height that content uses."""
    opens_chapter: bool
    """The first text on the page is a chapter title (an h1)."""
    body_rows: int
    """Table body rows on the page."""
    only_table: bool
    """Every text on the page (margins aside) is inside a table."""


def _summary(page: Any, placed: list[_Placed]) -> _PageSummary:
    flow = [p for p in placed if not _in_margin(p)]
    words = [p for p in _words(flow) if isinstance(p.box, boxes.TextBox)]
    top = page.content_box_y()
    bottom = max((p.box.position_y + p.box.margin_height() for p in words), default=top)
    first = words[0] if words else None
    opens = first is not None and any(b.element_tag == "h1" for b in first.ancestors)
    rows = [
        p
        for p in flow
        if isinstance(p.box, boxes.TableRowBox)
        and not _is_header(p)
        and any(_text(d) for d in p.box.descendants())
    ]
    only_table = all(any(isinstance(b, boxes.TableBox) for b in p.ancestors) for p in words)
    return _PageSummary((bottom - top) / page.height, opens, len(rows), only_table and bool(rows))


def _page_breaks(pages: list[Any], placed: list[list[_Placed]]) -> list[Defect]:
    found = []
    summaries = [_summary(page, p) for page, p in zip(pages, placed, strict=True)]
    for i, s in enumerate(summaries):
        number = i + 1
        if s.only_table and s.body_rows == 1 and s.used < NEARLY_EMPTY:
            found.append(Defect(number, "a page holding a single row", "", "nothing else on it"))
        later = summaries[i + 1] if i + 1 < len(summaries) else None
        if i > 0 and later is not None and not later.opens_chapter and s.used < NEARLY_EMPTY:
            used = f"{s.used:.0%} used, and page {number + 1} continues the chapter"
            found.append(Defect(number, "nearly empty page", "", used))
    return found


def layout_defects(document: Any) -> list[Defect]:
    """Every layout defect of a laid-out `weasyprint.Document`, page by page.

    The first page (the cover) is exempt from the page-fill rule: it is meant to stand alone.
    """
    pages = [page._page_box for page in document.pages]
    placed = [list(_walk(page)) for page in pages]
    found: list[Defect] = []
    for i, (page, p) in enumerate(zip(pages, placed, strict=True)):
        found += _text_overflows(i + 1, page, p)
        found += _header_collisions(i + 1, p)
    return found + _page_breaks(pages, placed)
