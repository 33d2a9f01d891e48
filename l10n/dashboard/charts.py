"""Small SVG charts drawn on the server: the dashboard needs no chart library and no
network. Every label goes through ``html.escape``; values are numbers we format."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from html import escape

from l10n.model import State

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]
STATE_COLOURS = {
    State.UNTRANSLATED: "#bbbbbb",
    State.MACHINE_DRAFT: "#f0ad4e",
    State.NEEDS_REVIEW: "#ffd966",
    State.REJECTED: "#d9534f",
    State.REVIEWED: "#5cb85c",
    State.APPROVED: "#2e7d32",
}


def stacked_bars(rows: dict[str, dict[str, int]], width: int = 640) -> str:
    """One horizontal bar per language, split by review state."""
    bar, gap, label = 24, 10, 40
    height = len(rows) * (bar + gap) + 30
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="progress by review state">'
    ]
    for index, (language, counts) in enumerate(rows.items()):
        y = index * (bar + gap)
        total = sum(counts.values()) or 1
        x = float(label)
        parts.append(f'<text x="0" y="{y + 17}">{escape(language)}</text>')
        for state, colour in STATE_COLOURS.items():
            count = counts.get(state, 0)
            if not count:
                continue
            w = (width - label - 10) * count / total
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" fill="{colour}">'
                f"<title>{escape(language)} {escape(state)}: {count}</title></rect>"
            )
            x += w
    y = len(rows) * (bar + gap) + 14
    x = label
    for state, colour in STATE_COLOURS.items():
        parts.append(f'<rect x="{x}" y="{y - 10}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{x + 14}" y="{y}" class="legend">{escape(state)}</text>')
        x += 20 + 7 * len(state)
    parts.append("</svg>")
    return "".join(parts)


def time_labels(times: list[datetime]) -> list[str]:
    """Dates for the time axis; with the hour when the snapshots span less than two days."""
    span = max(times) - min(times) if times else timedelta(0)
    form = "%Y-%m-%d" if span >= timedelta(days=2) else "%Y-%m-%d %H:%M"
    return [t.strftime(form) for t in times]


def line_chart(
    title: str, times: list[datetime], series: dict[str, list[float | None]], width: int = 640
) -> str:
    """Values over time, one line per series, x proportional to the time of each snapshot;
    gaps where a value is missing. The legend wears the series colours."""
    height, left, bottom, top, legend_w = 220, 44, 40, 24, 110
    values = [v for points in series.values() for v in points if v is not None]
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">']
    parts.append(f'<text x="{left}" y="14" class="title">{escape(title)}</text>')
    if not values or not times:
        parts.append(f'<text x="{left}" y="{height / 2}">no data yet</text></svg>')
        return "".join(parts)
    low, high = min(values), max(values)
    if high - low < 1:
        low, high = low - 1, high + 1
    plot_w, plot_h = width - left - legend_w - 20, height - top - bottom
    start, span = min(times), (max(times) - min(times)).total_seconds()

    def x_at(i: int) -> float:
        if not span:
            return left + plot_w / 2
        return left + plot_w * (times[i] - start).total_seconds() / span

    def y_at(v: float) -> float:
        return top + plot_h * (1 - (v - low) / (high - low))

    for tick in (low, (low + high) / 2, high):
        grid_y = f"{y_at(tick):.1f}"
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{grid_y}" y2="{grid_y}" class="grid"/>')
        parts.append(f'<text x="2" y="{y_at(tick) + 4:.1f}" class="axis">{tick:.1f}</text>')
    parts += _time_axis(times, x_at, height - bottom + 16, width)
    for index, (name, points) in enumerate(series.items()):
        colour = PALETTE[index % len(PALETTE)]
        label = escape(name)
        coordinates = [(x_at(i), y_at(v)) for i, v in enumerate(points) if v is not None]
        if len(coordinates) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coordinates)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"'
                f' data-series="{label}"/>'
            )
        shown = [(i, v) for i, v in enumerate(points) if v is not None]
        for (x, y), (i, value) in zip(coordinates, shown, strict=True):
            when = times[i].strftime("%Y-%m-%d %H:%M")
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}" data-series="{label}">'
                f"<title>{label}: {value} ({when})</title></circle>"
            )
        y = top + 16 * index
        x = width - legend_w
        parts.append(
            f'<line x1="{x}" x2="{x + 14}" y1="{y - 4}" y2="{y - 4}" stroke="{colour}" stroke-width="3"/>'
        )
        parts.append(
            f'<text x="{x + 18}" y="{y}" fill="{colour}" class="legend" data-series="{label}">{label}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _time_axis(times: list[datetime], x_at: Callable[[int], float], y: float, width: int) -> list[str]:
    """A tick under each snapshot and a date label under as many as fit, newest first;
    a label near the edge is moved inwards so that it is not cut off."""
    labels = time_labels(times)
    half = 3.3 * max(len(label) for label in labels)  # 11px sans-serif: about 6.6px a character

    def label_x(i: int) -> float:
        return min(max(x_at(i), half), width - half)

    kept: list[int] = []
    for i in reversed(range(len(times))):
        if not kept or label_x(kept[-1]) - label_x(i) >= 2 * half + 8:
            kept.append(i)
    parts = [
        f'<line x1="{x_at(i):.1f}" x2="{x_at(i):.1f}" y1="{y - 14}" y2="{y - 10}" class="tick"/>'
        for i in range(len(times))
    ]
    for i in reversed(kept):
        parts.append(
            f'<text x="{label_x(i):.1f}" y="{y}" class="axis time" text-anchor="middle">{labels[i]}</text>'
        )
    return parts
