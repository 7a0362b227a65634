"""Charts as server-rendered SVG (no JavaScript, nothing fetched): a timeline of a pair's
events, a country's network of partners, horizontal bars. Every text is escaped; styling
is by class (the stylesheet), so the strict CSP holds."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape

ROWS = ("accord", "meeting", "mechanism", "statement")
STATUS_CLASSES = ("signed", "held", "expected", "proposed", "denied", "cancelled", "failed", "ongoing")


def _year_frac(date: str | None) -> float | None:
    if not date or len(date) < 4 or not date[:4].isdigit():
        return None
    y = int(date[:4])
    m = int(date[5:7]) if len(date) >= 7 and date[5:7].isdigit() else 7
    d = int(date[8:10]) if len(date) >= 10 and date[8:10].isdigit() else 15
    return y + (max(1, min(m, 12)) - 1) / 12 + (max(1, min(d, 31)) - 1) / 365


def timeline(events: Sequence[Mapping[str, Any]], *, width: int = 920, label: str = "") -> Markup:
    """Events as dots on a time axis, one row per type, coloured by status, each a link."""
    points = [(x, e) for e in events if (x := _year_frac(e.get("date"))) is not None]
    row_h, top, left, right, bottom = 44, 16, 112, 24, 34
    height = top + row_h * len(ROWS) + bottom
    parts = [
        f'<svg class="chart timeline" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label or "timeline")}" xmlns="http://www.w3.org/2000/svg">'
    ]
    if not points:
        parts.append(
            f'<text x="{width / 2}" y="{height / 2}" class="empty" text-anchor="middle">'
            "no dated events</text></svg>"
        )
        return Markup("".join(parts))
    lo = math.floor(min(x for x, _ in points))
    hi = math.floor(max(x for x, _ in points)) + 1
    span = max(hi - lo, 1)

    def sx(x: float) -> float:
        return left + (x - lo) / span * (width - left - right)

    step = max(1, math.ceil(span / 12))
    for y in range(lo, hi + 1, step):
        x = sx(y)
        parts.append(f'<line class="grid" x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{height - bottom}"/>')
        parts.append(
            f'<text class="tick" x="{x:.1f}" y="{height - bottom + 18}" text-anchor="middle">{y}</text>'
        )
    for i, row in enumerate(ROWS):
        cy = top + row_h * i + row_h / 2
        parts.append(f'<line class="axis" x1="{left}" x2="{width - right}" y1="{cy}" y2="{cy}"/>')
        parts.append(f'<text class="rowlabel" x="{left - 10}" y="{cy + 4}" text-anchor="end">{row}s</text>')
    seen: dict[tuple[int, int], int] = {}
    for x, e in sorted(points, key=lambda p: p[0]):
        typ = e.get("type") if e.get("type") in ROWS else "statement"
        i = ROWS.index(typ)
        px = sx(x)
        key = (i, round(px / 6))
        k = seen.get(key, 0)
        seen[key] = k + 1
        cy = top + row_h * i + row_h / 2 + (((k + 1) // 2) * 7 * (1 if k % 2 else -1) if k else 0)
        status = e.get("status") if e.get("status") in STATUS_CLASSES else "other"
        title = (
            f"{e.get('date')} · {e.get('type')} · {e.get('status')} · {e.get('title') or e.get('kind') or ''}"
        )
        parts.append(
            f'<a href="/events/{escape(e.get("id", ""))}">'
            f'<circle class="dot s-{status}" cx="{px:.1f}" cy="{cy:.1f}" r="6">'
            f"<title>{escape(title)}</title></circle></a>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def network(
    center: str,
    partners: Sequence[tuple[str, int]],
    *,
    names: Mapping[str, str] | None = None,
    size: int = 560,
) -> Markup:
    """A country in the middle, its partners around it; edge width by shared events."""
    names = names or {}
    c = size / 2
    radius = size / 2 - 70
    top = list(partners[:24])
    most = max((n for _, n in top), default=1)
    parts = [
        f'<svg class="chart network" viewBox="0 0 {size} {size}" role="img" '
        f'aria-label="partners of {escape(names.get(center, center))}" xmlns="http://www.w3.org/2000/svg">'
    ]
    nodes = []
    for i, (p, n) in enumerate(top):
        angle = 2 * math.pi * i / max(len(top), 1) - math.pi / 2
        x, y = c + radius * math.cos(angle), c + radius * math.sin(angle)
        w = 1 + 7 * n / most
        parts.append(
            f'<line class="edge" x1="{c}" y1="{c}" x2="{x:.1f}" y2="{y:.1f}" stroke-width="{w:.1f}"/>'
        )
        nodes.append((p, n, x, y))
    for p, n, x, y in nodes:
        href = (
            f"/pairs/{escape(center)}-{escape(p)}"
            if len(p) == 3 and p.isalpha()
            else f"/events?party={escape(p)}"
        )
        label = names.get(p, p)
        anchor = "start" if x > c + 1 else "end" if x < c - 1 else "middle"
        dx = 12 if anchor == "start" else -12 if anchor == "end" else 0
        parts.append(
            f'<a href="{href}"><circle class="node" cx="{x:.1f}" cy="{y:.1f}" r="{6 + 6 * n / most:.1f}">'
            f"<title>{escape(label)}: {n} events</title></circle>"
            f'<text class="nodelabel" x="{x + dx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}">'
            f"{escape(label)} ({n})</text></a>"
        )
    parts.append(f'<circle class="node center" cx="{c}" cy="{c}" r="22"/>')
    parts.append(
        f'<text class="centerlabel" x="{c}" y="{c + 5}" text-anchor="middle">{escape(center)}</text>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))


def bars(rows: Sequence[tuple[str, str, int]], *, width: int = 560) -> Markup:
    """Horizontal bars: (label, link, value)."""
    if not rows:
        return Markup('<p class="muted">nothing yet</p>')
    bar_h, gap, left = 22, 6, 190
    most = max(v for _, _, v in rows) or 1
    height = len(rows) * (bar_h + gap) + gap
    parts = [
        f'<svg class="chart bars" viewBox="0 0 {width} {height}" role="img" aria-label="counts" '
        'xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (label, href, v) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        w = max(2.0, (width - left - 60) * v / most)
        parts.append(
            f'<a href="{escape(href)}">'
            f'<text class="barlabel" x="{left - 8}" y="{y + 15}" text-anchor="end">{escape(label)}</text>'
            f'<rect class="bar" x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}" rx="3">'
            f"<title>{escape(label)}: {v}</title></rect>"
            f'<text class="barvalue" x="{left + w + 6:.1f}" y="{y + 15}">{v}</text></a>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
