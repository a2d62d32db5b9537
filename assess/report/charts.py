"""Charts for the report, drawn as SVG text by code.

The report embeds them inline, so they need no fetching and render the same everywhere. Labels
come from questionnaires and answers files and are escaped like any other untrusted text.
Numbers are rounded to two decimals so the same data always gives the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

# Colour-blind-safe series colours (Okabe-Ito), in the order series are drawn.
PALETTE = (
    "#0b5cad",
    "#d55e00",
    "#009e73",
    "#cc79a7",
    "#e69f00",
    "#56b4e9",
    "#7f3c8d",
    "#8c6d31",
    "#e31a1c",
    "#17becf",
)
GRID = "#c8ced6"
INK = "#1f2933"
MUTED = "#5b6675"


@dataclass(frozen=True)
class Series:
    """One line or polygon: a name for the legend, one value per axis or x position.

    `None` leaves a gap (a dimension that has no score, a year that lacks the dimension).
    """

    name: str
    values: Sequence[float | None]
    dashed: bool = False
    filled: bool = False
    colour: str | None = None


def _n(value: float) -> str:
    """A coordinate written compactly and deterministically."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _text(x: float, y: float, content: str, **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{escape(v)}"' for k, v in attrs.items())
    return f'<text x="{_n(x)}" y="{_n(y)}"{extra}>{escape(content)}</text>'


def _colour(series: Series, index: int) -> str:
    return series.colour or PALETTE[index % len(PALETTE)]


def _stroke(series: Series, index: int) -> str:
    dash = ' stroke-dasharray="5 3"' if series.dashed else ""
    return f'stroke="{escape(_colour(series, index))}" stroke-width="2"{dash}'


def _legend(series: Sequence[Series], x: float, y: float) -> list[str]:
    parts: list[str] = []
    for i, s in enumerate(series):
        yy = y + i * 16
        parts.append(
            f'<line x1="{_n(x)}" y1="{_n(yy)}" x2="{_n(x + 22)}" y2="{_n(yy)}" {_stroke(s, i)}/>'
        )
        parts.append(_text(x + 28, yy + 4, s.name, font_size="12", fill=INK))
    return parts


def _svg(width: float, height: float, body: list[str], title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="{_n(width)}" height="{_n(height)}" role="img" '
        f'font-family="DejaVu Sans, sans-serif"><title>{escape(title)}</title>'
        + "".join(body)
        + "</svg>"
    )


def radar_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    max_value: float,
    rings: Sequence[tuple[float, str]] = (),
    title: str = "Radar chart",
    size: float = 360,
) -> str:
    """A radar (spider) chart: one axis per label, one polygon per series, 0 at the centre.

    `rings` are (value, caption) pairs drawn as grid polygons, e.g. the maturity levels.
    """
    n = len(labels)
    if n < 3:
        raise ValueError("a radar chart needs at least three axes")
    cx, cy, radius = size / 2 + 40, size / 2 + 10, size / 2 - 50

    def point(axis: int, value: float, clamp: bool = True) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * axis / n
        if clamp:
            value = max(0.0, min(value, max_value))
        r = radius * value / max_value
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    body: list[str] = []
    for value, caption in rings or [(max_value, "")]:
        ring = " ".join(f"{_n(x)},{_n(y)}" for x, y in (point(i, value) for i in range(n)))
        body.append(f'<polygon points="{ring}" fill="none" stroke="{GRID}" stroke-width="1"/>')
        if caption:
            x, y = point(0, value)
            body.append(_text(x + 5, y + 12, caption, font_size="10", fill=MUTED))
    for i, label in enumerate(labels):
        x, y = point(i, max_value)
        body.append(
            f'<line x1="{_n(cx)}" y1="{_n(cy)}" x2="{_n(x)}" y2="{_n(y)}" stroke="{GRID}"/>'
        )
        lx, ly = point(i, max_value * 1.12, clamp=False)
        anchor = "middle" if abs(lx - cx) < 8 else ("start" if lx > cx else "end")
        body.append(
            _text(
                lx, ly + 5, label, font_size="14", fill=INK, text_anchor=anchor, font_weight="bold"
            )
        )
    for index, s in enumerate(series):
        colour = escape(_colour(s, index))
        values: list[float | None] = [*s.values[:n], *[None] * (n - len(s.values))]
        pts = [point(i, v) for i, v in enumerate(values) if v is not None]
        if len(pts) == n:
            coords = " ".join(f"{_n(x)},{_n(y)}" for x, y in pts)
            fill = f'fill="{colour}" fill-opacity="0.18"' if s.filled else 'fill="none"'
            body.append(f'<polygon points="{coords}" {fill} {_stroke(s, index)}/>')
        else:
            # A missing value is no point at all, not a point at 0: the outline stops on either
            # side of that axis, and the gap cannot be filled.
            for run in _runs(values, point):
                coords = " ".join(f"{_n(x)},{_n(y)}" for x, y in run)
                body.append(f'<polyline points="{coords}" fill="none" {_stroke(s, index)}/>')
        body.extend(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="2.5" fill="{colour}"/>' for x, y in pts)
    body.extend(_legend(series, 8, size + 24))
    return _svg(size + 80, size + 30 + 16 * len(series), body, title)


def _runs(
    values: Sequence[float | None], point: Callable[[int, float], tuple[float, float]]
) -> list[list[tuple[float, float]]]:
    """Runs of two or more neighbouring values around a radar, as points.

    A run may wrap past the last axis to the first. Lone values are left to their dots.
    """
    n = len(values)
    start = next(i for i, v in enumerate(values) if v is None)  # the caller saw a gap
    runs: list[list[tuple[float, float]]] = []
    run: list[tuple[float, float]] = []
    for step in range(1, n + 1):
        i = (start + step) % n
        value = values[i]
        if value is not None:
            run.append(point(i, value))
            continue
        if len(run) > 1:
            runs.append(run)
        run = []
    return runs


def line_chart(
    x_labels: Sequence[str],
    series: Sequence[Series],
    *,
    y_max: float = 100,
    y_ticks: Sequence[float] = (0, 25, 50, 75, 100),
    title: str = "Line chart",
    width: float = 480,
    height: float = 240,
) -> str:
    """A line chart over ordered x positions (e.g. assessment periods), one line per series.

    Values outside [0, y_max] are clamped; `None` breaks the line.
    """
    if not x_labels:
        raise ValueError("a line chart needs at least one x position")
    left, right, top, bottom = 40.0, 110.0, 12.0, 28.0
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(1, len(x_labels) - 1)

    def xy(i: int, value: float) -> tuple[float, float]:
        x = left + (i * step if len(x_labels) > 1 else plot_w / 2)
        return x, top + plot_h * (1 - max(0.0, min(value, y_max)) / y_max)

    body: list[str] = []
    for tick in y_ticks:
        _, y = xy(0, tick)
        body.append(
            f'<line x1="{_n(left)}" y1="{_n(y)}" x2="{_n(left + plot_w)}" y2="{_n(y)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        body.append(
            _text(left - 6, y + 3, f"{tick:g}", font_size="9", fill=MUTED, text_anchor="end")
        )
    for i, label in enumerate(x_labels):
        x, _ = xy(i, 0)
        body.append(_text(x, height - 8, label, font_size="10", fill=INK, text_anchor="middle"))
    for index, s in enumerate(series):
        colour = escape(_colour(s, index))
        run: list[tuple[float, float]] = []
        for i, v in enumerate([*s.values, None]):
            if v is not None and i < len(x_labels):
                run.append(xy(i, v))
                continue
            if len(run) > 1:
                pts = " ".join(f"{_n(x)},{_n(y)}" for x, y in run)
                body.append(f'<polyline points="{pts}" fill="none" {_stroke(s, index)}/>')
            body.extend(
                f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3" fill="{colour}"/>' for x, y in run
            )
            run = []
    body.extend(_legend(series, left + plot_w + 16, top + 8))
    return _svg(width, height, body, title)
