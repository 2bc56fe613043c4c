"""The report: extract, compare and evaluate plans, summarise them in the
terminal and write ONE self-contained HTML file (tables and plots embedded as
base64 PNG, no external resources), so it can be mailed or opened offline.

``healthplan report`` (no arguments) runs it on the five bundled documents.
"""

from __future__ import annotations

import base64
import datetime as _dt
import html
import io
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .._progress import ProgressBar

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .._core import Plan
    from ..compare import Comparison

__all__ = ["Report", "build_report", "render_html", "run_report"]

DEFAULT_OUTPUT = "healthplan-report.html"

#: Indicators whose national series the report charts, when observed.
_PROGRESS_MAX = 6
_TARGET_PLOTS_MAX = 4


@dataclass
class Report:
    """Everything the report shows; ``render_html`` turns it into one HTML page."""

    plans: list[Plan]
    inputs: list[str]
    comparison: Comparison
    evaluation: pd.DataFrame | None = None  # national targets against observed figures
    observations: pd.DataFrame | None = None
    figures: dict[str, str] = field(default_factory=dict)  # name → base64 PNG
    notes: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ progress --

# -------------------------------------------------------------------- build --


def _inputs(paths: Sequence[str | os.PathLike[str]]) -> list[Path]:
    from .._inputs import list_inputs
    from ..datasets import seed_paths

    return list_inputs(paths) if paths else seed_paths()


def _png(fig: Any) -> str:
    buf = io.BytesIO()
    with warnings.catch_warnings():
        # A Chinese label drawn in a Latin font is a bug in the report, not a detail.
        warnings.filterwarnings("error", message=r".*[Gg]lyph.*missing.*")
        fig.savefig(buf, format="png", dpi=110)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def build_report(
    paths: Sequence[str | os.PathLike[str]] = (),
    *,
    catalog_files: Sequence[str] = (),
    observations: str | os.PathLike[str] | None = None,
    plots: bool = True,
    progress: bool | None = None,
    stream: TextIO | None = None,
) -> Report:
    """Extracts (or loads) the inputs, compares them and evaluates the national targets.

    ``paths``: ``.txt`` documents, ``.json`` plans or folders; none = the bundled
    documents. ``observations``: a CSV of national observed figures (default: the
    bundled ``china_observed.csv``). ``progress``: a bar on stderr (default: when
    it is a terminal).
    """
    from .._inputs import read_plans
    from ..compare import compare, load_catalog, national_plan
    from ..evaluate import Observations, evaluate, observed_china

    files = _inputs(paths)
    n_plots = (4 + _TARGET_PLOTS_MAX + _PROGRESS_MAX) if plots else 0
    bar = ProgressBar(len(files) + 3 + n_plots, stream=stream, enabled=progress)
    plans = read_plans(files, progress=lambda done, total: bar.update(done, f"extracting {done}/{total}"))
    bar.update(len(files))

    catalog = load_catalog(*catalog_files)
    bar.step("comparing")
    comparison = compare(plans, catalog=catalog)

    bar.step("evaluating national targets")
    obs = Observations.from_csv(observations) if observations else observed_china()
    evaluation = evaluate(national_plan(catalog), obs)
    obs_frame = obs.to_frame()
    report = Report(
        plans=plans,
        inputs=[os.fspath(f) for f in files],
        comparison=comparison,
        evaluation=evaluation,
        observations=obs_frame,
    )
    bar.step("evaluated")

    if plots:
        _add_figures(report, bar)
    bar.close()
    return report


def _add_figures(report: Report, bar: ProgressBar) -> None:
    from .. import plot

    c = report.comparison

    def attempt(name: str, make: Callable[[], Any]) -> None:
        try:
            fig = make()
        except ValueError as err:  # nothing to show (e.g. no comparable targets): say so, don't fail
            report.notes.append(f"{name}: {err}")
        else:
            report.figures[name] = _png(fig)
        bar.step(f"plotting {name}")

    attempt("stringency", lambda: plot.stringency_scorecard(c))
    attempt("coverage", lambda: plot.coverage_heatmap(c))
    attempt("responsibility", lambda: plot.responsibility_heatmap(c, role="led"))
    ev = report.evaluation
    if ev is not None:
        observed = ev[ev["latest_value"].notna()]
        attempt("national verdicts", lambda: plot.verdict_scorecard(observed.assign(plan_id="全国"), rows="plan_id"))
    # The indicators most plans set targets for, with a national target to compare.
    t = c.targets[c.targets["verdict"] != "not_comparable"]
    # Ranked by how many plans set them, then by how many targets differ from the national one.
    top = (
        t.assign(differs=t["verdict"] != "equal")
        .groupby("code")
        .agg(plans=("plan_id", "nunique"), differs=("differs", "sum"))
        .sort_values(["plans", "differs"], ascending=False, kind="stable")
    )
    for code in list(top.index[:_TARGET_PLOTS_MAX]):
        attempt(f"targets {code}", lambda code=code: plot.targets_plot(c, code))
    for _ in range(_TARGET_PLOTS_MAX - min(_TARGET_PLOTS_MAX, len(top))):
        bar.step("")
    # National progress: observed series against the national targets.
    charted = 0
    if ev is not None and report.observations is not None:
        # Longest observed series first: a single point makes a poor chart.
        with_data = ev[ev["latest_value"].notna()]
        depth = (
            with_data.groupby("indicator_key", sort=False)["points"].max().sort_values(ascending=False, kind="stable")
        )
        for code in depth.index:
            rows = with_data[with_data["indicator_key"] == code]
            if charted >= _PROGRESS_MAX:
                break
            name = rows["indicator"].iloc[0]
            targets = {int(y): float(v) for y, v in zip(rows["year"], rows["threshold"]) if v == v}
            entry = c.catalog.find(str(code)) or c.catalog.find(c.catalog.match(name).code or "")
            baseline = (
                (entry.baseline.year, entry.baseline.value)
                if entry and entry.baseline and entry.baseline.year
                else None
            )
            obs = report.observations
            attempt(
                f"progress {name}",
                lambda name=name, targets=targets, baseline=baseline, unit=rows["unit"].iloc[0], obs=obs: (
                    plot.progress_chart(obs, name, targets=targets, baseline=baseline, unit=unit, title=f"全国 {name}")
                ),
            )
            charted += 1
    for _ in range(_PROGRESS_MAX - charted):
        bar.step("")


# ------------------------------------------------------------------- render --

_CSS = """
body{font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:2em auto;
max-width:1180px;color:#24292f;line-height:1.45;padding:0 1em}
h1{font-size:1.6em;border-bottom:2px solid #d0d7de;padding-bottom:.3em}h2{font-size:1.25em;margin-top:1.8em;
border-bottom:1px solid #eaeef2}table{border-collapse:collapse;margin:.6em 0;font-size:.86em}
th,td{border:1px solid #d0d7de;padding:3px 7px;text-align:left;vertical-align:top}th{background:#f6f8fa}
tr:nth-child(even) td{background:#fbfcfd}.num{text-align:right}img{max-width:100%;border:1px solid #eaeef2;
margin:.4em 0}.v-stricter,.v-achieved,.v-achieved_early{color:#1a7f37;font-weight:600}
.v-looser,.v-missed{color:#cf222e;font-weight:600}.v-equal{color:#0969da}.v-on_track{color:#2da44e}
.v-off_track{color:#bf8700;font-weight:600}.muted{color:#6e7781;font-size:.85em}.grid{display:flex;
flex-wrap:wrap;gap:1em}.grid figure{margin:0;flex:1 1 480px}figcaption{font-size:.85em;color:#57606a}
.cards{display:flex;gap:1em;flex-wrap:wrap}.card{border:1px solid #d0d7de;border-radius:6px;padding:.6em 1em;
min-width:150px}.card b{font-size:1.4em;display:block}
"""


def _table(frame: pd.DataFrame, *, max_rows: int = 200, verdict_cols: Sequence[str] = ("verdict",)) -> str:
    import pandas as pd

    esc = html.escape
    if frame is None or frame.empty:
        return "<p class='muted'>(none)</p>"
    f = frame.head(max_rows)
    head = "".join(f"<th>{esc(str(c))}</th>" for c in f.columns)
    rows = []
    for rec in f.itertuples(index=False):
        cells = []
        for col, v in zip(f.columns, rec):
            if v is None or (isinstance(v, float) and v != v) or (v is pd.NA):
                cells.append("<td></td>")
            elif isinstance(v, (bool,)):
                cells.append(f"<td>{'✓' if v else ''}</td>")
            elif isinstance(v, float):
                cells.append(f"<td class='num'>{v:.4g}</td>")
            elif isinstance(v, int):
                cells.append(f"<td class='num'>{v}</td>")
            elif col in verdict_cols:
                cells.append(f"<td class='v-{esc(str(v))}'>{esc(str(v))}</td>")
            else:
                cells.append(f"<td>{esc(str(v))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    more = f"<p class='muted'>… {len(frame) - max_rows} more rows</p>" if len(frame) > max_rows else ""
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{more}"


def _img(report: Report, name: str, caption: str) -> str:
    data = report.figures.get(name)
    if not data:
        return ""
    return (
        f"<figure><img alt='{html.escape(caption)}' src='data:image/png;base64,{data}'>"
        f"<figcaption>{html.escape(caption)}</figcaption></figure>"
    )


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page."""
    from .. import __version__

    esc = html.escape
    c = report.comparison
    summary = c.summary()
    t = c.targets
    comparable = t[t["verdict"] != "not_comparable"]
    counts = comparable["verdict"].value_counts().to_dict()
    ev = report.evaluation
    ev_obs = ev[ev["latest_value"].notna()] if ev is not None else None
    now = _dt.datetime.now().strftime("%Y-%m-%d %H:%M")

    parts = [
        f"<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
        f"<title>healthplan report: {len(report.plans)} plans</title><style>{_CSS}</style></head><body>"
    ]
    parts.append(
        f"<h1>健康规划比较报告 · Health plan comparison report</h1>"
        f"<p class='muted'>healthplan {esc(__version__)} · {esc(now)} · "
        f"national catalog: {esc(c.catalog.name)} ({len(c.catalog)} indicators)</p>"
    )
    parts.append(
        "<div class='cards'>"
        + "".join(
            f"<div class='card'><b>{v}</b>{esc(k)}</div>"
            for k, v in (
                ("plans", len(report.plans)),
                ("targets extracted", int(summary["targets"].sum())),
                ("matched to the national catalog", len(t)),
                ("stricter than national", counts.get("stricter", 0)),
                ("equal to national", counts.get("equal", 0)),
                ("looser than national", counts.get("looser", 0)),
            )
        )
        + "</div>"
    )

    parts.append("<h2>1. Plans</h2>")
    tl = c.timelines[
        [
            "plan",
            "title",
            "level",
            "issue_date",
            "period_start",
            "period_end",
            "target_years",
            "n_targets",
            "n_matched_targets",
            "n_tasks",
        ]
    ]
    parts.append(_table(tl))
    parts.append("<p class='muted'>Inputs: " + esc(", ".join(Path(p).name for p in report.inputs)) + "</p>")

    parts.append("<h2>2. Ambition against the national targets</h2>")
    n_path = int(comparable["basis"].str.startswith("interpolated").sum())
    parts.append(
        "<p>Each plan target matched to a national indicator is compared with the national target of "
        "the same year, in the national unit; <i>stricter</i> respects the indicator's direction "
        "(a higher literacy target, a lower mortality target). When the national plan states no target "
        "for the plan's year (most local plans are 十四五 plans with 2025 targets; 健康中国行动 states "
        "2022 and 2030), the target is compared with the <b>national path interpolated</b> in a straight "
        "line between the nearest national points before and after it — a yardstick, not a stated "
        "national target. The <code>basis</code> column says which (<code>national_target</code> or "
        "<code>interpolated(2022–2030)</code>); years beyond the last national year are not "
        f"extrapolated and stay not comparable. {n_path} of the {len(comparable)} comparable targets "
        "rest on the interpolated path (column <code>interpolated</code> below; rows marked 插值 in the "
        "traffic lights, dotted lines in the bar charts).</p>"
    )
    parts.append(_table(summary.drop(columns=["plan_id"])))
    parts.append("<div class='grid'>" + _img(report, "stringency", "Stringency by indicator and plan") + "</div>")
    cols = [
        "name",
        "plan",
        "year",
        "op",
        "value",
        "unit",
        "national_op",
        "national_value",
        "basis",
        "verdict",
        "margin",
        "indicator",
        "match",
    ]
    order = comparable["verdict"].map({"stricter": 0, "looser": 1, "equal": 2})
    shown = comparable.assign(_order=order).sort_values(["_order", "name", "year"], kind="stable")
    differs = shown[shown["verdict"] != "equal"]
    parts.append(f"<h3>Targets that differ from the national target or path ({len(differs)})</h3>")
    parts.append(_table(differs[cols], max_rows=400))
    parts.append(
        f"<details><summary>All {len(shown)} comparable targets, including those equal to the "
        f"national target</summary>{_table(shown[cols], max_rows=1000)}</details>"
    )
    figs = "".join(
        _img(report, k, f"Targets across plans: {k.split(' ', 1)[1]}")
        for k in report.figures
        if k.startswith("targets ")
    )
    if figs:
        parts.append(f"<div class='grid'>{figs}</div>")

    parts.append("<h2>3. Coverage of the national indicators</h2>")
    parts.append(
        "<div class='grid'>" + _img(report, "coverage", "Which national indicators each plan targets") + "</div>"
    )
    cov = c.coverage[c.coverage["n_plans"] > 0]
    parts.append(_table(cov))
    missing = c.coverage[(c.coverage["n_plans"] == 0) & (c.coverage["national_targets"] != "")]
    parts.append(
        f"<p>National indicators with a target that no plan sets ({len(missing)}): "
        + esc("、".join(missing["name"]))
        + "</p>"
    )

    parts.append("<h2>4. Who carries the load: departments</h2>")
    parts.append(
        "<p>Tasks led and co-responsible, by department kind (names normalised: 市卫健委 = "
        "市卫生健康委员会 = 区卫生健康委员会 → 卫生健康).</p>"
    )
    parts.append("<div class='grid'>" + _img(report, "responsibility", "Tasks led, by department kind") + "</div>")
    for role, label in (("led", "Tasks led (牵头)"), ("co_responsible", "Tasks co-responsible (配合/责任)")):
        m = c.responsibility_matrix(role)
        if not m.empty:
            parts.append(f"<h3>{esc(label)}</h3>" + _table(m.reset_index()))

    parts.append("<h2>5. National targets against observed figures</h2>")
    if ev_obs is not None and not ev_obs.empty:
        parts.append(
            "<p>The national 健康中国行动 targets evaluated against the bundled national observations "
            "(sources in the observations' <code>source</code> column).</p>"
        )
        parts.append(
            _table(
                ev_obs[
                    [
                        "indicator",
                        "year",
                        "comparator",
                        "threshold",
                        "unit",
                        "latest_year",
                        "latest_value",
                        "projected_value",
                        "verdict",
                        "method",
                        "explanation",
                    ]
                ]
            )
        )
        parts.append(
            "<div class='grid'>"
            + _img(report, "national verdicts", "Verdicts of the national targets")
            + "".join(
                _img(report, k, k.replace("progress ", "Progress: "))
                for k in report.figures
                if k.startswith("progress ")
            )
            + "</div>"
        )
        no_data = ev[ev["latest_value"].isna()]["indicator"].drop_duplicates()
        parts.append(
            f"<p class='muted'>No observed figures bundled for {len(no_data)} national indicators: "
            + esc("、".join(no_data))
            + "</p>"
        )
    else:
        parts.append("<p class='muted'>No observations.</p>")

    parts.append("<h2>6. Indicator names not matched (for review)</h2>")
    parts.append(
        "<p>Add aliases with <code>healthplan compare --catalog aliases.json</code> "
        '(<code>{"aliases": {"HC04-01": ["…"]}}</code>) when one of these is a national '
        "indicator.</p>"
    )
    parts.append(_table(c.unmatched.drop(columns=["plan_id"]), max_rows=300))

    parts.append("<h2>7. Sources of the national targets</h2>")
    parts.append(_table(c.sources))
    if report.notes:
        parts.append("<p class='muted'>Notes: " + esc("; ".join(report.notes)) + "</p>")
    parts.append("</body></html>")
    return "".join(parts)


# --------------------------------------------------------------- terminal --


def _display_width(text: str) -> int:
    """Terminal columns: wide (CJK) characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def summary_text(report: Report) -> str:
    """The concise terminal summary."""
    c = report.comparison
    lines = [f"{len(report.plans)} plans compared with {c.catalog.name}:"]
    s = c.summary()
    width = max((_display_width(p) for p in s["plan"]), default=4)
    for r in s.itertuples(index=False):
        pad = " " * max(0, width - _display_width(r.plan))
        lines.append(
            f"  {r.plan}{pad}  {r.targets:4d} targets, {r.matched:3d} matched national, "
            f"{r.indicators_covered:2d} indicators covered; vs national: {r.stricter} stricter, "
            f"{r.equal} equal, {r.looser} looser"
            + (f" ({r.interpolated} against the interpolated national path)" if r.interpolated else "")
        )
    ev = report.evaluation
    if ev is not None:
        obs = ev[ev["latest_value"].notna()]
        counts = obs["verdict"].value_counts()
        lines.append(
            f"National targets with observed figures: {len(obs)} — " + ", ".join(f"{k} {v}" for k, v in counts.items())
        )
        off = obs[obs["verdict"].isin(["off_track", "missed"])]
        for r in off.itertuples(index=False):
            lines.append(f"  ! {r.indicator} {r.year}: {r.verdict} (latest {r.latest_value:g} in {r.latest_year})")
    if len(c.unmatched):
        lines.append(f"{len(c.unmatched)} indicator names not matched to the catalog (listed in the report).")
    return "\n".join(lines)


def _input_files(paths: Sequence[str | os.PathLike[str]], observations: str | os.PathLike[str] | None) -> list[str]:
    """The files the report reads, so writing it over one of them can be refused."""
    from .._inputs import list_inputs

    files = [str(f) for f in list_inputs(paths)] if paths else []
    if observations:
        files.append(os.fspath(observations))
    return files


def run_report(
    paths: Sequence[str | os.PathLike[str]] = (),
    *,
    output: str | os.PathLike[str] | None = None,
    catalog_files: Sequence[str] = (),
    observations: str | os.PathLike[str] | None = None,
    plots: bool = True,
    stdout: TextIO | None = None,
) -> Path:
    """``healthplan report``: builds the report, prints the summary and the report's path, returns the path."""
    out = stdout or sys.stdout
    target = Path(output) if output else Path.cwd() / DEFAULT_OUTPUT
    if not target.parent.is_dir():  # before the work, not after it
        raise FileNotFoundError(f"{target.parent}: no such folder for the report")
    report = build_report(paths, catalog_files=catalog_files, observations=observations, plots=plots)
    from .._files import write_atomic

    # Atomic (a failed run leaves no half-written report) and never over an input.
    write_atomic(target, render_html(report), inputs=_input_files(paths, observations))
    out.write(summary_text(report) + "\n")
    out.write(f"Report: {target.resolve()}\n")
    return target
