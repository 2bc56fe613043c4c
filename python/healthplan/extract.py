"""Extraction: read the text of a Chinese health plan into a :class:`Plan`.

The work is done in C++ (``healthplan._core``); these wrappers add Python
conveniences: ``os.PathLike`` paths and a progress bar for many files.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable

from . import _core, _documents
from ._plan_ids import assign_readable_ids
from ._progress import ProgressBar
from .model import Plan

__all__ = ["ExtractLimits", "extract", "extract_file", "extract_many"]

#: The target grammar's limits in UTF-8 bytes (how far a name, a carried
#: indicator, a target's evidence or a look-back may reach); see
#: docs/extraction.md. ``ExtractLimits(name_bytes=150)`` sets a field by keyword.
ExtractLimits = _core.ExtractLimits


def extract(text: str, name: str | None = None, *, limits: ExtractLimits | None = None) -> Plan:
    """Extracts a plan from its text.

    ``name`` is recorded as the plan's source name (and id). Spans are byte
    offsets into ``text.encode("utf-8")``. ``limits`` overrides the grammar's
    limits (:class:`ExtractLimits`; the defaults when ``None``). Raises
    :class:`ParseError` when the text cannot be encoded as UTF-8 (lone
    surrogates). The GIL is released while the C++ extractor runs.
    """
    if not isinstance(text, str):
        raise TypeError(f"extract() needs str, not {type(text).__name__}; use extract_file for bytes on disk")
    try:
        return Plan._wrap(_core.extract(text, name or "", "text", "", limits or ExtractLimits()))
    except TypeError:
        # pybind11 refuses a str it cannot encode (lone surrogates); say where.
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as err:
            raise _core.ParseError(
                f"[text.invalid_utf8] the text cannot be encoded as UTF-8 (character {err.start})"
            ) from None
        raise


def extract_file(
    path: str | os.PathLike[str], encoding: str | None = None, *, limits: ExtractLimits | None = None
) -> Plan:
    """Reads and extracts one document: text, an HTML page, a Word .docx or a PDF.

    The format is told from the content, not the name. Text: ``encoding`` is
    ``None`` to detect (UTF-8 with or without BOM, UTF-16 with BOM, else
    GB18030, which covers GBK and GB2312) or one of ``"utf-8"``,
    ``"utf-16le"``, ``"utf-16be"``, ``"gb18030"``, ``"gbk"``, ``"gb2312"``;
    spans index into the text as UTF-8. HTML, DOCX and PDF are read into text
    (``plan.source.text``, which the spans index into; ``plan.source.format``
    says which). Formats that cannot be read (``.doc``, ``.xls``, images, scans,
    a plan ``.json``) raise :class:`ParseError` saying how to convert them.
    ``limits`` overrides the grammar's limits (:class:`ExtractLimits`).
    """
    p = os.fspath(path)
    if _is_text(p):
        plan = Plan._wrap(_core.extract_file(p, encoding or "", limits or ExtractLimits()))
    else:
        plan = _extract_document(p, encoding, limits)
    assign_readable_ids([plan])  # place-title-year, not the file name (healthplan/_plan_ids.py)
    return plan


def _is_text(path: str) -> bool:
    """True for a file the C++ reader takes as it is (text in some encoding).

    Only a regular file is opened here: opening a FIFO would block and a device
    would never end, so anything else goes to the C++ reader, which refuses it
    with its own id (io.missing, io.not_a_file).
    """
    import stat

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return True
        with open(path, "rb") as f:
            head = f.read(1 << 16)
    except OSError:
        return True  # the C++ reader names the problem
    return _documents.sniff(head) == "text"


def _extract_document(path: str, encoding: str | None, limits: ExtractLimits | None = None) -> Plan:
    doc = _documents.read_document(path, encoding)
    return Plan._wrap(
        _core.extract(doc.text, os.path.basename(path), doc.format, doc.encoding, limits or ExtractLimits())
    )


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
    plans = _extract_many([os.fspath(p) for p in paths], threads, progress)
    assign_readable_ids(plans)  # place-title-year, unique in the batch (healthplan/_plan_ids.py)
    return plans


def _extract_many(
    files: list[str], threads: int | None, progress: bool | Callable[[int, int], None] | None
) -> list[Plan]:
    if threads is not None and threads < 0:
        raise ValueError("threads must be >= 0 (0 or None: all cores)")
    # Text goes to the C++ reader in parallel; HTML, DOCX and PDF are read here first.
    documents = [f for f in files if not _is_text(f)]
    if documents:
        texts = [f for f in files if f not in set(documents)]
        done = {f: _extract_document(f, None) for f in documents}
        done.update(zip(texts, _extract_many(texts, threads, progress) if texts else []))
        return [done[f] for f in files]
    if callable(progress):
        return [Plan._wrap(p) for p in _core.extract_many(files, threads or 0, progress)]
    # Default: a bar only on a terminal and only when there is more than one file.
    bar = ProgressBar(len(files), enabled=(sys.stderr.isatty() and len(files) > 1) if progress is None else progress)
    try:
        return [Plan._wrap(p) for p in _core.extract_many(files, threads or 0, bar if bar.enabled else None)]
    finally:
        bar.close()
