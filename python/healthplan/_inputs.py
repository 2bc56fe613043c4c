"""The files a batch command or the report reads: plan JSON files and documents.

Shared by the command line and :mod:`healthplan.report`. A named file is
always read (and its error reported); a folder stands for the documents and
plans in it, and what in it is not read is listed as skipped, with the reason.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ._documents import _error

if TYPE_CHECKING:  # pragma: no cover
    from .model import Plan

PLAN_SUFFIXES = (".json",)
#: Documents by name; the format itself is told from the content.
DOCUMENT_SUFFIXES = (".txt", ".text", ".html", ".htm", ".shtml", ".xhtml", ".mht", ".mhtml", ".docx", ".pdf")
TEXT_SUFFIXES = DOCUMENT_SUFFIXES  # kept for callers of the earlier name
#: Formats a user may drop in a folder that are reported as skipped, with how to convert them.
_CONVERT = {
    ".doc": "old Word .doc: convert it, e.g. soffice --headless --convert-to docx FILE",
    ".wps": "WPS document: convert it, e.g. soffice --headless --convert-to docx FILE",
    ".xls": "spreadsheet: save the sheet as text or .docx first (soffice --headless --convert-to docx FILE)",
    ".xlsx": "spreadsheet: save the sheet as text or .docx first (soffice --headless --convert-to docx FILE)",
    ".et": "WPS spreadsheet: convert it first (soffice --headless --convert-to docx FILE)",
    ".odt": "OpenDocument text: convert it, e.g. soffice --headless --convert-to docx FILE",
    ".rtf": "RTF: convert it, e.g. soffice --headless --convert-to docx FILE",
    ".png": "image (a scan): run OCR first",
    ".jpg": "image (a scan): run OCR first",
    ".jpeg": "image (a scan): run OCR first",
    ".tif": "image (a scan): run OCR first",
    ".tiff": "image (a scan): run OCR first",
}


@dataclass
class Inputs:
    """What a list of paths stands for."""

    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # path, why


def collect_inputs(paths: Sequence[str | os.PathLike[str]], *, plans: bool = True) -> Inputs:
    """Files and folders → the files to read, and what a folder held that is not read.

    ``plans=False`` (extraction commands): a plan ``.json`` is not a document;
    named, it is an error, in a folder it is skipped.
    """
    out = Inputs()
    wanted = DOCUMENT_SUFFIXES + (PLAN_SUFFIXES if plans else ())
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            entries = sorted(f for f in p.iterdir() if not f.name.startswith("."))
            for f in entries:
                suffix = f.suffix.lower()
                if f.is_dir():
                    out.skipped.append((f, "a folder (folders are not read recursively)"))
                elif suffix in wanted:
                    out.files.append(f)
                elif suffix in PLAN_SUFFIXES:
                    out.skipped.append((f, "a plan .json, not a document to extract"))
                elif suffix in _CONVERT:
                    out.skipped.append((f, _CONVERT[suffix]))
                else:
                    out.skipped.append((f, f"not a plan document ('{suffix or 'no suffix'}')"))
            if not any(f.parent == p for f in out.files):
                kinds = ".json plans or documents" if plans else "documents"
                raise _error("io.not_a_file", f"a folder with no {kinds} (.txt, .html, .docx, .pdf) in it", str(p))
        elif not p.exists():
            raise _error("io.missing", "no such file", str(p))
        elif not plans and p.suffix.lower() in PLAN_SUFFIXES:
            raise ValueError(f"{p}: a plan .json, not a document; give the plan text (.txt, .html, .docx, .pdf)")
        else:
            # A named file is read whatever its name: the reader tells its format
            # from the content and says why when it cannot read it.
            out.files.append(p)
    return out


def list_inputs(paths: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """The files ``paths`` stand for: ``.json`` plans and documents; a folder
    stands for those in it (sorted). A missing path is an error naming it."""
    return collect_inputs(paths).files


def read_plans(
    files: Sequence[Path],
    *,
    progress: Callable[[int, int], None] | bool | None = False,
    failures: list[tuple[Path, str]] | None = None,
) -> list[Plan]:
    """Plans from ``.json`` plan files and documents, in input order.

    Documents are extracted in parallel (``healthplan.extract_many``);
    ``progress`` is passed on to it (a callable ``(done, total)``, or a bool).
    With ``failures`` (a list), a file that cannot be read is appended to it
    with the error, and the others are still read (``--keep-going``);
    without it, the first error is raised.
    """
    from ._plan_ids import assign_readable_ids
    from .extract import extract_file, extract_many
    from .model import load

    docs = [f for f in files if f.suffix.lower() not in PLAN_SUFFIXES]
    extracted: dict[Path, Plan] = {}
    loaded: dict[Path, Plan] = {}
    if failures is None:
        extracted = dict(zip(docs, extract_many(docs, progress=progress))) if docs else {}
        loaded = {f: load(f) for f in files if f not in extracted}
    else:
        for f in files:
            try:
                if f in docs:
                    extracted[f] = extract_file(f)
                else:
                    loaded[f] = load(f)
            except (ValueError, OSError) as err:
                failures.append((f, str(err)))
    # Extracted plans get readable ids unique in the whole batch; a plan file keeps its own id.
    assign_readable_ids(list(extracted.values()), taken=[p.id for p in loaded.values()])
    return [extracted[f] if f in extracted else loaded[f] for f in files if f in extracted or f in loaded]


def report_skipped(inputs: Inputs, write: Callable[[str], object]) -> None:
    """One line per skipped file: ``healthplan: skipped PATH: why``."""
    for path, why in inputs.skipped:
        write(f"healthplan: skipped {path}: {why}\n")
