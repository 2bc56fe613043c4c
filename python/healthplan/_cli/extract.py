"""``healthplan extract``, ``healthplan targets`` and ``healthplan tasks``.

``targets`` and ``tasks`` print one JSON object per line in the gold format
(the shared scorers read it directly); ``doc`` is the input's base name and
``span`` is ``[begin, end]`` in bytes of the document's UTF-8 text.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Plan

from ..extract import extract_file, extract_many
from .records import target_record, task_record


def _add_input(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "files", nargs="+", metavar="FILE", help="plan text (UTF-8 or GB18030/GBK), or a folder of .txt documents"
    )
    p.add_argument("--encoding", default=None, help="input encoding (default: detect)")


def _documents(paths: list[str]) -> list[Path]:
    """The documents named: files, and the ``.txt`` documents of a folder (sorted).
    A plan JSON file is an error: these commands read plan texts."""
    from .._inputs import TEXT_SUFFIXES

    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES)
            if not found:
                raise ValueError(f"{p}: no .txt plan documents in this folder")
            files.extend(found)
        elif p.suffix.lower() == ".json":
            raise ValueError(
                f"{p}: a plan JSON file, not a plan text; this command extracts from documents "
                "(for a plan file use `healthplan show --format json`)"
            )
        else:
            # Missing files, FIFOs, devices and oversized inputs are refused by the
            # core's reader, each with its own id (io.missing, io.not_a_file, text.too_large).
            files.append(p)
    return files


def _plans(args: argparse.Namespace) -> list[tuple[Path, Plan]]:
    files = _documents(args.files)
    if args.encoding or len(files) == 1:
        return [(f, extract_file(f, args.encoding)) for f in files]
    return list(zip(files, extract_many(files)))


def _cmd_extract(args: argparse.Namespace) -> int:
    from .._files import write_atomic

    out = Path(args.output)
    plans = _plans(args)  # every input read first: a bad one leaves no output folder behind
    out.mkdir(parents=True, exist_ok=True)
    for path, plan in plans:
        base = path.name[: -len(path.suffix)] if path.suffix else path.name
        target = out / f"{base}.plan.json"
        # The same atomic writer as plan.save, told the inputs so none is overwritten.
        write_atomic(target, plan.to_json() + "\n", inputs=[f for f, _ in plans])
        if not args.quiet:
            print(
                f"{target}: {len(plan.targets)} targets, {len(plan.tasks)} tasks, {len(plan.indicators)} indicators",
                file=sys.stderr,
            )
    return 0


def _print_records(records: Iterable[dict[str, Any]]) -> None:
    write = sys.stdout.write
    for r in records:
        write(json.dumps(r, ensure_ascii=False) + "\n")


def _cmd_targets(args: argparse.Namespace) -> int:
    for path, plan in _plans(args):
        _print_records(target_record(t, path.name) for t in plan.targets)
    return 0


def _cmd_tasks(args: argparse.Namespace) -> int:
    for path, plan in _plans(args):
        tasks = plan.tasks
        if not args.all:
            tasks = [t for t in tasks if t.lead or t.responsible or t.others]
        _print_records(task_record(t, path.name) for t in tasks)
    return 0


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("extract", help="extract plan JSON from plan texts")
    _add_input(p)
    p.add_argument(
        "-o", "--output", default=".", metavar="DIR", help="directory for <base>.plan.json (default: current directory)"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("targets", help="print each target as one JSON line (gold format)")
    _add_input(p)
    p.set_defaults(func=_cmd_targets)

    p = sub.add_parser("tasks", help="print each task with its responsible units as one JSON line")
    _add_input(p)
    p.add_argument("--all", action="store_true", help="also tasks without named units")
    p.set_defaults(func=_cmd_tasks)
