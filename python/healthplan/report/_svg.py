"""Small inline SVG charts for the report: legible at 100 % zoom, values on hover.

Why SVG written here rather than matplotlib PNGs: text in an SVG is real text
(12 px ≥ 9 pt, selectable, searchable, sharp in print), every mark carries a
``<title>`` that the browser shows on hover, and the file stays one
self-contained page without a charting library. Each chart's axis spans the
values it compares (padded), never a zero baseline that flattens a 90.3 vs
90.86 difference. matplotlib stays for ``healthplan.plot`` in notebooks.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

#: Verdict colours: background and the text colour readable on it.
COLOURS: dict[str, tuple[str, str]] = {
    "achieved_early": ("#116329", "#ffffff"),
    "achieved": ("#2da44e", "#ffffff"),
    "on_track": ("#aceebb", "#0a3622"),
    "off_track": ("#ffd33d", "#3b2300"),
    "missed": ("#cf222e", "#ffffff"),
    "insufficient_data": ("#d0d7de", "#24292f"),
    "not_evaluable": ("#eaeef2", "#57606a"),
    "stricter": ("#2da44e", "#ffffff"),
    "equal": ("#54aeff", "#0a2540"),
    "looser": ("#fa4549", "#ffffff"),
    "not_comparable": ("#d0d7de", "#24292f"),
}

_FONT = 12  # px; 12 px = 9 pt
_CHAR = 12.5  # width of a CJK character at 12 px, an upper bound for Latin text too


def _text_width(text: str) -> float:
    return sum(_CHAR if ord(ch) > 0x2E80 else _CHAR * 0.58 for ch in text)


def _fmt(v: float) -> str:
    return f"{v:.4g}"


def legend(items: Sequence[tuple[str, str]]) -> str:
    """An HTML legend: (verdict key, label) pairs as coloured swatches."""
    spans = "".join(
        f"<span class='sw' style='background:{COLOURS.get(k, ('#999', ''))[0]}'></span>{escape(label)}"
        for k, label in items
    )
    return f"<div class='legend'>{spans}</div>"


def stacked_bar(counts: Sequence[tuple[str, str, int]], *, width: int = 560, title: str = "") -> str:
    """One horizontal bar split by verdict: (key, label, count) in order."""
    total = sum(n for _, _, n in counts)
    if total == 0:
        return ""
    h = 26
    x = 0.0
    parts = []
    for key, label, n in counts:
        if not n:
            continue
        w = width * n / total
        bg, fg = COLOURS.get(key, ("#999", "#fff"))
        parts.append(
            f"<g><title>{escape(label)}: {n}</title><rect x='{x:.1f}' y='0' width='{w:.1f}' height='{h}' fill='{bg}'/>"
            + (
                f"<text x='{x + w / 2:.1f}' y='17' fill='{fg}' text-anchor='middle'>{n}</text>"
                if w >= _text_width(str(n)) + 6
                else ""
            )
            + "</g>"
        )
        x += w
    return (
        f"<svg class='chart' role='img' aria-label='{escape(title)}' viewBox='0 0 {width} {h}' width='{width}' "
        f"height='{h}' font-size='{_FONT}'>{''.join(parts)}</svg>"
    )


@dataclass
class Pair:
    """One row of a dumbbell chart: the plan's value against the national one."""

    label: str
    plan: float
    national: float
    unit: str
    verdict: str
    verdict_label: str


def dumbbell(rows: Sequence[Pair], *, plan_name: str, national_name: str, width: int = 640) -> str:
    """Plan value (dot) against the national value (diamond), each row on its own axis
    spanning the two values (padded), both numbers printed: the difference is what shows."""
    if not rows:
        return ""
    label_w = min(280.0, max(_text_width(r.label) for r in rows) + 12)
    plot_w = width - label_w - 20
    row_h = 48  # room for the value under one row and above the next
    parts = []
    for i, r in enumerate(rows):
        y = i * row_h + 24
        lo, hi = min(r.plan, r.national), max(r.plan, r.national)
        pad = (hi - lo) * 0.35 or max(abs(hi) * 0.05, 0.5)
        lo, hi = lo - pad, hi + pad

        def sx(v: float, lo: float = lo, hi: float = hi) -> float:
            return label_w + (v - lo) / (hi - lo) * plot_w

        px, nx = sx(r.plan), sx(r.national)
        colour = COLOURS.get(r.verdict, ("#57606a", ""))[0]
        label = r.label
        while _text_width(label) > label_w - 8 and len(label) > 2:  # shorten the end, keep the year in front
            label = label[:-2] + "…"
        parts.append(
            f"<g><title>{escape(r.label)} — {escape(plan_name)}: {_fmt(r.plan)}{escape(r.unit)}; "
            f"{escape(national_name)}: {_fmt(r.national)}{escape(r.unit)} ({escape(r.verdict_label)})</title>"
            f"<text x='{label_w - 8:.1f}' y='{y + 4}' text-anchor='end'>{escape(label)}</text>"
            f"<line x1='{label_w}' x2='{label_w + plot_w}' y1='{y}' y2='{y}' stroke='#eaeef2'/>"
            f"<line x1='{min(px, nx):.1f}' x2='{max(px, nx):.1f}' y1='{y}' y2='{y}' stroke='{colour}' stroke-width='3'/>"
            f"<path d='M{nx:.1f} {y - 6} l6 6 l-6 6 l-6 -6z' fill='#24292f'/>"
            f"<circle cx='{px:.1f}' cy='{y}' r='6' fill='{colour}' stroke='#24292f'/>"
            f"<text x='{px:.1f}' y='{y - 9}' text-anchor='middle' font-size='12'>{_fmt(r.plan)}</text>"
            f"<text x='{nx:.1f}' y='{y + 18}' text-anchor='middle' font-size='12' fill='#57606a'>{_fmt(r.national)}</text>"
            "</g>"
        )
    h = len(rows) * row_h + 14
    return (
        f"<svg class='chart' role='img' viewBox='0 0 {width} {h}' width='{width}' height='{h}' "
        f"font-size='{_FONT}'>{''.join(parts)}</svg>"
    )


def line_chart(
    points: Sequence[tuple[int, float]],
    targets: Sequence[tuple[int, float]],
    *,
    title: str,
    unit: str,
    width: int = 420,
    height: int = 220,
) -> str:
    """An observed series (line, points) and its targets (diamonds); the y axis spans
    the values shown (padded), with its range printed."""
    if not points:
        return ""
    xs = [x for x, _ in points] + [x for x, _ in targets]
    ys = [y for _, y in points] + [y for _, y in targets]
    x0, x1 = min(xs), max(xs)
    y0, y1 = min(ys), max(ys)
    pad = (y1 - y0) * 0.12 or max(abs(y1) * 0.05, 0.5)
    y0, y1 = y0 - pad, y1 + pad
    left, right, top, bottom = 52, 26, 26, 28  # room for the last year's label

    def sx(x: float) -> float:
        return left + (x - x0) / max(x1 - x0, 1) * (width - left - right)

    def sy(y: float) -> float:
        return top + (y1 - y) / (y1 - y0) * (height - top - bottom)

    ticks = _ticks(y0, y1)
    grid = "".join(
        f"<line x1='{left}' x2='{width - right}' y1='{sy(t):.1f}' y2='{sy(t):.1f}' stroke='#eaeef2'/>"
        f"<text x='{left - 6}' y='{sy(t) + 4:.1f}' text-anchor='end'>{_fmt(t)}</text>"
        for t in ticks
    )
    years = sorted(set(xs))
    step = max(1, math.ceil(len(years) / 6))
    xlabels = "".join(f"<text x='{sx(x):.1f}' y='{height - 8}' text-anchor='middle'>{x}</text>" for x in years[::step])
    path = " ".join(f"{'M' if i == 0 else 'L'}{sx(x):.1f} {sy(y):.1f}" for i, (x, y) in enumerate(points))
    dots = "".join(
        f"<circle cx='{sx(x):.1f}' cy='{sy(y):.1f}' r='4' fill='#0969da'><title>{x}: {_fmt(y)}{escape(unit)}</title></circle>"
        for x, y in points
    )
    diamonds = "".join(
        f"<path d='M{sx(x):.1f} {sy(y) - 7:.1f} l7 7 l-7 7 l-7 -7z' fill='#cf222e'>"
        f"<title>{x}: {_fmt(y)}{escape(unit)}</title></path>"
        for x, y in targets
    )
    return (
        f"<svg class='chart' role='img' aria-label='{escape(title)}' viewBox='0 0 {width} {height}' width='{width}' "
        f"height='{height}' font-size='{_FONT}'><text x='{left}' y='16' font-weight='600'>{escape(title)}"
        f"{' (' + escape(unit) + ')' if unit else ''}</text>{grid}{xlabels}"
        f"<path d='{path}' fill='none' stroke='#0969da' stroke-width='2'/>{dots}{diamonds}</svg>"
    )


def _ticks(lo: float, hi: float, n: int = 4) -> list[float]:
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.ceil(lo / step) * step
    out = []
    v = start
    while v <= hi + 1e-9:
        out.append(round(v, 10))
        v += step
    return out
