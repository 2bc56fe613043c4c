"""Extraction: read the text of a Chinese health plan into a :class:`Plan`.

The work is done in C++ (``healthplan._core``); these wrappers add Python
conveniences: ``os.PathLike`` paths and a progress bar for many files.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable

from . import _core
from ._progress import ProgressBar
from .model import Plan

__all__ = ["extract", "extract_file", "extract_many"]


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
        return Plan._wrap(_core.extract(text, name or ""))
    except TypeError:
        # pybind11 refuses a str it cannot encode (lone surrogates); say where.
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as err:
            raise _core.ParseError(
                f"[text.invalid_utf8] the text cannot be encoded as UTF-8 (character {err.start})"
            ) from None
        raise


def extract_file(path: str | os.PathLike[str], encoding: str | None = None) -> Plan:
    """Reads and extracts one file.

    ``encoding`` is ``None`` to detect (UTF-8 with or without BOM, else
    GB18030, which covers GBK and GB2312) or one of ``"utf-8"``,
    ``"gb18030"``, ``"gbk"``, ``"gb2312"``. Spans index into the file's text
    as UTF-8 (after conversion, without a BOM).
    """
    return Plan._wrap(_core.extract_file(os.fspath(path), encoding or ""))


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
        return [Plan._wrap(p) for p in _core.extract_many(files, threads or 0, progress)]
    # Default: a bar only on a terminal and only when there is more than one file.
    bar = ProgressBar(len(files), enabled=(sys.stderr.isatty() and len(files) > 1) if progress is None else progress)
    try:
        return [Plan._wrap(p) for p in _core.extract_many(files, threads or 0, bar if bar.enabled else None)]
    finally:
        bar.close()
