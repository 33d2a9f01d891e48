"""Small SVG charts drawn on the server: the dashboard needs no chart library and no
network. Every label goes through ``html.escape``; values are numbers we format."""

from __future__ import annotations

from html import escape

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]
STATE_COLOURS = {
    "untranslated": "#bbbbbb",
    "machine-draft": "#f0ad4e",
    "needs-review": "#ffd966",
    "rejected": "#d9534f",
    "reviewed": "#5cb85c",
    "approved": "#2e7d32",
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


def line_chart(title: str, labels: list[str], series: dict[str, list[float | None]], width: int = 640) -> str:
    """Values over snapshots, one line per series; gaps where a value is missing."""
    height, left, bottom, top = 220, 44, 40, 24
    values = [v for points in series.values() for v in points if v is not None]
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">']
    parts.append(f'<text x="{left}" y="14" class="title">{escape(title)}</text>')
    if not values or not labels:
        parts.append(f'<text x="{left}" y="{height / 2}">no data yet</text></svg>')
        return "".join(parts)
    low, high = min(values), max(values)
    if high - low < 1:
        low, high = low - 1, high + 1
    plot_w, plot_h = width - left - 10, height - top - bottom

    def x_at(i: int) -> float:
        return left + (plot_w * i / (len(labels) - 1) if len(labels) > 1 else plot_w / 2)

    def y_at(v: float) -> float:
        return top + plot_h * (1 - (v - low) / (high - low))

    for tick in (low, (low + high) / 2, high):
        parts.append(
            f'<line x1="{left}" x2="{width - 10}" y1="{y_at(tick):.1f}" y2="{y_at(tick):.1f}" class="grid"/>'
        )
        parts.append(f'<text x="2" y="{y_at(tick) + 4:.1f}" class="axis">{tick:.1f}</text>')
    for i, label in enumerate(labels):
        x, y = x_at(i), height - bottom + 16
        parts.append(f'<text x="{x:.1f}" y="{y}" class="axis" text-anchor="middle">{escape(label)}</text>')
    for index, (name, points) in enumerate(series.items()):
        colour = PALETTE[index % len(PALETTE)]
        coordinates = [(x_at(i), y_at(v)) for i, v in enumerate(points) if v is not None]
        if len(coordinates) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coordinates)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for (x, y), value in zip(coordinates, [v for v in points if v is not None], strict=True):
            title = f"<title>{escape(name)}: {value}</title>"
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}">{title}</circle>')
        y = top + 14 * index
        parts.append(f'<text x="{width - 120}" y="{y}" fill="{colour}" class="legend">{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)
