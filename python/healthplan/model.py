"""The model's Python surface: the Plan class, loading and saving, pandas frames.

:class:`Plan` is a pure-Python class that holds its C++ object (``_core.Plan``),
the way boost-histogram's ``Histogram`` holds its core: the public type is
ordinary Python that a type checker and a reader see whole, and the compiled
module stays private. The parts of a plan (``Target``, ``Task``, …) are the
bound C++ value types. pandas is imported on first use, so ``import healthplan``
stays fast and works without it.
"""

from __future__ import annotations

import html
import os
from typing import TYPE_CHECKING, Generic, Optional, TypeVar, overload

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

_T = TypeVar("_T")
_CorePlan = _core.Plan  # the bound C++ class; healthplan.Plan below wraps it

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


class _Field(Generic[_T]):
    """A Plan attribute that lives on the wrapped C++ object.

    Reading returns what the binding returns (lists are copies, as for every
    bound C++ value); assigning replaces the field on the C++ object.
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, obj: None, objtype: type | None = None) -> _Field[_T]: ...
    @overload
    def __get__(self, obj: Plan, objtype: type | None = None) -> _T: ...
    def __get__(self, obj: Plan | None, objtype: type | None = None) -> _Field[_T] | _T:
        if obj is None:
            return self
        value: _T = getattr(obj._core, self._name)
        return value

    def __set__(self, obj: Plan, value: _T) -> None:
        setattr(obj._core, self._name, value)


class Plan:
    """A health plan: metadata, the section tree, indicators, targets and tasks.

    Build one by keyword (``Plan(id="p", title="…", targets=[…])``), read one
    with :func:`load` / :meth:`from_json`, or extract one from a document with
    :func:`healthplan.extract_file`. Equal plans compare equal; pickling, copying
    and ``save`` → ``load`` keep them equal.
    """

    __slots__ = ("_core",)
    _core: _CorePlan

    id = _Field[str]()
    title = _Field[str]()
    issuer = _Field[str]()
    doc_number = _Field[str]()
    region = _Field[Region]()
    issue_date = _Field[Optional[Date]]()
    publication_date = _Field[Optional[Date]]()
    period_start = _Field[Optional[int]]()
    period_end = _Field[Optional[int]]()
    status = _Field[PlanStatus]()
    references = _Field[list[str]]()
    sections = _Field[list[Section]]()
    indicators = _Field[list[Indicator]]()
    targets = _Field[list[Target]]()
    tasks = _Field[list[Task]]()
    source = _Field[SourceInfo]()

    def __init__(self, **fields: object) -> None:
        """Every field may be given by keyword; an unknown keyword is a TypeError."""
        self._core = _core.Plan(**fields)

    @classmethod
    def _wrap(cls, core: _CorePlan) -> Plan:
        """The Plan around an existing C++ object (no copy)."""
        plan = cls.__new__(cls)
        plan._core = core
        return plan

    # -- reading and writing ---------------------------------------------------
    @classmethod
    def from_json(cls, text: str, strict: bool = True) -> Plan:
        """Reads a plan from JSON text; errors name the JSON pointer of the bad value."""
        return cls._wrap(_core.Plan.from_json(text, strict))

    def to_json(self, indent: int = 2) -> str:
        """The plan as JSON text in the versioned schema (``indent=-1``: one line)."""
        return self._core.to_json(indent)

    @staticmethod
    def load(path: str | os.PathLike[str], *, strict: bool = True) -> Plan:
        """Same as :func:`healthplan.load`."""
        return load(path, strict=strict)

    def save(self, path: str | os.PathLike[str], *, indent: int = 2) -> None:
        """Writes the plan as JSON; ``healthplan.load(path)`` reads it back equal."""
        save(self, path, indent=indent)

    # -- queries -----------------------------------------------------------------
    def validate(self) -> None:
        """Checks every invariant; raises :class:`ValidationError` naming the place."""
        self._core.validate()

    def find_indicator(self, id: str) -> Indicator | None:
        return self._core.find_indicator(id)

    def find_target(self, id: str) -> Target | None:
        return self._core.find_target(id)

    def find_task(self, id: str) -> Task | None:
        return self._core.find_task(id)

    # -- pandas ------------------------------------------------------------------
    def targets_frame(self) -> pd.DataFrame:
        """One row per target; columns are documented in ``healthplan.TARGET_COLUMNS``."""
        return _targets_frame(self)

    def tasks_frame(self) -> pd.DataFrame:
        """One row per task; columns are documented in ``healthplan.TASK_COLUMNS``."""
        return _tasks_frame(self)

    def indicators_frame(self) -> pd.DataFrame:
        """One row per indicator; columns are documented in ``healthplan.INDICATOR_COLUMNS``."""
        return _indicators_frame(self)

    def to_excel(self, path: str | os.PathLike[str]) -> None:
        """Writes the targets, tasks and indicators to one ``.xlsx`` workbook, a sheet each."""
        from ._frames import write_frames

        write_frames(
            {"targets": self.targets_frame(), "tasks": self.tasks_frame(), "indicators": self.indicators_frame()}, path
        )

    # -- Python protocols ----------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Plan):
            return NotImplemented
        return bool(self._core == other._core)

    def __hash__(self) -> int:
        raise TypeError("unhashable type: 'Plan' (it is mutable)")

    def __repr__(self) -> str:
        return repr(self._core)

    def __copy__(self) -> Plan:
        return Plan._wrap(self._core.__copy__())

    def __deepcopy__(self, memo: dict[int, object]) -> Plan:
        return Plan._wrap(self._core.__deepcopy__(memo))

    def __getstate__(self) -> str:
        return self._core.to_json(-1)

    def __setstate__(self, state: str) -> None:
        self._core = _core.Plan.from_json(state)

    def _repr_html_(self) -> str:
        return _plan_repr_html(self)


def _core_plan(plan: Plan) -> _CorePlan:
    """The C++ object of a plan, for the bound functions; a clear TypeError otherwise."""
    if not isinstance(plan, Plan):
        raise TypeError(f"expected a healthplan.Plan, not {type(plan).__name__}")
    return plan._core


def load(path: str | os.PathLike[str], *, strict: bool = True) -> Plan:
    """Reads a plan JSON file. Errors name the file and the JSON pointer of the bad value.

    With ``strict=False`` unknown fields are skipped with a warning instead of an error.
    """
    return Plan._wrap(_core._load_plan(os.fspath(path), strict))


def save(plan: Plan, path: str | os.PathLike[str], *, indent: int = 2) -> None:
    """Writes a plan as JSON (atomically: a failed save leaves no half file)."""
    _core._save_plan(_core_plan(plan), os.fspath(path), indent)


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
    "certainty": "certain, or uncertain when read from damaged text (a responsibility parenthesis cut off by the end)",
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


__all__ += ["INDICATOR_COLUMNS", "TARGET_COLUMNS", "TASK_COLUMNS"]
