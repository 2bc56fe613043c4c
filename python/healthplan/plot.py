"""matplotlib plots of comparisons and evaluations (optional: ``pip install healthplan[plot]``).

Every function returns a :class:`matplotlib.figure.Figure` built without
pyplot, so nothing is shown or kept alive behind your back: display it in a
notebook, or ``fig.savefig("x.png")``.

Indicator and unit names are Chinese, so each figure is drawn with a CJK
font (Noto Sans CJK from Debian's ``fonts-noto-cjk``, else another CJK font
found by matplotlib's font manager); :func:`cjk_font` says which one. With
no CJK font installed a warning says how to install one, because the
labels would otherwise render as boxes.
"""

from __future__ import annotations

import contextlib
import functools
import math
import warnings
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .compare import Comparison
    from .evaluate import Observations

__all__ = [
    "STRINGENCY_COLORS",
    "VERDICT_COLORS",
    "cjk_font",
    "coverage_heatmap",
    "progress_chart",
    "responsibility_heatmap",
    "stringency_scorecard",
    "targets_plot",
    "verdict_scorecard",
]

#: Preferred CJK fonts, first found wins. Noto Sans CJK SC is Debian's fonts-noto-cjk.
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
    "Noto Sans CJK KR",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "Arial Unicode MS",
)

#: Traffic-light colours of the evaluation verdicts.
VERDICT_COLORS: dict[str, str] = {
    "achieved": "#1a7f37",
    "achieved_early": "#2da44e",
    "on_track": "#8fd19e",
    "off_track": "#f0a202",
    "missed": "#cf222e",
    "not_evaluable": "#d0d7de",
    "insufficient_data": "#afb8c1",
}

#: Colours of the stringency verdicts against the national target.
STRINGENCY_COLORS: dict[str, str] = {
    "stricter": "#1a7f37",
    "equal": "#54aeff",
    "looser": "#cf222e",
    "not_comparable": "#d0d7de",
}

_HINT = "healthplan's plots need matplotlib: pip install healthplan[plot]"

#: The smallest text any plot draws (points): legible at 100% zoom in a notebook.
FONT_PT = 9
#: Height of one line of FONT_PT text in inches, with line spacing: rows are sized from it
#: so wrapped labels of neighbouring rows never overlap.
_LINE_IN = FONT_PT * 1.3 / 72


def _mpl() -> Any:
    try:
        import matplotlib
        from matplotlib.figure import Figure  # noqa: F401
    except ImportError as err:  # pragma: no cover - exercised by monkeypatching in tests
        raise ImportError(_HINT) from err
    return matplotlib


@functools.lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The name of the CJK font the plots use, or None when none is installed."""
    _mpl()
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in installed:
            return name
    return None


@contextlib.contextmanager
def _style() -> Iterator[None]:
    """rc settings for one figure: a CJK font first, a real minus sign not needed."""
    matplotlib = _mpl()
    font = cjk_font()
    if font is None:
        warnings.warn(
            "no CJK font found, Chinese labels will not render; install one "
            "(Debian/Ubuntu: apt-get install fonts-noto-cjk)",
            RuntimeWarning,
            stacklevel=3,
        )
    # The concrete family name goes into font.family itself: text objects keep
    # their family list and resolve a generic "sans-serif" only when drawn,
    # which may be after this context has closed (a notebook's display).
    families = ([font] if font else []) + ["sans-serif"]
    sizes = {
        "font.size": FONT_PT,
        "axes.titlesize": FONT_PT + 2,
        "axes.labelsize": FONT_PT,
        "xtick.labelsize": FONT_PT,
        "ytick.labelsize": FONT_PT,
        "legend.fontsize": FONT_PT,
        "legend.title_fontsize": FONT_PT,
    }
    with matplotlib.rc_context({"font.family": families, "axes.unicode_minus": False, "figure.dpi": 100, **sizes}):
        yield


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _frame_of(data: object, what: str) -> pd.DataFrame:
    from ._pandas import pd

    if isinstance(data, pd.DataFrame):
        return data
    for attr in ("to_frame", "frame"):
        obj = getattr(data, attr, None)
        if callable(obj):
            obj = obj()
        if isinstance(obj, pd.DataFrame):
            return obj
    raise TypeError(f"{what}: expected a pandas DataFrame, not {type(data).__name__}")


#: Unit symbols as a Chinese reader expects them on an axis.
_UNIT_LABELS = {"years": "岁", "1/100000": "1/10万", "1/10000": "1/万", "percentage_point": "个百分点"}


def _unit_label(symbol: str) -> str:
    return _UNIT_LABELS.get(symbol, symbol)


def _wrap(text: str, width: int, max_lines: int = 4) -> str:
    """``text`` over lines of at most ``width`` characters (Chinese has no spaces to break at,
    so it breaks between characters); beyond ``max_lines`` the last line ends in "…"."""
    import textwrap

    lines = textwrap.wrap(str(text), width=width, break_long_words=True, break_on_hyphens=False) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1] + "…"
    return "\n".join(lines)


def _lines(labels: Sequence[str]) -> int:
    return max((label.count("\n") + 1 for label in labels), default=1)


def _row_height(labels: Sequence[str], minimum: float = 0.3) -> float:
    """Inches per row so that the tallest wrapped label fits without touching the next."""
    return max(minimum, _lines(labels) * _LINE_IN + 0.08)


def _column_width(labels: Sequence[str], minimum: float = 0.9) -> float:
    """Inches per column so that the widest line of the column labels fits beside the next."""
    widest = max((len(line) for label in labels for line in label.split("\n")), default=1)
    return max(minimum, widest * FONT_PT / 72 + 0.15)


def _legend_outside(ax: Axes, handles: Sequence[Any], title: str | None = None) -> None:
    """A legend beside the plot, never over the data or the labels."""
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False, title=title)


# ------------------------------------------------------------------ targets --


def targets_plot(comparison: Comparison, indicator: str, *, year: int | None = None) -> Figure:
    """One indicator's targets across plans, each beside the national value it is compared with.

    ``indicator`` is a catalog code ("HC04-01") or a name the catalog matches.
    One row per plan and target year: a dot at the plan's threshold in the
    catalog unit, coloured by its stringency verdict, and a diamond at the
    national target of that year (filled), or at the national path interpolated
    between the nearest national targets when the national plan states none for
    that year (hollow). The value axis spans the values shown, not from zero, so
    a difference such as 90.3 against 90.86 is visible.
    """
    code = indicator if comparison.catalog.find(indicator) else comparison.catalog.match(indicator).code
    entry = comparison.catalog.find(code) if code else None
    if entry is None:
        raise ValueError(f"'{indicator}' is not a catalog code or a name the catalog matches")
    t = comparison.targets
    t = t[(t["code"] == code) & t["kind"].isin(["level", "rate"]) & t["value"].notna()]
    if year is not None:
        t = t[t["year"] == year]
    rows = _target_rows(comparison, entry, t)
    if not rows:
        raise ValueError(f"no plan target with a value for {entry.name} ({code}){f' in {year}' if year else ''}")
    unit = next((r["unit"] for r in rows if r["unit"]), entry.unit.symbol)
    labels = [f"{_wrap(r['plan'], 12, 2)}\n{r['year']}: {r['value']:g}" for r in rows]
    values = [r["value"] for r in rows] + [r["national"] for r in rows if r["national"] is not None]

    with _style():
        fig = _figure(7.5, 1.5 + len(rows) * _row_height(labels))
        ax = fig.add_subplot()
        for i, r in enumerate(rows):
            if r["national"] is not None:
                ax.hlines(i, min(r["value"], r["national"]), max(r["value"], r["national"]), color="#8c959f", lw=1.5)
                stated = r["basis"] == "national_target"
                ax.scatter(
                    r["national"],
                    i,
                    marker="D",
                    s=55,
                    zorder=3,
                    linewidths=1.2,
                    facecolors="#24292f" if stated else "white",
                    edgecolors="#24292f" if stated else "#57606a",
                )
            ax.scatter(
                r["value"],
                i,
                s=80,
                zorder=4,
                color=STRINGENCY_COLORS.get(r["verdict"], "#888888"),
                edgecolors="#333333",
                linewidths=0.5,
            )
        ax.set_yticks(range(len(rows)), labels)
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_xlim(*_span(values))
        direction = {"higher": "越高越好", "lower": "越低越好"}.get(entry.direction.name, "")
        ax.set_title(_wrap(f"{entry.name}({entry.code})", 34, 2))
        ax.set_xlabel(f"目标值 {_unit_label(unit)}{(' · ' + direction) if direction else ''}")
        ax.grid(True, axis="x", color="#eaeef2")
        ax.set_axisbelow(True)
        present = {r["verdict"] for r in rows}
        handles = [_patch(c, k) for k, c in STRINGENCY_COLORS.items() if k in present]
        handles += _national_handles({r["basis"] for r in rows if r["national"] is not None})
        _legend_outside(ax, handles)
    return fig


def _target_rows(comparison: Comparison, entry: Any, t: pd.DataFrame) -> list[dict[str, Any]]:
    """One row per plan target shown: plan label, year, value, unit, verdict and the national value beside it."""
    from ._core import national_reference

    rows = []
    plans = [comparison.labels[p.id] for p in comparison.plans]
    for y in sorted(int(v) for v in t["year"].dropna().unique()):
        for label in plans:
            r = t[(t["year"] == y) & (t["plan"] == label)]
            if r.empty:
                continue
            row = r.iloc[0]
            national, basis = None, ""
            nat = entry.target_for(y)
            if nat is not None and nat.value is not None:
                national, basis = float(nat.value), "national_target"
            elif nat is None and getattr(comparison, "interpolate", True):
                ref = national_reference(entry, y)
                if ref.value is not None:
                    national, basis = float(ref.value), "interpolated"
            rows.append(
                {
                    "plan": label,
                    "year": y,
                    "value": float(row["value"]),
                    "unit": str(row["unit"] or ""),
                    "verdict": str(row["verdict"]),
                    "national": national,
                    "basis": basis,
                }
            )
    return rows


def _span(values: Sequence[float]) -> tuple[float, float]:
    """Axis limits around ``values`` with a margin: the spread they have, not from zero."""
    lo, hi = min(values), max(values)
    spread = hi - lo if hi > lo else max(abs(hi), 1.0) * 0.05
    return lo - 0.15 * spread, hi + 0.15 * spread


def _national_handles(bases: set[str]) -> list[Any]:
    from matplotlib.lines import Line2D

    out = []
    if "national_target" in bases:
        out.append(Line2D([], [], marker="D", ls="", color="#24292f", label="全国目标 national target"))
    if "interpolated" in bases:
        out.append(
            Line2D(
                [],
                [],
                marker="D",
                ls="",
                markerfacecolor="white",
                markeredgecolor="#57606a",
                label="全国路径插值 interpolated national path",
            )
        )
    return out


def _patch(color: str, label: str) -> Any:
    from matplotlib.patches import Patch

    names = {
        "stricter": "严于全国",
        "equal": "等于全国",
        "looser": "宽于全国",
        "not_comparable": "不可比",
        "achieved": "已实现",
        "achieved_early": "提前实现",
        "on_track": "进展顺利",
        "off_track": "进度滞后",
        "missed": "未实现",
        "not_evaluable": "无法评估",
        "insufficient_data": "数据不足",
    }
    return Patch(facecolor=color, edgecolor="#333333", linewidth=0.5, label=f"{names.get(label, label)} {label}")


# ----------------------------------------------------------------- coverage --


def coverage_heatmap(comparison: Comparison, *, only_covered: bool = True, max_rows: int = 60) -> Figure:
    """Catalog indicators × plans: a filled cell where the plan sets a target.

    With ``only_covered`` the rows are the indicators at least one plan
    covers; the rightmost column marks those with a national target.
    """
    import numpy as np

    cov = comparison.coverage
    plans = [comparison.labels[p.id] for p in comparison.plans]
    if only_covered:
        cov = cov[cov["n_plans"] > 0]
    cov = cov.head(max_rows)
    if cov.empty:
        raise ValueError("no catalog indicator is covered by any plan")
    matrix = cov[plans].to_numpy(dtype=float)
    national = (cov["national_targets"] != "").to_numpy(dtype=float)[:, None]
    data = np.hstack([matrix, national * 0.5])
    colors = ["#f6f8fa", "#afb8c1", "#2da44e"]
    columns = [_wrap(p, 6) for p in plans] + ["全国目标"]
    rows = [_wrap(f"{c} {n}", 18, 3) for c, n in zip(cov["code"], cov["name"])]
    with _style():
        fig = _figure(3.6 + 2.2 + _column_width(columns) * len(columns), 1.6 + _row_height(rows) * len(rows))
        ax = fig.add_subplot()
        from matplotlib.colors import ListedColormap

        ax.imshow(data, aspect="auto", cmap=ListedColormap(colors), vmin=0, vmax=1)
        ax.set_xticks(range(len(columns)), columns)
        ax.xaxis.tick_top()
        ax.set_yticks(range(len(rows)), rows)
        ax.set_xticks(np.arange(-0.5, len(plans) + 1, 1), minor=True)
        ax.set_yticks(np.arange(-0.5, len(cov), 1), minor=True)
        ax.grid(which="minor", color="white", linewidth=1.5)
        ax.tick_params(which="minor", length=0)
        ax.set_title("指标覆盖 coverage")
        labels = ["未设目标 no target", "全国有目标 national target", "规划设有目标 plan target"]
        _legend_outside(ax, [_swatch(c, label) for c, label in zip(colors, labels)])
    return fig


def _swatch(color: str, label: str) -> Any:
    from matplotlib.patches import Patch

    return Patch(facecolor=color, edgecolor="#333333", linewidth=0.5, label=label)


def responsibility_heatmap(comparison: Comparison, *, role: str = "tasks") -> Figure:
    """Department kind × plan: how many tasks each kind leads (``role="led"``), co-owns
    (``"co_responsible"``) or either (``"tasks"``), as an annotated heatmap."""
    m = comparison.responsibility_matrix(role)
    if m.empty:
        raise ValueError("no task names a responsible unit")
    m = m[m.sum(axis=1) > 0]
    data = m.to_numpy(dtype=float)
    columns = [_wrap(str(c), 6) for c in m.columns]
    rows = [_wrap(zh, 10, 2) for _, zh in m.index]
    with _style():
        fig = _figure(2.6 + 1.4 + _column_width(columns) * len(columns), 1.6 + _row_height(rows) * len(rows))
        ax = fig.add_subplot()
        image = ax.imshow(data, aspect="auto", cmap="Blues", vmin=0, vmax=max(1.0, float(data.max())))
        for i in range(data.shape[0]):
            for j in range(data.shape[1]):
                if data[i, j]:
                    ax.text(
                        j,
                        i,
                        f"{int(data[i, j])}",
                        ha="center",
                        va="center",
                        color="white" if data[i, j] > data.max() / 2 else "#24292f",
                    )
        ax.set_xticks(range(len(columns)), columns)
        ax.xaxis.tick_top()
        ax.set_yticks(range(len(rows)), rows)
        titles = {"led": "牵头任务数", "co_responsible": "配合任务数", "tasks": "承担任务数(牵头或配合)"}
        ax.set_title(f"部门类别 × 规划:{titles.get(role, role)}")
        # The colour scale is the legend of the cell colours.
        bar = fig.colorbar(image, ax=ax, shrink=min(1.0, 3.0 / max(1.0, fig.get_figheight())), pad=0.02)
        bar.set_label(titles.get(role, role))
        from matplotlib.ticker import MaxNLocator

        bar.locator = MaxNLocator(integer=True)
        bar.update_ticks()
    return fig


# --------------------------------------------------------------- scorecards --


def _traffic_lights(ax: Axes, grid: pd.DataFrame, colors: Mapping[str, str]) -> None:
    for i, row in enumerate(grid.index):
        for j, col in enumerate(grid.columns):
            v = grid.loc[row, col]
            if isinstance(v, str) and v:
                ax.scatter(j, i, s=260, color=colors.get(v, "#888888"), edgecolors="#333333", linewidths=0.5)
    ax.set_xlim(-0.6, len(grid.columns) - 0.4)
    ax.set_ylim(len(grid.index) - 0.4, -0.6)
    ax.set_xticks(range(len(grid.columns)), _column_labels(grid))
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(grid.index)), _row_labels(grid))
    ax.grid(True, color="#eaeef2", linewidth=0.5)
    ax.set_axisbelow(True)


def _column_labels(grid: pd.DataFrame) -> list[str]:
    return [_wrap(str(c), 6) for c in grid.columns]


def _row_labels(grid: pd.DataFrame) -> list[str]:
    return [_wrap(str(r), 16, 3) for r in grid.index]


def _grid_figure(grid: pd.DataFrame) -> Figure:
    """A figure sized so the wrapped row and column labels of ``grid`` fit, with room for a legend."""
    columns, rows = _column_labels(grid), _row_labels(grid)
    return _figure(2.4 + 2.4 + _column_width(columns) * len(columns), 1.6 + _row_height(rows) * len(rows))


def stringency_scorecard(comparison: Comparison, *, year: int | None = None) -> Figure:
    """Traffic lights, catalog indicator (and year) × plan: stricter, equal or looser than the national target.

    Rows of a year without a national target, compared with the interpolated national path, end in 插值.
    """
    t = comparison.targets
    t = t[t["verdict"] != "not_comparable"]
    t = t.assign(verdict=t["verdict"].astype(str))  # plain labels in the grid (the frame's is a Categorical)
    if year is not None:
        t = t[t["year"] == year]
    if t.empty:
        raise ValueError("no target is comparable with a national target")
    # A year compared with the interpolated national path (no national target that year) is marked 插值.
    suffix = t["basis"].str.startswith("interpolated").map({True: " 插值", False: ""})
    t = t.assign(row=t["name"] + " " + t["year"].astype(str) + suffix)
    grid = t.groupby(["row", "plan"])["verdict"].first().unstack("plan").fillna("")
    grid = grid[[c for c in (comparison.labels[p.id] for p in comparison.plans) if c in grid.columns]]
    with _style():
        fig = _grid_figure(grid)
        ax = fig.add_subplot()
        _traffic_lights(ax, grid, STRINGENCY_COLORS)
        ax.set_title("与国家目标相比的严格程度")
        _legend_outside(ax, [_patch(c, k) for k, c in STRINGENCY_COLORS.items() if k != "not_comparable"])
    return fig


def verdict_scorecard(evaluation: Any, *, by: str = "indicator", rows: str = "plan_id", max_rows: int = 40) -> Figure:
    """Evaluation verdicts as a scorecard.

    ``by="indicator"``: traffic lights, ``rows`` (plan) × indicator (× year),
    the most recent target year per cell. ``by="lead"``: lead unit × verdict,
    a stacked bar of how many targets each lead unit carries per verdict;
    ``by="lead_kind"``: the same by department kind (卫生健康, 教育 …).
    ``evaluation`` is the DataFrame ``healthplan.evaluate`` returns (columns
    plan_id, indicator, year, verdict and, for ``by="lead"``, lead).
    """
    frame = _frame_of(evaluation, "verdict_scorecard")
    if "verdict" in frame.columns:
        frame = frame.assign(verdict=frame["verdict"].astype(str))  # plain labels (the frame's is a Categorical)
    missing = (
        {"verdict", "indicator", rows} - set(frame.columns)
        if by == "indicator"
        else ({"verdict", "lead"} - set(frame.columns))
    )
    if missing:
        raise ValueError(f"verdict_scorecard: the frame lacks columns {sorted(missing)}")
    if frame.empty:
        raise ValueError("verdict_scorecard: no verdicts to show")
    if by == "indicator":
        f = frame.copy()
        f["column"] = f["indicator"].astype(str)
        if "year" in f.columns:
            f["column"] = f["column"] + " " + f["year"].astype("string").fillna("")
        grid = f.groupby([rows, "column"])["verdict"].last().unstack("column").fillna("")
        grid = grid.T.head(max_rows)  # indicators down, plans across: long names read better
        with _style():
            fig = _grid_figure(grid)
            ax = fig.add_subplot()
            _traffic_lights(ax, grid, VERDICT_COLORS)
            ax.set_title("目标评估结果")
            present = set(f["verdict"])
            _legend_outside(ax, [_patch(c, k) for k, c in VERDICT_COLORS.items() if k in present])
        return fig
    if by in ("lead", "lead_kind"):
        f = frame.assign(lead=frame["lead"].fillna("").replace("", "(未指定)"))
        f = f.assign(lead=f["lead"].str.split("、")).explode("lead")
        if by == "lead_kind":
            from ._core import department_kind, normalize_agency

            f = f.assign(
                lead=f["lead"].map(
                    lambda n: n if n == "(未指定)" else department_kind(normalize_agency(n).kind).label_zh
                )
            )
        counts = f.groupby(["lead", "verdict"]).size().unstack("verdict", fill_value=0)
        counts = counts.loc[counts.sum(axis=1).sort_values(ascending=True).index].tail(max_rows)
        lead_labels = [_wrap(str(x), 12, 2) for x in counts.index]
        with _style():
            fig = _figure(8.5, 1.6 + _row_height(lead_labels) * len(lead_labels))
            ax = fig.add_subplot()
            left = None
            for verdict, color in VERDICT_COLORS.items():
                if verdict not in counts.columns:
                    continue
                vals = counts[verdict].to_numpy()
                ax.barh(range(len(counts)), vals, left=left, color=color, edgecolor="white", label=verdict)
                left = vals if left is None else left + vals
            ax.set_yticks(range(len(counts)), lead_labels)
            ax.set_xlabel("目标数")
            from matplotlib.ticker import MaxNLocator

            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.set_title("牵头单位 × 评估结果" if by == "lead" else "牵头部门类别 × 评估结果")
            _legend_outside(ax, [_patch(VERDICT_COLORS[k], k) for k in VERDICT_COLORS if k in counts.columns])
        return fig
    raise ValueError(f"by must be 'indicator', 'lead' or 'lead_kind', not {by!r}")


# ----------------------------------------------------------------- progress --


def progress_chart(
    observed: pd.DataFrame | Observations,
    indicator: str | None = None,
    *,
    targets: Mapping[int, float] | Sequence[tuple[int, float]] | None = None,
    baseline: tuple[int, float] | None = None,
    project_to: int | None = None,
    unit: str = "",
    title: str | None = None,
    band: float = 0.95,
) -> Figure:
    """Observed series, baseline, target(s) and a linear projection with its prediction band.

    ``observed`` is a DataFrame with ``year`` and ``value`` columns (and
    ``indicator``, filtered by ``indicator`` when given), or an object with
    ``to_frame()``. ``targets`` maps target year → value. The projection is an
    ordinary least-squares line through the observations, extended to
    ``project_to`` (default: the last target year), with a ``band`` prediction
    interval from the residual spread (Student t, needs ≥ 3 points).
    """
    import numpy as np

    frame = _frame_of(observed, "progress_chart")
    if indicator is not None and "indicator" in frame.columns:
        frame = frame[frame["indicator"] == indicator]
    if "flags" in frame.columns:  # superseded figures are kept in the data but never used
        frame = frame[~frame["flags"].fillna("").astype(str).str.contains("superseded")]
    if not {"year", "value"} <= set(frame.columns):
        raise ValueError("progress_chart: observed data need 'year' and 'value' columns")
    obs = frame[["year", "value"]].dropna().groupby("year")["value"].mean().reset_index().sort_values("year")
    if obs.empty:
        raise ValueError(f"progress_chart: no observations{' for ' + indicator if indicator else ''}")
    if unit == "" and "unit" in frame.columns and frame["unit"].notna().any():
        unit = str(frame["unit"].dropna().iloc[0])
    goal = dict(targets.items() if isinstance(targets, Mapping) else (targets or []))
    x = obs["year"].to_numpy(dtype=float)
    y = obs["value"].to_numpy(dtype=float)
    end = project_to or (max(goal) if goal else int(x[-1]) + 3)

    with _style():
        fig = _figure(8.5, 4.2)
        ax = fig.add_subplot()
        ax.plot(x, y, "o-", color="#0969da", label="观测值 observed", zorder=3)
        if len(x) >= 2 and end > x[-1]:
            slope, intercept = np.polyfit(x, y, 1)
            xs = np.linspace(x[-1], end, 50)
            ax.plot(xs, slope * xs + intercept, "--", color="#0969da", alpha=0.8, label="线性外推 projection")
            if len(x) >= 3:
                from math import sqrt

                resid = y - (slope * x + intercept)
                s = sqrt(float(np.sum(resid**2)) / (len(x) - 2))
                t = _t_quantile(0.5 + band / 2, len(x) - 2)
                mx, sxx = x.mean(), float(np.sum((x - x.mean()) ** 2))
                half = t * s * np.sqrt(1 + 1 / len(x) + (xs - mx) ** 2 / sxx)
                ax.fill_between(
                    xs,
                    slope * xs + intercept - half,
                    slope * xs + intercept + half,
                    color="#0969da",
                    alpha=0.12,
                    label=f"{int(band * 100)}% 预测区间 band",
                )
        if baseline is not None:
            ax.scatter([baseline[0]], [baseline[1]], marker="s", color="#6e7781", zorder=4, label="基线 baseline")
        for year_, value in sorted(goal.items()):
            ax.scatter([year_], [value], marker="*", s=180, color="#cf222e", zorder=5)
            ax.annotate(
                f"目标 {value:g}",
                (year_, value),
                xytext=(6, 4),
                textcoords="offset points",
                color="#cf222e",
            )
        if goal:
            ax.scatter([], [], marker="*", s=120, color="#cf222e", label="目标 target")
        ax.margins(x=0.12)  # room on the right for the last target's label
        ax.set_title(_wrap(title or (indicator or "进展"), 40, 2))
        ax.set_xlabel("年份")
        ax.set_ylabel(_unit_label(unit))
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        handles, _ = ax.get_legend_handles_labels()
        _legend_outside(ax, handles)
        ax.grid(True, color="#eaeef2")
    return fig


def _t_quantile(p: float, dof: int) -> float:
    """Student-t quantile; scipy when present, else a normal approximation corrected for small dof."""
    try:
        from scipy.stats import t as student_t

        return float(student_t.ppf(p, dof))
    except ImportError:
        from statistics import NormalDist

        z = NormalDist().inv_cdf(p)
        # Cornish–Fisher expansion: accurate to ~1% for dof ≥ 3.
        g1 = (z**3 + z) / 4
        g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
        return z + g1 / dof + g2 / dof**2 if dof > 0 else math.inf
