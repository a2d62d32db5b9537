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

# Okabe-Ito colours, safe for colour-blind readers (its yellow left out: too pale on paper).
# Colour alone does not survive a greyscale print, so each series also gets its own dash pattern
# and marker shape (see `_style`), and lines are labelled directly, not through a legend.
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9")
STRONG = "#000000"
"""The colour of a `strong` series (the overall line): black, thicker, in no other series."""
DASHES = ("", "6 3", "2 2", "8 3 2 3")
MARKERS = ("circle", "square", "triangle", "diamond", "down")
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
    strong: bool = False


def _n(value: float) -> str:
    """A coordinate written compactly and deterministically."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _text(x: float, y: float, content: str, **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{escape(v)}"' for k, v in attrs.items())
    return f'<text x="{_n(x)}" y="{_n(y)}"{extra}>{escape(content)}</text>'


def _colour(series: Series, index: int) -> str:
    return STRONG if series.strong else series.colour or PALETTE[index % len(PALETTE)]


def _stroke(series: Series, index: int, dash: str = "") -> str:
    dash = "5 3" if series.dashed else dash
    pattern = f' stroke-dasharray="{dash}"' if dash else ""
    width = 3 if series.strong else 1.6
    return f'stroke="{escape(_colour(series, index))}" stroke-width="{width}"{pattern}'


def _style(index: int) -> tuple[str, str]:
    """The dash pattern and marker of the series drawn `index`-th: no two of 20 look alike."""
    return DASHES[(index // len(MARKERS)) % len(DASHES)], MARKERS[index % len(MARKERS)]


def _marker(
    shape: str, x: float, y: float, colour: str, r: float = 3.2, role: str = "marker"
) -> str:
    """A point of a line (or, in a label, its swatch), in a shape that tells series apart."""
    fill = f'fill="{colour}" class="{role}" data-shape="{shape}"'
    if shape == "circle":
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" {fill}/>'
    if shape == "square":
        side = _n(2 * r)
        return f'<rect x="{_n(x - r)}" y="{_n(y - r)}" width="{side}" height="{side}" {fill}/>'
    corners = {
        "triangle": [(0, -1.2), (1.1, 0.8), (-1.1, 0.8)],
        "down": [(0, 1.2), (1.1, -0.8), (-1.1, -0.8)],
        "diamond": [(0, -1.3), (1.3, 0), (0, 1.3), (-1.3, 0)],
    }[shape]
    pts = " ".join(f"{_n(x + dx * r)},{_n(y + dy * r)}" for dx, dy in corners)
    return f'<polygon points="{pts}" {fill}/>'


def _legend(series: Sequence[Series], x: float, y: float) -> list[str]:
    parts: list[str] = []
    for i, s in enumerate(series):
        yy = y + i * 20
        parts.append(
            f'<line x1="{_n(x)}" y1="{_n(yy)}" x2="{_n(x + 22)}" y2="{_n(yy)}" {_stroke(s, i)}/>'
        )
        parts.append(_text(x + 28, yy + 5, s.name, font_size="15", fill=INK))
    return parts


def _svg(width: float, height: float, body: list[str], title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="{_n(width)}" height="{_n(height)}" role="img" '
        f'font-family="DejaVu Sans, Noto Sans CJK SC, sans-serif"><title>{escape(title)}</title>'
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
            body.append(_text(x + 5, y + 14, caption, font_size="15", fill=MUTED))
    for i, label in enumerate(labels):
        x, y = point(i, max_value)
        body.append(
            f'<line x1="{_n(cx)}" y1="{_n(cy)}" x2="{_n(x)}" y2="{_n(y)}" stroke="{GRID}"/>'
        )
        lx, ly = point(i, max_value * 1.12, clamp=False)
        anchor = "middle" if abs(lx - cx) < 8 else ("start" if lx > cx else "end")
        body.append(
            _text(
                lx, ly + 6, label, font_size="17", fill=INK, text_anchor=anchor, font_weight="bold"
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
    body.extend(_legend(series, 8, size + 28))
    return _svg(size + 80, size + 36 + 20 * len(series), body, title)


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
    width: float = 425,
    height: float = 220,
) -> str:
    """A line chart over ordered x positions (e.g. assessment periods), one line per series.

    Sizes are in points at the size the report prints the chart (150 mm is 425 pt), so its
    text is 8 pt or more. Each line of several is labelled at its right end; labels are moved
    apart so they never overlap. A single line has no label: the chart's heading names it.
    Values outside [0, y_max] are clamped; `None` breaks the line.
    """
    if not x_labels:
        raise ValueError("a line chart needs at least one x position")
    labelled = len(series) > 1
    name_width = max((len(s.name) for s in series), default=0) * 5.2 + 34 if labelled else 12
    left, right, top, bottom = 26.0, name_width, 10.0, 20.0
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
            f'stroke="{GRID}" stroke-width="0.6"/>'
        )
        body.append(
            _text(left - 4, y + 3, f"{tick:g}", font_size="8", fill=MUTED, text_anchor="end")
        )
    for i, label in enumerate(x_labels):
        x, _ = xy(i, 0)
        body.append(_text(x, height - 5, label, font_size="8.5", fill=INK, text_anchor="middle"))
    ends: list[tuple[float, str, str]] = []
    for index, s in enumerate(series):
        colour = escape(_colour(s, index))
        dash, shape = _style(index)
        run: list[tuple[float, float]] = []
        last: tuple[float, float] | None = None
        for i, v in enumerate([*s.values, None]):
            if v is not None and i < len(x_labels):
                run.append(xy(i, v))
                last = run[-1]
                continue
            if len(run) > 1:
                pts = " ".join(f"{_n(x)},{_n(y)}" for x, y in run)
                stroke = _stroke(s, index, dash)
                body.append(f'<polyline points="{pts}" fill="none" {stroke}/>')
            body.extend(_marker(shape, x, y, colour) for x, y in run)
            run = []
        if labelled and last is not None:
            ends.append((last[1], s.name, str(index)))
    # Each label sits at its line's end; where labels had to move apart, a thin leader joins
    # label and line, and a swatch of the line's dash and marker repeats its look.
    x_end, x_label = left + plot_w, left + plot_w + 26
    for (y, name, key), (y0, _, _) in zip(
        _spread(ends, gap=9.5, low=top, high=top + plot_h), sorted(ends), strict=True
    ):
        index = int(key)
        s = series[index]
        dash, shape = _style(index)
        colour = escape(_colour(s, index))
        body.append(
            f'<path d="M{_n(x_end + 4)} {_n(y0)} L{_n(x_end + 8)} {_n(y)} '
            f'L{_n(x_end + 10)} {_n(y)}" fill="none" stroke="{GRID}" stroke-width="0.6"/>'
        )
        body.append(
            f'<line x1="{_n(x_end + 10)}" y1="{_n(y)}" x2="{_n(x_label - 3)}" y2="{_n(y)}" '
            f"{_stroke(s, index, dash)}/>"
        )
        body.append(_marker(shape, x_end + 16.5, y, colour, r=2.4, role="swatch"))
        body.append(_text(x_label, y + 3, name, font_size="8", fill=INK))
    return _svg(width, height, body, title)


def _spread(
    labels: list[tuple[float, str, str]], *, gap: float, low: float, high: float
) -> list[tuple[float, str, str]]:
    """Labels at their lines' ends, pushed apart vertically so that no two are nearer than gap."""
    placed = sorted(labels)
    ys = [y for y, _, _ in placed]
    for i in range(1, len(ys)):  # downwards, then back up if the last ran off the bottom
        ys[i] = max(ys[i], ys[i - 1] + gap)
    if ys and ys[-1] > high:
        ys[-1] = high
        for i in range(len(ys) - 2, -1, -1):
            ys[i] = min(ys[i], ys[i + 1] - gap)
    ys = [max(y, low - gap) for y in ys]
    return [(y, name, colour) for y, (_, name, colour) in zip(ys, placed, strict=True)]
