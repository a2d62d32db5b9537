"""SVG charts drawn by code: valid, escaped, deterministic."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from assess.report.charts import Series, line_chart, radar_chart

NS = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_radar_has_one_axis_per_label_and_one_polygon_per_series() -> None:
    svg = radar_chart(
        ["HOL", "DYN", "OPN", "REL"],
        [Series("Reached", [1, 2, 0, 3], filled=True), Series("Target", [3, 3, 3, 3], dashed=True)],
        max_value=3,
        rings=[(1, "L1"), (2, "L2"), (3, "L3")],
    )
    root = _parse(svg)
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert {"HOL", "DYN", "OPN", "REL", "L1", "L3", "Reached", "Target"} <= set(texts)
    polygons = root.findall(f"{NS}polygon")
    assert len(polygons) == 3 + 2  # three rings, two series
    target = polygons[-1]
    assert target.get("stroke-dasharray") == "5 3"


def test_radar_places_values_by_scale() -> None:
    svg = radar_chart(["a", "b", "c"], [Series("s", [3, 0, 0])], max_value=3)
    points = _parse(svg).findall(f"{NS}polygon")[-1].get("points", "").split()
    ring = _parse(svg).findall(f"{NS}polygon")[0].get("points", "").split()
    assert points[0] == ring[0]  # the full value reaches the outer ring
    assert points[1] == points[2]  # zeros collapse to the centre


def test_radar_draws_no_point_for_a_missing_value() -> None:
    # Axis "b" has no score (all its questions N/A): no dot, and no line through the centre.
    svg = radar_chart(
        ["a", "b", "c", "d"], [Series("s", [3, None, 3, 3], filled=True)], max_value=3
    )
    root = _parse(svg)
    centre = (root.findall(f"{NS}line")[0].get("x1"), root.findall(f"{NS}line")[0].get("y1"))
    dots = [(c.get("cx"), c.get("cy")) for c in root.findall(f"{NS}circle")]
    assert len(dots) == 3 and centre not in dots
    assert len(root.findall(f"{NS}polygon")) == 1  # the outer ring only: a gap cannot be filled
    (outline,) = root.findall(f"{NS}polyline")  # c, d and a, wrapping past the last axis
    points = outline.get("points", "").split()
    assert points == [f"{x},{y}" for x, y in (dots[1], dots[2], dots[0])]
    assert f"{centre[0]},{centre[1]}" not in points


def test_radar_leaves_a_lone_value_as_a_dot() -> None:
    svg = radar_chart(["a", "b", "c"], [Series("s", [2, None, None])], max_value=3)
    root = _parse(svg)
    assert root.findall(f"{NS}polyline") == [] and len(root.findall(f"{NS}circle")) == 1


def test_labels_are_escaped() -> None:
    evil = '<script>alert(1)</script> & "q"'
    svg = radar_chart([evil, "b", "c"], [Series(evil, [1, 2, 3])], max_value=3, title=evil)
    assert "<script>" not in svg
    root = _parse(svg)
    assert evil in [t.text for t in root.iter(f"{NS}text")]
    assert root.find(f"{NS}title") is not None


def test_radar_needs_three_axes() -> None:
    with pytest.raises(ValueError, match="three axes"):
        radar_chart(["a", "b"], [], max_value=1)


def test_line_chart_breaks_lines_at_missing_values() -> None:
    svg = line_chart(
        ["2022", "2023", "2024", "2025"],
        [Series("Overall", [40, 50, None, 70]), Series("HOL", [10, 20, 30, 40])],
    )
    root = _parse(svg)
    lines = root.findall(f"{NS}polyline")
    assert len(lines) == 2  # Overall's second run is a single point, drawn as a dot only
    # A marker for each value, a circle for the first series and a square for the second, so
    # they differ in greyscale too; each label repeats its line's marker as a swatch.
    assert len(root.findall(".//*[@class='marker']")) == 3 + 4
    assert len(root.findall(f"{NS}circle[@class='marker']")) == 3
    assert len(root.findall(".//*[@class='swatch']")) == 2
    assert {"2022", "2025", "Overall", "HOL", "100"} <= {t.text for t in root.iter(f"{NS}text")}


def test_line_chart_clamps_values_into_the_plot() -> None:
    root = _parse(line_chart(["a", "b"], [Series("s", [-20, 500])], y_max=100))
    ys = [float(c.get("cy", "0")) for c in root.findall(f"{NS}circle")]
    grid = [float(ln.get("y1", "0")) for ln in root.findall(f"{NS}line")[:5]]
    assert ys == [max(grid), min(grid)]


def test_charts_are_deterministic() -> None:
    def draw() -> str:
        return radar_chart(["a", "b", "c"], [Series("s", [1 / 3, 2 / 3, 1])], max_value=1)

    assert draw() == draw()
    assert "0.333" not in draw()  # coordinates are rounded to two decimals


def _font_sizes_in_points(svg: str, printed_mm: float) -> list[float]:
    root = _parse(svg)
    width = float(root.get("viewBox", "0 0 1 1").split()[2])
    scale = printed_mm / 25.4 * 72 / width  # points per SVG unit at the printed size
    return [float(t.get("font-size", "0")) * scale for t in root.iter(f"{NS}text")]


def test_chart_text_is_at_least_7_pt_at_the_size_the_report_prints_it() -> None:
    nine = [Series(f"D{i}", [40 + i, 60, 80 - i]) for i in range(9)]
    # The report prints line charts 150 mm wide (84 mm for the small ones) and the radar 74 mm.
    assert min(_font_sizes_in_points(line_chart(["a", "b", "c"], nine), 150)) >= 7
    small = line_chart(["a", "b"], [Series("x", [1, 2])], width=238, height=130)
    assert min(_font_sizes_in_points(small, 84)) >= 7
    radar = radar_chart(["a", "b", "c"], nine[:2], max_value=3, rings=[(1, "L1"), (3, "L3")])
    assert min(_font_sizes_in_points(radar, 74)) >= 7


def test_nine_lines_differ_in_dash_and_marker_not_only_colour() -> None:
    nine = [Series(f"D{i}", [40 + i, 60, 80 - i]) for i in range(9)]
    root = _parse(line_chart(["a", "b", "c"], nine))
    looks = set()
    for line, swatch in zip(
        [x for x in root.iter(f"{NS}line") if x.get("stroke-width") != "0.6"],
        root.findall(".//*[@class='swatch']"),
        strict=True,
    ):
        looks.add((line.get("stroke-dasharray"), swatch.get("data-shape")))
    assert len(looks) == 9
    # Each line is labelled by name at its end; there is no legend box repeating the title.
    labels = [t.text for t in root.iter(f"{NS}text")]
    assert [f"D{i}" for i in range(9)] == sorted(x for x in labels if x and x.startswith("D"))
