"""Extraction: read the text of a Chinese health plan into a :class:`Plan`.

The work is done in C++ (``healthplan._core``); these wrappers add Python
conveniences: ``os.PathLike`` paths, a progress bar for many files, and the
one-line-per-fact records of the gold format used by ``healthplan targets``
and ``healthplan tasks``.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable, Iterable
from typing import Any

from . import _core
from ._progress import ProgressBar
from ._core import Plan, Target, Task

__all__ = ["extract", "extract_file", "extract_many", "target_record", "task_record"]


def extract(text: str, name: str | None = None) -> Plan:
    """Extracts a plan from its text.

    ``name`` is recorded as the plan's source name (and id). Spans are byte
    offsets into ``text.encode("utf-8")``. Raises :class:`ParseError` when the
    text cannot be encoded as UTF-8 (lone surrogates). The GIL is released
    while the C++ extractor runs.
    """
    if not isinstance(text, str):
        raise TypeError(f"extract() needs str, not {type(text).__name__}; use extract_file for bytes on disk")
    try:
        return _core.extract(text, name or "")
    except TypeError:
        # pybind11 refuses a str it cannot encode (lone surrogates); say where.
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as err:
            raise _core.ParseError(
                f"[text.invalid_utf8] the text cannot be encoded as UTF-8 (character {err.start})") from None
        raise


def extract_file(path: str | os.PathLike[str], encoding: str | None = None) -> Plan:
    """Reads and extracts one file.

    ``encoding`` is ``None`` to detect (UTF-8 with or without BOM, else
    GB18030, which covers GBK and GB2312) or one of ``"utf-8"``,
    ``"gb18030"``, ``"gbk"``, ``"gb2312"``. Spans index into the file's text
    as UTF-8 (after conversion, without a BOM).
    """
    return _core.extract_file(os.fspath(path), encoding or "")


def extract_many(
    paths: Iterable[str | os.PathLike[str]],
    threads: int | None = None,
    *,
    progress: bool | Callable[[int, int], None] | None = None,
) -> list[Plan]:
    """Extracts many files in parallel, results in input order.

    ``threads=None`` uses all cores. ``progress`` is ``None`` for a bar on
    stderr when stderr is a terminal, ``True``/``False`` to force it, or a
    callable ``(done, total)``. The first failing file's error is raised.
    """
    files = [os.fspath(p) for p in paths]
    if threads is not None and threads < 0:
        raise ValueError("threads must be >= 0 (0 or None: all cores)")
    if callable(progress):
        return _core.extract_many(files, threads or 0, progress)
    # Default: a bar only on a terminal and only when there is more than one file.
    bar = ProgressBar(len(files), enabled=(sys.stderr.isatty() and len(files) > 1) if progress is None else progress)
    try:
        return _core.extract_many(files, threads or 0, bar if bar.enabled else None)
    finally:
        bar.close()


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
    }
