"""The model's Python surface: loading and saving, pandas frames, notebook display.

The classes themselves are bound from C++ (``healthplan._core``); this module
adds what belongs at the Python edge. pandas is imported lazily, so
``import healthplan`` stays fast.
"""

from __future__ import annotations

import html
import os
from typing import TYPE_CHECKING, Any

from . import _core
from ._core import (
    AdminLevel,
    Agency,
    Baseline,
    Certainty,
    ChangeMode,
    Comparator,
    DataError,
    Date,
    Dimension,
    Direction,
    Error,
    Indicator,
    Nature,
    ParseError,
    Plan,
    PlanStatus,
    Reference,
    Region,
    SchemaError,
    Section,
    SourceInfo,
    Span,
    Target,
    TargetKind,
    Task,
    Unit,
    UnitError,
    ValidationError,
    convert,
    find_invalid_utf8,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "SCHEMA_VERSION",
    "AdminLevel",
    "Agency",
    "Baseline",
    "Certainty",
    "ChangeMode",
    "Comparator",
    "DataError",
    "Date",
    "Dimension",
    "Direction",
    "Error",
    "Indicator",
    "Nature",
    "ParseError",
    "Plan",
    "PlanStatus",
    "Reference",
    "Region",
    "SchemaError",
    "Section",
    "SourceInfo",
    "Span",
    "Target",
    "TargetKind",
    "Task",
    "Unit",
    "UnitError",
    "ValidationError",
    "convert",
    "find_invalid_utf8",
    "load",
    "save",
]

SCHEMA_VERSION: int = _core.SCHEMA_VERSION

PathLike = "str | os.PathLike[str]"


def load(path: str | os.PathLike[str], *, strict: bool = True) -> Plan:
    """Reads a plan JSON file. Errors name the file and the JSON pointer of the bad value.

    With ``strict=False`` unknown fields are skipped with a warning instead of an error.
    """
    return _core._load_plan(os.fspath(path), strict)


def save(plan: Plan, path: str | os.PathLike[str], *, indent: int = 2) -> None:
    """Writes a plan as JSON (atomically: a failed save leaves no half file)."""
    _core._save_plan(plan, os.fspath(path), indent)


# ---------------------------------------------------------------- frames --

#: Columns of :meth:`Plan.targets_frame`, in order, with their meaning.
TARGET_COLUMNS: dict[str, str] = {
    "plan_id": "id of the plan",
    "target_id": "id of the target within the plan",
    "indicator_id": "id of the plan's Indicator",
    "indicator": "indicator name as written",
    "code": "canonical catalog code of the indicator, if matched",
    "year": "target year (nullable Int64)",
    "kind": "level, change, rate, trend, benchmark or milestone",
    "op": "comparator: >=, >, <=, <, =, ~, increase, decrease",
    "value": "target value (NaN when the form has none)",
    "unit": "canonical unit symbol",
    "unit_text": "unit as written",
    "reference_year": "year of the reference of a change target",
    "reference_label": "the reference as written (基期, 2019年 ...)",
    "reference_value": "reference value when stated",
    "change_mode": "relative, points or absolute (change/rate targets)",
    "baseline_year": "year of the stated baseline",
    "baseline_value": "stated baseline value",
    "nature": "binding, expected, advocacy or empty",
    "soft": "True for 力争 (strive-to) targets",
    "benchmark": "what a benchmark target compares with",
    "certainty": "certain or uncertain (transcription damage)",
    "task_id": "id of the task the target is stated in",
    "task_number": "that task's label path (三.(一).1)",
    "lead": "units answering for the target (its table row's 牵头单位, else its task's lead), joined with 、",
    "responsible": "responsible units (责任单位 / 配合单位 / 参与), joined with 、",
    "section": "label path of the enclosing section, joined with ' > '",
    "evidence": "the exact source text of the target",
    "span_begin": "byte offset where the evidence starts",
    "span_end": "byte offset where it ends",
    "note": "why a target is uncertain, or other remarks",
}

TASK_COLUMNS: dict[str, str] = {
    "plan_id": "id of the plan",
    "task_id": "id of the task",
    "number": "label path in the document's numerals (三.(一).1)",
    "title": "short heading or first clause",
    "lead": "lead units (full names) joined with 、",
    "responsible": "responsible / cooperating units joined with 、",
    "lead_as_written": "lead units as written",
    "responsible_as_written": "responsible units as written",
    "others": "other responsibility phrases joined with ; ",
    "n_lead": "number of lead units",
    "n_responsible": "number of responsible units",
    "n_targets": "number of targets stated in the task",
    "span_begin": "byte offset of the task in the source",
    "span_end": "byte offset where it ends",
}

INDICATOR_COLUMNS: dict[str, str] = {
    "plan_id": "id of the plan",
    "indicator_id": "id of the indicator",
    "name": "name as written",
    "unit": "canonical unit symbol",
    "category": "grouping in the plan",
    "direction": "higher, lower or unknown",
    "nature": "binding, expected, advocacy or empty",
    "code": "canonical catalog code, if matched",
    "n_targets": "number of targets on the indicator",
}


def _frame(rows: list[dict[str, Any]], columns: dict[str, str], int_columns: tuple[str, ...] = ()) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(columns))
    for col in int_columns:
        frame[col] = frame[col].astype("Int64")
    return frame


def _targets_frame(self: Plan) -> pd.DataFrame:
    """One row per target; columns are documented in ``healthplan.TARGET_COLUMNS``."""
    tasks = {k.id: k for k in self.tasks}
    indicators = {i.id: i for i in self.indicators}
    rows = []
    for t in self.targets:
        task = tasks.get(t.task_id)
        ind = indicators.get(t.indicator_id)
        ref, base, span = t.reference, t.baseline, t.span
        rows.append(
            {
                "plan_id": self.id,
                "target_id": t.id,
                "indicator_id": t.indicator_id,
                "indicator": t.indicator,
                "code": ind.code if ind else "",
                "year": t.year,
                "kind": t.kind.name,
                "op": t.comparator.symbol,
                "value": t.value if t.value is not None else float("nan"),
                "unit": t.unit.symbol,
                "unit_text": t.unit_text,
                "reference_year": ref.year if ref else None,
                "reference_label": ref.label if ref else "",
                "reference_value": ref.value if ref and ref.value is not None else float("nan"),
                "change_mode": ref.mode.name if ref else "",
                "baseline_year": base.year if base else None,
                "baseline_value": base.value if base else float("nan"),
                "nature": "" if t.nature == Nature.unspecified else t.nature.name,
                "soft": t.soft,
                "benchmark": t.benchmark,
                "certainty": t.certainty.name,
                "task_id": t.task_id,
                "task_number": task.number_string() if task else "",
                # A version-1 plan has no units on its targets: its task's.
                "lead": "、".join(a.name for a in (t.lead or (task.lead if task else []))),
                "responsible": "、".join(a.name for a in (t.responsible or (task.responsible if task else []))),
                "section": " > ".join(t.section),
                "evidence": span.evidence if span else "",
                "span_begin": span.begin if span else None,
                "span_end": span.end if span else None,
                "note": t.note,
            }
        )
    return _frame(rows, TARGET_COLUMNS, ("year", "reference_year", "baseline_year", "span_begin", "span_end"))


def _tasks_frame(self: Plan) -> pd.DataFrame:
    """One row per task; columns are documented in ``healthplan.TASK_COLUMNS``."""
    rows = []
    for k in self.tasks:
        span = k.span
        rows.append(
            {
                "plan_id": self.id,
                "task_id": k.id,
                "number": k.number_string(),
                "title": k.title,
                "lead": "、".join(a.name for a in k.lead),
                "responsible": "、".join(a.name for a in k.responsible),
                "lead_as_written": "、".join(a.as_written for a in k.lead),
                "responsible_as_written": "、".join(a.as_written for a in k.responsible),
                "others": "; ".join(k.others),
                "n_lead": len(k.lead),
                "n_responsible": len(k.responsible),
                "n_targets": len(k.target_ids),
                "span_begin": span.begin if span else None,
                "span_end": span.end if span else None,
            }
        )
    return _frame(rows, TASK_COLUMNS, ("span_begin", "span_end"))


def _indicators_frame(self: Plan) -> pd.DataFrame:
    """One row per indicator; columns are documented in ``healthplan.INDICATOR_COLUMNS``."""
    counts: dict[str, int] = {}
    for t in self.targets:
        counts[t.indicator_id] = counts.get(t.indicator_id, 0) + 1
    rows = [
        {
            "plan_id": self.id,
            "indicator_id": i.id,
            "name": i.name,
            "unit": i.unit.symbol,
            "category": i.category,
            "direction": i.direction.name,
            "nature": "" if i.nature == Nature.unspecified else i.nature.name,
            "code": i.code,
            "n_targets": counts.get(i.id, 0),
        }
        for i in self.indicators
    ]
    return _frame(rows, INDICATOR_COLUMNS)


# ---------------------------------------------------------------- display --

_HTML_ROW_LIMIT = 20


def _plan_repr_html(self: Plan) -> str:
    """A bounded summary for notebooks: metadata and at most 20 targets."""
    esc = html.escape
    meta = [
        ("title", self.title),
        ("issuer", self.issuer),
        ("文号", self.doc_number),
        ("place", f"{self.region.name} ({self.region.level.name})" if self.region.name else ""),
        (
            "period",
            f"{self.period_start or ''}–{self.period_end or ''}" if self.period_start or self.period_end else "",
        ),
        ("status", self.status.name),
        (
            "contents",
            f"{len(self.sections)} top sections, {len(self.tasks)} tasks, "
            f"{len(self.indicators)} indicators, {len(self.targets)} targets",
        ),
    ]
    parts = [f"<div><b>healthplan.Plan</b> <code>{esc(self.id)}</code>", "<table>"]
    parts += [f"<tr><th style='text-align:left'>{esc(k)}</th><td>{esc(str(v))}</td></tr>" for k, v in meta if v]
    parts.append("</table>")
    if self.targets:
        parts.append(
            "<table><tr><th>indicator</th><th>year</th><th>kind</th><th>op</th><th>value</th><th>unit</th></tr>"
        )
        for t in self.targets[:_HTML_ROW_LIMIT]:
            value = "" if t.value is None else f"{t.value:g}"
            parts.append(
                f"<tr><td>{esc(t.indicator)}</td><td>{t.year or ''}</td><td>{t.kind.name}</td>"
                f"<td>{esc(t.comparator.symbol)}</td><td>{value}</td><td>{esc(t.unit.symbol)}</td></tr>"
            )
        parts.append("</table>")
        if len(self.targets) > _HTML_ROW_LIMIT:
            parts.append(f"<p>… {len(self.targets) - _HTML_ROW_LIMIT} more targets: use targets_frame()</p>")
    parts.append("</div>")
    return "".join(parts)


def _plan_save(self: Plan, path: str | os.PathLike[str], *, indent: int = 2) -> None:
    """Writes the plan as JSON; ``healthplan.load(path)`` reads it back equal."""
    save(self, path, indent=indent)


Plan.targets_frame = _targets_frame  # type: ignore[attr-defined]
Plan.tasks_frame = _tasks_frame  # type: ignore[attr-defined]
Plan.indicators_frame = _indicators_frame  # type: ignore[attr-defined]
Plan.save = _plan_save  # type: ignore[attr-defined]
Plan._repr_html_ = _plan_repr_html  # type: ignore[attr-defined]
Plan.load = staticmethod(load)  # type: ignore[attr-defined]

__all__ += ["INDICATOR_COLUMNS", "TARGET_COLUMNS", "TASK_COLUMNS"]
