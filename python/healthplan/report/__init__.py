"""The report: extract, compare and evaluate plans — each plan's own targets with its
own figures, the national targets with national figures — summarise them in the
terminal and write ONE self-contained HTML file (Jinja2 templates, inline SVG
charts, inline script and style; nothing fetched), in Chinese or English.

``healthplan report`` (no arguments) runs it on the five bundled documents;
``--observations FILE`` adds a city's own figures (the template of
``healthplan template``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

from .._progress import ProgressBar

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..compare import Comparison
    from ..model import Plan

__all__ = ["Report", "build_report", "render_html", "run_report", "summary_text"]

DEFAULT_OUTPUT = "healthplan-report.html"


@dataclass
class Report:
    """Everything the report shows; ``render_html`` turns it into one HTML page."""

    plans: list[Plan]
    inputs: list[str]
    comparison: Comparison
    evaluation: pd.DataFrame | None = None  # national targets against national figures
    observations: pd.DataFrame | None = None  # every observation used (national and local)
    own: dict[str, pd.DataFrame] = field(default_factory=dict)  # plan id → its targets judged
    local_rows: pd.DataFrame | None = None  # the local figures read from --observations files
    observation_files: list[str] = field(default_factory=list)
    charts: bool = True
    notes: list[str] = field(default_factory=list)


def _inputs(paths: Sequence[str | os.PathLike[str]]) -> list[Path]:
    from .._inputs import list_inputs
    from ..datasets import seed_paths

    return list_inputs(paths) if paths else seed_paths()


def build_report(
    paths: Sequence[str | os.PathLike[str]] = (),
    *,
    catalog_files: Sequence[str] = (),
    observations: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
    national_observations: str | os.PathLike[str] | None = None,
    plots: bool = True,
    progress: bool | None = None,
    stream: TextIO | None = None,
) -> Report:
    """Extracts (or loads) the inputs, compares them, judges each plan's own targets
    and the national targets.

    ``paths``: ``.txt`` documents, ``.json`` plans or folders; none = the bundled
    documents. ``observations``: filled-in templates (CSV in UTF-8 or GBK, or
    ``.xlsx``) with a place's own figures. ``national_observations``: a CSV of
    national figures (default: the bundled ``china_observed.csv``). ``plots``:
    charts in the page. ``progress``: a bar on stderr (default: on a terminal).
    """
    from .._inputs import read_plans
    from ..compare import compare, load_catalog, national_plan
    from ..evaluate import Observations, evaluate
    from ..local import observations_for

    files = _inputs(paths)
    obs_files = (
        []
        if observations is None
        else [observations]
        if isinstance(observations, (str, os.PathLike))
        else list(observations)
    )
    bar = ProgressBar(len(files) + 3 + 1, stream=stream, enabled=progress)
    plans = read_plans(files, progress=lambda done, total: bar.update(done, f"extracting {done}/{total}"))
    bar.update(len(files))

    catalog = load_catalog(*catalog_files)
    bar.step("comparing")
    comparison = compare(plans, catalog=catalog)

    bar.step("reading observations")
    obs, local_rows = observations_for(obs_files, national=national_observations is None)
    if national_observations is not None:
        extra = Observations.from_csv(national_observations, default_region="全国").to_frame()
        from ..local import _FRAME_COLUMNS

        both = [local_rows, extra[[c for c in extra.columns if c in _FRAME_COLUMNS]]]
        from .._pandas import pd

        obs = Observations.from_frame(
            pd.concat(both, ignore_index=True).fillna({"region": "", "unit": "", "source": "", "flags": ""})
        )

    bar.step("evaluating")
    own = {p.id: evaluate(p, obs) for p in plans}
    evaluation = evaluate(national_plan(catalog), obs, region="全国")
    report = Report(
        plans=plans,
        inputs=[os.fspath(f) for f in files],
        comparison=comparison,
        evaluation=evaluation,
        observations=obs.to_frame(),
        own=own,
        local_rows=local_rows,
        observation_files=[os.fspath(f) for f in obs_files],
        charts=plots,
    )
    bar.step("evaluated")
    bar.close()
    return report


# ------------------------------------------------------------------- render --


def render_html(report: Report, *, lang: str = "zh") -> str:
    """The report as one self-contained HTML page in ``lang`` ("zh" or "en")."""
    from ._render import render

    return render(report, lang)


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
        plan = str(r.plan)
        # pandas-stubs cannot know that the count columns of the summary are int.
        interpolated = cast(int, r.interpolated)
        pad = " " * max(0, width - _display_width(plan))
        lines.append(
            f"  {plan}{pad}  {r.targets:4d} targets, {r.matched:3d} matched national, "
            f"{r.indicators_covered:2d} indicators covered; vs national: {r.stricter} stricter, "
            f"{r.equal} equal, {r.looser} looser"
            + (f" ({interpolated} against the interpolated national path)" if interpolated else "")
        )
    for p in report.plans:
        own = report.own.get(p.id)
        if own is None or own.empty:
            continue
        judged = own[~own["verdict"].isin(["insufficient_data", "not_evaluable"])]
        if len(judged):
            counts = judged["verdict"].value_counts()
            lines.append(
                f"  {c.labels[p.id]} own targets judged with local figures: {len(judged)} of {len(own)} — "
                + ", ".join(f"{k} {v}" for k, v in counts.items() if v)
            )
    ev = report.evaluation
    if ev is not None:
        obs = ev[ev["latest_value"].notna()]
        counts = obs["verdict"].value_counts()
        lines.append(
            f"National targets with observed figures: {len(obs)} — "
            + ", ".join(f"{k} {v}" for k, v in counts.items() if v)
        )
        off = obs[obs["verdict"].isin(["off_track", "missed"])]
        for r in off.itertuples(index=False):
            lines.append(f"  ! {r.indicator} {r.year}: {r.verdict} (latest {r.latest_value:g} in {r.latest_year})")
    if len(c.unmatched):
        lines.append(f"{len(c.unmatched)} indicator names not matched to the catalog (listed in the report).")
    if not report.observation_files:
        lines.append(
            "No local figures given: the plans' own targets are not judged. Write the template with "
            "`healthplan template PLAN... -o observed.csv`, fill it in, and pass it with --observations."
        )
    return "\n".join(lines)


def _target_path(output: str | os.PathLike[str] | None, lang: str) -> Path:
    """The report's file: ``output``, or ``healthplan-report[.en].html`` inside ``output`` when it
    is a folder (or in the current folder when none is given)."""
    name = DEFAULT_OUTPUT if lang == "zh" else DEFAULT_OUTPUT.replace(".html", f".{lang}.html")
    if output is None:
        return Path.cwd() / name
    target = Path(output)
    if os.fspath(output).endswith(("/", os.sep)):  # "-o out/": a folder, made when missing
        target.mkdir(parents=True, exist_ok=True)
    if target.is_dir():
        return target / name
    if not target.parent.is_dir():  # before the work, not after it
        raise FileNotFoundError(f"{target.parent}: no such folder for the report")
    return target


def _input_files(
    paths: Sequence[str | os.PathLike[str]],
    observations: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None,
) -> list[str]:
    """The files the report reads, so writing it over one of them can be refused."""
    from .._inputs import list_inputs

    files = [str(f) for f in list_inputs(paths)] if paths else []
    if isinstance(observations, (str, os.PathLike)):
        files.append(os.fspath(observations))
    elif observations:
        files.extend(os.fspath(o) for o in observations)
    return files


def run_report(
    paths: Sequence[str | os.PathLike[str]] = (),
    *,
    output: str | os.PathLike[str] | None = None,
    catalog_files: Sequence[str] = (),
    observations: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
    national_observations: str | os.PathLike[str] | None = None,
    plots: bool = True,
    lang: str = "zh",
    progress: bool | None = None,
    quiet: bool = False,
    stdout: TextIO | None = None,
) -> Path:
    """``healthplan report``: builds the report, writes it, prints the summary and the
    report's path (only the path with ``quiet``), returns the path.

    ``output``: a file, or a folder to write ``healthplan-report.html`` into.
    """
    from .._files import write_atomic

    out = stdout or sys.stdout
    target = _target_path(output, lang)
    report = build_report(
        paths,
        catalog_files=catalog_files,
        observations=observations,
        national_observations=national_observations,
        plots=plots,
        progress=False if quiet else progress,
    )
    # Atomic (a failed run leaves no half-written report) and never over an input.
    write_atomic(target, render_html(report, lang=lang), inputs=_input_files(paths, observations))
    if not quiet:
        out.write(summary_text(report) + "\n")
    out.write(f"Report: {target.resolve()}\n")
    return target
