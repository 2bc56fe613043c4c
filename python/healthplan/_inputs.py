"""The files a batch command or the report reads: plan JSON files and documents.

Shared by the command line and :mod:`healthplan.report`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .model import Plan

PLAN_SUFFIXES = (".json",)
TEXT_SUFFIXES = (".txt", ".text")


def list_inputs(paths: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """The files ``paths`` stand for: ``.json`` plans and ``.txt`` documents; a folder
    stands for those in it (sorted). Anything else is an error naming the path."""
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.suffix.lower() in PLAN_SUFFIXES + TEXT_SUFFIXES)
            if not found:
                raise ValueError(f"{p}: no .json plans or .txt documents in this folder")
            files.extend(found)
        elif not p.exists():
            raise FileNotFoundError(f"{p}: no such file")
        elif p.suffix.lower() in PLAN_SUFFIXES + TEXT_SUFFIXES:
            files.append(p)
        else:
            raise ValueError(f"{p}: expected a plan .json or a document .txt, not '{p.suffix or 'no suffix'}'")
    return files


def read_plans(files: Sequence[Path], *, progress: Callable[[int, int], None] | bool | None = False) -> list[Plan]:
    """Plans from ``.json`` plan files and ``.txt`` documents, in input order.

    Documents are extracted in parallel (``healthplan.extract_many``);
    ``progress`` is passed on to it (a callable ``(done, total)``, or a bool).
    """
    from .extract import extract_many
    from .model import load

    texts = [f for f in files if f.suffix.lower() in TEXT_SUFFIXES]
    extracted = dict(zip(texts, extract_many(texts, progress=progress))) if texts else {}
    return [extracted[f] if f in extracted else load(f) for f in files]
