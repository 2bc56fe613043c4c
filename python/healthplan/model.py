"""The model's Python surface: loading and saving, pandas frames, notebook display.

The classes themselves are bound from C++ (``healthplan._core``); this module
adds what belongs at the Python edge. pandas is imported lazily, so
``import healthplan`` stays fast.
"""

from __future__ import annotations

import html
import os
from typing import TYPE_CHECKING

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

#: Columns of :meth:`Plan.targets_frame`, in order, with their meaning. Missing values are
#: ``pd.NA``; text columns are pandas ``string``; unit columns hold lists.
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
    "lead": "lead units (list of full names): the target's own, else those of its task",
    "responsible": "responsible units (list): the target's own, else those of its task",
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
    "lead": "lead units (list of full names)",
    "responsible": "responsible / cooperating units (list of full names)",
    "lead_as_written": "lead units as written (list)",
    "responsible_as_written": "responsible units as written (list)",
    "others": "other responsibility phrases (list)",
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


def _targets_frame(self: Plan) -> pd.DataFrame:
    """One row per target; columns are documented in ``healthplan.TARGET_COLUMNS``."""
    from . import _frames

    return _frames.targets_frame(self, list(TARGET_COLUMNS))


def _tasks_frame(self: Plan) -> pd.DataFrame:
    """One row per task; columns are documented in ``healthplan.TASK_COLUMNS``."""
    from . import _frames

    return _frames.tasks_frame(self, list(TASK_COLUMNS))


def _indicators_frame(self: Plan) -> pd.DataFrame:
    """One row per indicator; columns are documented in ``healthplan.INDICATOR_COLUMNS``."""
    from . import _frames

    return _frames.indicators_frame(self, list(INDICATOR_COLUMNS))


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


def _plan_to_excel(self: Plan, path: str | os.PathLike[str]) -> None:
    """Writes the plan's targets, tasks and indicators to one ``.xlsx`` workbook, a sheet each."""
    from ._frames import write_frames

    write_frames(
        {"targets": _targets_frame(self), "tasks": _tasks_frame(self), "indicators": _indicators_frame(self)}, path
    )


def _plan_save(self: Plan, path: str | os.PathLike[str], *, indent: int = 2) -> None:
    """Writes the plan as JSON; ``healthplan.load(path)`` reads it back equal."""
    save(self, path, indent=indent)


Plan.targets_frame = _targets_frame  # type: ignore[attr-defined]
Plan.tasks_frame = _tasks_frame  # type: ignore[attr-defined]
Plan.indicators_frame = _indicators_frame  # type: ignore[attr-defined]
Plan.save = _plan_save  # type: ignore[attr-defined]
Plan.to_excel = _plan_to_excel  # type: ignore[attr-defined]
Plan._repr_html_ = _plan_repr_html  # type: ignore[attr-defined]
Plan.load = staticmethod(load)  # type: ignore[attr-defined]

__all__ += ["INDICATOR_COLUMNS", "TARGET_COLUMNS", "TASK_COLUMNS"]
