"""The DataFrames of a plan (targets, tasks, indicators) and the dtypes shared by every frame.

``model.py`` attaches these to ``Plan`` as ``targets_frame()`` etc.; they take a
:class:`healthplan.Plan` and return a DataFrame, reading only public plan attributes.

Conventions (pandas' own): a missing value is ``pd.NA`` (never ``""``), agencies
are lists of full names (explode for a long table), verdicts are one ordered
Categorical (:data:`VERDICT_ORDER`, best first).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ._core import Agency, Target, Task
    from .model import Plan

#: Evaluation verdicts, best first: the order of the ordered Categorical in every frame.
VERDICT_ORDER: tuple[str, ...] = (
    "achieved_early",
    "achieved",
    "on_track",
    "off_track",
    "missed",
    "insufficient_data",
    "not_evaluable",
)

#: Stringency verdicts of a comparison with the national targets, strictest first.
STRINGENCY_ORDER: tuple[str, ...] = ("stricter", "equal", "looser", "not_comparable")


@cache  # one dtype object: building it costs more than a small evaluation's frame
def verdict_dtype() -> pd.CategoricalDtype:
    """The ordered Categorical of evaluation verdicts (``achieved_early`` > ``achieved`` > …)."""
    from ._pandas import pd

    return pd.CategoricalDtype(list(reversed(VERDICT_ORDER)), ordered=True)


def stringency_dtype() -> pd.CategoricalDtype:
    """The ordered Categorical of stringency verdicts (``stricter`` > ``equal`` > …)."""
    from ._pandas import pd

    return pd.CategoricalDtype(list(reversed(STRINGENCY_ORDER)), ordered=True)


# ------------------------------------------------------------ accountability --


def _names(agencies: Sequence[Agency]) -> list[str]:
    return [a.name or a.as_written for a in agencies]


def target_units(plan: Plan, target: Target, tasks: dict[str, Task] | None = None) -> tuple[list[str], list[str]]:
    """The lead and responsible units of one target: its own (a responsibility table
    names them per target, schema v2) when it has them, else those of the task it is
    stated in. ``tasks`` (id → task) saves the lookup when called in a loop."""
    own_lead = list(getattr(target, "lead", None) or [])
    own_resp = list(getattr(target, "responsible", None) or [])
    if own_lead or own_resp:
        return _names(own_lead), _names(own_resp)
    task = (tasks if tasks is not None else {k.id: k for k in plan.tasks}).get(target.task_id)
    if task is None:
        return [], []
    return _names(task.lead), _names(task.responsible)


# ------------------------------------------------------------------ frames --


def _na(value: Any) -> Any:
    """``pd.NA`` for an absent value (None or an empty string)."""
    from ._pandas import pd

    return pd.NA if value is None or value == "" else value


def _frame(rows: list[dict[str, Any]], columns: Sequence[str], int_columns: Sequence[str] = ()) -> pd.DataFrame:
    from ._pandas import pd

    frame = pd.DataFrame(rows, columns=list(columns))
    for col in int_columns:
        frame[col] = frame[col].astype("Int64")
    for col in frame.columns:
        if frame[col].dtype == object and all(isinstance(v, str) or v is pd.NA for v in frame[col]):
            frame[col] = frame[col].astype("string")
    return frame


def targets_frame(plan: Plan, columns: Sequence[str]) -> pd.DataFrame:
    """One row per target (``columns``: ``healthplan.TARGET_COLUMNS``)."""
    import math

    tasks = {k.id: k for k in plan.tasks}
    indicators = {i.id: i for i in plan.indicators}
    rows = []
    for t in plan.targets:
        task = tasks.get(t.task_id)
        ind = indicators.get(t.indicator_id)
        ref, base, span = t.reference, t.baseline, t.span
        lead, responsible = target_units(plan, t, tasks)
        rows.append(
            {
                "plan_id": plan.id,
                "target_id": t.id,
                "indicator_id": t.indicator_id,
                "indicator": t.indicator,
                "code": _na(ind.code if ind else None),
                "year": t.year,
                "kind": t.kind.name,
                "op": t.comparator.symbol,
                "value": t.value if t.value is not None else math.nan,
                "unit": _na(t.unit.symbol),
                "unit_text": _na(t.unit_text),
                "reference_year": ref.year if ref else None,
                "reference_label": _na(ref.label if ref else None),
                "reference_value": ref.value if ref and ref.value is not None else math.nan,
                "change_mode": _na(ref.mode.name if ref else None),
                "baseline_year": base.year if base else None,
                "baseline_value": base.value if base else math.nan,
                "nature": _na(None if t.nature.name == "unspecified" else t.nature.name),
                "soft": t.soft,
                "benchmark": _na(t.benchmark),
                "certainty": t.certainty.name,
                "task_id": _na(t.task_id),
                "task_number": _na(task.number_string() if task else None),
                "lead": lead,
                "responsible": responsible,
                "section": _na(" > ".join(t.section)),
                "evidence": _na(span.evidence if span else None),
                "span_begin": span.begin if span else None,
                "span_end": span.end if span else None,
                "note": _na(t.note),
            }
        )
    return _frame(rows, columns, ("year", "reference_year", "baseline_year", "span_begin", "span_end"))


def tasks_frame(plan: Plan, columns: Sequence[str]) -> pd.DataFrame:
    """One row per task (``columns``: ``healthplan.TASK_COLUMNS``); units as lists."""
    rows = []
    for k in plan.tasks:
        span = k.span
        rows.append(
            {
                "plan_id": plan.id,
                "task_id": k.id,
                "number": _na(k.number_string()),
                "title": _na(k.title),
                "lead": _names(k.lead),
                "responsible": _names(k.responsible),
                "lead_as_written": [a.as_written for a in k.lead],
                "responsible_as_written": [a.as_written for a in k.responsible],
                "others": list(k.others),
                "n_lead": len(k.lead),
                "n_responsible": len(k.responsible),
                "n_targets": len(k.target_ids),
                "certainty": k.certainty.name,
                "span_begin": span.begin if span else None,
                "span_end": span.end if span else None,
            }
        )
    return _frame(rows, columns, ("span_begin", "span_end"))


def indicators_frame(plan: Plan, columns: Sequence[str]) -> pd.DataFrame:
    """One row per indicator (``columns``: ``healthplan.INDICATOR_COLUMNS``)."""
    counts: dict[str, int] = {}
    for t in plan.targets:
        counts[t.indicator_id] = counts.get(t.indicator_id, 0) + 1
    rows = [
        {
            "plan_id": plan.id,
            "indicator_id": i.id,
            "name": i.name,
            "unit": _na(i.unit.symbol),
            "category": _na(i.category),
            "direction": i.direction.name,
            "nature": _na(None if i.nature.name == "unspecified" else i.nature.name),
            "code": _na(i.code),
            "n_targets": counts.get(i.id, 0),
        }
        for i in plan.indicators
    ]
    return _frame(rows, columns)


def units_long(plan: Plan) -> pd.DataFrame:
    """The target ↔ unit links as a long table: one row per (target, role, unit),
    role ``lead`` or ``responsible`` (a target without units has no row)."""
    tasks = {k.id: k for k in plan.tasks}
    rows = []
    for t in plan.targets:
        lead, responsible = target_units(plan, t, tasks)
        rows += [{"plan_id": plan.id, "target_id": t.id, "role": "lead", "unit": u} for u in lead]
        rows += [{"plan_id": plan.id, "target_id": t.id, "role": "responsible", "unit": u} for u in responsible]
    return _frame(rows, ("plan_id", "target_id", "role", "unit"))


# ------------------------------------------------------------------ export --


def _excel_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """A spreadsheet cell holds one value: list cells (units) are joined with 、 for Excel only."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object and out[col].map(lambda v: isinstance(v, list)).any():
            out[col] = out[col].map(lambda v: "、".join(map(str, v)) if isinstance(v, list) else v)
    return out


def write_frames(
    frames: dict[str, pd.DataFrame], path: str | os.PathLike[str], *, inputs: Iterable[str | os.PathLike[str]] = ()
) -> Path:
    """Writes frames to ``path`` by its suffix: ``.xlsx`` one sheet per frame (openpyxl),
    ``.parquet`` one frame (pyarrow; lists stay lists). The file is built in memory and
    written by the package's one atomic writer (:mod:`healthplan._files`): a failed
    write leaves no half file and no temporary, and an output that is an input is refused."""
    import io

    from ._files import write_atomic
    from ._pandas import pd

    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".xlsx", ".parquet"):
        raise ValueError(f"{target}: write .xlsx (one sheet per table) or .parquet (one table)")
    if suffix == ".parquet" and len(frames) != 1:
        raise ValueError(f"{target}: a Parquet file holds one table; choose one of {', '.join(frames)}")
    if not target.parent.is_dir():
        raise FileNotFoundError(f"{target.parent}: no such folder")
    buffer = io.BytesIO()
    if suffix == ".xlsx":
        with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
            for name, frame in frames.items():
                _excel_ready(frame).to_excel(writer, sheet_name=name[:31], index=False)
    else:
        next(iter(frames.values())).to_parquet(buffer, index=False)
    write_atomic(target, buffer.getvalue(), inputs=inputs)
    return target
