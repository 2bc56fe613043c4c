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
    with matplotlib.rc_context({"font.family": families, "axes.unicode_minus": False, "figure.dpi": 100}):
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


def _short(text: str, limit: int = 18) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ------------------------------------------------------------------ targets --


def targets_plot(comparison: Comparison, indicator: str, *, year: int | None = None) -> Figure:
    """One indicator's targets across plans, against the national line.

    ``indicator`` is a catalog code ("HC04-01") or a name the catalog matches.
    Bars are the plans' thresholds in the catalog unit, coloured by their
    stringency verdict; the dashed line is the national target of that year,
    a dotted line the national path interpolated between the nearest national
    targets when the national plan states none for that year.
    """
    from ._core import national_reference

    code = indicator if comparison.catalog.find(indicator) else comparison.catalog.match(indicator).code
    entry = comparison.catalog.find(code) if code else None
    if entry is None:
        raise ValueError(f"'{indicator}' is not a catalog code or a name the catalog matches")
    t = comparison.targets
    t = t[(t["code"] == code) & t["kind"].isin(["level", "rate"]) & t["value"].notna()]
    if year is not None:
        t = t[t["year"] == year]
    years = sorted(int(y) for y in t["year"].dropna().unique())
    nat_years = sorted(x.year for x in entry.targets if x.value is not None and (year is None or x.year == year))
    years = sorted(set(years) | set(nat_years)) or ([year] if year else [])
    if not years:
        raise ValueError(f"no targets with values for {entry.name} ({code})")

    plans = [comparison.labels[p.id] for p in comparison.plans]
    with _style():
        fig = _figure(max(5.0, 1.4 + 1.1 * len(years) * max(1, len(plans)) * 0.45), 4.0)
        ax = fig.add_subplot()
        width = 0.8 / max(1, len(plans))
        unit = ""
        for yi, y in enumerate(years):
            rows = t[t["year"] == y]
            for pi, label in enumerate(plans):
                r = rows[rows["plan"] == label]
                if r.empty:
                    continue
                row = r.iloc[0]
                unit = row["unit"] or unit
                x = yi - 0.4 + width * (pi + 0.5)
                ax.bar(
                    x,
                    row["value"],
                    width * 0.9,
                    color=STRINGENCY_COLORS.get(row["verdict"], "#888888"),
                    edgecolor="#333333",
                    linewidth=0.5,
                )
                ax.annotate(
                    f"{_short(label, 6)}\n{row['value']:g}",
                    (x, row["value"]),
                    ha="center",
                    va="bottom",
                    fontsize=7,
                    xytext=(0, 2),
                    textcoords="offset points",
                )
            nat = entry.target_for(y)
            if nat is not None and nat.value is not None:
                unit = unit or nat.unit.symbol
                ax.hlines(nat.value, yi - 0.45, yi + 0.45, colors="#24292f", linestyles="--", linewidth=1.5)
                ax.annotate(
                    f"全国 {nat.text}",
                    (yi - 0.45, nat.value),
                    fontsize=8,
                    ha="left",
                    va="top",
                    color="#24292f",
                    xytext=(0, -3),
                    textcoords="offset points",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
                )
            elif nat is None and not rows.empty and getattr(comparison, "interpolate", True):
                # No national target that year: the interpolated national path, dotted and labelled as such.
                ref = national_reference(entry, y)
                if ref.value is not None:
                    unit = unit or ref.unit.symbol
                    ax.hlines(ref.value, yi - 0.45, yi + 0.45, colors="#57606a", linestyles=":", linewidth=1.5)
                    ax.annotate(
                        f"全国路径插值 {ref.value:.4g} ({ref.from_year}–{ref.to_year})",
                        (yi - 0.45, ref.value),
                        fontsize=8,
                        ha="left",
                        va="top",
                        color="#57606a",
                        xytext=(0, -3),
                        textcoords="offset points",
                        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
                    )
        ax.set_xticks(range(len(years)), [str(y) for y in years])
        direction = {"higher": "越高越好", "lower": "越低越好"}.get(entry.direction.name, "")
        ax.set_title(f"{entry.name}({entry.code})")
        ax.set_ylabel(f"目标值 {_unit_label(unit)} {('· ' + direction) if direction else ''}")
        ax.margins(y=0.18)
        handles = [_patch(c, k) for k, c in STRINGENCY_COLORS.items() if k in set(t["verdict"])]
        if handles:
            ax.legend(handles=handles, fontsize=8, loc="upper left", frameon=False)
    return fig


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
    with _style():
        fig = _figure(max(5.5, 2.8 + 0.9 * (len(plans) + 1)), 1.2 + 0.28 * len(cov))
        ax = fig.add_subplot()
        from matplotlib.colors import ListedColormap

        ax.imshow(data, aspect="auto", cmap=ListedColormap(["#f6f8fa", "#afb8c1", "#2da44e"]), vmin=0, vmax=1)
        ax.set_xticks(range(len(plans) + 1), [_short(p, 8) for p in plans] + ["全国目标"], rotation=30, ha="right")
        ax.set_yticks(range(len(cov)), [f"{c} {_short(n, 20)}" for c, n in zip(cov["code"], cov["name"])], fontsize=8)
        ax.set_xticks(np.arange(-0.5, len(plans) + 1, 1), minor=True)
        ax.set_yticks(np.arange(-0.5, len(cov), 1), minor=True)
        ax.grid(which="minor", color="white", linewidth=1.5)
        ax.tick_params(which="minor", length=0)
        ax.set_title("指标覆盖 coverage")
    return fig


def responsibility_heatmap(comparison: Comparison, *, role: str = "tasks") -> Figure:
    """Department kind × plan: how many tasks each kind leads (``role="led"``), co-owns
    (``"co_responsible"``) or either (``"tasks"``), as an annotated heatmap."""
    m = comparison.responsibility_matrix(role)
    if m.empty:
        raise ValueError("no task names a responsible unit")
    m = m[m.sum(axis=1) > 0]
    data = m.to_numpy(dtype=float)
    with _style():
        fig = _figure(max(5.5, 2.6 + 0.9 * len(m.columns)), 1.2 + 0.3 * len(m))
        ax = fig.add_subplot()
        ax.imshow(data, aspect="auto", cmap="Blues", vmin=0, vmax=max(1.0, float(data.max())))
        for i in range(data.shape[0]):
            for j in range(data.shape[1]):
                if data[i, j]:
                    ax.text(
                        j,
                        i,
                        f"{int(data[i, j])}",
                        ha="center",
                        va="center",
                        fontsize=7,
                        color="white" if data[i, j] > data.max() / 2 else "#24292f",
                    )
        ax.set_xticks(range(len(m.columns)), [_short(str(c), 8) for c in m.columns], rotation=30, ha="right")
        ax.set_yticks(range(len(m)), [zh for _, zh in m.index], fontsize=8)
        titles = {"led": "牵头任务数", "co_responsible": "配合任务数", "tasks": "承担任务数(牵头或配合)"}
        ax.set_title(f"部门类别 × 规划:{titles.get(role, role)}")
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
    ax.set_xticks(range(len(grid.columns)), [_short(str(c), 10) for c in grid.columns], rotation=30, ha="right")
    ax.set_yticks(range(len(grid.index)), [_short(str(r), 26) for r in grid.index], fontsize=8)
    ax.grid(True, color="#eaeef2", linewidth=0.5)
    ax.set_axisbelow(True)


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
    t = t.assign(row=t["name"].map(lambda n: _short(n, 18)) + " " + t["year"].astype(str) + suffix)
    grid = t.groupby(["row", "plan"])["verdict"].first().unstack("plan").fillna("")
    grid = grid[[c for c in (comparison.labels[p.id] for p in comparison.plans) if c in grid.columns]]
    with _style():
        fig = _figure(3.6 + 0.9 * len(grid.columns), 1.2 + 0.32 * len(grid))
        ax = fig.add_subplot()
        _traffic_lights(ax, grid, STRINGENCY_COLORS)
        ax.set_title("与国家目标相比的严格程度")
        ax.legend(
            handles=[_patch(c, k) for k, c in STRINGENCY_COLORS.items() if k != "not_comparable"],
            fontsize=7,
            loc="upper left",
            bbox_to_anchor=(1.0, 1.0),
            frameon=False,
        )
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
        f["column"] = f["indicator"].map(lambda n: _short(str(n), 14))
        if "year" in f.columns:
            f["column"] = f["column"] + " " + f["year"].astype("string").fillna("")
        grid = f.groupby([rows, "column"])["verdict"].last().unstack("column").fillna("")
        grid = grid.T.head(max_rows)  # indicators down, plans across: long names read better
        with _style():
            fig = _figure(3.8 + 0.9 * len(grid.columns), 1.2 + 0.32 * len(grid))
            ax = fig.add_subplot()
            _traffic_lights(ax, grid, VERDICT_COLORS)
            ax.set_title("目标评估结果")
            present = set(f["verdict"])
            ax.legend(
                handles=[_patch(c, k) for k, c in VERDICT_COLORS.items() if k in present],
                fontsize=7,
                loc="upper left",
                bbox_to_anchor=(1.0, 1.0),
                frameon=False,
            )
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
        with _style():
            fig = _figure(7.5, 1.2 + 0.3 * len(counts))
            ax = fig.add_subplot()
            left = None
            for verdict, color in VERDICT_COLORS.items():
                if verdict not in counts.columns:
                    continue
                vals = counts[verdict].to_numpy()
                ax.barh(range(len(counts)), vals, left=left, color=color, edgecolor="white", label=verdict)
                left = vals if left is None else left + vals
            ax.set_yticks(range(len(counts)), [_short(str(x), 16) for x in counts.index], fontsize=8)
            ax.set_xlabel("目标数")
            from matplotlib.ticker import MaxNLocator

            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.set_title("牵头单位 × 评估结果" if by == "lead" else "牵头部门类别 × 评估结果")
            ax.legend(
                handles=[_patch(VERDICT_COLORS[k], k) for k in VERDICT_COLORS if k in counts.columns],
                fontsize=7,
                loc="lower right",
                frameon=False,
            )
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
        fig = _figure(7.0, 4.2)
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
                xytext=(4, 4),
                textcoords="offset points",
                fontsize=8,
                color="#cf222e",
            )
        if goal:
            ax.scatter([], [], marker="*", s=120, color="#cf222e", label="目标 target")
        ax.set_title(title or (indicator or "进展"))
        ax.set_xlabel("年份")
        ax.set_ylabel(_unit_label(unit))
        ax.legend(fontsize=8, frameon=False, loc="best")
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
