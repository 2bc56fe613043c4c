"""The gold-format records that ``healthplan targets`` and ``healthplan tasks`` print.

The format is the one of the project's hand annotation (tests/quality/README.md), so
the scorers read the command's output directly. It is a command-line format,
not part of the Python API: notebooks use ``Plan.targets_frame()``.
"""

from __future__ import annotations

import math
from typing import Any

from .._core import Target, Task


def _number(v: float | None) -> float | int | None:
    if v is None:
        return None
    if math.isfinite(v) and v == int(v):
        return int(v)
    return v


def target_record(target: Target, doc: str) -> dict[str, Any]:
    """One target in the gold format of ``healthplan targets`` (see docs/extraction.md).

    ``span`` is ``[begin, end]`` in bytes of the UTF-8 text.
    """
    ref = target.reference
    base = target.baseline
    unit = target.unit.symbol or None
    record: dict[str, Any] = {
        "doc": doc,
        "indicator": target.indicator,
        "year": target.year,
        "kind": target.kind.name,
        "op": target.comparator.symbol,
        "value": _number(target.value),
        "unit": unit,
        "unit_text": target.unit_text or None,
        "reference": None if ref is None else {"year": ref.year, "label": ref.label},
        "baseline": None if base is None else {"year": base.year, "value": _number(base.value)},
        "nature": None if target.nature.name == "unspecified" else target.nature.name,
        "evidence": target.span.evidence if target.span else "",
        "span": [target.span.begin, target.span.end] if target.span else None,
        "certainty": target.certainty.name,
        "soft": target.soft,
    }
    if target.benchmark:
        record["benchmark_ref"] = target.benchmark
    if target.note:
        record["note"] = target.note
    return record


def task_record(task: Task, doc: str) -> dict[str, Any]:
    """One task in the format of ``healthplan tasks`` (the gold seed_tasks.jsonl format)."""
    return {
        "doc": doc,
        "number": task.number_string(),
        "title": task.title,
        "lead": [a.name for a in task.lead],
        "responsible": [a.name for a in task.responsible],
        "lead_as_written": [a.as_written for a in task.lead],
        "responsible_as_written": [a.as_written for a in task.responsible],
        "others": list(task.others),
        "span": [task.span.begin, task.span.end] if task.span else None,
        "certainty": task.certainty.name,
    }
